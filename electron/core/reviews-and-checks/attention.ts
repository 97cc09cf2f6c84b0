import type { AttentionItem } from '../../../shared/domain/annual-review'
import { ROLE_LABELS, type Role } from '../../../shared/domain/roles'
import { ukDay } from '../../../shared/dates/uk-time'
import type { FeatureContext } from '../feature-kit/feature-context'
import { calendarDashboard } from './calendar'
import { checksCalendar, policyReviewsCalendar } from './calendar-sources'
import { summaries } from './policies'

/**
 * Policy reviews and checks overdue or due soon (the ICT manager sees only the checks that are
 * theirs), and for the headteacher the reviews waiting for them to ratify.
 */
export async function reviewsAttention(ctx: FeatureContext, role: Role): Promise<AttentionItem[]> {
  const calendar = await calendarDashboard(ctx, [policyReviewsCalendar, checksCalendar])
  const due = [...calendar.overdue, ...calendar.dueSoon]
    .filter((item) => role !== 'ict' || (item.kind === 'check' && item.responsible === ROLE_LABELS.ict))
    .map((item) => ({
      kind: item.kind === 'policy-review' ? ('review' as const) : ('check' as const),
      status: item.status === 'overdue' ? ('overdue' as const) : ('due' as const),
      title: item.kind === 'policy-review' ? `Policy review: ${item.title}` : item.title,
      detail: item.detail,
      dueBy: item.dueBy,
      to: item.to,
    }))
  return role === 'head' ? [...due, ...(await ratifications(ctx))] : due
}

/** Reviews written up and waiting for the headteacher's ratification: only the head can ratify. */
async function ratifications(ctx: FeatureContext): Promise<AttentionItem[]> {
  const waiting = (await summaries(ctx.store.requireOpen().db, ukDay(ctx.now()))).filter((p) => p.awaitingRatification > 0)
  return waiting.map((p) => ({
    kind: 'ratification' as const,
    status: 'due' as const,
    title: `Ratify: ${p.title}`,
    detail:
      p.awaitingRatification === 1
        ? 'A review of this policy is waiting for you to ratify it.'
        : `${p.awaitingRatification} reviews of this policy are waiting for you to ratify them.`,
    dueBy: null,
    to: `/policies/${p.id}`,
  }))
}
