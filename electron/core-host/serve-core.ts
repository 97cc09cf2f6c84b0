import type { Result } from '../../shared/api/result'
import type { Logger } from '../core/api/dispatcher'
import { createCore, type Core } from '../core/core'
import { createFileLogger, logFileIn, runtimeVersions, type AppLogger } from '../core/logger'
import { workerRenderer } from '../core/reports/pdf/pdf-renderer'
import type { ParentChannel } from './parent-channel'
import type { HostInit } from './protocol'

const notStarted: Result<unknown> = {
  ok: false,
  error: { kind: 'internal', message: 'The register has not started properly. Please close the app and open it again.' },
}
const closingDown: Result<unknown> = {
  ok: false,
  error: { kind: 'locked', message: 'The register is closing and has locked itself. Open the app again to carry on.' },
}
const couldNotAnswer: Result<unknown> = {
  ok: false,
  error: { kind: 'internal', message: 'The register could not send its answer to the window. Please try again; if it keeps happening, call IT support.' },
}

/**
 * The core, served over a channel to the main process. The session, the key and the open
 * database live only here. Calls are answered in the core's own queue (one at a time), so a
 * lock sent during a long call waits for it, then locks.
 */
export function serveCore(channel: ParentChannel, logFile: (dataDir: string) => Logger = (dir) => createFileLogger(logFileIn(dir))): void {
  let core: Core | null = null
  let logger: Logger = createFileLogger(null)
  let closing: Promise<void> | null = null

  // Opening a file needs Electron's shell: ask main, wait for its answer.
  let nextOpen = 0
  const opening = new Map<number, { resolve: () => void; reject: (err: Error) => void }>()
  const openFile = (file: string) =>
    new Promise<void>((resolve, reject) => {
      const id = ++nextOpen
      opening.set(id, { resolve, reject })
      channel.send({ type: 'open-file', id, file })
    })

  function start(init: HostInit): void {
    try {
      logger = logFile(init.dataDir)
      // The first line of each run: what support needs to know (app, Electron and Node versions).
      if ('started' in logger) (logger as AppLogger).started(runtimeVersions(init.appVersion, 'Online Safety Register'))
      core = createCore({
        dataDir: init.dataDir,
        appVersion: init.appVersion,
        logger,
        kdfCost: init.kdfCost,
        exportDir: init.exportDir,
        pdfRenderer: init.renderWorker ? workerRenderer(init.renderWorker) : undefined,
        openFile,
      })
    } catch (err) {
      logger.error('The core host could not start', err)
      channel.end({ type: 'failed', message: err instanceof Error ? err.message : String(err) }, 1)
      return
    }
    if (init.previousExit) logger.error(`The register's previous process ended unexpectedly (${init.previousExit}); it locked itself and was started again`)
    // Anything that escapes the core ends this process: say why in the log first. Main answers
    // the calls in flight ("locked itself") and starts a new host.
    process.on('uncaughtException', (err) => {
      logger.error('The core host stopped on an unexpected error', err)
      process.exit(70)
    })
    channel.send({ type: 'ready' })
  }

  function answer(id: number, result: Result<unknown>): void {
    try {
      channel.send({ type: 'result', id, result })
    } catch (err) {
      // A value structured clone cannot carry: the window would not have received it either.
      logger.error('A result could not be sent to the main process', err)
      channel.send({ type: 'result', id, result: couldNotAnswer })
    }
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      try {
        await core?.close()
      } catch (err) {
        logger.error('Locking at close failed', err)
      }
      channel.end({ type: 'closed' }, 0)
    })()
    return closing
  }

  channel.onMessage((message) => {
    switch (message.type) {
      case 'init':
        if (!core) start(message.init)
        return
      case 'call': {
        if (!core) return answer(message.id, notStarted)
        if (closing) return answer(message.id, closingDown)
        core.call(message.method, message.input).then(
          (result) => answer(message.id, result),
          (err: unknown) => {
            logger.error('A call failed outside the dispatcher', err)
            answer(message.id, { ok: false, error: { kind: 'internal', message: 'Something went wrong in the register. Please try again; if it keeps happening, call IT support.' } })
          },
        )
        return
      }
      case 'open-file-done': {
        const waiting = opening.get(message.id)
        opening.delete(message.id)
        if (message.problem === null) waiting?.resolve()
        else waiting?.reject(new Error(message.problem))
        return
      }
      case 'log':
        logger.error(`Window: ${message.message}`)
        return
      case 'close':
        void close()
        return
    }
  })
  // The main process went without closing us (it crashed): lock, so the key leaves memory.
  channel.onDisconnect(() => void close())
}

