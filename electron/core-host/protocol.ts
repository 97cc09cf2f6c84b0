import type { Result } from '../../shared/api/result'

/**
 * The messages between the Electron main process and the core host (the process that holds the
 * session, the key and the database). Both sides are plain Node; structured clone carries them
 * (Electron's utilityProcess, or child_process.fork with `serialization: 'advanced'`), so a
 * result crosses exactly as it would cross the window's IPC.
 */

/** What the host needs to create the core: everything that in the old main process came from Electron. */
export interface HostInit {
  /** The folder that holds the vault, the encrypted database and the backups. */
  dataDir: string
  appVersion: string
  /** Where saved copies go by default (the app: Documents/Online Safety Register). */
  exportDir?: string
  /** The built render-worker.js: reports are laid out and signed in a worker thread of the host. */
  renderWorker?: string
  /** scrypt cost for new key slots; the app leaves it out (calibrated), tests and the bench pass a low one. */
  kdfCost?: { N: number; r: number; p: number }
  /** How the host before this one ended, when it ended unexpectedly: the new host writes it to the log. */
  previousExit?: string
}

/** Main → host. */
export type ToHost =
  /** Always the first message: create the core. */
  | { type: 'init'; init: HostInit }
  | { type: 'call'; id: number; method: unknown; input: unknown }
  /** Lock (with the on-lock backup) after the calls already queued, release everything, exit. */
  | { type: 'close' }
  /** The answer to an `open-file` request: null when the file opened, else the reason it did not. */
  | { type: 'open-file-done'; id: number; problem: string | null }
  /** A line for the app's log from main (window crashes, start-up notes): main's own words, never record content. */
  | { type: 'log'; message: string }

/** Host → main. */
export type FromHost =
  /** The core was created: calls are being served. */
  | { type: 'ready' }
  /** The core could not be created (the host exits after this). */
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  /** Opening a file in the computer's own viewer needs Electron's shell, which only main has. */
  | { type: 'open-file'; id: number; file: string }
  /** The register is locked and released: the host exits next. */
  | { type: 'closed' }
