import type { Role } from '../../domain/roles'
import type { Dashboard } from '../../domain/annual-review'
import { noInput, returns, defineKind, type MethodSpec } from '../../api/contract-kit'

/**
 * Each role's dashboard shows only what that role may see. Reception's first screen is the
 * reception desk itself (who is on site now), so office staff have no other dashboard.
 */
const DASHBOARD_ROLES = ['manager', 'head', 'dsl', 'ict'] as const satisfies readonly Role[]

/** The first screen after signing in. */
export const dashboardMethods = {
  'dashboard.get': {
    summary: 'The first screen after signing in: what is overdue or due soon, and the counts the role may see',
    access: DASHBOARD_ROLES,
    input: noInput,
    output: returns<Dashboard>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The dashboard kind: its methods and the audit trail's words for the actions it writes. */
export const dashboardKind = defineKind({
  name: 'dashboard',
  methods: dashboardMethods,
  auditWords: {},
})
