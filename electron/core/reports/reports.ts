import { createHash, randomUUID } from 'node:crypto'
import { ROLE_LABELS } from '../../../shared/domain/roles'
import type { AupAudience, AupGroup } from '../../../shared/domain/aup'
import { REPORT_TYPES, type IssuedReport, type PdfVerification, type ReportJob, type ReportType, type SigningCertificate } from '../../../shared/domain/reports'
import { AppError, notFound } from '../api/app-error'
import type { Logger } from '../api/dispatcher'
import type { Db } from '../db/database'
import { readLogo, readSchool } from '../school/school'
import type { RegisterStore } from '../store/register-store'
import { saveNewFile } from '../files/save-new-file'
import { saveChosenFile, type ChosenFile } from '../files/save-chosen-file'
import { safeFileName } from '../../../shared/domain/file-names'
import { Anonymiser, ROLE_DESCRIPTIONS } from './anonymiser'
import { auditTrail } from './builders/audit-trail'
import type { ReportBody } from './builders/report-body'
import { usersAndRoles } from './builders/users-and-roles'
import { aupStatusReport } from './builders/aup-status'
import { rollCall, visitorLog } from './builders/visits'
import { incidentLog, incidentRecord, type LogView } from './builders/incidents'
import { matchingIncidentIds } from '../incidents/incident-views'
import { displayNameOfRow, type PersonRow } from '../people/person-rows'
import { policyReviewSchedule } from './builders/policy-reviews'
import { checkLog } from './builders/check-log'
import { filteringChangeLog } from './builders/filtering-changes'
import { permissionRegister } from './builders/permission-register'
import { annualReviewPack } from './builders/annual-review'
import { agreementSheets, blankAgreement, signedAgreementCopy } from './builders/agreement-forms'
import type { PdfRenderer } from './pdf/pdf-renderer'
import type { ReportFrame } from './pdf/report-frame'
import { certificateDer, generateSchoolCertificate, importCertificate, renewalDue, summarise, type StoredCertificate } from './signing/certificate'
import { checkPdfSignature } from './signing/verify-signature'
import { takeAnchor, type Anchor } from '../audit/anchors'
import { anchorInPdf } from './pdf/pdf-anchor'
import { openCertificate, sealP12, sealPassphrase } from './signing/certificate-store'
import { FieldUnreadableError } from '../vault/field-cipher'
import { RegisterNumbers, registerNumberLabel } from './register-numbers'
import { periodLabel, ukDate, ukLongDate } from '../../../shared/dates/uk-format'
import { ukDay } from '../../../shared/dates/uk-time'

export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE'
/** A certificate this close to its end date is flagged on screen. */
export const EXPIRY_WARNING_DAYS = 60

interface JobState extends ReportJob {
  userId: number
  pdf: Buffer | null
  startedAt: number
}

interface CertificateRow {
  id: number
  source: 'generated' | 'imported'
  p12: Buffer
  passphrase: string
  holder: string
  organisation: string
  fingerprint: string
  not_before: string
  not_after: string
}

interface ReportRow {
  id: number
  number: string
  type: ReportType
  title: string
  period_from: string | null
  period_to: string | null
  produced_at: string
  produced_by_name: string
  page_count: number
  sha256: string
  file_name: string
  anonymised: number
  password_protected: number
  certificate_fingerprint: string
}

export interface StartReport {
  type: ReportType
  from?: string | undefined
  to?: string | undefined
  anonymised: boolean
  password?: string | undefined
  /** For a report about one record (an incident): its id. */
  recordId?: number | undefined
  /** The annual review pack: print it although the commentary or priorities are empty (the pack says so). */
  withoutCommentary?: boolean | undefined
  /** The incident log: only what the log screen shows with these filters. */
  logView?: LogFilters | undefined
  /** A blank agreement form: which of the version's audiences it is for. */
  audience?: AupAudience | undefined
  /** Agreement sheets: the class or staff group. */
  group?: AupGroup | undefined
}

type LogFilters = { categoryId?: number | undefined; status?: 'open' | 'closed' | undefined; personId?: number | undefined; text?: string | undefined; waitingForDsl?: boolean | undefined }

/** The report register's columns it can be sorted by (issued is the order they were entered). */
const REGISTER_SORT = { producedAt: 'id', title: 'title COLLATE NOCASE', producedBy: 'produced_by_name COLLATE NOCASE', pageCount: 'page_count' } as const

/** The day of the log's first entry, or null for an empty log. */
async function firstEntryDay(db: Db): Promise<string | null> {
  const row = ((await db('incidents').min({ on: 'occurred_on' })) as { on: string | null }[])[0]
  return row?.on ?? null
}

const toIssued = (r: ReportRow): IssuedReport => ({
  id: r.id,
  number: r.number,
  type: r.type,
  title: r.title,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  producedAt: r.produced_at,
  producedBy: r.produced_by_name,
  pageCount: r.page_count,
  sha256: r.sha256,
  fileName: r.file_name,
  anonymised: !!r.anonymised,
  passwordProtected: !!r.password_protected,
  signed: r.certificate_fingerprint !== '',
})

/**
 * Issues signed reports. A report is prepared from the records (in the core's call queue),
 * laid out and signed by the PdfRenderer (a worker thread in the app), and recorded in the
 * report register before anyone can save or open it: an unregistered report never leaves.
 */
export class Reports {
  private readonly jobs = new Map<string, JobState>()
  private readonly numbers = new RegisterNumbers()

  constructor(
    private readonly store: RegisterStore,
    private readonly renderer: PdfRenderer,
    private readonly options: {
      logger: Logger
      /** Runs work in the core's one-at-a-time queue (for writing the register when a job ends). */
      enqueue: <T>(work: () => Promise<T>) => Promise<T>
      exportDir: string
      openFile?: (file: string) => Promise<void>
      now?: () => number
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }

  // ---- the signing certificate ----------------------------------------------------------

  async ensureCertificate(db: Db): Promise<CertificateRow> {
    const current = await this.currentCertificate(db)
    if (current && !renewalDue({ ...current, notBefore: current.not_before, notAfter: current.not_after }, this.now())) return current
    const school = await readSchool(db)
    const cert = generateSchoolCertificate(school.name, new Date(this.now()))
    // A certificate the app made has signed for its five years: the next one takes over, the old one is kept for the reports it signed.
    if (current) await this.store.change({ action: 'certificate.generate', detail: `renewed after five years; fingerprint ${cert.fingerprint}` }, (trx) => this.saveCertificate(trx, cert))
    else await this.saveCertificate(db, cert)
    return (await db('signing_certificates').whereNull('retired_at').orderBy('id', 'desc').first()) as CertificateRow
  }

  private async currentCertificate(db: Db): Promise<CertificateRow | undefined> {
    return (await db('signing_certificates').whereNull('retired_at').orderBy('id', 'desc').first()) as CertificateRow | undefined
  }

  /**
   * The certificate and its private key, when the signed-in user holds the reports key (the
   * business manager and the headteacher); otherwise null, and the report is issued unsigned.
   */
  private async signingCertificate(db: Db): Promise<(CertificateRow & { opened: { p12: Buffer; passphrase: string } }) | null> {
    const reportsKey = this.store.roleKey('reports')
    if (!reportsKey) return null
    const row = await this.ensureCertificate(db)
    try {
      return { ...row, opened: openCertificate(reportsKey, row) }
    } catch (err) {
      if (!(err instanceof FieldUnreadableError)) throw err
      throw new AppError('internal', 'The school’s signing certificate cannot be opened: it was changed outside the app. Nothing was issued. Make a new certificate in Settings, or restore the latest backup.')
    }
  }

  /** The certificate reports are signed with, for readers to trust: DER (a .cer file). Only the holders of the reports key reach it (manager, head). */
  async exportCertificate(chosen: ChosenFile): Promise<{ file: string }> {
    const row = await this.signingCertificate(this.store.requireOpen().db)
    if (!row) throw new AppError('forbidden', 'Only the business manager and the headteacher hold the key that keeps the school’s signing certificate. Ask one of them.')
    const file = saveChosenFile(chosen, certificateDer(row.opened.p12, row.opened.passphrase), 'cer', 'The school’s certificate is saved as a .cer file')
    await this.store.audit({ action: 'certificate.export', detail: `fingerprint ${row.fingerprint}` })
    return { file }
  }

  async certificate(): Promise<SigningCertificate & { expiresSoon: boolean }> {
    const { db } = this.store.requireOpen()
    const row = (await this.currentCertificate(db)) ?? (this.store.roleKey('reports') ? await this.ensureCertificate(db) : undefined)
    if (!row) throw new AppError('not-found', 'The school has no signing certificate yet. The business manager or the headteacher makes one by signing in.')
    const s = summarise({ ...row, notBefore: row.not_before, notAfter: row.not_after }, this.now())
    return { ...s, expiresSoon: s.daysLeft <= EXPIRY_WARNING_DAYS }
  }

  async importCertificate(p12: Buffer, passphrase: string): Promise<SigningCertificate & { expiresSoon: boolean }> {
    const cert = importCertificate(p12, passphrase, new Date(this.now()))
    await this.store.change({ action: 'certificate.import', detail: `fingerprint ${cert.fingerprint}` }, (trx) => this.saveCertificate(trx, cert))
    return this.certificate()
  }

  async newSelfSignedCertificate(): Promise<SigningCertificate & { expiresSoon: boolean }> {
    const { db } = this.store.requireOpen()
    const cert = generateSchoolCertificate((await readSchool(db)).name, new Date(this.now()))
    await this.store.change({ action: 'certificate.generate', detail: `fingerprint ${cert.fingerprint}` }, (trx) => this.saveCertificate(trx, cert))
    return this.certificate()
  }

  private async saveCertificate(db: Db, cert: StoredCertificate): Promise<void> {
    const reportsKey = this.store.roleKey('reports')
    if (!reportsKey) throw new AppError('forbidden', 'Only the business manager and the headteacher hold the key that keeps the school’s signing certificate. Ask one of them.')
    const at = new Date(this.now()).toISOString()
    await db('signing_certificates').whereNull('retired_at').update({ retired_at: at })
    // Its id is part of what the encryption is bound to, so it is chosen before the row is written.
    const [{ max }] = (await db('signing_certificates').max({ max: 'id' })) as [{ max: number | null }]
    const id = (max ?? 0) + 1
    await db('signing_certificates').insert({
      id,
      source: cert.source,
      p12: sealP12(reportsKey, id, cert.p12),
      passphrase: sealPassphrase(reportsKey, id, cert.passphrase),
      holder: cert.holder,
      organisation: cert.organisation,
      fingerprint: cert.fingerprint,
      not_before: cert.notBefore,
      not_after: cert.notAfter,
      created_at: at,
    })
  }

  // ---- issuing --------------------------------------------------------------------------

  async start(input: StartReport): Promise<{ jobId: string }> {
    const { db, session } = this.store.requireOpen()
    const spec = REPORT_TYPES[input.type]
    if (!(spec.roles as readonly string[]).includes(session.role)) {
      throw new AppError('forbidden', 'Your role does not allow this report. If you need it for your work, ask the school business manager.')
    }
    if (input.logView && input.type !== 'incident-log') throw new AppError('validation', 'Only the incident log can be printed as the log screen shows it.', 'logView')
    // The log's view may leave its period open: from its first entry to today.
    if (input.logView) input = { ...input, from: input.from ?? (await firstEntryDay(db)) ?? ukDay(this.now()), to: input.to ?? ukDay(this.now()) }
    if (spec.period && (!input.from || !input.to)) throw new AppError('validation', 'Choose the first and last day of the period.', input.from ? 'to' : 'from')
    if (input.from && input.to && input.from > input.to) throw new AppError('validation', 'The period ends before it starts: check the dates.', 'to')
    if ('record' in spec && !input.recordId) throw new AppError('validation', 'This report is about one record: open the record and print it from there.', 'recordId')
    if ('agreementForm' in spec && spec.agreementForm !== 'sheets' && !input.recordId) throw new AppError('validation', 'Print this from the Agreements screen or the person’s page.', 'recordId')
    if ('agreementForm' in spec && spec.agreementForm === 'sheets' && !input.group) throw new AppError('validation', 'Choose the class or staff group to print for.', 'group')

    const names = await Anonymiser.forRegister(db, input.anonymised)
    // A report "as at" one day (the permission register) is dated, not given a period.
    const asAt = 'asAt' in spec
    let body = await this.build(db, input, names, 'meanwhile')
    const school = await readSchool(db)
    const cert = await this.signingCertificate(db)
    const now = new Date(this.now())
    const jobId = randomUUID()
    const registerNumber = await this.numbers.hold(db, jobId, now.getTime())
    const producedBy = `${session.displayName} (${ROLE_LABELS[session.role]})`
    // An anonymised copy names its maker by role, in the footer and the signature block alike; the register keeps the name.
    const madeBy = input.anonymised ? ROLE_DESCRIPTIONS[session.role] : producedBy
    const frame: ReportFrame = {
      schoolName: school.name,
      logo: await readLogo(db),
      title: spec.title,
      periodLabel: body.subject ?? (asAt ? `At ${ukLongDate(`${body.periodTo}T12:00:00Z`)}` : body.periodFrom && body.periodTo ? periodLabel(body.periodFrom, body.periodTo) : `At ${ukLongDate(now)}`),
      producedBy: madeBy,
      producedOn: ukLongDate(now),
      issuedAt: now.toISOString(),
      marking: PROTECTIVE_MARKING,
      anonymised: input.anonymised,
      // Every signed report is an anchor: a copy kept or sent elsewhere vouches for the chains as they are now.
      anchor: await takeAnchor(db, now.toISOString()),
      ...(body.ownCover ? { ownCover: true } : {}),
      signature: cert
        ? { signer: madeBy, registerNumber, certificateHolder: cert.holder, certificateFingerprint: cert.fingerprint, certificateExpires: ukDate(cert.not_after) }
        : { signer: madeBy, registerNumber, certificateHolder: '', certificateFingerprint: '', certificateExpires: '', unsigned: true },
    }

    const state: JobState = { jobId, status: 'running', progress: 0, stage: 'Laying out the pages…', report: null, message: null, userId: session.userId, pdf: null, startedAt: this.now() }
    this.jobs.set(jobId, state)
    const about = body.subject ?? (asAt ? body.periodTo! : body.periodFrom ? `${body.periodFrom} to ${body.periodTo}` : now.toISOString().slice(0, 10))
    // The name the Save window suggests: a title such as "Acceptable use agreements: who has agreed" has a character Windows refuses.
    const fileName = safeFileName(`${spec.title} ${about}${input.anonymised ? ' (anonymised)' : ''}.pdf`, 'Report.pdf')

    const render = (content: ReportBody) =>
      this.renderer.render({ frame, content: content.content, ...(input.password ? { userPassword: input.password } : {}) }, cert ? { ...cert.opened, name: cert.holder, location: school.name } : null, (f) => {
        state.progress = Math.min(0.99, f)
        // The same figure as SIGNING_FROM in render-pdf.ts (not imported: that file loads pdfmake).
        state.stage = f >= 0.95 && cert ? 'Signing the report…' : 'Laying out the pages…'
      })
    const made = async () => {
      const [rendered, hold] = await Promise.all([render(body), body.signaturesHold?.() ?? true])
      if (hold) return rendered
      // A signature failed its check: the pages say they all hold, so they are made again with
      // every signature checked first, naming the records that failed.
      body = await this.build(this.store.requireOpen().db, input, names, 'first')
      return render(body)
    }

    void made()
      .then(({ pdf, pageCount }) =>
        this.options.enqueue(async () => {
          state.stage = 'Entering it in the report register…'
          const contentSha256 = createHash('sha256').update(JSON.stringify({ type: input.type, from: body.periodFrom, to: body.periodTo, rows: body.rows })).digest('hex')
          const sha256 = createHash('sha256').update(pdf).digest('hex')
          const id = await this.store.change({ action: input.anonymised ? 'report.issueAnonymised' : 'report.issue', target: input.recordId ? `${input.type}:${input.recordId}` : input.type, detail: `${registerNumberLabel(registerNumber)}; ${pageCount} pages;${input.anonymised ? ' anonymised;' : ''} sha256 ${sha256}` }, async (trx) => {
            const [newId] = await trx('reports').insert({
              number: registerNumber,
              type: input.type,
              title: spec.title,
              parameters: JSON.stringify({ from: body.periodFrom, to: body.periodTo, anonymised: input.anonymised, passwordProtected: !!input.password }),
              period_from: body.periodFrom,
              period_to: body.periodTo,
              produced_by: session.userId,
              produced_by_name: producedBy,
              produced_at: now.toISOString(),
              page_count: pageCount,
              sha256,
              content_sha256: contentSha256,
              certificate_fingerprint: cert?.fingerprint ?? '',
              file_name: fileName,
              anonymised: input.anonymised ? 1 : 0,
              password_protected: input.password ? 1 : 0,
            })
            return Number(newId)
          })
          const row = (await this.store.requireOpen().db('reports').where({ id }).first()) as ReportRow
          Object.assign(state, { status: 'done', progress: 1, stage: null, pdf, report: toIssued(row) })
        }),
      )
      .finally(() => this.numbers.release(jobId))
      .catch((err: unknown) => {
        const locked = err instanceof AppError && err.kind === 'locked'
        if (!locked) this.options.logger.error(`Report ${input.type} failed`, err)
        Object.assign(state, {
          status: 'failed',
          stage: null,
          message: locked
            ? 'The register was locked before the report was finished, so it was not issued. Sign in and make it again.'
            : 'The report could not be made. Nothing was issued. Please try again; if it keeps happening, tell your IT support.',
        })
      })
    return { jobId }
  }

  /** `signatures`: whether a long report's signatures are checked before it is built, or meanwhile as it is laid out (ReportBody.signaturesHold). */
  private build(db: Db, input: StartReport, names: Anonymiser, signatures: 'first' | 'meanwhile'): Promise<ReportBody> {
    switch (input.type) {
      case 'users-and-roles':
        return usersAndRoles(db, names)
      case 'audit-trail':
        return auditTrail(db, names, input.from!, input.to!)
      case 'aup-status':
        return aupStatusReport(this.features(), names)
      case 'visitor-log':
        return visitorLog(this.features(), names, input.from!, input.to!)
      case 'roll-call':
        return rollCall(this.features())
      case 'incident-log':
        return (async () => {
          const view = input.logView ? await this.logView(db, input.logView, names) : undefined
          return incidentLog(db, this.store, this.store.requireOpen().session.role, names, input.from!, input.to!, view, signatures)
        })()
      case 'incident-record':
        return incidentRecord(db, this.store, this.store.requireOpen().session.role, names, input.recordId!)
      case 'policy-reviews':
        return policyReviewSchedule(this.features(), names)
      case 'check-log':
        return checkLog(this.features(), names, input.from!, input.to!)
      case 'filtering-changes':
        return filteringChangeLog(this.features(), names, input.from!, input.to!)
      case 'permission-register':
        return permissionRegister(this.features(), names, input.to)
      case 'aup-blank':
        return blankAgreement(this.features(), input.recordId!, input.audience)
      case 'aup-signed':
        return signedAgreementCopy(this.features(), names, input.recordId!)
      case 'aup-sheets':
        return agreementSheets(this.features(), names, input.group!)
      case 'annual-review':
        return annualReviewPack(this.features(), names, input.from!, input.to!, { withoutCommentary: input.withoutCommentary === true })
    }
  }

  /** The entries the log screen's filters find, and the filters in words (no name or words in an anonymised copy). */
  private async logView(db: Db, filters: LogFilters, names: Anonymiser): Promise<LogView> {
    const ids = await matchingIncidentIds(this.features(), filters)
    const said: string[] = []
    if (filters.categoryId) {
      const category = (await db('incident_categories').where({ id: filters.categoryId }).first('name')) as { name: string } | undefined
      if (!category) throw new AppError('not-found', 'That category is not in the register. Reload the incident log and try again.', 'logView')
      said.push(`category “${category.name}”`)
    }
    if (filters.status) said.push(filters.status === 'open' ? 'still open' : 'closed')
    if (filters.waitingForDsl) said.push('waiting for the DSL')
    if (filters.personId) {
      const person = (await db('people').where({ id: filters.personId }).first()) as PersonRow | undefined
      if (!person) throw new AppError('not-found', 'That person is not in the register. Reload the incident log and try again.', 'logView')
      said.push(names.enabled ? 'naming one person' : `naming ${displayNameOfRow(person)}`)
    }
    if (filters.text?.trim()) said.push(names.enabled ? 'containing the words searched for' : `containing “${filters.text.trim()}”`)
    return { ids, described: said.join('; ') || 'none' }
  }

  private features() {
    return { store: this.store, now: () => this.now() }
  }

  job(jobId: string): ReportJob {
    const { jobId: id, status, progress, stage, report, message } = this.jobFor(jobId)
    return { jobId: id, status, progress, stage, report, message }
  }

  /** The finished PDF, for the command line. */
  pdfOf(jobId: string): Buffer {
    const job = this.jobFor(jobId)
    if (!job.pdf) throw new AppError('conflict', 'That report is not finished yet.')
    return job.pdf
  }

  /** Writes the finished report as the file chosen in the Save window, else as a new file in the export folder; returns its path. */
  save(jobId: string, chosen?: ChosenFile): { file: string } {
    const job = this.jobFor(jobId)
    if (!job.pdf || !job.report) throw new AppError('conflict', 'That report is not finished yet. Wait for it, then save it.')
    if (chosen) return { file: saveChosenFile(chosen, job.pdf, 'pdf', 'A signed report is a PDF document') }
    return { file: saveNewFile(this.options.exportDir, job.report.fileName, job.pdf) }
  }

  async open(jobId: string): Promise<{ file: string }> {
    const saved = this.save(jobId)
    if (!this.options.openFile) throw new AppError('conflict', `The report was saved to ${saved.file}. Open it from there.`)
    await this.options.openFile(saved.file)
    return saved
  }

  /** Finished reports hold record content in memory: forget them all when the register locks. */
  forgetAll(): void {
    this.jobs.clear()
    this.numbers.releaseAll()
  }

  async register(query: { sort?: { key: keyof typeof REGISTER_SORT; order: 'asc' | 'desc' } | undefined; offset: number; limit: number }): Promise<{ rows: IssuedReport[]; total: number }> {
    const { db } = this.store.requireOpen()
    const [{ n }] = (await db('reports').count({ n: '*' })) as [{ n: number }]
    const ordered = db('reports').select('*')
    // A chosen column, then the register's own order (newest first).
    if (query.sort) ordered.orderByRaw(`${REGISTER_SORT[query.sort.key]} ${query.sort.order === 'desc' ? 'DESC' : 'ASC'}`)
    const rows = (await ordered.orderBy('id', 'desc').offset(query.offset).limit(query.limit)) as ReportRow[]
    return { rows: rows.map(toIssued), total: Number(n) }
  }

  /** Is this copy genuine and unaltered? The signature, its certificate, and the register. */
  async verify(pdf: Buffer): Promise<PdfVerification> {
    const { db } = this.store.requireOpen()
    const check = checkPdfSignature(pdf)
    const sha256 = createHash('sha256').update(pdf).digest('hex')
    const entry = (await db('reports').where({ sha256 }).first()) as ReportRow | undefined
    const known = check.signer ? await db('signing_certificates').where({ fingerprint: check.signer.fingerprint }).first() : undefined
    const base = { signatureIntact: check.intact, coversWholeFile: check.coversWholeFile, signedBy: check.signer, signedByThisSchool: !!known, registerEntry: entry ? toIssued(entry) : null }
    const result = ((): Pick<PdfVerification, 'verdict' | 'message'> => {
      if (check.kind === 'not-a-pdf') return { verdict: 'not-a-pdf', message: 'That file is not a PDF.' }
      if (check.kind === 'not-signed' && entry) {
        return {
          verdict: 'not-signed',
          message: `That PDF carries no digital signature: ${registerNumberLabel(entry.number)}, “${entry.title}”, was issued by ${entry.produced_by_name} on ${ukLongDate(entry.produced_at)}, who does not hold the school’s signing certificate (only the business manager and the headteacher do). This exact file is in the report register, unchanged.`,
        }
      }
      if (check.kind === 'not-signed') return { verdict: 'not-signed', message: 'That PDF carries no digital signature, so the register cannot vouch for it.' }
      if (!check.intact || !check.coversWholeFile) {
        return { verdict: 'altered', message: 'This copy has been changed since it was signed. Do not rely on it: ask for the original, or print the report again from the register.' }
      }
      if (!known) return { verdict: 'unknown-signer', message: `The signature is intact, but it was made with a certificate this school’s register does not know (${check.signer?.holder ?? 'unnamed'}).` }
      if (!entry) return { verdict: 'altered', message: 'The signature is this school’s, but this exact file is not in the report register. Treat it with caution.' }
      return { verdict: 'genuine', message: `Genuine and unaltered: ${registerNumberLabel(entry.number)}, “${entry.title}”, issued by ${entry.produced_by_name} on ${ukLongDate(entry.produced_at)}.` }
    })()
    await this.store.audit({ action: 'report.verify', target: entry ? `report:${entry.id}` : null, detail: result.verdict })
    return { ...result, ...base }
  }

  /**
   * The anchor a signed report carries, read only from a copy the register vouches for: the
   * signature intact over every byte, made with a certificate this school has held (the checks
   * of `verify`). Otherwise the reason, in words.
   */
  async anchorOf(pdf: Buffer): Promise<{ anchor: Anchor; producedAt: string; title: string | null } | { refused: string }> {
    const { db } = this.store.requireOpen()
    const check = checkPdfSignature(pdf)
    if (check.kind === 'not-a-pdf') return { refused: 'That file is neither a backup nor a PDF.' }
    if (check.kind === 'not-signed') return { refused: 'That PDF carries no digital signature, so it cannot vouch for the register.' }
    if (!check.intact || !check.coversWholeFile) return { refused: 'That PDF has been changed since it was signed, so what it says of the register cannot be relied on.' }
    const known = check.signer ? await db('signing_certificates').where({ fingerprint: check.signer.fingerprint }).first('id') : undefined
    if (!known) {
      return {
        refused: `That PDF is signed with a certificate this register does not know (${check.signer?.holder ?? 'unnamed'}): either it is not this school’s report, or the certificate it was signed with has been removed from the register.`,
      }
    }
    const anchor = anchorInPdf(pdf)
    if (!anchor) return { refused: 'That signed report records nothing of the register (it was made by an earlier version of the app), so it cannot be compared.' }
    const sha256 = createHash('sha256').update(pdf).digest('hex')
    const entry = (await db('reports').where({ sha256 }).first('title')) as { title: string } | undefined
    return { anchor, producedAt: anchor.at, title: entry?.title ?? null }
  }

  private jobFor(jobId: string): JobState {
    const job = this.jobs.get(jobId)
    const session = this.store.session
    if (!job || !session || job.userId !== session.userId) throw notFound('That report is no longer available. Make it again.')
    return job
  }
}
