import type { Outcome, RiskLevel, ApprovalKind } from '../../../shared/features/approvals/contract'
import type { Db } from '../db/database'
import { statusOf } from './approval-rows'

/** An approval as it stood at the end of a day: the latest decision recorded by then, if any. */
export interface StandingApproval {
  id: number
  kind: ApprovalKind
  title: string
  requestedOn: string
  requestedBy: string
  riskLevel: RiskLevel
  outcome: Outcome | null
  conditions: string | null
  decidedOn: string | null
  decidedBy: string | null
  reviewOn: string | null
  status: ReturnType<typeof statusOf>
}

/**
 * Every approval asked for by a day, with the decision in force at its end (the latest decided
 * by then: decisions are kept in the order made, each on or after the one before). The report
 * and the annual pack both count from this, so they agree.
 */
export async function standingOn(db: Db, day: string): Promise<StandingApproval[]> {
  const rows = (await db('approvals as a')
    .leftJoin('approval_decisions as d', (j) =>
      void j.on('d.id', '=', db.raw('(SELECT d2.id FROM approval_decisions d2 WHERE d2.approval_id = a.id AND d2.decided_on <= ? ORDER BY d2.id DESC LIMIT 1)', [day])),
    )
    .where('a.requested_on', '<=', day)
    .orderBy([{ column: 'a.title' }, { column: 'a.id' }])
    .select('a.id', 'a.kind', 'a.title', 'a.requested_on', 'a.requested_by_name', 'a.risk_level', 'd.outcome', 'd.conditions', 'd.decided_on', 'd.decided_by_name', 'd.review_on', 'd.risk_level as decided_risk')) as {
    id: number
    kind: ApprovalKind
    title: string
    requested_on: string
    requested_by_name: string
    risk_level: RiskLevel
    outcome: Outcome | null
    conditions: string | null
    decided_on: string | null
    decided_by_name: string | null
    review_on: string | null
    decided_risk: RiskLevel | null
  }[]
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    requestedOn: r.requested_on,
    requestedBy: r.requested_by_name,
    riskLevel: r.decided_risk ?? r.risk_level,
    outcome: r.outcome,
    conditions: r.conditions,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by_name,
    reviewOn: r.review_on,
    status: statusOf(r, day),
  }))
}

/** In force at the end of the day: approved (with or without conditions), even if its review has lapsed. */
export const inForce = (a: StandingApproval) => a.outcome === 'approved' || a.outcome === 'approved-with-conditions'
