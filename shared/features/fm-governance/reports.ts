import type { ReportTypeSpec } from '../../domain/reports'

/** The signed report of filtering and monitoring governance (built by electron/core/fm-governance/reports/). */
export const fmGovernanceReports = {
  // It lists monitoring alerts, which can name pupils: the roles that read the whole incident log only.
  'fm-governance': {
    title: 'Filtering and monitoring governance',
    period: true,
    roles: ['manager', 'head', 'dsl'],
    summary: 'Who is responsible for filtering and monitoring, the yearly reviews and their actions, and the monitoring alerts of a period with how each was dealt with',
  },
} as const satisfies Record<string, ReportTypeSpec>
