import { createHash, randomUUID } from 'node:crypto'
import { ROLE_LABELS } from '../../../shared/domain/roles'
import { REPORT_TYPES, type ReportJob } from '../../../shared/domain/reports'
import { AppError, notFound } from '../api/app-error'
import type { Logger } from '../api/dispatcher'
import type { Db } from '../db/database'
import { readLogo, readSchool } from '../school/school'
import type { RegisterStore } from '../store/register-store'
import { saveNewFile } from '../files/save-new-file'
import { saveChosenFile, type ChosenFile } from '../files/save-chosen-file'
import { safeFileName } from '../../../shared/domain/file-names'
import { takeAnchor } from '../audit/anchors'
import { Anonymiser, ROLE_DESCRIPTIONS } from './anonymiser'
import type { ReportBody } from './builders/report-body'
import { builderFor, type ReportRequest, type StartReport } from './builders/report-builder'
import type { FeatureParts } from '../feature-kit/feature'
import type { PdfRenderer } from './pdf/pdf-renderer'
import type { ReportFrame } from './pdf/report-frame'
import type { SigningCertificates } from './certificates'
import type { ReportRegister } from './report-register'
import { registerNumberLabel } from './register-numbers'
import { periodLabel, ukDate, ukLongDate } from '../../../shared/dates/uk-format'
import { ukDay } from '../../../shared/dates/uk-time'

export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE'

interface JobState extends ReportJob {
  userId: number
  pdf: Buffer | null
  startedAt: number
}

export interface ReportJobsOptions {
  logger: Logger
  /** Runs work in the core's one-at-a-time queue (for writing the register when a job ends). */
  enqueue: <T>(work: () => Promise<T>) => Promise<T>
  exportDir: string
  openFile?: ((file: string) => Promise<void>) | undefined
  now: () => number
  /** What the kinds contribute: the builder of each report type, and the parts a report gathers from every kind (the annual pack's). */
  features: FeatureParts
}

/** The day of the log's first entry, or null for an empty log. */
async function firstEntryDay(db: Db): Promise<string | null> {
  const row = ((await db('incidents').min({ on: 'occurred_on' })) as { on: string | null }[])[0]
  return row?.on ?? null
}

/**
 * Report jobs: a report asked for is checked, built from the records (in the core's call queue),
 * laid out and signed by the PdfRenderer (a worker thread in the app) while the caller polls, and
 * entered in the report register before anyone can save or open it. Finished PDFs are held in
 * memory, for their maker only, until the register locks.
 */
export class ReportJobs {
  private readonly jobs = new Map<string, JobState>()

  constructor(
    private readonly store: RegisterStore,
    private readonly renderer: PdfRenderer,
    private readonly certificates: SigningCertificates,
    private readonly register: ReportRegister,
    private readonly options: ReportJobsOptions,
  ) {}

  private now(): number {
    return this.options.now()
  }

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
    // The checks above are what each type's ReportRequest promises its builder.
    const request: ReportRequest = input

    const names = await Anonymiser.forRegister(db, input.anonymised)
    // A report "as at" one day (the permission register) is dated, not given a period.
    const asAt = 'asAt' in spec
    let body = await this.build(request, names, 'meanwhile')
    const school = await readSchool(db)
    const cert = await this.certificates.forSigning(db)
    const now = new Date(this.now())
    const jobId = randomUUID()
    const registerNumber = await this.register.numbers.hold(db, jobId, now.getTime())
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
      body = await this.build(request, names, 'first')
      return render(body)
    }

    void made()
      .then(({ pdf, pageCount }) =>
        this.options.enqueue(async () => {
          state.stage = 'Entering it in the report register…'
          const contentSha256 = createHash('sha256').update(JSON.stringify({ type: input.type, from: body.periodFrom, to: body.periodTo, rows: body.rows })).digest('hex')
          const sha256 = createHash('sha256').update(pdf).digest('hex')
          const report = await this.register.enter({
            number: registerNumber,
            type: input.type,
            title: spec.title,
            parameters: { from: body.periodFrom, to: body.periodTo, anonymised: input.anonymised, passwordProtected: !!input.password },
            periodFrom: body.periodFrom,
            periodTo: body.periodTo,
            producedBy: session.userId,
            producedByName: producedBy,
            producedAt: now.toISOString(),
            pageCount,
            sha256,
            contentSha256,
            certificateFingerprint: cert?.fingerprint ?? '',
            fileName,
            anonymised: input.anonymised,
            passwordProtected: !!input.password,
            audit: {
              action: input.anonymised ? 'report.issueAnonymised' : 'report.issue',
              target: input.recordId ? `${input.type}:${input.recordId}` : input.type,
              detail: `${registerNumberLabel(registerNumber)}; ${pageCount} pages;${input.anonymised ? ' anonymised;' : ''} sha256 ${sha256}`,
            },
          })
          Object.assign(state, { status: 'done', progress: 1, stage: null, pdf, report })
        }),
      )
      .finally(() => this.register.numbers.release(jobId))
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
  private build(request: ReportRequest, names: Anonymiser, signatures: 'first' | 'meanwhile'): Promise<ReportBody> {
    const { db, session } = this.store.requireOpen()
    return builderFor(this.options.features.reports, request.type)({ store: this.store, now: () => this.now(), db, session, names, signatures, features: this.options.features }, request)
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
  }

  private jobFor(jobId: string): JobState {
    const job = this.jobs.get(jobId)
    const session = this.store.session
    if (!job || !session || job.userId !== session.userId) throw notFound('That report is no longer available. Make it again.')
    return job
  }
}
