import type { z } from 'zod'
import type { MethodName } from './method-names'
import type { Result } from './result'
import type { MethodSpec } from './contract-kit'
import { sessionMethods } from './session-contract'
import { schoolMethods } from './school-contract'
import { usersMethods } from './users-contract'
import { auditMethods } from './audit-contract'
import { backupsMethods } from './backups-contract'
import { reportsMethods } from './reports-contract'
import { peopleMethods } from './people-contract'
import { agreementsMethods } from './agreements-contract'
import { visitsMethods } from './visits-contract'
import { incidentMethods } from './incidents-contract'
import { reviewAndCheckMethods } from './reviews-and-checks-contract'
import { permissionMethods } from './permissions-contract'
import { annualReviewMethods } from './annual-review-contract'
import { dashboardMethods } from './dashboard-contract'
import { draftMethods } from './drafts-contract'

export type { Access, MethodSpec } from './contract-kit'
export type { AppStatus, RecoveryKeyIssued } from './session-contract'
export { USER_SORT_KEYS } from './users-contract'
export { AUDIT_SORT_KEYS } from './audit-contract'

/**
 * Every method of the API: the registry of the record kinds' contracts, one line each. A kind's
 * methods live in its own `<kind>-contract.ts`; the core's feature registry gives each method
 * exactly one handler (tests/unit/feature-registry.test.ts fails on a method claimed twice).
 */
export const contract = {
  ...sessionMethods,
  ...schoolMethods,
  ...usersMethods,
  ...auditMethods,
  ...backupsMethods,
  ...reportsMethods,
  ...peopleMethods,
  ...agreementsMethods,
  ...visitsMethods,
  ...incidentMethods,
  ...reviewAndCheckMethods,
  ...permissionMethods,
  ...annualReviewMethods,
  ...dashboardMethods,
  ...draftMethods,
} as const satisfies Record<string, MethodSpec>

/** Every method's name, for the e2e bridge and the tests (the preload has them from the build). */
export const METHOD_NAMES = Object.keys(contract) as MethodName[]

export type Contract = typeof contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = Contract[M]['output']

/** The shape of `window.api`: one function per method, each resolving to a Result. */
export type ApiBridge = {
  readonly [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>
}
