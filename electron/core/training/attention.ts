import type { AttentionItem } from '../../../shared/domain/annual-review'
import type { CalendarItem, CalendarStatus } from '../../../shared/domain/calendar'
import type { Role } from '../../../shared/domain/roles'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import { ukDay } from '../../../shared/dates/uk-time'
import { plural } from '../../../shared/domain/plural'
import { contract, type MethodSpec } from '../../../shared/api/contract'
import { RULES, type RequirementStatus } from '../../../shared/features/training/requirements'
import type { TrainingPerson } from '../../../shared/features/training/contract'
import type { CalendarSource } from '../feature-kit/feature'
import type { FeatureContext } from '../feature-kit/feature-context'
import { trainingStatuses } from './training-people'

/** Names and due dates of staff are for the roles that read the training record, and no other. */
function mayRead(role: Role): boolean {
  return (contract['training.overview'] as MethodSpec).access.includes(role)
}

/** Overdue training (the refreshers above all) and new starters still without induction. */
export async function trainingAttention(ctx: FeatureContext, role: Role): Promise<AttentionItem[]> {
  if (!mayRead(role)) return []
  const people = await trainingStatuses(ctx.store.requireOpen().db, ukDay(ctx.now()))
  const items: AttentionItem[] = []
  const withState = (requirement: string, state: string) => people.filter((p) => p.needs.some((n) => n.requirement === requirement && n.state === state))
  const refreshers = withState('refresher', 'overdue')
  if (refreshers.length) {
    items.push({ kind: 'training', status: 'overdue', title: 'Online safety refreshers overdue', detail: `${plural(refreshers.length, 'member')} of staff ${refreshers.length === 1 ? 'has' : 'have'} not had the yearly online safety refresher in the last year.`, dueBy: null, to: '/training' })
  }
  const dsl = [...new Set([...withState('dsl-training', 'overdue'), ...withState('dsl-update', 'overdue')])]
  if (dsl.length) {
    items.push({ kind: 'training', status: 'overdue', title: 'DSL training overdue', detail: `${dsl.map((p) => p.displayName).join(', ')}: the DSL’s two-yearly training or yearly update is overdue.`, dueBy: null, to: '/training' })
  }
  const starters = people.filter((p) => p.needs.some((n) => n.requirement === 'induction' && n.lastOn === null))
  if (starters.length) {
    const late = starters.some((p) => p.needs.some((n) => n.requirement === 'induction' && n.state === 'overdue'))
    items.push({ kind: 'training', status: late ? 'overdue' : 'due', title: 'New starters without induction', detail: `${starters.map((p) => p.displayName).join(', ')} ${starters.length === 1 ? 'has' : 'have'} started and ${starters.length === 1 ? 'has' : 'have'} no online safety induction recorded.`, dueBy: null, to: '/training' })
  }
  return items
}

function itemOf(p: TrainingPerson, n: RequirementStatus, today: string): CalendarItem {
  const day = n.dueBy ?? today
  const status: CalendarStatus = n.state === 'overdue' ? 'overdue' : n.state === 'due' ? 'due' : 'upcoming'
  return {
    kind: 'training',
    what: 'Training',
    key: `training:${p.personId}:${n.requirement}`,
    to: '/training',
    date: day,
    dueBy: day,
    title: `${RULES[n.requirement].label}: ${p.displayName}`,
    detail: n.dueBy ? `${status === 'overdue' ? 'Was due' : 'Due'} ${isoDateToUk(n.dueBy)}${n.lastOn ? `; last done ${isoDateToUk(n.lastOn)}` : ''}` : 'Never recorded',
    status,
    responsible: 'School business manager',
  }
}

/** When each person's training next falls due, and the sessions held, for the roles that read the training record. */
export const trainingCalendar: CalendarSource = {
  async between(ctx, role, from, to, today) {
    if (!mayRead(role)) return []
    const { db } = ctx.store.requireOpen()
    const due = (await trainingStatuses(db, today)).flatMap((p) => p.needs.filter((n) => n.dueBy && n.dueBy >= from && n.dueBy <= to).map((n) => itemOf(p, n, today)))
    const sessions = (await db('training_records').whereBetween('completed_on', [from, to]).groupBy('course', 'completed_on').select('course', 'completed_on', 'provider').count({ n: '*' })) as { course: string; completed_on: string; provider: string; n: number }[]
    const held: CalendarItem[] = sessions.map((s) => ({
      kind: 'training',
      what: 'Training',
      key: `training-session:${s.completed_on}:${s.course}`,
      to: '/training',
      date: s.completed_on,
      dueBy: s.completed_on,
      title: s.course,
      detail: `${plural(Number(s.n), 'person', 'people')} trained by ${s.provider}`,
      status: 'done',
      responsible: 'School business manager',
    }))
    return [...due, ...held]
  },
  async dueNow(ctx, role, today, horizon) {
    if (!mayRead(role)) return { overdue: [], dueSoon: [] }
    const people = await trainingStatuses(ctx.store.requireOpen().db, today)
    const all = people.flatMap((p) => p.needs.map((n) => ({ p, n })))
    return {
      overdue: all.filter(({ n }) => n.state === 'overdue').map(({ p, n }) => itemOf(p, n, today)),
      dueSoon: all.filter(({ n }) => n.state !== 'overdue' && n.dueBy !== null && n.dueBy <= horizon).map(({ p, n }) => itemOf(p, n, today)),
    }
  },
}
