import type { AttentionItem } from '../../../shared/domain/annual-review'
import type { CalendarItem, CalendarStatus } from '../../../shared/domain/calendar'
import { DUE_SOON_DAYS } from '../../../shared/domain/reviews-and-checks'
import type { Role } from '../../../shared/domain/roles'
import { addDays, ukDay } from '../../../shared/dates/uk-time'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import type { CalendarSource } from '../feature-kit/feature'
import type { FeatureContext } from '../feature-kit/feature-context'
import { actionsQuery, type ActionJoin } from './oversight'

export const OVERSIGHT_PAGE = '/governor-oversight'
/** The roles that keep these records: the others see none of their items. */
const KEEPERS: readonly Role[] = ['manager', 'head', 'dsl']

function from(a: ActionJoin): string {
  return a.source === 'meeting' && a.met_on ? `from the governor meeting of ${isoDateToUk(a.met_on)}` : a.source === 'annual-pack' ? 'an annual review priority' : 'an oversight action'
}

function actionItem(a: ActionJoin, today: string, horizon: string): CalendarItem {
  const status: CalendarStatus = a.done_on ? 'done' : a.due_on < today ? 'overdue' : a.due_on <= horizon ? 'due' : 'upcoming'
  return {
    kind: 'oversight-action',
    what: 'Action',
    key: `oversight-action:${a.id}`,
    to: OVERSIGHT_PAGE,
    date: a.done_on ?? a.due_on,
    dueBy: a.due_on,
    title: a.action,
    detail: a.done_on ? `Done ${isoDateToUk(a.done_on)} (${from(a)})` : `Due by ${isoDateToUk(a.due_on)} (${from(a)})`,
    status,
    responsible: a.owner,
  }
}

/** Oversight actions due and done; meetings held. Only for the roles that keep these records. */
export const oversightCalendar: CalendarSource = {
  async between(ctx, role, from, to, today) {
    if (!KEEPERS.includes(role)) return []
    const { db } = ctx.store.requireOpen()
    const horizon = addDays(today, DUE_SOON_DAYS)
    const actions = (await actionsQuery(db).where((w) => w.whereBetween('a.due_on', [from, to]).orWhereBetween('a.done_on', [from, to]))) as ActionJoin[]
    const meetings = await db('oversight_meetings').whereBetween('met_on', [from, to]).select('id', 'met_on', 'governor')
    return [
      ...actions.map((a) => actionItem(a, today, horizon)),
      ...meetings.map((m) => ({ kind: 'oversight-meeting', what: 'Meeting', key: `oversight-meeting:${m.id}`, to: OVERSIGHT_PAGE, date: m.met_on, dueBy: m.met_on, title: 'Meeting with the online safety governor', detail: `With ${m.governor}`, status: 'done' as const, responsible: 'DSL' })),
    ]
  },
  async dueNow(ctx, role, today, horizon) {
    if (!KEEPERS.includes(role)) return { overdue: [], dueSoon: [] }
    const { db } = ctx.store.requireOpen()
    const items = ((await actionsQuery(db).whereNull('a.done_on').where('a.due_on', '<=', horizon).orderBy('a.due_on')) as ActionJoin[]).map((a) => actionItem(a, today, horizon))
    return { overdue: items.filter((i) => i.status === 'overdue'), dueSoon: items.filter((i) => i.status === 'due') }
  },
}

/** The DSL is to meet the governor regularly: a term (about four months) without a meeting is worth a reminder. */
export const MEETING_GAP_DAYS = 122

export async function oversightAttention(ctx: FeatureContext, role: Role): Promise<AttentionItem[]> {
  const today = ukDay(ctx.now())
  const { overdue, dueSoon } = await oversightCalendar.dueNow(ctx, role, today, addDays(today, DUE_SOON_DAYS))
  const items: AttentionItem[] = [...overdue, ...dueSoon].map((i) => ({ kind: 'governor-oversight', status: i.status === 'overdue' ? 'overdue' : 'due', title: `Oversight action: ${i.title}`, detail: i.detail, dueBy: i.dueBy, to: OVERSIGHT_PAGE }))
  if (!KEEPERS.includes(role)) return items
  // Only once the school keeps these records here: a register with no meeting yet asks nothing.
  const last = (await ctx.store.requireOpen().db('oversight_meetings').max({ d: 'met_on' }).first()) as { d: string | null } | undefined
  const nextBy = last?.d ? addDays(last.d, MEETING_GAP_DAYS) : null
  if (nextBy && nextBy <= addDays(today, DUE_SOON_DAYS)) {
    items.push({ kind: 'governor-oversight', status: nextBy < today ? 'overdue' : 'due', title: 'Meet the online safety governor', detail: `The last meeting was on ${isoDateToUk(last!.d!)}.`, dueBy: nextBy, to: OVERSIGHT_PAGE })
  }
  return items
}
