import type { CalendarItem, CalendarStatus } from '../../../shared/domain/calendar'
import { ROLE_LABELS } from '../../../shared/domain/roles'
import type { PolicySummary } from '../../../shared/domain/reviews-and-checks'
import { addDays, daysBetween } from '../../../shared/dates/uk-time'
import type { CalendarSource } from '../feature-kit/feature'
import { doneDays, loadTemplates, statusOf, templateSummaries } from './checks'
import { dayToUk, expectedPeriods } from './periods'
import { summaries } from './policies'

function reviewItem(p: PolicySummary, today: string): CalendarItem {
  const status: CalendarStatus = p.reviewState === 'overdue' ? 'overdue' : p.reviewState === 'due-soon' ? 'due' : 'upcoming'
  return {
    kind: 'policy-review',
    what: 'Review',
    key: `policy-review:${p.id}`,
    to: `/policies/${p.id}`,
    date: p.nextReviewOn,
    dueBy: p.nextReviewOn,
    title: p.title,
    detail: status === 'overdue' ? `Review overdue since ${dayToUk(p.nextReviewOn)} (${daysBetween(p.nextReviewOn, today)} days)` : `Review due ${dayToUk(p.nextReviewOn)}`,
    status,
    responsible: p.owner,
  }
}

/** Each policy's next review, and the reviews done in the period. */
export const policyReviewsCalendar: CalendarSource = {
  // Reviews and checks are for every role that opens the Calendar: nothing in them is kept from one.
  async between(ctx, _role, from, to, today) {
    const { db } = ctx.store.requireOpen()
    const items: CalendarItem[] = []
    for (const p of await summaries(db, today)) if (p.nextReviewOn >= from && p.nextReviewOn <= to) items.push(reviewItem(p, today))
    const reviews = (await db('policy_reviews as r')
      .join('policies as p', 'p.id', 'r.policy_id')
      .whereBetween('r.reviewed_on', [from, to])
      .select('r.id', 'r.policy_id', 'r.reviewed_on', 'r.reviewed_by', 'p.title', 'p.owner')) as { id: number; policy_id: number; reviewed_on: string; reviewed_by: string; title: string; owner: string }[]
    for (const r of reviews) {
      items.push({ kind: 'policy-review', what: 'Review', key: `policy-review:${r.policy_id}:done:${r.id}`, to: `/policies/${r.policy_id}`, date: r.reviewed_on, dueBy: r.reviewed_on, title: r.title, detail: `Reviewed by ${r.reviewed_by}`, status: 'done', responsible: r.owner })
    }
    return items
  },
  async dueNow(ctx, _role, today, horizon) {
    const overdue: CalendarItem[] = []
    const dueSoon: CalendarItem[] = []
    for (const p of await summaries(ctx.store.requireOpen().db, today)) {
      if (p.nextReviewOn < today) overdue.push(reviewItem(p, today))
      else if (p.nextReviewOn <= horizon) dueSoon.push(reviewItem(p, today))
    }
    return { overdue, dueSoon }
  },
}

/** Every period of every recurring check, and whether it was done. */
export const checksCalendar: CalendarSource = {
  async between(ctx, _role, from, to, today) {
    const { db } = ctx.store.requireOpen()
    const templates = await loadTemplates(db, { includeRetired: true })
    // Every period that overlaps the range: one begun before it (this month, this school year) is still due in it.
    const periods = templates.map((t) => ({ t, periods: expectedPeriods(t.spans, t.row.retired_on, from, to) }))
    const earliest = periods.flatMap((x) => x.periods.map((p) => p.start)).sort()[0] ?? from
    const done = await doneDays(db, templates.map((t) => t.row.id), earliest, addDays(to, 5 * 366))
    return periods.flatMap(({ t, periods: list }) =>
      list.map((p) => ({
        kind: 'check',
        what: 'Check',
        key: `check:${t.row.id}:${p.start}`,
        to: `/checks/${t.row.id}`,
        date: p.start,
        dueBy: p.end,
        title: t.row.name,
        detail: `${p.label}: due by ${dayToUk(p.end)}`,
        status: statusOf(p, done.get(t.row.id) ?? [], today),
        responsible: ROLE_LABELS[t.row.responsible_role],
      })),
    )
  },
  async dueNow(ctx, _role, today, horizon) {
    const { db } = ctx.store.requireOpen()
    const overdue: CalendarItem[] = []
    const dueSoon: CalendarItem[] = []
    for (const t of await templateSummaries(db, await loadTemplates(db), today)) {
      const base = { kind: 'check', what: 'Check', to: `/checks/${t.id}`, title: t.name, responsible: ROLE_LABELS[t.responsibleRole] }
      if (t.lastMissed) overdue.push({ ...base, key: `check:${t.id}:${t.lastMissed.start}`, date: t.lastMissed.start, dueBy: t.lastMissed.end, detail: `${t.lastMissed.label}: not recorded`, status: 'overdue' })
      if (t.current?.status === 'due' && t.current.end <= horizon) {
        dueSoon.push({ ...base, key: `check:${t.id}:${t.current.start}`, date: t.current.start, dueBy: t.current.end, detail: `${t.current.label}: due by ${dayToUk(t.current.end)}`, status: 'due' })
      }
    }
    return { overdue, dueSoon }
  },
}
