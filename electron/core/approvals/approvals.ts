import { ukDay } from '../../../shared/dates/uk-time'
import { ukDate } from '../../../shared/dates/uk-format'
import {
  APPROVAL_STATUSES,
  type AccountHolder,
  type ApprovalDecisionInput,
  type ApprovalDetail,
  type ApprovalListQuery,
  type ApprovalPage,
  type ApprovalRequest,
  type ApprovalReviewInput,
  type ApprovalStatus,
} from '../../../shared/features/approvals/contract'
import { conflict, invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { displayNameOfRow } from '../people/services'
import { permissionsQuery, whereInForce } from '../permissions/services'
import { approvalsWithLatest, toSummary } from './approval-rows'
import type { ApprovalDecisionRow } from './tables'

const dayText = (day: string) => ukDate(`${day}T12:00:00Z`)

export async function listApprovals(ctx: FeatureContext, q: ApprovalListQuery): Promise<ApprovalPage> {
  const today = ukDay(ctx.now())
  const words = (q.text ?? '').toLowerCase().split(/\s+/u).filter(Boolean)
  const matching = (await approvalsWithLatest(ctx.store.requireOpen().db))
    .filter((r) => q.kind === undefined || r.kind === q.kind)
    .filter((r) => words.every((w) => `${r.title} ${r.purpose} ${r.requested_by_name} ${r.address ?? ''}`.toLowerCase().includes(w)))
    .map((r) => toSummary(r, today))
  const counts = Object.fromEntries(APPROVAL_STATUSES.map((s) => [s, 0])) as Record<ApprovalStatus, number>
  for (const s of matching) counts[s.status] += 1
  const shown = q.status === 'all' ? matching : matching.filter((s) => s.status === q.status)
  return { rows: shown.slice(q.offset, q.offset + q.limit), total: shown.length, counts }
}

async function accountHolders(db: Db, approvalId: number, today: string): Promise<AccountHolder[]> {
  const people = await db('approval_account_holders as h').join('people as p', 'p.id', 'h.person_id').where('h.approval_id', approvalId).select('p.*')
  if (people.length === 0) return []
  // The permission register says which shared accounts each holder has been given (S 5.2.4, 5.2.11).
  const held = (await whereInForce(permissionsQuery(db), today)
    .whereIn('p.person_id', people.map((p) => p.id))
    .whereIn('p.kind', ['credential-holder', 'system-access'])
    .orderBy('p.system_name')) as { person_id: number; system_name: string | null; account_name: string | null }[]
  return people
    .map((p) => ({
      personId: p.id,
      name: displayNameOfRow(p),
      credentials: held.filter((h) => h.person_id === p.id).map((h) => (h.account_name ? `${h.system_name}: ${h.account_name}` : (h.system_name ?? ''))),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export async function getApproval(ctx: FeatureContext, id: number): Promise<ApprovalDetail> {
  const { db } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const row = (await approvalsWithLatest(db)).find((r) => r.id === id)
  if (!row) throw notFound('That approval is not in the register. It may have been deleted at the end of its retention period.')
  const decisions = await db('approval_decisions').where({ approval_id: id }).orderBy('id')
  return {
    ...toSummary(row, today),
    purpose: row.purpose,
    personalData: row.personal_data,
    address: row.address,
    risks: row.risks,
    mitigations: row.mitigations,
    accountHolders: await accountHolders(db, id, today),
    decisions: decisions.map((d) => ({
      id: d.id,
      isReview: d.is_review === 1,
      outcome: d.outcome,
      conditions: d.conditions,
      reason: d.reason,
      notes: d.notes,
      riskLevel: d.risk_level,
      decidedOn: d.decided_on,
      decidedBy: d.decided_by_name,
      reviewOn: d.review_on,
      recordedAt: d.recorded_at,
    })),
  }
}

export async function requestApproval(ctx: FeatureContext, input: ApprovalRequest): Promise<{ id: number }> {
  const { session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  return ctx.store.change({ action: 'approvals.request', detail: input.kind }, async (trx) => {
    if (input.accountHolderIds.length > 0) {
      const staff = await trx('people').whereIn('id', input.accountHolderIds).where('kind', 'staff').whereNull('archived_at').pluck('id')
      if (staff.length !== input.accountHolderIds.length) throw invalid('accountHolderIds', 'Each account holder must be a member of staff still at the school. Choose them again from the list.')
    }
    const [id] = await trx('approvals').insert({
      kind: input.kind,
      title: input.title,
      purpose: input.purpose,
      personal_data: input.personalData ?? null,
      address: input.address ?? null,
      risks: input.risks,
      mitigations: input.mitigations,
      risk_level: input.riskLevel,
      requested_on: today,
      requested_by: session.userId,
      requested_by_name: session.displayName,
      created_at: new Date(ctx.now()).toISOString(),
    })
    if (input.accountHolderIds.length > 0) await trx('approval_account_holders').insert(input.accountHolderIds.map((person_id) => ({ approval_id: id!, person_id })))
    return { id: id! }
  })
}

type Decision = ApprovalDecisionInput & { notes?: string; riskLevel?: ApprovalReviewInput['riskLevel'] }

async function recordDecision(ctx: FeatureContext, input: Decision, isReview: boolean): Promise<null> {
  const { session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  if (input.decidedOn > today) throw invalid('decidedOn', 'The day of the decision cannot be in the future.')
  const action = isReview ? 'approvals.review' : 'approvals.decide'
  return ctx.store.change({ action, target: `approval:${input.id}`, detail: input.outcome }, async (trx) => {
    const approval = await trx('approvals').where({ id: input.id }).first()
    if (!approval) throw notFound('That approval is not in the register. It may have been deleted at the end of its retention period.')
    const latest = (await trx('approval_decisions').where({ approval_id: input.id }).orderBy('id', 'desc').first()) as ApprovalDecisionRow | undefined
    if (!isReview && latest) throw conflict(`This request was decided on ${dayText(latest.decided_on)}. A decision is recorded once: to change it, record a review.`)
    if (isReview && !latest) throw conflict('This request has not been decided yet: record the decision first.')
    if (isReview && latest!.outcome === 'refused') throw conflict('This request was refused, so there is nothing in force to review. Ask for a new approval instead.')
    const since = latest?.decided_on ?? approval.requested_on
    if (input.decidedOn < since) {
      throw invalid('decidedOn', isReview ? `A review comes after the last decision (${dayText(since)}).` : `The decision comes on or after the day it was asked for (${dayText(since)}).`)
    }
    await trx('approval_decisions').insert({
      approval_id: input.id,
      is_review: isReview ? 1 : 0,
      outcome: input.outcome,
      conditions: input.conditions ?? null,
      reason: input.reason ?? null,
      notes: input.notes ?? null,
      risk_level: input.riskLevel ?? approval.risk_level,
      decided_on: input.decidedOn,
      review_on: input.reviewOn ?? null,
      decided_by: session.userId,
      decided_by_name: session.displayName,
      recorded_at: new Date(ctx.now()).toISOString(),
    })
    return null
  })
}

export const decideApproval = (ctx: FeatureContext, input: ApprovalDecisionInput) => recordDecision(ctx, input, false)
export const reviewApproval = (ctx: FeatureContext, input: ApprovalReviewInput) => recordDecision(ctx, input, true)
