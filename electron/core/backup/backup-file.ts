import { createHash } from 'node:crypto'
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { z } from 'zod'
import type { BackupKind } from '../../../shared/domain/backups'
import { AppError } from '../api/app-error'
import { vaultSchema, type VaultData } from '../vault/vault-format'
import { fsyncDir } from '../vault/vault-file'
import { dirname } from 'node:path'
import { anchorSchema } from '../audit/anchors'

/**
 * A backup is one file: a short header in JSON (which school, when, the schema version, a copy
 * of the vault so a backup alone can rebuild a lost computer, the SHA-256 of the database part)
 * followed by the database exactly as SQLCipher encrypted it. Nothing in it is readable without
 * a password or the recovery key. Layout: MAGIC, header length (uint32 BE), header, database.
 */
const MAGIC = Buffer.from('OSR-BACKUP\n', 'ascii')
const MAX_HEADER = 16 * 1024 * 1024
const CHUNK = 1024 * 1024

const headerSchema = z.object({
  format: z.literal('online-safety-register/backup'),
  version: z.literal(1),
  kind: z.enum(['daily', 'weekly', 'monthly', 'on-lock', 'manual']),
  createdAt: z.string(),
  appVersion: z.string(),
  schoolId: z.string(),
  schemaVersion: z.number().int(),
  auditHeadId: z.number().int(),
  /** The heads of the audit trail and the incident log in this copy (backups made before anchors have none). */
  anchor: anchorSchema.optional(),
  dbBytes: z.number().int().nonnegative(),
  dbSha256: z.string().regex(/^[0-9a-f]{64}$/),
  vault: vaultSchema,
})

export type BackupHeader = z.infer<typeof headerSchema>

export const BACKUP_EXTENSION = '.osrbackup'

function hashFile(file: string): string {
  const hash = createHash('sha256')
  const fd = openSync(file, 'r')
  const buf = Buffer.allocUnsafe(CHUNK)
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null)
      if (n === 0) break
      hash.update(buf.subarray(0, n))
    }
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

/** Writes header + database into `target`, through a temporary file, flushed before renaming. */
export function writeBackupFile(
  target: string,
  databaseCopy: string,
  meta: Omit<BackupHeader, 'format' | 'version' | 'dbBytes' | 'dbSha256'> & { vault: VaultData; kind: BackupKind },
): number {
  const header: BackupHeader = {
    format: 'online-safety-register/backup',
    version: 1,
    ...meta,
    dbBytes: statSync(databaseCopy).size,
    dbSha256: hashFile(databaseCopy),
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(headerBytes.length)
  const partial = `${target}.partial`
  const out = openSync(partial, 'w', 0o600)
  try {
    for (const part of [MAGIC, len, headerBytes]) writeAll(out, part)
    const src = openSync(databaseCopy, 'r')
    const buf = Buffer.allocUnsafe(CHUNK)
    try {
      for (;;) {
        const n = readSync(src, buf, 0, CHUNK, null)
        if (n === 0) break
        writeAll(out, buf.subarray(0, n))
      }
    } finally {
      closeSync(src)
    }
    fsyncSync(out)
    closeSync(out)
    renameSync(partial, target)
    fsyncDir(dirname(target))
  } catch (err) {
    try {
      closeSync(out)
    } catch {
      // already closed
    }
    rmSync(partial, { force: true })
    throw writeError(err)
  }
  return statSync(target).size
}

/** True when the bytes begin as a backup file does. */
export function looksLikeBackup(start: Buffer): boolean {
  return start.subarray(0, MAGIC.length).equals(MAGIC)
}

function openBackup(file: string): number {
  try {
    return openSync(file, 'r')
  } catch {
    throw new AppError('not-found', 'That backup file could not be found or opened. Check the path (and that the USB stick is plugged in).')
  }
}

/** Reads and checks the header of an open backup file; returns it and where the database part starts. */
function readHeader(fd: number): { header: BackupHeader; start: number } {
  if (!fstatSync(fd).isFile()) throw new AppError('validation', 'That is a folder, not a backup file. Choose the backup file inside it.', 'file')
  const head = Buffer.alloc(MAGIC.length + 4)
  if (readSync(fd, head, 0, head.length, 0) < head.length || !looksLikeBackup(head)) {
    throw new AppError('validation', 'That file is not an Online Safety Register backup.', 'file')
  }
  const headerLength = head.readUInt32BE(MAGIC.length)
  if (headerLength > MAX_HEADER) throw damaged()
  const headerBytes = Buffer.alloc(headerLength)
  if (readSync(fd, headerBytes, 0, headerLength, head.length) < headerLength) throw damaged()
  try {
    return { header: headerSchema.parse(JSON.parse(headerBytes.toString('utf8'))), start: head.length + headerLength }
  } catch {
    throw damaged()
  }
}

/**
 * The header alone, without reading the database part: enough to compare the register with
 * the backup's anchor, and quick for every backup in the folder.
 */
export function readBackupHeader(file: string): BackupHeader {
  const fd = openBackup(file)
  try {
    return readHeader(fd).header
  } finally {
    closeSync(fd)
  }
}

/** Reads and checks a backup's header and database part; extracts the database to `extractTo`. */
export function readBackupFile(file: string, extractTo?: string): BackupHeader {
  const fd = openBackup(file)
  try {
    const { header, start } = readHeader(fd)
    if (statSync(file).size !== start + header.dbBytes) throw damaged()

    const hash = createHash('sha256')
    const out = extractTo ? openSync(extractTo, 'w', 0o600) : null
    const buf = Buffer.allocUnsafe(CHUNK)
    let pos = start
    try {
      for (;;) {
        const n = readSync(fd, buf, 0, CHUNK, pos)
        if (n === 0) break
        pos += n
        hash.update(buf.subarray(0, n))
        if (out !== null) writeAll(out, buf.subarray(0, n))
      }
      if (out !== null) fsyncSync(out)
    } finally {
      if (out !== null) closeSync(out)
    }
    if (hash.digest('hex') !== header.dbSha256) {
      if (extractTo) rmSync(extractTo, { force: true })
      throw damaged()
    }
    return header
  } finally {
    closeSync(fd)
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
}

function damaged(): AppError {
  return new AppError('validation', 'That backup file is damaged or incomplete, so it cannot be used. Try another backup.', 'file')
}

export function writeError(err: unknown): AppError {
  if (err instanceof AppError) return err
  const code = (err as { code?: string }).code ?? ''
  // The snapshot is made by SQLite in the data folder first (VACUUM INTO): its codes mean that folder.
  if (code === 'SQLITE_FULL') {
    return new AppError('internal', 'The backup could not be made because this computer’s disk is full. Nothing was changed. Free some space on it, then try again.')
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code.startsWith('SQLITE_IOERR')) {
    return new AppError('internal', 'The backup could not be made because the register’s own folder on this computer cannot be written (it may be read-only or failing). Nothing was changed. Ask your IT support to check the disk.')
  }
  if (code === 'ENOSPC') {
    return new AppError('internal', 'The backup could not be written because the disk or USB stick is full. Nothing else was changed. Free some space or choose another place, then try again.')
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('internal', 'The backup could not be written there: the folder is read-only or you do not have permission. Choose another folder.')
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AppError('not-found', 'That folder does not exist. Check the path (and that the USB stick is plugged in).')
  }
  return new AppError('internal', 'The backup could not be written. Nothing else was changed. Please try again, or choose another place.')
}
