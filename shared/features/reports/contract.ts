import { z } from 'zod'
import { REPORT_ROLES, REPORT_TYPES, type IssuedReport, type PdfVerification, type ReportJob, type SigningCertificate } from '../../domain/reports'
import * as f from '../../api/fields'
import { chosenFile, replaceChosen } from '../../api/chosen-file'
import * as pf from '../../api/people-fields'
import { fileBase64, id, noInput, returns, sortOf, defineKind, type MethodSpec } from '../../api/contract-kit'
import { INCIDENT_STATUSES } from '../../domain/incidents'
import { MANAGER, AUDIT_READERS, CHECKERS } from '../../api/access'

export const reportType = z.enum(Object.keys(REPORT_TYPES) as [keyof typeof REPORT_TYPES, ...(keyof typeof REPORT_TYPES)[]], { message: 'Please choose a report.' })
export const jobId = z.string().uuid('That report is no longer available. Make it again.')

/** Signed reports and the certificate they are signed with. */
export const reportsMethods = {
  // Signed reports.
  'reports.start': {
    summary: 'Start making a signed report; returns a job to follow',
    access: REPORT_ROLES,
    input: z
      .object({
        type: reportType,
        from: f.isoDate.optional(),
        to: f.isoDate.optional(),
        anonymised: z.boolean().default(false),
        password: z.string().min(8, 'A password for the PDF needs at least 8 characters.').max(100, 'That password is too long.').optional(),
        /** For a report about one record (an incident): its id. */
        recordId: id.optional(),
        /** The annual review pack only: sign it although the headteacher's commentary or priorities are empty. */
        withoutCommentary: z.boolean().optional(),
        /** The incident log only: just the entries the log screen shows with these filters (the period may then be left open). */
        logView: z
          .object({
            categoryId: id.optional(),
            status: z.enum(INCIDENT_STATUSES).optional(),
            personId: id.optional(),
            text: z.string().trim().max(100, 'Search for at most 100 characters.').optional(),
            waitingForDsl: z.boolean().optional(),
          })
          .strict()
          .optional(),
        /** A blank agreement form: which of the version's audiences it is printed for. */
        audience: pf.aupAudience.optional(),
        /** Agreement sheets for a class or staff group. */
        group: pf.aupGroup.optional(),
      })
      .strict(),
    output: returns<{ jobId: string }>(),
  },
  'reports.job': {
    summary: 'How far a report has got, and the issued report when done',
    access: REPORT_ROLES,
    input: z.object({ jobId }).strict(),
    output: returns<ReportJob>(),
  },
  'reports.save': {
    summary: 'Save a finished report as a PDF file (where the user chose in the Save window, or a new file in the export folder)',
    access: REPORT_ROLES,
    input: z.object({ jobId, file: chosenFile('pdf', 'A signed report is a PDF document').optional(), replace: replaceChosen }).strict(),
    output: returns<{ file: string }>(),
  },
  'reports.open': {
    summary: 'Open a finished report in the computer’s PDF viewer (to read or print)',
    access: REPORT_ROLES,
    input: z.object({ jobId }).strict(),
    output: returns<{ file: string }>(),
  },
  'reports.register': {
    summary: 'The register of every report issued, newest first',
    access: AUDIT_READERS,
    input: z
      .object({
        /** Newest first when not given. */
        sort: sortOf(['producedAt', 'title', 'producedBy', 'pageCount']),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: returns<{ rows: IssuedReport[]; total: number }>(),
  },
  'reports.verify': {
    summary: 'Check a PDF: is it a genuine, unaltered report from this register?',
    access: CHECKERS,
    input: z.object({ fileBase64 }).strict(),
    output: returns<PdfVerification>(),
  },
  'certificate.get': {
    summary: 'The certificate reports are signed with: holder and expiry',
    access: AUDIT_READERS,
    input: noInput,
    output: returns<SigningCertificate & { expiresSoon: boolean }>(),
  },
  'certificate.import': {
    summary: 'Sign reports with the school’s own certificate (a .p12/.pfx file and its passphrase)',
    access: MANAGER,
    input: z.object({ fileBase64, passphrase: z.string().max(200) }).strict(),
    output: returns<SigningCertificate & { expiresSoon: boolean }>(),
  },
  'certificate.generate': {
    summary: 'Make a new self-signed certificate for reports (the old one is retired, not deleted)',
    access: MANAGER,
    input: noInput,
    output: returns<SigningCertificate & { expiresSoon: boolean }>(),
  },
  'certificate.export': {
    summary: 'Save the certificate reports are signed with as a .cer file, for readers outside the school to trust',
    access: AUDIT_READERS,
    input: z.object({ file: chosenFile('cer', 'The school’s certificate is saved as a .cer file'), replace: replaceChosen }).strict(),
    output: returns<{ file: string }>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The reports kind: its methods and the audit trail's words for the actions it writes. */
export const reportsKind = defineKind({
  name: 'reports',
  methods: reportsMethods,
  auditWords: {
    'report.issue': 'Issued a report',
    'report.issueAnonymised': 'Issued an anonymised copy of a report',
    'report.verify': 'Checked a PDF',
    'certificate.import': 'Imported a signing certificate',
    'certificate.generate': 'Made a signing certificate',
    'certificate.export': 'Saved the signing certificate for readers to trust',
  },
})
