import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the reviews and checks kind (built by electron/core/reviews-and-checks/reports/). */
export const reviewsAndChecksReports = {
  'policy-reviews': { title: 'Policy review schedule', period: false, roles: ['manager', 'head', 'dsl'], summary: 'Every policy: owner, version, written, ratified and by whom, next review (overdue first), and the reviews of the last year' },
  'check-log': { title: 'Recurring checks: log and completion', period: true, roles: ['manager', 'head', 'dsl', 'ict'], summary: 'Checks done against checks expected for each recurring check in a period, the missed ones named, and every check recorded' },
  'filtering-changes': { title: 'Filtering change log', period: true, roles: ['manager', 'head', 'dsl', 'ict'], summary: 'Every change to what the web filter blocks or allows in a period: why, who asked, who approved' },
} as const satisfies Record<string, ReportTypeSpec>
