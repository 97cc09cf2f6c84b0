import { statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Result } from '../../shared/api/result'
import { shellContract, type ShellInput, type ShellOutput } from '../../shared/api/shell-contract'
import { SHELL_METHOD_NAMES, type ShellMethodName } from '../../shared/api/shell-names'
import type { Role } from '../../shared/domain/roles'
import { describeIssue } from '../../shared/api/describe-issue'
import { saveAsFilter } from '../../shared/domain/file-names'
import { exportFolderWarning, type FolderProbe } from '../core/data-folder/check-folder'
import { currentDataFolder, type Machine } from '../core/data-folder/location'
import { moveDataFolder, moveRefusal, MoveRefused, type MoveProgress } from '../core/data-folder/move-folder'

// Plain Node on purpose (no `electron` import): the main process passes Electron's dialogs in,
// and the test bridge passes scripted ones, so the same code answers both.

export interface FileFilter {
  name: string
  extensions: string[]
}

/** The native dialogs, as the main process (Electron's `dialog`) or the test bridge provides them. */
export interface Pickers {
  /** The chosen folder, or null when the user cancelled. */
  folder(options: { title: string; defaultPath?: string }): Promise<string | null>
  file(options: { title: string; filters: FileFilter[] }): Promise<string | null>
  /**
   * The Save window: the file to write, or null when the user cancelled. It must ask before
   * returning a file that is already there (Windows and macOS always do; Electron needs
   * `showOverwriteConfirmation` on Linux).
   */
  save(options: { title: string; defaultPath: string; filters: FileFilter[] }): Promise<string | null>
}

export interface ShellDeps {
  machine: Machine
  probe?: FolderProbe
  pickers: Pickers
  /** The folder the register was opened from at start-up. */
  dataDir: string
  /** Where the Save window opens for someone who has not saved anything yet in this run (the app: Documents). */
  documentsDir: string
  /** Whoever is signed in (asked of the core), or null while locked. */
  signedInUser(): Promise<{ id: number; role: Role } | null>
  /** Locks the register (with its on-lock backup) and lets nothing open it again in this run. */
  closeRegister(): Promise<void>
  /** Starts the app again, so it opens the register wherever it now is. */
  restart(): Promise<void> | void
  /** Runs after a successful move, before the answer goes back (the app: lets every Windows account change the new folder). */
  afterMove?(folder: string): Promise<void>
  /** Writes to the app's log: what failed and its kind, never paths or messages. */
  log?(message: string): void
}

type Handlers = { [M in ShellMethodName]: (input: ShellOutput<M> extends never ? never : ShellInput<M>) => Promise<ShellOutput<M>> }

class ShellRefusal extends Error {
  constructor(
    readonly kind: 'forbidden' | 'conflict',
    message: string,
  ) {
    super(message)
  }
}

export interface ShellServices {
  call(method: unknown, input: unknown): Promise<Result<unknown>>
  /** Once a move has begun, the register in the old place must not be opened again before a restart. */
  readonly registerClosed: boolean
  /**
   * True once for the file the last Save window returned after asking "replace it?" and being
   * told yes; false for any other file, and for that one after its first use.
   */
  takeReplaceGrant(file: unknown): boolean
}

export function createShellServices(deps: ShellDeps): ShellServices {
  let progress: MoveProgress | null = null
  let registerClosed = false
  // Kept in memory for this run only, per person: a folder's name can say whose records are in
  // it, so it is neither written to disk nor shown to the next person who signs in.
  let lastSaveFolder: { userId: number; folder: string } | null = null
  let replaceGrant: string | null = null

  async function requireManager(): Promise<void> {
    if ((await deps.signedInUser())?.role !== 'manager') throw new ShellRefusal('forbidden', 'Only the school business manager can see or move the data folder.')
  }

  const handlers: Handlers = {
    // Backups are encrypted: a copy in the cloud or on the network is no risk, and often the point. No warning.
    'shell.pickFolder': async ({ title }) => ({ path: await deps.pickers.folder({ title }) }),
    'shell.pickSaveFile': async ({ title, fileName }) => {
      const user = await deps.signedInUser()
      const folder = user && lastSaveFolder?.userId === user.id ? lastSaveFolder.folder : deps.documentsDir
      replaceGrant = null
      const path = await deps.pickers.save({ title, defaultPath: join(folder, fileName), filters: [saveAsFilter(fileName)] })
      if (!path) return { path: null, replaces: false, warning: null }
      if (user) lastSaveFolder = { userId: user.id, folder: dirname(path) }
      // The window only returns a file that is there after asking whether to replace it.
      const replaces = statSync(path, { throwIfNoEntry: false })?.isFile() ?? false
      if (replaces) replaceGrant = path
      return { path, replaces, warning: await exportFolderWarning(dirname(path), deps.machine, deps.probe) }
    },
    'shell.pickFile': async ({ title, filters }) => ({ path: await deps.pickers.file({ title, filters }) }),
    'shell.dataFolder': async () => {
      await requireManager()
      const { defaultDir } = currentDataFolder(deps.machine)
      return { path: deps.dataDir, defaultPath: defaultDir, moved: deps.dataDir !== defaultDir }
    },
    'shell.pickDataFolder': async () => {
      await requireManager()
      const path = await deps.pickers.folder({ title: 'Choose the new folder for the records' })
      if (!path) return { path: null, refusal: null }
      return { path, refusal: await moveRefusal(deps.dataDir, path, deps) }
    },
    'shell.moveDataFolder': async ({ to }) => {
      await requireManager()
      if (progress) throw new ShellRefusal('conflict', 'The records are already being moved.')
      const refusal = await moveRefusal(deps.dataDir, to, deps)
      if (refusal) throw new ShellRefusal('conflict', refusal)
      progress = { copiedBytes: 0, totalBytes: 0, file: '' }
      registerClosed = true
      try {
        await deps.closeRegister()
        const moved = await moveDataFolder(deps.dataDir, to, { machine: deps.machine, probe: deps.probe, onProgress: (p) => (progress = p) })
        await deps.afterMove?.(moved.dataDir).catch(() => undefined)
        return { path: moved.dataDir, files: moved.files, bytes: moved.bytes }
      } catch (err) {
        // The register stays where it was; the restart opens it there again.
        if (err instanceof MoveRefused) throw new ShellRefusal('conflict', `${err.message} Restart the app to sign in again.`)
        throw err
      } finally {
        progress = null
      }
    },
    'shell.moveProgress': async () => (progress ? { copiedBytes: progress.copiedBytes, totalBytes: progress.totalBytes } : null),
    'shell.restart': async () => {
      await deps.restart()
      return null
    },
  }

  return {
    get registerClosed() {
      return registerClosed
    },
    takeReplaceGrant(file) {
      if (replaceGrant === null || file !== replaceGrant) return false
      replaceGrant = null
      return true
    },
    async call(method, input) {
      if (typeof method !== 'string' || !(SHELL_METHOD_NAMES as readonly string[]).includes(method)) {
        return { ok: false, error: { kind: 'not-found', message: 'The app does not know that request.' } }
      }
      const name = method as ShellMethodName
      const parsed = shellContract[name].input.safeParse(input ?? {})
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        return { ok: false, error: issue ? { kind: 'validation', ...describeIssue(issue) } : { kind: 'validation', message: 'That request was not valid.' } }
      }
      try {
        const handler = handlers[name] as (i: unknown) => Promise<unknown>
        return { ok: true, value: await handler(parsed.data) }
      } catch (err) {
        if (err instanceof ShellRefusal) return { ok: false, error: { kind: err.kind, message: err.message } }
        const e = err as { name?: unknown; code?: unknown }
        deps.log?.(`${name} failed: ${String(e.name ?? typeof err)}${e.code ? ` (${String(e.code)})` : ''}`)
        return { ok: false, error: { kind: 'internal', message: 'The app could not do that. Please try again; if it happens again, restart the app.' } }
      }
    },
  }
}

/**
 * A core whose calls are refused once a move has begun: the register's files are leaving the
 * folder this core opened, and a sign-in there would write to the copy left behind.
 */
export function refusedAfterMove<C extends { call(method: unknown, input: unknown): Promise<Result<unknown>> }>(core: C, shell: ShellServices): C {
  const call = (method: unknown, input: unknown): Promise<Result<unknown>> =>
    shell.registerClosed
      ? Promise.resolve({ ok: false, error: { kind: 'locked', message: 'The records are being moved (or have just moved). Restart the app to sign in again.' } })
      : core.call(method, input)
  return Object.assign(Object.create(core) as C, { call })
}

/**
 * A core that replaces an existing file (`replace: true` in a save's input) only when the shell's
 * Save window has just asked about that very file and the user said yes. The window cannot ask for
 * it on its own: a save of the same path without that answer is refused and nothing is written.
 */
export function replaceOnlyWhenAsked<C extends { call(method: unknown, input: unknown): Promise<Result<unknown>> }>(core: C, shell: ShellServices): C {
  const call = (method: unknown, input: unknown): Promise<Result<unknown>> => {
    const wanted = input as { replace?: unknown; file?: unknown } | null
    if (wanted && typeof wanted === 'object' && wanted.replace === true && !shell.takeReplaceGrant(wanted.file)) {
      return Promise.resolve({
        ok: false,
        error: { kind: 'conflict', message: 'The app replaces a file only when you have just said yes to replacing it in the Save window. Nothing was saved. Save again and choose the file there.' },
      })
    }
    return core.call(method, input)
  }
  return Object.assign(Object.create(core) as C, { call })
}
