import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, fsyncSync, closeSync, openSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { basename, dirname, join, relative, sep } from 'node:path'
import { holdsRegister } from '../store/paths'
import { writeDurably } from '../vault/vault-file'
import { checkDataFolder, type FolderProbe } from './check-folder'
import { IN_USE_FILE, openByApp } from './in-use'
import { currentDataFolder, defaultDataFolder, POINTER_FILE, samePath, writePointer, type Machine } from './location'

/** Left in the new folder after a move: which retired copy to remove after the next sign-in there. */
export const MOVED_FROM_FILE = 'moved-from.json'
/** Inside a retired copy, so that nothing but a retired copy is ever removed on the strength of MOVED_FROM_FILE. */
const RETIRED_MARKER = '.moved-away'
const RETIRED_PREFIX = 'moved-away-'

/** A move that did not happen: the message says so and where the records still are. */
export class MoveRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MoveRefused'
  }
}

export interface MoveProgress {
  copiedBytes: number
  totalBytes: number
  /** The file being copied, relative to the data folder. */
  file: string
}

export interface MoveOptions {
  machine: Machine
  probe?: FolderProbe
  now?: () => Date
  onProgress?: (progress: MoveProgress) => void
  /** Move only the register's own files, from a folder other programs share (Electron's user-data folder). */
  registerFilesOnly?: boolean
}

/** The register's own files and folders, by name, at the top of its folder. */
const REGISTER_ENTRY = /^(register\.db(-wal|-shm|-journal)?|vault(\.previous|\.next)?\.json|sign-in-attempts\.json|setup-in-progress|backups|logs)$/

export interface MoveResult {
  dataDir: string
  files: number
  bytes: number
  /** Where the old files were put aside until the next sign-in at the new place (null if they could not be). */
  retiredCopy: string | null
}

/** Whole copies of the register left by an interrupted backup, restore or key rotation: removed at sign-in, never worth moving. */
const LEFTOVER = /^\.(snapshot|inspect|restore|rekey)-.*\.db(-wal|-shm|-journal)?$/

/**
 * Moves the register from one folder to another. The caller must have locked it (the database
 * closed, so register.db holds everything and no -wal is being written).
 *
 * Every file is copied, flushed to disk and read back; its SHA-256 must equal the hash of the
 * bytes read from the old folder. Only then does the pointer in the default folder change (one
 * rename), and only then are the old files put aside in `moved-away-<time>/` in the old folder,
 * which the first sign-in at the new place removes. A failure before the pointer changes
 * removes the partial copy and leaves the old folder in use.
 */
export async function moveDataFolder(from: string, to: string, options: MoveOptions): Promise<MoveResult> {
  const { machine } = options
  const now = options.now ?? (() => new Date())
  const stillThere = `The records were not moved: they are still in ${from} and the app keeps using them.`

  const refusal = await moveRefusal(from, to, options)
  if (refusal) throw new MoveRefused(refusal)
  if (!holdsRegister(from)) throw new MoveRefused(`There is no register in ${from} to move.`)
  const app = openByApp(from)
  if (app !== null) throw new MoveRefused(`The app has the register open (process ${app}). Close the app on this computer first, or move the records from its Settings screen.`)

  const { files, dirs } = listRegister(from, options.registerFilesOnly ? REGISTER_ENTRY : null)
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0)
  const createdTarget = !existsSync(to)
  let copiedBytes = 0
  try {
    mkdirSync(to, { recursive: true })
    for (const dir of dirs) mkdirSync(join(to, dir), { recursive: true })
    for (const file of files) {
      options.onProgress?.({ copiedBytes, totalBytes, file: file.relative })
      const target = join(to, file.relative)
      mkdirSync(dirname(target), { recursive: true })
      const readHash = await copyHashing(join(from, file.relative), target)
      if ((await hashFile(target)) !== readHash) throw new Error(`the copy of ${file.relative} does not match the original`)
      copiedBytes += file.size
    }
    options.onProgress?.({ copiedBytes, totalBytes, file: '' })
  } catch (err) {
    removePartialCopy(to, createdTarget)
    throw new MoveRefused(`${copyFailure(err)} ${stillThere}`)
  }

  // From here the new folder is the register: the pointer says so (if this is the register the
  // computer's app opens; a folder named by hand elsewhere leaves the app's register alone).
  try {
    if (samePath(from, currentDataFolder(machine).dataDir)) writePointer(defaultDataFolder(machine), to, now())
  } catch (err) {
    removePartialCopy(to, createdTarget)
    throw new MoveRefused(`The copy was made but the new place could not be recorded (${copyFailure(err)}). ${stillThere}`)
  }

  let retiredCopy: string | null = null
  try {
    retiredCopy = retire(from, [...dirs, ...files.map((f) => f.relative)], now())
    writeDurably(join(to, MOVED_FROM_FILE), JSON.stringify({ folder: retiredCopy }, null, 2))
  } catch {
    // The records are safely in the new place; a stale copy left behind is tidied by hand.
  }
  return { dataDir: to, files: files.length, bytes: totalBytes, retiredCopy }
}

/**
 * Why the register cannot be moved from one folder to the other, before anything is copied
 * (the same folder, one inside the other, a synced or network folder, a folder with files in
 * it), or null when it can. For the Settings screen to explain a choice before asking to confirm.
 */
export async function moveRefusal(from: string, to: string, options: { machine: Machine; probe?: FolderProbe | undefined }): Promise<string | null> {
  const stillThere = `The records were not moved: they are still in ${from}.`
  if (samePath(from, to)) return `The records are already in ${to}.`
  if (isWithin(to, from) || isWithin(from, to)) return `${to} is inside the current data folder, or holds it. Choose a folder outside ${from}. ${stillThere}`
  const check = await checkDataFolder(to, options.machine, options.probe)
  if (!check.ok) return `${check.reason} ${stillThere}`
  const existing = existsSync(to) ? entriesOf(to).filter((name) => name !== POINTER_FILE) : []
  if (existing.length > 0) return `${to} is not empty. Choose an empty folder (or make a new one) so that nothing in it is mixed up with the records. ${stillThere}`
  return null
}

/**
 * After a sign-in at the new place has proved the moved register opens: removes the old copy
 * that the move put aside. Only a folder the move itself marked is ever removed.
 */
export function removeOldCopyAfterMove(dataDir: string): string | null {
  const note = join(dataDir, MOVED_FROM_FILE)
  if (!existsSync(note)) return null
  const folder = (JSON.parse(readFileSync(note, 'utf8')) as { folder?: unknown }).folder
  if (typeof folder === 'string' && basename(folder).startsWith(RETIRED_PREFIX) && existsSync(join(folder, RETIRED_MARKER))) {
    rmSync(folder, { recursive: true, force: true })
  }
  rmSync(note, { force: true })
  return typeof folder === 'string' ? folder : null
}

interface FileEntry {
  relative: string
  size: number
}

function entriesOf(dir: string): string[] {
  return readdirSync(dir)
}

/** Every file and folder of the register, relative to its folder: not the pointer, not an earlier retired copy, not interrupted-work leftovers. */
function listRegister(root: string, only: RegExp | null): { files: FileEntry[]; dirs: string[] } {
  const files: FileEntry[] = []
  const dirs: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      const rel = relative(root, full)
      if (dir === root && (entry.name === POINTER_FILE || entry.name.startsWith(RETIRED_PREFIX) || entry.name === MOVED_FROM_FILE || entry.name === IN_USE_FILE)) continue
      if (LEFTOVER.test(entry.name) || (dir === root && only && !only.test(entry.name))) continue
      if (entry.isDirectory()) {
        dirs.push(rel)
        walk(full)
      } else if (entry.isFile()) files.push({ relative: rel, size: statSync(full).size })
    }
  }
  walk(root)
  return { files, dirs }
}

/** Copies one file (never over an existing one) and returns the SHA-256 of the bytes read. */
async function copyHashing(source: string, target: string): Promise<string> {
  const hash = createHash('sha256')
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk)
      done(null, chunk)
    },
  })
  await pipeline(createReadStream(source), tap, createWriteStream(target, { flags: 'wx', mode: 0o600 }))
  const fd = openSync(target, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function removePartialCopy(to: string, createdTarget: boolean): void {
  try {
    if (createdTarget) {
      rmSync(to, { recursive: true, force: true })
      return
    }
    for (const name of readdirSync(to)) if (name !== POINTER_FILE) rmSync(join(to, name), { recursive: true, force: true })
  } catch {
    // Nothing in the new folder is in use; what could not be removed is harmless.
  }
}

/** Puts the moved files aside in one folder inside the old one, so nothing can open the stale copy by mistake. */
function retire(from: string, moved: string[], when: Date): string {
  const folder = join(from, `${RETIRED_PREFIX}${when.toISOString().replace(/[:.]/g, '-')}`)
  mkdirSync(folder)
  writeFileSync(join(folder, RETIRED_MARKER), `The register was moved on ${when.toISOString()}. This old copy is removed after the next sign-in.\n`)
  const tops = new Set(moved.map((rel) => rel.split(sep)[0]!))
  for (const name of tops) renameSync(join(from, name), join(folder, name))
  return folder
}

function isWithin(child: string, parent: string): boolean {
  const rel = relative(parent, child)
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel)
}

function copyFailure(err: unknown): string {
  const code = (err as { code?: string }).code ?? ''
  if (code === 'ENOSPC') return 'The new folder’s disk is full.'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'The new folder is read-only or you do not have permission to write there.'
  if (code === 'ENOENT') return 'A file of the register disappeared while it was being copied (is another copy of the app or the command line using it?).'
  if (code === 'EEXIST') return 'The new folder gained a file while the records were being copied into it.'
  return `The copy failed: ${err instanceof Error ? err.message : String(err)}.`
}
