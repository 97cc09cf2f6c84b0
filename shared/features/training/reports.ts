import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the training kind (built by electron/core/training/reports/). */
export const trainingReports = {
  'training-record': {
    title: 'Online safety training record',
    period: false,
    roles: ['manager', 'head', 'dsl'],
    summary: 'Who is up to date, due or overdue on each training requirement (induction, yearly refresher, DSL training and update, governor training)',
  },
} as const satisfies Record<string, ReportTypeSpec>
