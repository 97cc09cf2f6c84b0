import type { IssuedReport, PdfVerification, ReportJob, SigningCertificate } from '../../../shared/domain/reports'
import type { Db } from '../db/database'
import type { RegisterStore } from '../store/register-store'
import type { ChosenFile } from '../files/save-chosen-file'
import type { Anchor } from '../audit/anchors'
import type { PdfRenderer } from './pdf/pdf-renderer'
import type { StartReport } from './builders/report-builder'
import { SigningCertificates, type CertificateRow } from './certificates'
import { ReportJobs, type ReportJobsOptions } from './report-jobs'
import { ReportRegister } from './report-register'

export interface ReportsOptions extends Omit<ReportJobsOptions, 'now'> {
  now?: (() => number) | undefined
}

/**
 * Signed reports: the school's signing certificate, the jobs that build, lay out and sign each
 * report, and the register of issued reports that vouches for a copy later. Each is a part of its
 * own; this puts them together for the core.
 */
export class Reports {
  readonly certificates: SigningCertificates
  readonly jobs: ReportJobs
  /** The register of issued reports (`register()` lists it). */
  readonly issued: ReportRegister

  constructor(store: RegisterStore, renderer: PdfRenderer, options: ReportsOptions) {
    const now = () => options.now?.() ?? Date.now()
    this.certificates = new SigningCertificates(store, now)
    this.issued = new ReportRegister(store)
    this.jobs = new ReportJobs(store, renderer, this.certificates, this.issued, { ...options, now })
  }

  // ---- the signing certificate (SigningCertificates) -------------------------------------

  ensureCertificate(db: Db): Promise<CertificateRow> {
    return this.certificates.ensure(db)
  }
  certificate(): Promise<SigningCertificate & { expiresSoon: boolean }> {
    return this.certificates.summary()
  }
  importCertificate(p12: Buffer, passphrase: string): Promise<SigningCertificate & { expiresSoon: boolean }> {
    return this.certificates.import(p12, passphrase)
  }
  newSelfSignedCertificate(): Promise<SigningCertificate & { expiresSoon: boolean }> {
    return this.certificates.newSelfSigned()
  }
  exportCertificate(chosen: ChosenFile): Promise<{ file: string }> {
    return this.certificates.export(chosen)
  }

  // ---- issuing (ReportJobs) ---------------------------------------------------------------

  start(input: StartReport): Promise<{ jobId: string }> {
    return this.jobs.start(input)
  }
  job(jobId: string): ReportJob {
    return this.jobs.job(jobId)
  }
  pdfOf(jobId: string): Buffer {
    return this.jobs.pdfOf(jobId)
  }
  save(jobId: string, chosen?: ChosenFile): { file: string } {
    return this.jobs.save(jobId, chosen)
  }
  open(jobId: string): Promise<{ file: string }> {
    return this.jobs.open(jobId)
  }
  /** Finished reports hold record content in memory: forget them all (and the numbers they held) when the register locks. */
  forgetAll(): void {
    this.jobs.forgetAll()
    this.issued.numbers.releaseAll()
  }

  // ---- the issued-report register (ReportRegister) ---------------------------------------

  register(query: Parameters<ReportRegister['list']>[0]): Promise<{ rows: IssuedReport[]; total: number }> {
    return this.issued.list(query)
  }
  verify(pdf: Buffer): Promise<PdfVerification> {
    return this.issued.verify(pdf)
  }
  anchorOf(pdf: Buffer): Promise<{ anchor: Anchor; producedAt: string; title: string | null } | { refused: string }> {
    return this.issued.anchorOf(pdf)
  }
}
