import { join } from 'node:path'
import type { Contract } from '../../shared/api/contract'
import type { Result } from '../../shared/api/result'
import { DEFAULT_SETTINGS } from '../../shared/domain/school'
import { AppError } from './api/app-error'
import { createDispatcher, type HandlersFor, type Logger } from './api/dispatcher'
import { listAudit } from './audit/audit-trail'
import { verifyRegisterAudit } from './audit/verify-register'
import { Backups } from './backup/backups'
import { createFileLogger, logFileIn } from './logger'
import { getSchool, readLogo, readRecordsBegan, readSettings, setLogo, setRecordsBegan, updateSchool, updateSettings } from './school/school'
import { replaceRecoveryKey, rotateDatabaseKey } from './store/key-rotation'
import { RegisterStore } from './store/register-store'
import { changeOwnPassword, createUser, listUsers, resetPassword, setUserDisabled, updateUser } from './users/users'
import type { KdfCost } from './vault/vault'
import { inProcessRenderer, type PdfRenderer } from './reports/pdf/pdf-renderer'
import { Reports } from './reports/reports'
import { REPORT_BUILDERS } from './reports/builders'
import type { FeatureContext } from './people/feature-context'
import { archivePerson, createPerson, directoryGroups, getPerson, listHosts, listPeople, setSafeguardingHold, unarchivePerson, updatePerson } from './people/people'
import { applyImport, previewImport } from './people/import/import-people'
import { getVersion, listVersions, publishVersion, startRenewal } from './agreements/aup-versions'
import { aupStatus } from './agreements/aup-status'
import { agreementSignature, agreementsForPerson, correctAgreement, recordAgreement, withdrawAgreement } from './agreements/agreements'
import { recordPaperBatch } from './agreements/paper-batch'
import { currentAupFor, registerVisitor, searchVisitors, updateVisitor } from './visits/visitors'
import { autoSignOut, listVisits, onSite, signIn, signOut, undoSignOut } from './visits/visits'
import { readReceptionSettings, updateReceptionSettings } from './visits/reception-settings'
import { previewRetention, runRetention } from './visits/retention'
import { incidentHandlers } from './incidents/handlers'
import { encryptIncidentLog } from './incidents/encrypt-existing'
import { encryptCertificates } from './reports/signing/certificate-store'
import { decodeBase64File } from './files/decode-file'
import { chosenFrom } from './files/save-chosen-file'
import { reviewAndCheckHandlers } from './reviews-and-checks/handlers'
import { permissionHandlers } from './permissions/handlers'
import { annualReviewHandlers } from './annual-review/handlers'
import { draftHandlers } from './drafts/handlers'
import { removeOldCopyAfterMove } from './data-folder/move-folder'

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
}

export function createCore(options: CoreOptions): Core {
  const { dataDir, appVersion } = options
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
  const reports = new Reports(store, options.pdfRenderer ?? inProcessRenderer, {
    logger,
    enqueue,
    ...exportFolder,
    now: options.now,
    builders: REPORT_BUILDERS,
  })
  store.hooks.beforeClose = async (db, reason) => {
    reports.forgetAll()
    await backups.onLock(db, reason)
  }
  // A register from before role keys: what they protect is encrypted when they are made.
  store.hooks.encryptExisting = async (trx, keys) => {
    await encryptIncidentLog(trx, keys)
    await encryptCertificates(trx, keys)
  }

  const idleMinutes = async () => {
    const open = store.session ? store.requireOpen() : null
    return open ? (await readSettings(open.db)).idleLockMinutes : DEFAULT_SETTINGS.idleLockMinutes
  }

  /** After a sign-in: the daily backup if one is due. A failure is logged, never blocks the sign-in. */
  // People, agreements and reception read the core's clock, so tests can move time.
  const people: FeatureContext = { store, now: options.now ?? Date.now }

  /**
   * After a sign-in: the daily backup if one is due (or the on-lock one the last session did not
   * make) and, when a business manager signs in, the daily retention run (visitor records past the school's period go, audited and counted).
   * A failure is logged and never blocks the sign-in.
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
      if (!last?.at || people.now() - Date.parse(last.at) > 24 * 3600_000) await runRetention(people)
    } catch (err) {
      logger.error('Daily retention run failed', err)
    }
  }

  const handlers: HandlersFor<Contract> = {
    'app.status': async () => ({
      appVersion,
      setUp: store.isSetUp(),
      unlocked: store.session !== null,
      user: store.signedInUser,
      idleLockMinutes: store.session ? await idleMinutes() : null,
      upgradePending: store.session ? false : store.roleKeysPending(),
    }),
    'setup.create': async (input) => {
      const recoveryKey = await store.setUp(input)
      await reports.ensureCertificate(store.requireOpen().db)
      await afterSignIn(true)
      return { recoveryKey }
    },
    'session.login': async (input) => {
      const user = await store.signIn(input.username, input.password)
      await afterSignIn()
      return user
    },
    'session.recover': async (input) => {
      const user = await store.recover(input.recoveryKey, input.username, input.newPassword)
      await afterSignIn()
      return user
    },
    'session.lock': async () => {
      await store.lock('user')
      return null
    },
    'session.keepAlive': async () => ({ idleLockMinutes: await idleMinutes() }),
    'account.changePassword': async (input) => {
      await changeOwnPassword(store, input)
      return null
    },
    'school.get': () => getSchool(store),
    'school.update': (input) => updateSchool(store, input),
    'school.logo': async () => ({ dataUrl: await readLogo(store.requireOpen().db) }),
    'school.setLogo': (input) => setLogo(store, input.imageBase64),
    'school.recordsBegan': async () => ({ on: await readRecordsBegan(store.requireOpen().db) }),
    'school.setRecordsBegan': (input) => setRecordsBegan(store, input.on),
    'settings.get': () => readSettings(store.requireOpen().db),
    'settings.update': (input) => updateSettings(store, input),
    'users.list': (input) => listUsers(store, input),
    'users.create': (input) => createUser(store, input),
    'users.update': (input) => updateUser(store, input),
    'users.setDisabled': (input) => setUserDisabled(store, input),
    'users.resetPassword': (input) => resetPassword(store, input),
    'audit.list': (input) => listAudit(store.requireOpen().db, input),
    'audit.verify': async (input) => {
      const result = await verifyRegisterAudit({ db: store.requireOpen().db, backups, reports }, input.against)
      const failed = result.brokenAt !== null ? `broken at ${result.brokenAt}` : `${result.anchors.filter((a) => !a.ok).length} copies disagree${result.roles.ok ? '' : '; roles disagree'}`
      await store.audit({
        action: 'audit.verify',
        target: input.against ? 'against a copy' : null,
        result: result.ok ? 'ok' : 'failed',
        detail: result.ok ? `${result.checked} entries intact; ${result.anchors.length} copies agree` : failed,
      })
      return result
    },
    'backup.list': () => backups.overview(),
    'backup.now': async (input) => {
      const info = await backups.make(store.requireOpen().db, 'manual', input.folder)
      await store.audit({ action: 'backup.now', detail: input.folder ? 'to a chosen folder' : 'to the backup folder' })
      return info
    },
    'backup.inspect': (input) => backups.inspect(input.file),
    'backup.restore': (input) => backups.restore(input.file, input.confirmSchoolName),
    'vault.rotateKey': async (input) => ({ recoveryKey: await rotateDatabaseKey(store, input.password) }),
    'vault.newRecoveryKey': async (input) => ({ recoveryKey: await replaceRecoveryKey(store, input.password) }),
    'reports.start': (input) => reports.start(input),
    'reports.job': (input) => reports.job(input.jobId),
    'reports.save': (input) => reports.save(input.jobId, chosenFrom(input)),
    'reports.open': (input) => reports.open(input.jobId),
    'reports.register': (input) => reports.register(input),
    'reports.verify': (input) => reports.verify(decodeBase64File(input.fileBase64)),
    'certificate.get': () => reports.certificate(),
    'certificate.import': (input) => reports.importCertificate(decodeBase64File(input.fileBase64), input.passphrase),
    'certificate.generate': () => reports.newSelfSignedCertificate(),
    'certificate.export': (input) => reports.exportCertificate({ file: input.file, replace: input.replace }),
    'people.list': (input) => listPeople(people, input),
    'people.get': (input) => getPerson(people, input.id),
    'people.groups': () => directoryGroups(people),
    'people.create': (input) => createPerson(people, input),
    'people.update': (input) => updatePerson(people, input.id, input.person),
    'people.archive': (input) => archivePerson(people, input.id, input.leftOn),
    'people.unarchive': (input) => unarchivePerson(people, input.id),
    'people.setSafeguardingHold': (input) => setSafeguardingHold(people, input),
    'people.hosts': (input) => listHosts(people, input.text),
    'people.importPreview': (input) => previewImport(people, input),
    'people.importApply': (input) => applyImport(people, input),
    'aup.versions': (input) => listVersions(people, input.audience),
    'aup.get': (input) => getVersion(people, input.id),
    'aup.publish': (input) => publishVersion(people, input),
    'aup.status': (input) => aupStatus(people, input),
    'aup.startRenewal': (input) => startRenewal(people, input),
    'agreements.record': (input) => recordAgreement(people, input),
    'agreements.recordPaperBatch': (input) => recordPaperBatch(people, input),
    'agreements.correct': (input) => correctAgreement(people, input),
    'agreements.withdraw': (input) => withdrawAgreement(people, input),
    'agreements.forPerson': (input) => agreementsForPerson(people, input.personId),
    'agreements.signature': (input) => agreementSignature(people, input.agreementId),
    'visitors.search': (input) => searchVisitors(people, input),
    'visitors.register': (input) => registerVisitor(people, input),
    'visitors.update': (input) => updateVisitor(people, input),
    'visitors.currentAup': (input) => currentAupFor(people, input),
    'visits.signIn': (input) => signIn(people, input),
    'visits.signOut': (input) => signOut(people, input.visitId),
    'visits.undoSignOut': (input) => undoSignOut(people, input.visitId),
    'visits.onSite': () => onSite(people),
    'visits.autoSignOut': () => autoSignOut(people),
    'visits.list': (input) => listVisits(people, input),
    'visits.settings': () => readReceptionSettings(store.requireOpen().db),
    'visits.updateSettings': (input) => updateReceptionSettings(people, input),
    'retention.preview': () => previewRetention(people),
    'retention.run': () => runRetention(people),
    // Each later record kind registers its handlers from its own folder.
    ...incidentHandlers(people, exportFolder),
    ...reviewAndCheckHandlers(people, exportFolder),
    ...permissionHandlers(people),
    ...annualReviewHandlers(people),
    ...draftHandlers(people),
  }
  const dispatch = createDispatcher<Contract>(handlers, { logger })

  async function call(method: unknown, input: unknown): Promise<Result<unknown>> {
    if (store.session && (await store.isIdleFor(idleMinutes))) await store.lock('idle')
    const result = await dispatch(method, input, { session: store.session })
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
  }
}


