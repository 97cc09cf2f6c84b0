import type { AnnualRegisterFigures, AnnualSpan, FigureCell } from '../../../shared/domain/annual-review'
import { APPROVAL_KIND_LABELS, APPROVAL_KINDS, type ApprovalKind, type Outcome } from '../../../shared/features/approvals/contract'
import type { AnnualPackPart } from '../feature-kit/feature'
import { dayText } from './due'
import { inForce, standingOn } from './standing'

/**
 * The approvals section of the annual pack: the headteacher's decisions and reviews in the days
 * counted, by kind; what was in force on the last day counted; and the reviews then due within a
 * month or already lapsed.
 */
export const approvalsAnnualPack: AnnualPackPart = {
  async figures(ctx, span: AnnualSpan): Promise<AnnualRegisterFigures> {
    const { db } = ctx.store.requireOpen()
    const made = (await db('approval_decisions as d')
      .join('approvals as a', 'a.id', 'd.approval_id')
      .whereBetween('d.decided_on', [span.from, span.to])
      .select('a.kind', 'd.outcome', 'd.is_review')) as { kind: ApprovalKind; outcome: Outcome; is_review: number }[]
    const decided = (kind: ApprovalKind, outcome: Outcome) => made.filter((d) => d.kind === kind && !d.is_review && d.outcome === outcome).length
    const decisionRows: FigureCell[][] = APPROVAL_KINDS.filter((k) => made.some((d) => d.kind === k)).map((k) => [
      APPROVAL_KIND_LABELS[k],
      { count: decided(k, 'approved') },
      { count: decided(k, 'approved-with-conditions') },
      { count: decided(k, 'refused') },
      { count: made.filter((d) => d.kind === k && d.is_review).length },
    ])

    const current = (await standingOn(db, span.to)).filter(inForce)
    const forceRows: FigureCell[][] = APPROVAL_KINDS.filter((k) => current.some((a) => a.kind === k)).map((k) => {
      const of = current.filter((a) => a.kind === k)
      return [APPROVAL_KIND_LABELS[k], { count: of.length }, { count: of.filter((a) => a.status === 'review-due').length }, { count: of.filter((a) => a.status === 'lapsed').length }]
    })
    const lastDay = dayText(span.to)
    return {
      kind: 'approvals',
      title: 'Approvals and risk assessments',
      intro:
        'The online safety policy asks for a risk assessment and the headteacher’s written decision before a new app or online service, an official social media channel or a remote learning tool is used, and for pupils’ phones in a lesson or a member of staff’s own device in an emergency. Each approval is reviewed by its date; one whose date has passed has lapsed until the headteacher reviews it.',
      tables: [
        { title: 'Decisions and reviews in the year, by kind', headers: ['Kind', 'Approved', 'Approved with conditions', 'Refused', 'Reviews'], widths: ['*', 60, 80, 60, 60], rows: decisionRows, empty: 'The headteacher recorded no decision or review in the year.' },
        { title: `In force on ${lastDay}`, headers: ['Kind', 'In force', 'Review due within 30 days', 'Review overdue (lapsed)'], widths: ['*', 60, 90, 90], rows: forceRows, empty: `Nothing was approved and in force on ${lastDay}.` },
      ],
      headlines: [
        { label: 'Approvals decided in the year', cell: { count: made.filter((d) => !d.is_review).length } },
        { label: `Approvals in force on ${lastDay}`, cell: { count: current.length } },
        { label: 'Approval reviews overdue', cell: { count: current.filter((a) => a.status === 'lapsed').length } },
      ],
      source: 'the approvals register: the headteacher’s decisions and reviews by the day they were made, and each approval as its latest decision stood on the last day counted.',
    }
  },
}
