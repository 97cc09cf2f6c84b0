import type { MethodName } from './method-names'
import type { MethodSpec } from './contract-kit'

/** The incident log (Appendix 4): entries, versions, checklists, referrals, evidence. */
export const incidentMethods = {} as const satisfies Partial<Record<MethodName, MethodSpec>>
