import { join } from 'node:path'
import type { Result } from '../../shared/api/result'
import { createDispatcher, type CallContext, type HandlersFor, type Logger } from './api/dispatcher'
import type { Contract } from '../../shared/api/contract'
import { appStatus } from './app/app-status'
import { createFileLogger } from './logger'

export interface CoreOptions {
  /** The folder that holds the vault, the encrypted database and the backups. */
  dataDir: string
  appVersion: string
  logger?: Logger
}

/**
 * Everything the app knows, behind one `call`. The Electron main process, the test bridge
 * and the CLI each hold one Core; the session (who is signed in) lives here, so no caller
 * can claim to be someone else.
 */
export interface Core {
  call(method: unknown, input: unknown): Promise<Result<unknown>>
  close(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const { dataDir, appVersion } = options
  const logger = options.logger ?? createFileLogger(join(dataDir, 'logs', 'app.log'))
  const ctx: CallContext = { session: null }

  const handlers: HandlersFor<Contract> = {
    'app.status': (_input, callCtx) => appStatus(dataDir, appVersion, callCtx),
  }
  const dispatch = createDispatcher<Contract>(handlers, { logger })

  return {
    call: (method, input) => dispatch(method, input, ctx),
    async close() {
      ctx.session = null
    },
  }
}
