import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../api/app-error'
import { vaultSchema, type VaultData } from './vault-format'

export const VAULT_FILE = 'vault.json'
export const VAULT_PREVIOUS_FILE = 'vault.previous.json'

export interface LoadedVault {
  data: VaultData
  /** True when vault.json was missing or damaged and the previous copy was used instead. */
  fromPreviousCopy: boolean
}

export function vaultExists(dataDir: string): boolean {
  return existsSync(join(dataDir, VAULT_FILE)) || existsSync(join(dataDir, VAULT_PREVIOUS_FILE))
}

/**
 * Reads the vault, falling back to the previous copy kept by the last write when the file is
 * missing or damaged (a crash or a bad disk block must not lock the school out of its records).
 */
export function readVault(dataDir: string): LoadedVault {
  const current = tryRead(join(dataDir, VAULT_FILE))
  if (current.data) return { data: current.data, fromPreviousCopy: false }
  const previous = tryRead(join(dataDir, VAULT_PREVIOUS_FILE))
  if (previous.data) return { data: previous.data, fromPreviousCopy: true }
  if (current.missing && previous.missing) {
    throw new AppError(
      'not-found',
      'The key file (vault.json) is missing from the data folder, so the records cannot be opened. Nothing has been deleted. ' +
        'Put vault.json back from a copy of the data folder, or restore a backup with the command line tool, or ask your IT support.',
    )
  }
  throw new AppError(
    'internal',
    'The key file (vault.json) is damaged and so is its previous copy, so the records cannot be opened. Nothing has been deleted. ' +
      'Restore a backup, or ask your IT support.',
  )
}

/** Parses vault JSON from any source (a file, a backup) with the same checks. */
export function parseVault(text: string): VaultData | null {
  try {
    const parsed = vaultSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function tryRead(file: string): { data: VaultData | null; missing: boolean } {
  if (!existsSync(file)) return { data: null, missing: true }
  try {
    return { data: parseVault(readFileSync(file, 'utf8')), missing: false }
  } catch {
    return { data: null, missing: false }
  }
}

/**
 * Writes the vault so that a crash at any moment leaves a whole vault on disk: the new text goes
 * to a temporary file that is flushed, the current file becomes the previous copy, and the new
 * one is renamed into place (rename is atomic on the same volume).
 */
export function writeVault(dataDir: string, data: VaultData): void {
  const target = join(dataDir, VAULT_FILE)
  writeDurably(`${target}.tmp`, JSON.stringify(data, null, 2))
  // Keep the current file as the previous copy only if it is whole: a damaged vault.json must
  // never overwrite the good copy that was just used in its place.
  if (existsSync(target) && tryRead(target).data) {
    const prevTmp = join(dataDir, `${VAULT_PREVIOUS_FILE}.tmp`)
    copyFileSync(target, prevTmp)
    fsyncFile(prevTmp)
    renameSync(prevTmp, join(dataDir, VAULT_PREVIOUS_FILE))
  }
  renameSync(`${target}.tmp`, target)
  fsyncDir(dirname(target))
}

export function writeDurably(file: string, text: string | Buffer): void {
  const fd = openSync(file, 'w', 0o600)
  try {
    const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
    let off = 0
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export function fsyncDir(dir: string): void {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
