import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the annual review kind (built by electron/core/annual-review/reports/). */
export const annualReviewReports = {
  'annual-review': {
    title: 'Annual online safety review',
    period: true,
    academicYear: true,
    roles: ['manager', 'head', 'dsl'],
    summary: 'The headteacher’s pack for the governing body: a school year’s figures from every record, the commentary and priorities, and the sign-off',
  },
} as const satisfies Record<string, ReportTypeSpec>
