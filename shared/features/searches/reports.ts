import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the searches kind (built by electron/core/searches/reports/). */
export const searchesReports = {
  'searches-and-confiscations': {
    title: 'Searches and confiscated items',
    period: true,
    roles: ['manager', 'head', 'dsl'],
    summary: 'Every search of a pupil or device in a period, with its grounds and follow-up, and every item taken, returned or passed to the police',
  },
} as const satisfies Record<string, ReportTypeSpec>
