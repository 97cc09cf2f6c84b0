import type { z } from 'zod'
import type { MethodName } from './method-names'
import type { Result } from './result'
import type { ContractKind, MethodSpec } from './contract-kit'
import { sessionKind } from '../features/session/contract'
import { schoolKind } from '../features/school/contract'
import { usersKind } from '../features/users/contract'
import { auditKind } from '../features/audit/contract'
import { backupsKind } from '../features/backups/contract'
import { reportsKind } from '../features/reports/contract'
import { peopleKind } from '../features/people/contract'
import { agreementsKind } from '../features/agreements/contract'
import { visitsKind } from '../features/visits/contract'
import { incidentsKind } from '../features/incidents/contract'
import { reviewsAndChecksKind } from '../features/reviews-and-checks/contract'
import { permissionsKind } from '../features/permissions/contract'
import { annualReviewKind } from '../features/annual-review/contract'
import { dashboardKind } from '../features/dashboard/contract'
import { draftsKind } from '../features/drafts/contract'
import { searchesKind } from '../features/searches/contract'
import { trainingKind } from '../features/training/contract'
import { approvalsKind } from '../features/approvals/contract'
import { fmGovernanceKind } from '../features/fm-governance/contract'
import { governorOversightKind } from '../features/governor-oversight/contract'
import { consentKind } from '../features/consent/contract'

export type { Access, MethodSpec } from './contract-kit'
export type { AppStatus, RecoveryKeyIssued } from '../features/session/contract'
export { USER_SORT_KEYS } from '../features/users/contract'
export { AUDIT_SORT_KEYS } from '../features/audit/contract'

/**
 * Every record kind's contract, one line each: its methods and audit words live in its own
 * `shared/features/<kind>/contract.ts`. The core's registry (electron/core/features.ts) has a kind
 * of the same name for each, giving each method exactly one handler
 * (tests/unit/feature-registry.test.ts).
 */
export const KINDS = [
  sessionKind,
  schoolKind,
  usersKind,
  auditKind,
  backupsKind,
  reportsKind,
  peopleKind,
  agreementsKind,
  visitsKind,
  incidentsKind,
  reviewsAndChecksKind,
  permissionsKind,
  annualReviewKind,
  dashboardKind,
  draftsKind,
  searchesKind,
  trainingKind,
  approvalsKind,
  fmGovernanceKind,
  governorOversightKind,
  consentKind,
] as const

type Joined<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never

/** Every kind's methods in one map (a name two kinds both declare stops the app from starting). */
export function joinMethods<K extends readonly ContractKind[]>(kinds: K): Joined<K[number]['methods']> {
  const joined: Record<string, MethodSpec> = {}
  for (const kind of kinds) {
    for (const [name, spec] of Object.entries(kind.methods)) {
      if (Object.hasOwn(joined, name)) throw new Error(`Two record kinds declare the method ${name}; the second is ${kind.name}.`)
      joined[name] = spec
    }
  }
  return joined as Joined<K[number]['methods']>
}

export const contract = joinMethods(KINDS)

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
