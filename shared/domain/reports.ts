/** Every report the app can issue. Each later feature adds its own. */
import type { Role } from './roles'

export const REPORT_TYPES = {
  'users-and-roles': { title: 'Users and roles', period: false, roles: ['manager', 'head'], summary: 'Everyone who can sign in to the register, their role and status' },
  'audit-trail': { title: 'Audit trail', period: true, roles: ['manager', 'head'], summary: 'Who did what in the register, and when, for a period' },
  'aup-status': { title: 'Acceptable use agreements: who has agreed', period: false, roles: ['manager', 'head', 'dsl'], summary: 'Coverage of the current agreements by year group, class and staff group, and everyone still to agree' },
  'visitor-log': { title: 'Visitor log', period: true, roles: ['manager', 'head', 'dsl'], summary: 'Every visit in a period: who, from where, why, whom they saw, in and out' },
  'roll-call': { title: 'Fire roll call: visitors on site', period: false, roles: ['manager', 'head', 'dsl', 'office'], summary: 'Everyone signed in now, with a tick column for the assembly point' },
  'incident-log': { title: 'Online safety incident log', period: true, roles: ['manager', 'head', 'dsl'], summary: 'Every incident in a period, in the columns of the policy’s Appendix 4, with who recorded and signed it' },
  'incident-record': { title: 'Incident record', period: false, record: 'incident', roles: ['manager', 'head', 'dsl'], summary: 'One incident in full for a hand-over: people, checklist, referrals, files, every version and the chronology' },
  'policy-reviews': { title: 'Policy review schedule', period: false, roles: ['manager', 'head', 'dsl'], summary: 'Every policy: owner, version, written, ratified and by whom, next review (overdue first), and the reviews of the last year' },
  'check-log': { title: 'Recurring checks: log and completion', period: true, roles: ['manager', 'head', 'dsl', 'ict'], summary: 'Checks done against checks expected for each recurring check in a period, the missed ones named, and every check recorded' },
  'filtering-changes': { title: 'Filtering change log', period: true, roles: ['manager', 'head', 'dsl', 'ict'], summary: 'Every change to what the web filter blocks or allows in a period: why, who asked, who approved' },
  'permission-register': { title: 'Permission register', period: false, asAt: true, roles: ['manager', 'head', 'dsl', 'ict'], summary: 'The portable media, system access, password exemption and shared account permissions in force on a date, with revocations and scans' },
  'aup-blank': {
    title: 'Acceptable use agreement to sign',
    period: false,
    agreementForm: 'blank',
    roles: ['manager', 'head', 'dsl', 'ict'],
    summary: 'A blank copy of one agreement version for one group, with lines for the name, signature and date (and the parent or carer’s, for pupils)',
  },
  'aup-signed': {
    title: 'Acceptable use agreement: signed copy',
    period: false,
    agreementForm: 'signed',
    roles: ['manager', 'head', 'dsl'],
    summary: 'What one person agreed to, with their signature as recorded, the witness and the dates',
  },
  'aup-sheets': {
    title: 'Acceptable use agreements to sign',
    period: false,
    agreementForm: 'sheets',
    roles: ['manager', 'head', 'dsl', 'ict'],
    summary: 'One agreement per person of a class or staff group, each on its own page with their name and group printed',
  },
  'annual-review': {
    title: 'Annual online safety review',
    period: true,
    academicYear: true,
    roles: ['manager', 'head', 'dsl'],
    summary: 'The headteacher’s pack for the governing body: a school year’s figures from every record, the commentary and priorities, and the sign-off',
  },
} as const satisfies Record<string, { title: string; period: boolean; roles: readonly Role[]; summary: string; record?: 'incident'; asAt?: true; academicYear?: true; agreementForm?: 'blank' | 'signed' | 'sheets' }>

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
