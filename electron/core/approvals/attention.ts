import type { AttentionItem } from '../../../shared/domain/annual-review'
import type { Role } from '../../../shared/domain/roles'
import { addDays, ukDay } from '../../../shared/dates/uk-time'
import { approvalMethods, REVIEW_DUE_DAYS } from '../../../shared/features/approvals/contract'
import type { FeatureContext } from '../feature-kit/feature-context'
import { dayText, inForceNow, waitingForDecision } from './due'

const readers: readonly Role[] = approvalMethods['approvals.list'].access

/**
 * For the headteacher, each request waiting for their decision; for everyone who reads the
 * register, approvals whose review has lapsed (overdue) or falls within the next 30 days (due).
 */
export async function approvalsAttention(ctx: FeatureContext, role: Role): Promise<AttentionItem[]> {
  if (!readers.includes(role)) return []
  const { db } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const items: AttentionItem[] = []
  for (const a of await inForceNow(db)) {
    if (a.review_on < today) items.push({ kind: 'approvals', status: 'overdue', title: `Review overdue: ${a.title}`, detail: `The headteacher’s review was due by ${dayText(a.review_on)}.`, dueBy: a.review_on, to: `/approvals/${a.id}` })
    else if (a.review_on <= addDays(today, REVIEW_DUE_DAYS)) items.push({ kind: 'approvals', status: 'due', title: `Review due: ${a.title}`, detail: `The headteacher reviews it by ${dayText(a.review_on)}.`, dueBy: a.review_on, to: `/approvals/${a.id}` })
  }
  if (role === 'head') {
    for (const a of await waitingForDecision(db)) {
      items.push({ kind: 'approvals', status: 'due', title: `Decide: ${a.title}`, detail: `Asked for by ${a.requested_by_name} on ${dayText(a.requested_on)}: waiting for your decision.`, dueBy: null, to: `/approvals/${a.id}` })
    }
  }
  return items
}
