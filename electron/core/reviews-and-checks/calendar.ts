import type { CalendarDashboard, CalendarItem, CalendarStatus } from '../../../shared/domain/calendar'
import { DUE_SOON_DAYS } from '../../../shared/domain/reviews-and-checks'
import { addDays, daysBetween, isRealDay, ukDay as ukToday } from '../../../shared/dates/uk-time'
import { invalid } from '../api/app-error'
import type { CalendarSource } from '../feature-kit/feature'
import type { FeatureContext } from '../feature-kit/feature-context'

/** A month view with the days of the weeks around it, or an agenda of a few months: never more than this. */
const MAX_DAYS = 400

const ORDER: Readonly<Record<CalendarStatus, number>> = { overdue: 0, due: 1, missed: 2, upcoming: 3, done: 4 }
/** Overdue first, then by date. */
export const byUrgency = (a: CalendarItem, b: CalendarItem) => ORDER[a.status] - ORDER[b.status] || a.dueBy.localeCompare(b.dueBy) || a.title.localeCompare(b.title)

/** Every kind's items (due and done) between two days that the signed-in role may see, overdue first. */
export async function calendarItems(ctx: FeatureContext, sources: readonly CalendarSource[], from: string, to: string): Promise<CalendarItem[]> {
  const { role } = ctx.store.requireOpen().session
  if (!isRealDay(from)) throw invalid('from', 'The first day is not a real date.')
  if (!isRealDay(to)) throw invalid('to', 'The last day is not a real date.')
  if (from > to) throw invalid('to', 'The period ends before it starts: check the dates.')
  if (daysBetween(from, to) > MAX_DAYS) throw invalid('to', 'Show at most about a year at a time.')
  const today = ukToday(ctx.now())
  const items: CalendarItem[] = []
  for (const source of sources) items.push(...(await source.between(ctx, role, from, to, today)))
  return items.sort(byUrgency)
}

/** For the home screen: what is overdue, and what falls due in the next 14 days, from the sources given. */
export async function calendarDashboard(ctx: FeatureContext, sources: readonly CalendarSource[]): Promise<CalendarDashboard> {
  const { role } = ctx.store.requireOpen().session
  const today = ukToday(ctx.now())
  const horizon = addDays(today, DUE_SOON_DAYS)
  const overdue: CalendarItem[] = []
  const dueSoon: CalendarItem[] = []
  for (const source of sources) {
    const due = await source.dueNow(ctx, role, today, horizon)
    overdue.push(...due.overdue)
    dueSoon.push(...due.dueSoon)
  }
  return { today, overdue: overdue.sort(byUrgency), dueSoon: dueSoon.sort(byUrgency) }
}
