import type { ReportTypeSpec } from '../../domain/reports'

/** The signed reports of the users kind (built by electron/core/users/reports/). */
export const usersReports = {
  'users-and-roles': { title: 'Users and roles', period: false, roles: ['manager', 'head'], summary: 'Everyone who can sign in to the register, their role and status' },
} as const satisfies Record<string, ReportTypeSpec>
