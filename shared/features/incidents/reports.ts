import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the incidents kind (built by electron/core/incidents/reports/). */
export const incidentsReports = {
  'incident-log': { title: 'Online safety incident log', period: true, roles: ['manager', 'head', 'dsl'], summary: 'Every incident in a period, in the columns of the policy’s Appendix 4, with who recorded and signed it' },
  'incident-record': { title: 'Incident record', period: false, record: 'incident', roles: ['manager', 'head', 'dsl'], summary: 'One incident in full for a hand-over: people, checklist, referrals, files, every version and the chronology' },
} as const satisfies Record<string, ReportTypeSpec>
