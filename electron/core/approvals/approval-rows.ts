import { addDays } from '../../../shared/dates/uk-time'
import { REVIEW_DUE_DAYS, type ApprovalStatus, type ApprovalSummary, type Outcome } from '../../../shared/features/approvals/contract'
import type { Db } from '../db/database'
import type { ApprovalDecisionRow, ApprovalRow } from './tables'

/** An approval with its latest decision (the first one, or the latest review), as listed. */
export type ApprovalWithLatest = ApprovalRow & Partial<Pick<ApprovalDecisionRow, 'outcome' | 'review_on' | 'decided_on' | 'decided_by_name'>>

const LATEST = '(SELECT d2.id FROM approval_decisions d2 WHERE d2.approval_id = a.id ORDER BY d2.id DESC LIMIT 1)'

/** Every approval with its latest decision, newest request first. */
export function approvalsWithLatest(db: Db) {
  return db('approvals as a')
    .leftJoin('approval_decisions as d', (j) => void j.on('d.id', '=', db.raw(LATEST)))
    .select('a.*', 'd.outcome', 'd.review_on', 'd.decided_on', 'd.decided_by_name')
    .orderBy([
      { column: 'a.requested_on', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ]) as unknown as Promise<ApprovalWithLatest[]>
}

/** Where an approval stands on a day, from its latest decision. */
export function statusOf(latest: { outcome?: Outcome | null | undefined; review_on?: string | null | undefined }, today: string): ApprovalStatus {
  if (!latest.outcome) return 'awaiting'
  if (latest.outcome === 'refused') return 'refused'
  if (latest.review_on! < today) return 'lapsed'
  if (latest.review_on! <= addDays(today, REVIEW_DUE_DAYS)) return 'review-due'
  return 'approved'
}

export function toSummary(r: ApprovalWithLatest, today: string): ApprovalSummary {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    requestedBy: r.requested_by_name,
    requestedOn: r.requested_on,
    riskLevel: r.risk_level,
    status: statusOf(r, today),
    outcome: r.outcome ?? null,
    decidedBy: r.decided_by_name ?? null,
    decidedOn: r.decided_on ?? null,
    reviewOn: r.review_on ?? null,
  }
}
