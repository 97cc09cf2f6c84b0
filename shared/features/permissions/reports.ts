import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the permissions kind (built by electron/core/permissions/reports/). */
export const permissionsReports = {
  'permission-register': { title: 'Permission register', period: false, asAt: true, roles: ['manager', 'head', 'dsl', 'ict'], summary: 'The portable media, system access, password exemption and shared account permissions in force on a date, with revocations and scans' },
} as const satisfies Record<string, ReportTypeSpec>
