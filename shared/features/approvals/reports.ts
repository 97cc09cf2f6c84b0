import type { ReportTypeSpec } from '../../domain/reports'

/** The signed report of the approvals kind (built by electron/core/approvals/reports/). */
export const approvalsReports = {
  'approvals-register': {
    title: 'Approvals and risk assessments register',
    period: true,
    roles: ['manager', 'head', 'dsl', 'ict'],
    summary: 'Everything approved and in force with its risk level, conditions and review date, reviews due or lapsed, and every decision in a period',
  },
} as const satisfies Record<string, ReportTypeSpec>
