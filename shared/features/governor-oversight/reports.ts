import type { ReportTypeSpec } from '../../domain/reports'

/** The signed report of governor oversight (built by electron/core/governor-oversight/reports/). */
export const governorOversightReports = {
  'governor-oversight': {
    title: 'Governor oversight of online safety',
    period: true,
    roles: ['manager', 'head', 'dsl'],
    summary: 'The DSL’s meetings with the online safety governor in a period, with their notes, and every oversight action: who owns it, when it is due, and when it was done',
  },
} as const satisfies Record<string, ReportTypeSpec>
