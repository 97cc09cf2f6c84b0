import type { AupAudience, AupGroup } from '../../../../shared/domain/aup'
import type { REPORT_TYPES, ReportType } from '../../../../shared/domain/reports'
import type { Session } from '../../api/dispatcher'
import type { Db } from '../../db/database'
import type { FeatureContext } from '../../feature-kit/feature-context'
import type { FeatureParts } from '../../feature-kit/feature'
import type { Anonymiser } from '../anonymiser'
import type { ReportBody } from './report-body'

/** The incident log screen's filters, for a log printed as the screen shows it. */
export interface LogFilters {
  categoryId?: number | undefined
  status?: 'open' | 'closed' | undefined
  personId?: number | undefined
  text?: string | undefined
  waitingForDsl?: boolean | undefined
}

/** A report as asked for (the API's `reports.start`). */
export interface StartReport {
  type: ReportType
  from?: string | undefined
  to?: string | undefined
  anonymised: boolean
  password?: string | undefined
  /** For a report about one record (an incident): its id. */
  recordId?: number | undefined
  /** The annual review pack: print it although the commentary or priorities are empty (the pack says so). */
  withoutCommentary?: boolean | undefined
  /** The incident log: only what the log screen shows with these filters. */
  logView?: LogFilters | undefined
  /** A blank agreement form: which of the version's audiences it is for. */
  audience?: AupAudience | undefined
  /** Agreement sheets: the class or staff group. */
  group?: AupGroup | undefined
}

type Spec<T extends ReportType> = (typeof REPORT_TYPES)[T]

/**
 * A report as its builder receives it, once the jobs have checked it against its type
 * (`REPORT_TYPES`): a period report has both days, a report about one record its id, agreement
 * sheets their group. The PDF's password stays with the jobs.
 */
export type ReportRequest<T extends ReportType = ReportType> = Omit<StartReport, 'type' | 'password'> & { type: T } & (Spec<T> extends { period: true } ? { from: string; to: string } : unknown) &
  (Spec<T> extends { record: string } | { agreementForm: 'blank' | 'signed' } ? { recordId: number } : unknown) &
  (Spec<T> extends { agreementForm: 'sheets' } ? { group: AupGroup } : unknown)

/** What every builder is given: the open register and the core's clock, who asks, and how names are shown. */
export interface ReportContext extends FeatureContext {
  db: Db
  /** Who is making the report (what they may read depends on their role). */
  session: Session
  /** The names as the copy shows them: in full, or as initials in an anonymised copy. */
  names: Anonymiser
  /** Whether a long report's signatures are checked before it is built, or meanwhile as it is laid out (ReportBody.signaturesHold). */
  signatures: 'first' | 'meanwhile'
  /** What the kinds contribute to each other: a report that gathers from every kind (the annual pack) reads their parts here. */
  features: FeatureParts
}

/** Reads the records for one type of report and lays out its content. */
export type ReportBuilder<T extends ReportType = ReportType> = (ctx: ReportContext, request: ReportRequest<T>) => Promise<ReportBody>

/** A builder for every report type: the compiler refuses a map that leaves one out. */
export type ReportBuilders = { readonly [T in ReportType]: ReportBuilder<T> }

/** The builder of one type, typed for that type's request. */
export function builderFor<T extends ReportType>(builders: ReportBuilders, type: T): ReportBuilder<T> {
  return builders[type]
}
