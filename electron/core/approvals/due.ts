import { ukDate } from '../../../shared/dates/uk-format'
import type { Db } from '../db/database'
import type { ApprovalRow } from './tables'

export const dayText = (day: string) => ukDate(`${day}T12:00:00Z`)

const LATEST = '(SELECT d2.id FROM approval_decisions d2 WHERE d2.approval_id = a.id ORDER BY d2.id DESC LIMIT 1)'

/** Approvals whose latest decision approves them: each has a review date (lapsed or not). */
export async function inForceNow(db: Db): Promise<(Pick<ApprovalRow, 'id' | 'title' | 'kind'> & { review_on: string })[]> {
  return (await db('approvals as a')
    .join('approval_decisions as d', (j) => void j.on('d.id', '=', db.raw(LATEST)))
    .whereIn('d.outcome', ['approved', 'approved-with-conditions'])
    .orderBy('d.review_on')
    .select('a.id', 'a.title', 'a.kind', 'd.review_on')) as (Pick<ApprovalRow, 'id' | 'title' | 'kind'> & { review_on: string })[]
}

/** Requests with no decision yet, oldest first. */
export async function waitingForDecision(db: Db): Promise<Pick<ApprovalRow, 'id' | 'title' | 'requested_on' | 'requested_by_name'>[]> {
  return db('approvals as a')
    .whereNotExists((q) => void q.select(db.raw('1')).from('approval_decisions as d').whereRaw('d.approval_id = a.id'))
    .orderBy('a.requested_on')
    .select('a.id', 'a.title', 'a.requested_on', 'a.requested_by_name')
}
