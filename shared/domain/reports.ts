import type { Role } from './roles'
import { usersReports } from '../features/users/reports'
import { auditReports } from '../features/audit/reports'
import { agreementsReports } from '../features/agreements/reports'
import { visitsReports } from '../features/visits/reports'
import { incidentsReports } from '../features/incidents/reports'
import { reviewsAndChecksReports } from '../features/reviews-and-checks/reports'
import { permissionsReports } from '../features/permissions/reports'
import { annualReviewReports } from '../features/annual-review/reports'
import { searchesReports } from '../features/searches/reports'
import { trainingReports } from '../features/training/reports'
import { approvalsReports } from '../features/approvals/reports'
import { fmGovernanceReports } from '../features/fm-governance/reports'
import { governorOversightReports } from '../features/governor-oversight/reports'
import { consentReports } from '../features/consent/reports'

/** What the app needs to know of a report type: its name, who may make it, and what it asks for. */
export interface ReportTypeSpec {
  title: string
  /** Asks for a period (from, to). */
  period: boolean
  roles: readonly Role[]
  /** One line for the Reports screen and `report --help`. */
  summary: string
  /** About one record (its id). */
  record?: 'incident'
  /** As the register stood on a day. */
  asAt?: true
  /** A school year. */
  academicYear?: true
  agreementForm?: 'blank' | 'signed' | 'sheets'
}

/**
 * Every report the app can issue: each record kind's own (`shared/features/<kind>/reports.ts`),
 * one line each. Its builder is named in the kind's core descriptor.
 */
export const REPORT_TYPES = {
  ...usersReports,
  ...auditReports,
  ...agreementsReports,
  ...visitsReports,
  ...incidentsReports,
  ...reviewsAndChecksReports,
  ...permissionsReports,
  ...annualReviewReports,
  ...searchesReports,
  ...trainingReports,
  ...approvalsReports,
  ...fmGovernanceReports,
  ...governorOversightReports,
  ...consentReports,
}

/** Reports made from their own screen (a record's page, the Annual review, Agreements), so not listed on the Reports screen. */
export const REPORTS_MADE_ELSEWHERE = (Object.keys(REPORT_TYPES) as (keyof typeof REPORT_TYPES)[]).filter(
  (t) => 'record' in REPORT_TYPES[t] || 'academicYear' in REPORT_TYPES[t] || 'agreementForm' in REPORT_TYPES[t],
)

export type ReportType = keyof typeof REPORT_TYPES

/** Everyone who may make at least one report. */
export const REPORT_ROLES: readonly Role[] = [...new Set(Object.values(REPORT_TYPES).flatMap((t): readonly Role[] => t.roles))]

export interface ReportJob {
  jobId: string
  status: 'running' | 'done' | 'failed'
  /** 0 to 1 while running. */
  progress: number
  /** What it is doing now, in words ("Drawing the charts…"); null once finished. */
  stage: string | null
  /** Set when done. */
  report: IssuedReport | null
  /** Set when failed: what happened, in plain words. */
  message: string | null
}

export interface IssuedReport {
  id: number
  /** Its number in the report register, by year of issue: "2026-0042", printed in the report as "Report 2026-0042". */
  number: string
  type: ReportType
  title: string
  periodFrom: string | null
  periodTo: string | null
  producedAt: string
  producedBy: string
  pageCount: number
  /** SHA-256 of the signed file, hex: how a copy is later recognised. */
  sha256: string
  fileName: string
  anonymised: boolean
  passwordProtected: boolean
  /** Signed with the school's certificate; false when made by someone who does not hold it (only the business manager and the headteacher do). */
  signed: boolean
}

export interface SigningCertificate {
  holder: string
  organisation: string
  fingerprint: string
  notBefore: string
  notAfter: string
  /**
   * The last day reports are signed with it: for a certificate the app made, five years after it
   * was made (the app then makes the next; this one stays valid for the reports it signed).
   */
  signsUntil: string
  source: 'generated' | 'imported'
  /** Days until it expires (negative once expired). */
  daysLeft: number
}

export type PdfVerdict = 'genuine' | 'altered' | 'unknown-signer' | 'not-signed' | 'not-a-pdf'

export interface PdfVerification {
  verdict: PdfVerdict
  /** One or two plain sentences for the person holding the copy. */
  message: string
  signatureIntact: boolean
  coversWholeFile: boolean
  signedBy: { holder: string; organisation: string; fingerprint: string; notAfter: string } | null
  signedByThisSchool: boolean
  registerEntry: IssuedReport | null
}
