import type { CalendarItem } from '../../../shared/domain/calendar'
import type { Role } from '../../../shared/domain/roles'
import { ROLE_LABELS } from '../../../shared/domain/roles'
import { approvalMethods, REVIEW_DUE_DAYS } from '../../../shared/features/approvals/contract'
import { addDays } from '../../../shared/dates/uk-time'
import type { CalendarSource } from '../feature-kit/feature'
import { dayText, inForceNow } from './due'

const readers: readonly Role[] = approvalMethods['approvals.list'].access

function reviewItem(a: { id: number; title: string; review_on: string }, today: string, horizon: string): CalendarItem {
  const status = a.review_on < today ? 'overdue' : a.review_on <= horizon ? 'due' : 'upcoming'
  return {
    kind: 'approvals',
    what: 'Approval review',
    key: `approval-review:${a.id}`,
    to: `/approvals/${a.id}`,
    date: a.review_on,
    dueBy: a.review_on,
    title: a.title,
    detail: status === 'overdue' ? `Review overdue since ${dayText(a.review_on)}: the approval has lapsed` : `Review due ${dayText(a.review_on)}`,
    status,
    responsible: ROLE_LABELS.head,
  }
}

/** Each approval in force on its review date, and the reviews done; only for the roles that read the register (not reception). */
export const approvalReviewsCalendar: CalendarSource = {
  async between(ctx, role, from, to, today) {
    if (!readers.includes(role)) return []
    const { db } = ctx.store.requireOpen()
    const items = (await inForceNow(db)).filter((a) => a.review_on >= from && a.review_on <= to).map((a) => reviewItem(a, today, addDays(today, REVIEW_DUE_DAYS)))
    const done = await db('approval_decisions as d').join('approvals as a', 'a.id', 'd.approval_id').where('d.is_review', 1).whereBetween('d.decided_on', [from, to]).select('d.id', 'd.approval_id', 'd.decided_on', 'd.decided_by_name', 'a.title')
    for (const r of done as { id: number; approval_id: number; decided_on: string; decided_by_name: string; title: string }[]) {
      items.push({ kind: 'approvals', what: 'Approval review', key: `approval-review:${r.approval_id}:done:${r.id}`, to: `/approvals/${r.approval_id}`, date: r.decided_on, dueBy: r.decided_on, title: r.title, detail: `Reviewed by ${r.decided_by_name}`, status: 'done', responsible: ROLE_LABELS.head })
    }
    return items
  },
  async dueNow(ctx, role, today, horizon) {
    if (!readers.includes(role)) return { overdue: [], dueSoon: [] }
    const all = await inForceNow(ctx.store.requireOpen().db)
    return {
      overdue: all.filter((a) => a.review_on < today).map((a) => reviewItem(a, today, horizon)),
      dueSoon: all.filter((a) => a.review_on >= today && a.review_on <= horizon).map((a) => reviewItem(a, today, horizon)),
    }
  },
}
