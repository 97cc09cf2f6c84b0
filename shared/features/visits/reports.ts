import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the visits kind (built by electron/core/visits/reports/). */
export const visitsReports = {
  'visitor-log': { title: 'Visitor log', period: true, roles: ['manager', 'head', 'dsl'], summary: 'Every visit in a period: who, from where, why, whom they saw, in and out' },
  'roll-call': { title: 'Fire roll call: visitors on site', period: false, roles: ['manager', 'head', 'dsl', 'office'], summary: 'Everyone signed in now, with a tick column for the assembly point' },
} as const satisfies Record<string, ReportTypeSpec>
