import type { AttentionItem } from '../../../shared/domain/annual-review'
import type { CalendarItem, CalendarStatus } from '../../../shared/domain/calendar'
import { DUE_SOON_DAYS } from '../../../shared/domain/reviews-and-checks'
import type { Role } from '../../../shared/domain/roles'
import { addDays, daysBetween, ukDay } from '../../../shared/dates/uk-time'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import type { Db } from '../db/database'
import type { CalendarSource } from '../feature-kit/feature'
import type { FeatureContext } from '../feature-kit/feature-context'
import { actionsQuery, nextReviewOn } from './governance'
import type { FmReviewActionRow } from './tables'

export const FM_PAGE = '/filtering-monitoring'

function statusOn(dueBy: string, today: string, horizon: string): CalendarStatus {
  return dueBy < today ? 'overdue' : dueBy <= horizon ? 'due' : 'upcoming'
}

function reviewDue(due: string, today: string, horizon: string): CalendarItem {
  const status = statusOn(due, today, horizon)
  return {
    kind: 'fm-review',
    what: 'Review',
    key: `fm-review:due:${due}`,
    to: FM_PAGE,
    date: due,
    dueBy: due,
    title: 'Filtering and monitoring review',
    detail: status === 'overdue' ? `The yearly review has been overdue since ${isoDateToUk(due)} (${daysBetween(due, today)} days)` : `The yearly review is due by ${isoDateToUk(due)}`,
    status,
    responsible: 'Senior leadership team lead, DSL and IT provider',
  }
}

type ActionJoin = FmReviewActionRow & { reviewed_on: string }

function actionItem(a: ActionJoin, today: string, horizon: string): CalendarItem {
  const done = a.done_on !== null
  const status = done ? 'done' : statusOn(a.due_on, today, horizon)
  return {
    kind: 'fm-action',
    what: 'Action',
    key: `fm-action:${a.id}`,
    to: FM_PAGE,
    date: done ? a.done_on! : a.due_on,
    dueBy: a.due_on,
    title: a.action,
    detail: done ? `Done ${isoDateToUk(a.done_on!)} (from the filtering and monitoring review of ${isoDateToUk(a.reviewed_on)})` : `Due by ${isoDateToUk(a.due_on)} (from the filtering and monitoring review of ${isoDateToUk(a.reviewed_on)})`,
    status,
    responsible: a.owner,
  }
}

async function reviewsDoneBetween(db: Db, from: string, to: string): Promise<CalendarItem[]> {
  const rows = await db('fm_reviews').whereBetween('reviewed_on', [from, to]).select('id', 'reviewed_on', 'reviewed_by')
  return rows.map((r) => ({
    kind: 'fm-review',
    what: 'Review',
    key: `fm-review:done:${r.id}`,
    to: FM_PAGE,
    date: r.reviewed_on,
    dueBy: r.reviewed_on,
    title: 'Filtering and monitoring review',
    detail: `Reviewed by ${r.reviewed_by}`,
    status: 'done' as const,
    responsible: 'Senior leadership team lead, DSL and IT provider',
  }))
}

/**
 * The yearly review's due day and each review action's. Nothing in them names a pupil, so every
 * role that opens the Calendar sees them (alerts, which can, are not on the calendar).
 */
export const fmCalendar: CalendarSource = {
  async between(ctx, _role, from, to, today) {
    const { db } = ctx.store.requireOpen()
    const horizon = addDays(today, DUE_SOON_DAYS)
    const items = await reviewsDoneBetween(db, from, to)
    const due = await nextReviewOn(db)
    if (due && due >= from && due <= to) items.push(reviewDue(due, today, horizon))
    const actions = (await actionsQuery(db).where((w) => w.whereBetween('a.due_on', [from, to]).orWhereBetween('a.done_on', [from, to]))) as ActionJoin[]
    for (const a of actions) items.push(actionItem(a, today, horizon))
    return items
  },
  async dueNow(ctx, _role, today, horizon) {
    const { db } = ctx.store.requireOpen()
    const overdue: CalendarItem[] = []
    const dueSoon: CalendarItem[] = []
    const put = (item: CalendarItem) => (item.status === 'overdue' ? overdue : item.status === 'due' ? dueSoon : null)?.push(item)
    const due = await nextReviewOn(db)
    if (due) put(reviewDue(due, today, horizon))
    for (const a of (await actionsQuery(db).whereNull('a.done_on').where('a.due_on', '<=', horizon)) as ActionJoin[]) put(actionItem(a, today, horizon))
    return { overdue, dueSoon }
  },
}

/** The review and actions overdue or due soon, for every role that reads them; alerts waiting to be triaged, for the roles that read alerts. */
export async function fmAttention(ctx: FeatureContext, role: Role): Promise<AttentionItem[]> {
  if (role === 'office') return []
  const today = ukDay(ctx.now())
  const { overdue, dueSoon } = await fmCalendar.dueNow(ctx, role, today, addDays(today, DUE_SOON_DAYS))
  const items: AttentionItem[] = [...overdue, ...dueSoon].map((item) => ({
    kind: 'fm-governance',
    status: item.status === 'overdue' ? 'overdue' : 'due',
    title: item.kind === 'fm-review' ? 'Filtering and monitoring review' : `Filtering and monitoring action: ${item.title}`,
    detail: item.detail,
    dueBy: item.dueBy,
    to: FM_PAGE,
  }))
  const { db } = ctx.store.requireOpen()
  if (role === 'manager' || role === 'head' || role === 'dsl') {
    const [{ n }] = (await db('fm_alerts').where('state', 'open').count({ n: '*' })) as [{ n: number }]
    if (Number(n) > 0) {
      items.push({
        kind: 'fm-governance',
        status: 'due',
        title: 'Monitoring alerts to triage',
        detail: Number(n) === 1 ? 'One monitoring alert is waiting to be linked to an incident or closed.' : `${n} monitoring alerts are waiting to be linked to an incident or closed.`,
        dueBy: null,
        to: `${FM_PAGE}/alerts`,
      })
    }
  }
  return items
}
