import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { arch, release, type } from 'node:os'
import { dirname, join, parse } from 'node:path'
import electronLog from 'electron-log/node'
import type { Logger } from './api/dispatcher'
import { describeError } from './log-safe-error'

/** Where the app and the command line write: one file in the data folder, for IT support. */
export const logFileIn = (dataDir: string) => join(dataDir, 'logs', 'app.log')

/** A support person is sent at most about 6 MB: the current file and five older ones of 1 MB. */
export const LOG_MAX_BYTES = 1024 * 1024
export const LOG_KEEP = 5

export interface StartVersions {
  app: string
  /** Absent in the command line and the tests, which run on plain Node. */
  electron?: string | undefined
  node: string
  os: string
  /** Which program started: the app, or the command line and its command. */
  program?: string
}

/** The versions a start line records, from the running process. */
export function runtimeVersions(app: string, program?: string): StartVersions {
  return { app, electron: process.versions['electron'], node: process.versions.node, os: `${type()} ${release()} ${arch()}`, ...(program ? { program } : {}) }
}

export interface AppLogger extends Logger {
  /** The first line of a run: the versions support needs before anything else. */
  started(versions: StartVersions): void
  /** The log file, or null when lines go to standard error. */
  readonly file: string | null
}

let loggers = 0

/**
 * Technical log for IT support, rotated by size (app.log, then app.1.log … app.5.log, the
 * oldest dropped). It records what went wrong and where — the error's kind, its code and its
 * stack frames — and never what was being saved: an error's message text can quote a record
 * (knex puts an insert's values in it, zod quotes input, our own messages quote names), so
 * messages are left out unless they are one of SQLite's own content-free sentences
 * (`log-safe-error.ts`). The first argument of `error` is the app's own words, never input.
 */
export function createFileLogger(file: string | null, limits: { maxBytes?: number; keep?: number } = {}): AppLogger {
  // knex's own frames fill V8's default ten, and the log would never reach the app's code.
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 40)
  const write = file ? fileWriter(file, limits.maxBytes ?? LOG_MAX_BYTES, limits.keep ?? LOG_KEEP) : (line: string) => void process.stderr.write(`${line}\n`)
  const stamp = () => new Date().toISOString()
  return {
    file,
    error(message, detail) {
      const details = detail === undefined ? [] : describeError(detail)
      write([`${stamp()} ERROR ${message}`, ...details.map((d) => `  ${d}`)].join('\n'))
    },
    started(v) {
      const parts = [`${v.program ?? 'Online Safety Register'} ${v.app}`, v.electron ? `Electron ${v.electron}` : null, `Node ${v.node}`, v.os].filter(Boolean)
      write(`${stamp()} START ${parts.join(' · ')}`)
    },
  }
}

/** electron-log's file transport (Node entry: no Electron, and no network: its remote transport stays off). */
function fileWriter(file: string, maxBytes: number, keep: number): (line: string) => void {
  mkdirSync(dirname(file), { recursive: true })
  const log = electronLog.create({ logId: `osr-${++loggers}` })
  log.transports.console.level = false
  log.transports.remote.level = false
  const ipc = (log.transports as { ipc?: { level: unknown } }).ipc
  if (ipc) ipc.level = false
  const f = log.transports.file
  f.level = 'info'
  f.resolvePathFn = () => file
  f.maxSize = maxBytes
  f.sync = true
  f.format = '{text}'
  f.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  f.archiveLogFn = (current) => {
    const { dir, name, ext } = parse(current.path)
    const numbered = (n: number) => join(dir, `${name}.${n}${ext}`)
    try {
      rmSync(numbered(keep), { force: true })
      for (let n = keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1))
      renameSync(current.path, numbered(1))
    } catch {
      // Another program holds a file open (Windows refuses the rename): keep the newest part instead.
      ;(current as typeof current & { crop?: (bytes: number) => void }).crop?.(Math.round(maxBytes / 4))
    }
  }
  return (line) => log.info(line)
}
