import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the agreements kind (built by electron/core/agreements/reports/). */
export const agreementsReports = {
  'aup-status': { title: 'Acceptable use agreements: who has agreed', period: false, roles: ['manager', 'head', 'dsl'], summary: 'Coverage of the current agreements by year group, class and staff group, and everyone still to agree' },
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
} as const satisfies Record<string, ReportTypeSpec>
