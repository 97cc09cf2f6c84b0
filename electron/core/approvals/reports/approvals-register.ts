import type { Content } from 'pdfmake/interfaces'
import { APPROVAL_KIND_LABELS, APPROVAL_KINDS, OUTCOME_LABELS, RISK_LEVEL_LABELS } from '../../../../shared/features/approvals/contract'
import { ukDate, ukLongDate } from '../../../../shared/dates/uk-format'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import type { ReportBody } from '../../reports/builders/report-body'
import { HEADING } from '../../reports/builders/keep-with-next'
import { emptyNote, longTable } from '../../reports/builders/table'
import { inForce, standingOn } from '../standing'

const day = (d: string | null) => (d ? ukDate(`${d}T12:00:00Z`) : '')
const longDay = (d: string) => ukLongDate(`${d}T12:00:00Z`)
const section = (heading: string, body: Content[]): Content => ({ stack: [{ text: heading, style: 'h2', headlineLevel: HEADING }, ...body] })
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The register as it stood at the end of the period: what is approved and in force (by kind, with
 * its review date, lapsed and due reviews marked), what waits for the headteacher, and every
 * decision and review made in the period.
 */
export async function approvalsRegister(ctx: ReportContext, { from, to }: ReportRequest<'approvals-register'>): Promise<ReportBody> {
  const { db, names } = ctx
  const standing = await standingOn(db, to)
  const current = standing.filter(inForce)
  const lapsed = current.filter((a) => a.status === 'lapsed').length
  const due = current.filter((a) => a.status === 'review-due').length
  const awaiting = standing.filter((a) => a.outcome === null)

  const reviewWords = (a: (typeof current)[number]) => `${day(a.reviewOn)}${a.status === 'lapsed' ? ' (lapsed)' : a.status === 'review-due' ? ' (due)' : ''}`
  const inForceRows = APPROVAL_KINDS.flatMap((kind) =>
    current
      .filter((a) => a.kind === kind)
      .map((a) => [APPROVAL_KIND_LABELS[kind], names.text(a.title), RISK_LEVEL_LABELS[a.riskLevel], `${OUTCOME_LABELS[a.outcome!]}, ${names.name(a.decidedBy)}, ${day(a.decidedOn)}`, names.text(a.conditions ?? ''), reviewWords(a)]),
  )
  const awaitingRows = awaiting.map((a) => [APPROVAL_KIND_LABELS[a.kind], names.text(a.title), names.name(a.requestedBy), day(a.requestedOn), RISK_LEVEL_LABELS[a.riskLevel]])

  const decisions = (await db('approval_decisions as d')
    .join('approvals as a', 'a.id', 'd.approval_id')
    .whereBetween('d.decided_on', [from, to])
    .orderBy([{ column: 'd.decided_on' }, { column: 'd.id' }])
    .select('d.decided_on', 'd.is_review', 'd.outcome', 'd.conditions', 'd.reason', 'd.decided_by_name', 'd.review_on', 'a.title', 'a.kind')) as {
    decided_on: string
    is_review: number
    outcome: keyof typeof OUTCOME_LABELS
    conditions: string | null
    reason: string | null
    decided_by_name: string
    review_on: string | null
    title: string
    kind: keyof typeof APPROVAL_KIND_LABELS
  }[]
  const decisionRows = decisions.map((d) => [
    day(d.decided_on),
    names.text(d.title),
    d.is_review ? 'Review' : 'Decision',
    d.is_review && d.outcome === 'refused' ? 'Withdrawn' : OUTCOME_LABELS[d.outcome],
    names.text(d.conditions ?? d.reason ?? ''),
    names.name(d.decided_by_name),
    day(d.review_on),
  ])

  const content: Content[] = [
    {
      text: `At the end of ${longDay(to)}: ${plural(current.length, 'approval', 'approvals')} in force, of which ${lapsed} had passed the review date (lapsed) and ${due} fell due for review within 30 days; ${plural(awaiting.length, 'request waits', 'requests wait')} for the headteacher’s decision. ${plural(decisions.length, 'decision or review was', 'decisions and reviews were')} recorded in the period. Decisions are never edited: a change is a review, kept with the decision before it.`,
      margin: [0, 0, 0, 8],
    },
    section(`In force at the end of ${longDay(to)}`, [
      inForceRows.length ? longTable(['Kind', 'What', 'Risk', 'Decision', 'Conditions', 'Review by'], [80, '*', 36, 110, 100, 62], inForceRows, { fontSize: 8 }) : emptyNote('Nothing was approved and in force on that day.'),
    ]),
    section('Waiting for the headteacher’s decision', [
      awaitingRows.length ? longTable(['Kind', 'What', 'Asked for by', 'On', 'Risk'], [90, '*', 100, 56, 40], awaitingRows, { fontSize: 8 }) : emptyNote('No request was waiting for a decision.'),
    ]),
    section(`Decisions and reviews from ${longDay(from)} to ${longDay(to)}`, [
      decisionRows.length ? longTable(['Day', 'What', 'Decision or review', 'Outcome', 'Conditions or reason', 'By', 'Review by'], [46, '*', 44, 62, 96, 60, 46], decisionRows, { fontSize: 8 }) : emptyNote('No decision or review was recorded in the period.'),
    ]),
  ]
  return { content, rows: [...inForceRows, ...awaitingRows, ...decisionRows], periodFrom: from, periodTo: to }
}
