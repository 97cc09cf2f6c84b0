import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the audit kind (built by electron/core/audit/reports/). */
export const auditReports = {
  'audit-trail': { title: 'Audit trail', period: true, roles: ['manager', 'head'], summary: 'Who did what in the register, and when, for a period' },
} as const satisfies Record<string, ReportTypeSpec>
