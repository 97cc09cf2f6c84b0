import { join } from 'node:path'
import type { Contract } from '../../shared/api/contract'
import type { Result } from '../../shared/api/result'
import { DEFAULT_SETTINGS } from '../../shared/domain/school'
import { AppError } from './api/app-error'
import { createDispatcher, type Logger } from './api/dispatcher'
import { Backups } from './backup/backups'
import { removeOldCopyAfterMove } from './data-folder/move-folder'
import type { CoreFeature, CoreServices, FeatureParts, HandlerContext } from './feature-kit/feature'
import { FEATURES, handlersOf, partsOf } from './features'
import { createFileLogger, logFileIn } from './logger'
import { inProcessRenderer, type PdfRenderer } from './reports/pdf/pdf-renderer'
import { Reports } from './reports/reports'
import { readSettings } from './school/school'
import { RegisterStore } from './store/register-store'
import type { KdfCost } from './vault/vault'

export interface CoreOptions {
  /** The folder that holds the vault, the encrypted database and the backups. */
  dataDir: string
  appVersion: string
  logger?: Logger
  /** scrypt cost for new key slots; calibrated to this machine when not given (tests pass a low one). */
  kdfCost?: KdfCost
  now?: () => number
  /** Where reports are laid out and signed; the app passes a worker-thread renderer. */
  pdfRenderer?: PdfRenderer
  /** Where "save" puts reports by default (the app: Documents/Online Safety Register). */
  exportDir?: string
  /** Opens a file in the computer's own viewer (the app: Electron's shell). */
  openFile?: (file: string) => Promise<void>
  /** The record kinds (the registry in features.ts; a test may pass others). */
  features?: readonly CoreFeature[]
}

/**
 * Opening a saved copy is the shell's (the Electron main process checks the file again and may
 * refuse): whatever it answers, the copy is saved, and the user is told so with its reason.
 */
function openedOrSaid(openFile: ((file: string) => Promise<void>) | undefined): ((file: string) => Promise<void>) | undefined {
  if (!openFile) return undefined
  return async (file) => {
    try {
      await openFile(file)
    } catch (err) {
      const why = err instanceof Error && err.message ? err.message : 'the computer did not say why.'
      throw new AppError('conflict', `A copy was saved as ${file}, but it was not opened: ${why}`)
    }
  }
}

/**
 * Everything the app knows, behind one `call`. The Electron main process, the test bridge
 * and the CLI each hold one Core; the session (who is signed in) lives here, so no caller
 * can claim to be someone else.
 */
export interface Core {
  call(method: unknown, input: unknown): Promise<Result<unknown>>
  /** Locks (with the on-lock backup) and releases everything: at quit. */
  close(): Promise<void>
  readonly store: RegisterStore
  readonly backups: Backups
  readonly reports: Reports
  /** What the record kinds contribute: demo seeders, health checks, dashboard items, retention. */
  readonly features: FeatureParts
}

export function createCore(options: CoreOptions): Core {
  const { dataDir, appVersion } = options
  const now = options.now ?? Date.now
  const features = options.features ?? FEATURES
  const parts = partsOf(features)
  const logger = options.logger ?? createFileLogger(logFileIn(dataDir))
  const store = new RegisterStore({ dataDir, logger, kdfCost: options.kdfCost, now: options.now })
  const backups = new Backups(store, appVersion, options.now)

  // One call at a time: the database has one connection, and a lock or restore must never
  // interleave with a half-done change. Report workers finish through the same queue.
  let queue: Promise<unknown> = Promise.resolve()
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work)
    queue = next.catch(() => undefined)
    return next
  }

  // Where saved copies go (reports, evidence, documents, calendars) unless the user chooses a folder.
  const exportFolder = { exportDir: options.exportDir ?? join(dataDir, 'reports'), openFile: openedOrSaid(options.openFile) }
  const reports = new Reports(store, options.pdfRenderer ?? inProcessRenderer, { logger, enqueue, ...exportFolder, now: options.now, features: parts })
  store.hooks.beforeClose = async (db, reason) => {
    reports.forgetAll()
    await backups.onLock(db, reason)
  }
  // A register from before role keys: each kind encrypts what they protect when they are made.
  store.hooks.encryptExisting = async (trx, keys) => {
    for (const feature of features) await feature.encryptWithRoleKeys?.(trx, keys)
  }

  const idleMinutes = async () => {
    const open = store.session ? store.requireOpen() : null
    return open ? (await readSettings(open.db)).idleLockMinutes : DEFAULT_SETTINGS.idleLockMinutes
  }

  /**
   * After a sign-in: the daily backup if one is due (or the on-lock one the last session did not
   * make) and, when a business manager signs in, the daily retention run (records past the school's
   * periods go, audited and counted). A failure is logged and never blocks the sign-in.
   */
  const afterSignIn = async (setUp = false) => {
    const { db, session } = store.requireOpen()
    try {
      backups.removeLeftovers()
    } catch (err) {
      logger.error('Could not remove the files left by an interrupted backup or restore', err)
    }
    try {
      // The register opened in its new place, so the copy a move left behind is no longer needed.
      removeOldCopyAfterMove(dataDir)
    } catch (err) {
      logger.error('Could not remove the old copy left by moving the data folder', err)
    }
    try {
      await backups.atSignIn(db)
    } catch (err) {
      logger.error('Daily backup failed', err)
    }
    if (setUp || session.role !== 'manager') return
    try {
      const last = (await db('audit_log').where({ action: 'retention.run' }).max({ at: 'at' }).first()) as { at: string | null } | undefined
      if (last?.at && now() - Date.parse(last.at) <= 24 * 3600_000) return
    } catch (err) {
      logger.error('Could not read when retention last ran', err)
      return
    }
    for (const rule of parts.retention) {
      try {
        await rule.run({ store, now })
      } catch (err) {
        logger.error(`Daily retention run failed (${rule.name})`, err)
      }
    }
  }

  const services: CoreServices = { appVersion, reports, backups, exportFolder, afterSignIn, idleMinutes, features: parts }
  const dispatch = createDispatcher<Contract, HandlerContext>(handlersOf(features), { logger })

  async function call(method: unknown, input: unknown): Promise<Result<unknown>> {
    if (store.session && (await store.isIdleFor(idleMinutes))) await store.lock('idle')
    const result = await dispatch(method, input, { session: store.session, store, now, services })
    if (result.ok && method !== 'app.status') store.touch()
    return result
  }

  return {
    call: (method, input) => enqueue(() => call(method, input)),
    async close() {
      await queue
      await store.lock('quit')
    },
    store,
    backups,
    reports,
    features: parts,
  }
}
