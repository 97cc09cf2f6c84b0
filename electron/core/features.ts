import type { Contract } from '../../shared/api/contract'
import type { MethodName } from '../../shared/api/method-names'
import type { ReportType } from '../../shared/domain/reports'
import type { HandlersFor } from './api/dispatcher'
import type { CoreFeature, FeatureParts, HandlerContext } from './feature-kit/feature'
import type { ReportBuilders } from './reports/builders/report-builder'
import { agreementsFeature } from './agreements/feature'
import { annualReviewFeature } from './annual-review/feature'
import { auditFeature } from './audit/feature'
import { backupsFeature } from './backup/feature'
import { dashboardFeature } from './dashboard/feature'
import { draftsFeature } from './drafts/feature'
import { fmGovernanceFeature } from './fm-governance/feature'
import { governorOversightFeature } from './governor-oversight/feature'
import { incidentsFeature } from './incidents/feature'
import { peopleFeature } from './people/feature'
import { permissionsFeature } from './permissions/feature'
import { reportsFeature } from './reports/feature'
import { reviewsAndChecksFeature } from './reviews-and-checks/feature'
import { schoolFeature } from './school/feature'
import { sessionFeature } from './session/feature'
import { usersFeature } from './users/feature'
import { visitsFeature } from './visits/feature'
import { searchesFeature } from './searches/feature'
import { trainingFeature } from './training/feature'
import { approvalsFeature } from './approvals/feature'
import { consentFeature } from './consent/feature'

/**
 * Every record kind the core knows, one line each. The order is the demo seeders' order (a
 * kind's demonstration records may use an earlier kind's) and the health checks' order. The
 * compiler refuses the list if a method or a report type is left without its kind.
 */
export const FEATURES = [
  sessionFeature,
  schoolFeature,
  usersFeature,
  peopleFeature,
  agreementsFeature,
  visitsFeature,
  incidentsFeature,
  reviewsAndChecksFeature,
  permissionsFeature,
  annualReviewFeature,
  dashboardFeature,
  draftsFeature,
  searchesFeature,
  trainingFeature,
  approvalsFeature,
  fmGovernanceFeature,
  governorOversightFeature,
  consentFeature,
  reportsFeature,
  backupsFeature,
  auditFeature,
] as const

type MethodsOf<F> = F extends CoreFeature<infer C> ? keyof C : never
type Unhandled = Exclude<MethodName, MethodsOf<(typeof FEATURES)[number]>>
/** A method of the contract that no kind in FEATURES handles fails to compile here, by name. */
export const everyMethodHasAKind: [Unhandled] extends [never] ? true : Unhandled = true

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any contract: only the reports are asked about
type ReportsOf<F> = F extends CoreFeature<any, infer R> ? keyof R : never
type Unbuilt = Exclude<ReportType, ReportsOf<(typeof FEATURES)[number]>>
/** A report type (`REPORT_TYPES`) that no kind in FEATURES builds fails to compile here, by name. */
export const everyReportHasABuilder: [Unbuilt] extends [never] ? true : Unbuilt = true

/**
 * Every handler, from every kind. A method two kinds both claim would leave one of them unheard,
 * so it stops the core from starting (and tests/unit/feature-registry.test.ts names it).
 */
export function handlersOf(features: readonly CoreFeature[]): HandlersFor<Contract, HandlerContext> {
  const handlers: Record<string, unknown> = {}
  for (const feature of features) {
    for (const [method, handler] of Object.entries(feature.handlers)) {
      if (Object.hasOwn(handlers, method)) throw new Error(`Two record kinds handle ${method}; the second is ${feature.kind.name}.`)
      handlers[method] = handler
    }
  }
  return handlers as HandlersFor<Contract, HandlerContext>
}

/** What the kinds contribute to each other and to the core, in registry order. */
export function partsOf(features: readonly CoreFeature[]): FeatureParts {
  const reports: Partial<Record<string, unknown>> = {}
  for (const feature of features) {
    for (const [type, builder] of Object.entries(feature.reports ?? {})) {
      if (Object.hasOwn(reports, type)) throw new Error(`Two record kinds build the report ${type}; the second is ${feature.kind.name}.`)
      reports[type] = builder
    }
  }
  return {
    reports: reports as ReportBuilders,
    demo: features.flatMap((f) => (f.demo ? [f.demo] : [])),
    checks: features.flatMap((f) => f.checks ?? []),
    attention: features.flatMap((f) => (f.attention ? [f.attention] : [])),
    calendar: features.flatMap((f) => f.calendar ?? []),
    retention: features.flatMap((f) => (f.retention ? [f.retention] : [])),
    annualPack: features.flatMap((f) => (f.annualPack ? [f.annualPack] : [])),
  }
}
