import type { Knex } from 'knex'
import type { z } from 'zod'
import type { ContractKind, MethodSpec } from '../../../shared/api/contract-kit'
import type { AnnualRegisterFigures, AnnualSpan, AttentionItem } from '../../../shared/domain/annual-review'
import type { CalendarItem } from '../../../shared/domain/calendar'
import type { Role } from '../../../shared/domain/roles'
import type { Session } from '../api/dispatcher'
import type { Backups } from '../backup/backups'
import type { Migration } from '../db/migrations/index'
import type { DemoSeeder } from '../demo/demo'
import type { RegisterCheck } from '../health/register-checks'
import type { ReportBuilders } from '../reports/builders/report-builder'
import type { Reports } from '../reports/reports'
import type { RoleKeys } from '../vault/role-keys'
import type { FeatureContext } from './feature-context'

/** Where saved copies go (reports, evidence, documents, calendars) unless the user chooses a file. */
export interface ExportFolder {
  exportDir: string
  /** Opens a saved copy in the computer's own viewer (the app only). */
  openFile?: ((file: string) => Promise<void>) | undefined
}

/** What the core lends every handler besides the store and the clock. */
export interface CoreServices {
  appVersion: string
  reports: Reports
  backups: Backups
  exportFolder: ExportFolder
  /** The work after a sign-in (daily backup, retention): the session feature runs it. */
  afterSignIn(setUp?: boolean): Promise<void>
  /** Minutes of no use before the register locks itself (the default while locked). */
  idleMinutes(): Promise<number>
  /** What the kinds contribute to each other (the dashboard's items, the calendar's, the report builders...). */
  features: FeatureParts
}

/**
 * What a handler is given with its input: who is signed in, the store (whose transactions every
 * write goes through), the core's clock and the core's services. A handler never reads the
 * session from anywhere else.
 */
export interface HandlerContext extends FeatureContext {
  /** null only in the methods open to anyone while the register is locked. */
  session: Session | null
  services: CoreServices
}

export type FeatureHandler<S extends MethodSpec> = (input: z.output<S['input']>, ctx: HandlerContext) => S['output'] | Promise<S['output']>

/** A handler for each method of a contract, typed by the method's input and output. */
export type FeatureHandlers<C extends Record<string, MethodSpec>> = { [M in keyof C]: FeatureHandler<C[M]> }

/** Items a feature puts on a role's dashboard ("due", "overdue"): only what that role may see. */
export type AttentionSource = (ctx: FeatureContext, role: Role) => Promise<AttentionItem[]>

/** A kind's items on the calendar: what falls due (and was done), each linking to its page. */
export interface CalendarSource {
  /**
   * Its items due or done between two days (YYYY-MM-DD, both included); `today` is the UK day. Only
   * what `role` may see: the Calendar is open to several roles, and a kind's items can name records
   * some of them must not (a search, a safeguarding record).
   */
  between(ctx: FeatureContext, role: Role, from: string, to: string, today: string): Promise<CalendarItem[]>
  /** What is overdue today, and what falls due by `horizon`, that `role` may see. */
  dueNow(ctx: FeatureContext, role: Role, today: string, horizon: string): Promise<{ overdue: CalendarItem[]; dueSoon: CalendarItem[] }>
}

/**
 * A kind's section of the headteacher's annual review pack (and of the Annual review screen): its
 * figures for the days counted, each counted from its records by its own queries. The pack prints
 * the sections in registry order after its own, counts through the anonymiser.
 */
export interface AnnualPackPart {
  figures(ctx: FeatureContext, span: AnnualSpan): Promise<AnnualRegisterFigures>
}

/** Records a feature deletes when the school's retention schedule says they have been kept long enough. */
export interface RetentionRule {
  /** What goes, for the log: "visitor records". */
  name: string
  /** Deletes what is due (audited by the rule) and returns how many records went. */
  run(ctx: FeatureContext): Promise<unknown>
}

/**
 * One record kind, as the core sees it: everything the core needs to know about it lives in its
 * folder and is named here, and the registry (`electron/core/features.ts`) lists the kinds. The
 * compiler refuses a descriptor whose handlers do not match its contract, and the registry's
 * test refuses a method, migration or report without an owner.
 */
export interface CoreFeature<C extends Record<string, MethodSpec> = Record<string, MethodSpec>, R extends Partial<ReportBuilders> = Partial<ReportBuilders>> {
  /** Its contract (`shared/features/<kind>/contract.ts`): the name, the methods and their audit words. */
  kind: ContractKind<C>
  handlers: FeatureHandlers<C>
  /**
   * The migrations that made its tables. They are applied in the order of the one list in
   * `db/migrations/index.ts` (a schema version is global); the registry test checks each listed
   * migration has exactly one owner here.
   */
  migrations?: readonly Migration[]
  /** Its demonstration records. Seeders run in registry order: a later kind may use an earlier one's records. */
  demo?: DemoSeeder
  /** The builders of its signed reports, one per report type it owns (`REPORT_TYPES`). */
  reports?: R
  /** Its part of the register's health check (`verify` on the command line). */
  checks?: readonly RegisterCheck[]
  /** Its items on the dashboard. */
  attention?: AttentionSource
  /** Its items on the calendar (the Calendar screen and the calendar part of the home screen). */
  calendar?: readonly CalendarSource[]
  /** Its section of the annual review pack. */
  annualPack?: AnnualPackPart
  /** Its part of the daily retention run (at the business manager's first sign-in of the day). */
  retention?: RetentionRule
  /**
   * A register from before role keys is upgraded once at a sign-in that can make them: the
   * kind encrypts what the role keys protect, inside that upgrade's transaction.
   */
  encryptWithRoleKeys?: (trx: Knex.Transaction, keys: RoleKeys) => Promise<unknown>
}

/** The features' contributions to each other and to the core, collected from the registry once. */
export interface FeatureParts {
  reports: ReportBuilders
  demo: readonly DemoSeeder[]
  checks: readonly RegisterCheck[]
  attention: readonly AttentionSource[]
  calendar: readonly CalendarSource[]
  retention: readonly RetentionRule[]
  annualPack: readonly AnnualPackPart[]
}

/** Declares a kind; the contract's type flows into the handlers' inputs and outputs. */
export function defineFeature<C extends Record<string, MethodSpec>, R extends Partial<ReportBuilders> = Record<never, never>>(feature: CoreFeature<C, R>): CoreFeature<C, R> {
  return feature
}
