import { ROLE_LABELS } from '../../../shared/domain/roles'
import { DUE_SOON_DAYS, type CalendarDashboard, type CalendarItem, type CalendarStatus, type PolicySummary } from '../../../shared/domain/reviews-and-checks'
import { invalid } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { doneDays, loadTemplates, statusOf, templateSummaries } from './checks'
import { dayToUk, expectedPeriods } from './periods'
import { daysBetween } from '../../../shared/dates/uk-time'
import { summaries } from './policies'
import { isRealDay, ukDay as ukToday } from '../../../shared/dates/uk-time'
import { addDays } from '../../../shared/dates/uk-time'

/** A month view with the days of the weeks around it, or an agenda of a few months: never more than this. */
const MAX_DAYS = 400

const ORDER: Readonly<Record<CalendarStatus, number>> = { overdue: 0, due: 1, missed: 2, upcoming: 3, done: 4 }
/** Overdue first, then by date. */
export const byUrgency = (a: CalendarItem, b: CalendarItem) => ORDER[a.status] - ORDER[b.status] || a.dueBy.localeCompare(b.dueBy) || a.title.localeCompare(b.title)

function reviewItem(p: PolicySummary, today: string): CalendarItem {
  const status: CalendarStatus = p.reviewState === 'overdue' ? 'overdue' : p.reviewState === 'due-soon' ? 'due' : 'upcoming'
  return {
    kind: 'policy-review',
    date: p.nextReviewOn,
    dueBy: p.nextReviewOn,
    title: p.title,
    detail: status === 'overdue' ? `Review overdue since ${dayToUk(p.nextReviewOn)} (${daysBetween(p.nextReviewOn, today)} days)` : `Review due ${dayToUk(p.nextReviewOn)}`,
    status,
    policyId: p.id,
    templateId: null,
    responsible: p.owner,
  }
}

/** Policy reviews (due and done) and check periods between two days, overdue first. */
export async function calendarItems(ctx: FeatureContext, from: string, to: string): Promise<CalendarItem[]> {
  const { db } = ctx.store.requireOpen()
  if (!isRealDay(from)) throw invalid('from', 'The first day is not a real date.')
  if (!isRealDay(to)) throw invalid('to', 'The last day is not a real date.')
  if (from > to) throw invalid('to', 'The period ends before it starts: check the dates.')
  if (daysBetween(from, to) > MAX_DAYS) throw invalid('to', 'Show at most about a year at a time.')
  const today = ukToday(ctx.now())
  const items: CalendarItem[] = []

  const policies = await summaries(db, today)
  for (const p of policies) if (p.nextReviewOn >= from && p.nextReviewOn <= to) items.push(reviewItem(p, today))
  const reviews = (await db('policy_reviews as r')
    .join('policies as p', 'p.id', 'r.policy_id')
    .whereBetween('r.reviewed_on', [from, to])
    .select('r.policy_id', 'r.reviewed_on', 'r.reviewed_by', 'p.title', 'p.owner')) as { policy_id: number; reviewed_on: string; reviewed_by: string; title: string; owner: string }[]
  for (const r of reviews) {
    items.push({ kind: 'policy-review', date: r.reviewed_on, dueBy: r.reviewed_on, title: r.title, detail: `Reviewed by ${r.reviewed_by}`, status: 'done', policyId: r.policy_id, templateId: null, responsible: r.owner })
  }

  const templates = await loadTemplates(db, { includeRetired: true })
  // Every period that overlaps the range: one begun before it (this month, this school year) is still due in it.
  const periods = templates.map((t) => ({ t, periods: expectedPeriods(t.spans, t.row.retired_on, from, to) }))
  const earliest = periods.flatMap((x) => x.periods.map((p) => p.start)).sort()[0] ?? from
  const done = await doneDays(db, templates.map((t) => t.row.id), earliest, addDays(to, 5 * 366))
  for (const { t, periods: list } of periods) {
    for (const p of list) {
      items.push({
        kind: 'check',
        date: p.start,
        dueBy: p.end,
        title: t.row.name,
        detail: `${p.label}: due by ${dayToUk(p.end)}`,
        status: statusOf(p, done.get(t.row.id) ?? [], today),
        policyId: null,
        templateId: t.row.id,
        responsible: ROLE_LABELS[t.row.responsible_role],
      })
    }
  }
  return items.sort(byUrgency)
}

/** For the home screen: what is overdue, and what falls due in the next 14 days. */
export async function calendarDashboard(ctx: FeatureContext): Promise<CalendarDashboard> {
  const { db } = ctx.store.requireOpen()
  const today = ukToday(ctx.now())
  const horizon = addDays(today, DUE_SOON_DAYS)
  const overdue: CalendarItem[] = []
  const dueSoon: CalendarItem[] = []
  for (const p of await summaries(db, today)) {
    if (p.nextReviewOn < today) overdue.push(reviewItem(p, today))
    else if (p.nextReviewOn <= horizon) dueSoon.push(reviewItem(p, today))
  }
  const templates = await templateSummaries(db, await loadTemplates(db), today)
  for (const t of templates) {
    const base = { kind: 'check' as const, title: t.name, policyId: null, templateId: t.id, responsible: ROLE_LABELS[t.responsibleRole] }
    if (t.lastMissed) overdue.push({ ...base, date: t.lastMissed.start, dueBy: t.lastMissed.end, detail: `${t.lastMissed.label}: not recorded`, status: 'overdue' })
    if (t.current?.status === 'due' && t.current.end <= horizon) {
      dueSoon.push({ ...base, date: t.current.start, dueBy: t.current.end, detail: `${t.current.label}: due by ${dayToUk(t.current.end)}`, status: 'due' })
    }
  }
  return { today, overdue: overdue.sort(byUrgency), dueSoon: dueSoon.sort(byUrgency) }
}
