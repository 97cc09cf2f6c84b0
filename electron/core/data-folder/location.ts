import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { writeDurably } from '../vault/vault-file'

/** What the data-folder functions need to know about the computer; the app passes process.platform and process.env. */
export interface Machine {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
}

export const FOLDER_NAME = 'Online Safety Register'
/** The pointer to a moved register, kept in the default folder (readable before anything opens). */
export const POINTER_FILE = 'location.json'

/** Path functions for the machine's own rules, so Windows paths can be tested on Linux. */
export function pathsFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix
}

/**
 * Where the register lives on this computer unless it has been moved. One folder per machine,
 * so every member of staff signing in to Windows with their own account opens the same register:
 * - Windows: %ProgramData%\Online Safety Register (C:\ProgramData\… when the variable is missing);
 * - macOS: /Users/Shared/Online Safety Register (the folder macOS shares between accounts);
 * - Linux (development and servers; the app is not shipped for it): $XDG_DATA_HOME/Online Safety Register,
 *   else ~/.local/share/Online Safety Register — per user, because no per-machine folder is writable
 *   without root. A server names its folder with the CLI's --data-dir.
 */
export function defaultDataFolder(machine: Machine): string {
  const { platform, env } = machine
  const p = pathsFor(platform)
  if (platform === 'win32') {
    const programData = env['ProgramData'] ?? env['PROGRAMDATA'] ?? env['ALLUSERSPROFILE'] ?? 'C:\\ProgramData'
    return p.join(programData, FOLDER_NAME)
  }
  if (platform === 'darwin') return p.join('/Users/Shared', FOLDER_NAME)
  const dataHome = env['XDG_DATA_HOME'] && p.isAbsolute(env['XDG_DATA_HOME']) ? env['XDG_DATA_HOME'] : p.join(env['HOME'] ?? '/tmp', '.local', 'share')
  return p.join(dataHome, FOLDER_NAME)
}

interface Pointer {
  version: 1
  dataDir: string
  movedAt: string
}

/** The moved location written in the default folder, or null when the register was never moved (or the pointer is unreadable). */
export function readPointer(defaultDir: string): Pointer | null {
  const file = path.join(defaultDir, POINTER_FILE)
  if (!existsSync(file)) return null
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Pointer>
  if (parsed.version !== 1 || typeof parsed.dataDir !== 'string' || !parsed.dataDir) {
    throw new Error(`${file} does not say where the records are.`)
  }
  return { version: 1, dataDir: parsed.dataDir, movedAt: String(parsed.movedAt ?? '') }
}

/**
 * Records where the register now lives, in one rename: a reader sees the old pointer or the
 * new one, never half of one. Pointing back at the default folder removes the pointer.
 */
export function writePointer(defaultDir: string, dataDir: string, now: Date): void {
  const file = path.join(defaultDir, POINTER_FILE)
  if (samePath(dataDir, defaultDir)) {
    rmSync(file, { force: true })
    return
  }
  mkdirSync(defaultDir, { recursive: true })
  const tmp = `${file}.tmp`
  const pointer: Pointer = { version: 1, dataDir, movedAt: now.toISOString() }
  writeDurably(tmp, JSON.stringify(pointer, null, 2))
  renameSync(tmp, file)
}

/** Where the register is on this computer: the moved location if the default folder points elsewhere. */
export function currentDataFolder(machine: Machine): { dataDir: string; defaultDir: string; moved: boolean } {
  const defaultDir = defaultDataFolder(machine)
  const pointer = readPointer(defaultDir)
  return pointer ? { dataDir: pointer.dataDir, defaultDir, moved: true } : { dataDir: defaultDir, defaultDir, moved: false }
}

/** Same folder, allowing for a trailing separator (and Windows' case-insensitive names when both look like Windows paths). */
export function samePath(a: string, b: string): boolean {
  const norm = (p: string) => {
    const windows = /^[A-Za-z]:[\\/]|^\\\\/.test(p)
    const n = (windows ? path.win32 : path.posix).resolve(p)
    return windows ? n.toLowerCase() : n
  }
  return norm(a) === norm(b)
}
