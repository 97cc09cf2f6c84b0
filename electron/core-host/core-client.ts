import { CORE_STOPPED_MESSAGE } from '../../shared/api/core-stopped'
import type { Result } from '../../shared/api/result'
import type { FromHost, HostInit, ToHost } from './protocol'

/**
 * The little of a child process the client needs. Main wraps Electron's `utilityProcess.fork`,
 * the tests and the bench wrap Node's `child_process.fork` (fork-host.ts): the same client, the
 * same built host, either way.
 */
export interface HostProcess {
  send(message: ToHost): void
  onMessage(listener: (message: FromHost) => void): void
  /** `how` in words for the log: "exit code 1", "signal SIGKILL". */
  onExit(listener: (how: string) => void): void
  kill(): void
}

export interface CoreClientOptions {
  spawn: () => HostProcess
  init: HostInit
  /** Opens a file in the computer's own viewer (the app: Electron's shell). */
  openFile?: (file: string) => Promise<void>
  /** A host ended without being asked to (main writes it down; the next host logs it too). */
  onUnexpectedExit?: (how: string) => void
  /** How long close() waits for the lock and its backup before ending the host anyway. */
  closeTimeoutMs?: number
}

/** What main holds instead of the core: the same `call`, answered by the core host. */
export interface CoreClient {
  call(method: unknown, input: unknown): Promise<Result<unknown>>
  /** Locks after the calls already queued (the computer locked or went to sleep); nothing to do when no host runs. */
  lock(): Promise<void>
  /** Locks (with the on-lock backup), lets the host exit, and starts no other: at quit. */
  close(): Promise<void>
  /** Writes main's own words to the app's log in the data folder (main keeps no log file of its own). */
  log(message: string): void
}

const stopped: Result<unknown> = { ok: false, error: { kind: 'locked', message: CORE_STOPPED_MESSAGE } }
const notStarted: Result<unknown> = {
  ok: false,
  error: { kind: 'internal', message: 'The register could not start. Please close the app and open it again; if it happens again, call IT support.' },
}
const closed: Result<unknown> = { ok: false, error: { kind: 'locked', message: 'The register is closing and has locked itself. Open the app again to carry on.' } }

/** These answer 'locked' for "too many attempts, wait": that is not the register having stopped. */
const SIGN_IN_METHODS = new Set(['session.login', 'session.recover'])

interface Host {
  process: HostProcess
  ready: boolean
  closing: boolean
  pending: Map<number, (result: Result<unknown>) => void>
  exited: Promise<void>
  /** Started because the one before stopped: the first call that finds the register locked says why. */
  afterStop: boolean
}

/**
 * Main's side of the core host. Calls are matched to answers by id. When the host ends
 * unexpectedly, every call in flight answers 'locked' with a plain message (every save before
 * it was committed: the core answers only after its transaction), a new host is started, and
 * the first call that finds the new one locked says the same.
 */
export function createCoreClient(options: CoreClientOptions): CoreClient {
  let host: Host | null = null
  let nextId = 0
  let closingAll = false

  function start(previousExit?: string): Host {
    const child = options.spawn()
    let exited!: () => void
    const h: Host = { process: child, ready: false, closing: false, pending: new Map(), exited: new Promise((r) => (exited = r)), afterStop: previousExit !== undefined }
    child.onMessage((message) => {
      switch (message.type) {
        case 'ready':
          h.ready = true
          return
        case 'result': {
          const resolve = h.pending.get(message.id)
          h.pending.delete(message.id)
          resolve?.(message.result)
          return
        }
        case 'open-file':
          void openFile(h, message.id, message.file)
          return
        case 'failed':
        case 'closed':
          return // the exit follows
      }
    })
    child.onExit((how) => {
      const expected = h.closing
      const answer = expected ? closed : h.ready ? stopped : notStarted
      for (const resolve of h.pending.values()) resolve(answer)
      h.pending.clear()
      if (host === h) host = null
      exited()
      if (expected) return
      options.onUnexpectedExit?.(how)
      // Start the next one now, so the window's next call does not wait for it; a host that
      // never got going is not restarted in a loop: the next call tries again.
      if (h.ready && !closingAll) host = start(how)
    })
    child.send({ type: 'init', init: previousExit ? { ...options.init, previousExit } : options.init })
    return h
  }

  async function openFile(h: Host, id: number, file: string): Promise<void> {
    let problem: string | null = null
    try {
      if (!options.openFile) throw new Error('Files cannot be opened from here.')
      await options.openFile(file)
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err)
    }
    if (!h.closing && host === h) h.process.send({ type: 'open-file-done', id, problem })
  }

  async function call(method: unknown, input: unknown): Promise<Result<unknown>> {
    if (closingAll) return closed
    const h = (host ??= start())
    const id = ++nextId
    const result = await new Promise<Result<unknown>>((resolve) => {
      h.pending.set(id, resolve)
      h.process.send({ type: 'call', id, method, input })
    })
    if (h.afterStop && method !== 'app.status' && !SIGN_IN_METHODS.has(String(method))) {
      h.afterStop = false
      if (!result.ok && result.error.kind === 'locked') return stopped
    }
    return result
  }

  return {
    call,
    log(message) {
      if (closingAll) return
      ;(host ??= start()).process.send({ type: 'log', message })
    },
    async lock() {
      if (host && !closingAll) await call('session.lock', {})
    },
    async close() {
      closingAll = true
      const h = host
      if (!h) return
      h.closing = true
      h.process.send({ type: 'close' })
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), options.closeTimeoutMs ?? 120_000)))
      if ((await Promise.race([h.exited, late])) === 'late') {
        h.process.kill()
        await h.exited
      }
      clearTimeout(timer)
    },
  }
}
