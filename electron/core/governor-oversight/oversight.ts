import type { z } from 'zod'
import type { OversightAction, OversightMeeting, OversightOverview, oversightAddAction, oversightCompleteAction, oversightRecordMeeting } from '../../../shared/features/governor-oversight/contract'
import { isRealDay, ukDay } from '../../../shared/dates/uk-time'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import { schoolYearOf } from '../../../shared/dates/school-year'
import { conflict, invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import type { OversightActionRow, OversightMeetingRow } from './tables'

export type ActionJoin = OversightActionRow & { met_on: string | null }

export const actionsQuery = (db: Db) => db('oversight_actions as a').leftJoin('oversight_meetings as m', 'm.id', 'a.meeting_id').select('a.*', 'm.met_on')

const toAction = (r: ActionJoin): OversightAction => ({
  id: r.id,
  source: r.source,
  meetingId: r.meeting_id,
  meetingOn: r.met_on,
  packYear: r.pack_year,
  action: r.action,
  owner: r.owner,
  dueOn: r.due_on,
  doneOn: r.done_on,
  doneNote: r.done_note,
})

function toMeeting(r: OversightMeetingRow, counts: { n: number; open: number } | undefined): OversightMeeting {
  return { id: r.id, metOn: r.met_on, governor: r.governor, dsl: r.dsl, others: r.others, notes: r.notes, recordedAt: r.recorded_at, recordedBy: r.recorded_by_name, actions: Number(counts?.n ?? 0), actionsOpen: Number(counts?.open ?? 0) }
}

async function meetingCounts(db: Db): Promise<Map<number, { n: number; open: number }>> {
  const rows = (await db('oversight_actions')
    .whereNotNull('meeting_id')
    .select('meeting_id')
    .count({ n: '*' })
    .select(db.raw('sum(case when done_on is null then 1 else 0 end) as open'))
    .groupBy('meeting_id')) as unknown as { meeting_id: number; n: number; open: number }[]
  return new Map(rows.map((r) => [r.meeting_id, r]))
}

export async function overview(ctx: FeatureContext): Promise<OversightOverview> {
  const { db } = ctx.store.requireOpen()
  const counts = await meetingCounts(db)
  const meetings = (await db('oversight_meetings').orderBy([{ column: 'met_on', order: 'desc' }, { column: 'id', order: 'desc' }])).map((m) => toMeeting(m, counts.get(m.id)))
  const open = (await actionsQuery(db).whereNull('a.done_on').orderBy([{ column: 'a.due_on' }, { column: 'a.id' }])) as ActionJoin[]
  const done = (await actionsQuery(db).whereNotNull('a.done_on').orderBy([{ column: 'a.done_on', order: 'desc' }, { column: 'a.id', order: 'desc' }])) as ActionJoin[]
  return { meetings, actions: [...open, ...done].map(toAction) }
}

function checkActions(actions: readonly { dueOn: string }[], from: string, fieldOf: (i: number) => string): void {
  actions.forEach((a, i) => {
    if (!isRealDay(a.dueOn)) throw invalid(fieldOf(i), `Action ${i + 1}: its due date is not a real date.`)
    if (a.dueOn < from) throw invalid(fieldOf(i), `Action ${i + 1} is due before it was set: check the date.`)
  })
}

export async function recordMeeting(ctx: FeatureContext, input: z.output<typeof oversightRecordMeeting>): Promise<OversightMeeting> {
  const { db, session } = ctx.store.requireOpen()
  if (!isRealDay(input.metOn)) throw invalid('metOn', 'The day of the meeting is not a real date.')
  if (input.metOn > ukDay(ctx.now())) throw invalid('metOn', 'Record the meeting once it has taken place: the date is in the future.')
  checkActions(input.actions, input.metOn, (i) => `actions.${i}.dueOn`)
  const at = new Date(ctx.now()).toISOString()
  const event = { action: 'oversight.recordMeeting', target: null as string | null, detail: `${input.actions.length} action${input.actions.length === 1 ? '' : 's'}` }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('oversight_meetings').insert({ met_on: input.metOn, governor: input.governor, dsl: input.dsl, others: input.others, notes: input.notes, recorded_at: at, recorded_by_name: session.displayName })) as number[]
    const meetingId = Number(newId)
    event.target = `oversight-meeting:${meetingId}`
    if (input.actions.length) {
      await trx('oversight_actions').insert(input.actions.map((a) => ({ source: 'meeting' as const, meeting_id: meetingId, action: a.action, owner: a.owner, due_on: a.dueOn, recorded_at: at, recorded_by_name: session.displayName })))
    }
    return meetingId
  })
  const row = (await db('oversight_meetings').where({ id }).first())!
  return toMeeting(row, (await meetingCounts(db)).get(id))
}

export async function addAction(ctx: FeatureContext, input: z.output<typeof oversightAddAction>): Promise<OversightAction> {
  const { db, session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  if (input.packYear !== undefined && input.packYear > schoolYearOf(today)) throw invalid('packYear', 'That school year has not started yet: choose the year of the annual review the priority comes from.')
  checkActions([input], today, () => 'dueOn')
  const event = { action: 'oversight.addAction', target: null as string | null, detail: input.source }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('oversight_actions').insert({
      source: input.source,
      pack_year: input.source === 'annual-pack' ? input.packYear! : null,
      action: input.action,
      owner: input.owner,
      due_on: input.dueOn,
      recorded_at: new Date(ctx.now()).toISOString(),
      recorded_by_name: session.displayName,
    })) as number[]
    event.target = `oversight-action:${Number(newId)}`
    return Number(newId)
  })
  return toAction((await actionsQuery(db).where('a.id', id).first()) as ActionJoin)
}

export async function completeAction(ctx: FeatureContext, input: z.output<typeof oversightCompleteAction>): Promise<OversightAction> {
  const { db } = ctx.store.requireOpen()
  const row = (await actionsQuery(db).where('a.id', input.id).first()) as ActionJoin | undefined
  if (!row) throw notFound('That action is not in the register. Refresh the page and try again.')
  if (row.done_on) throw conflict(`That action was already marked done on ${isoDateToUk(row.done_on)}.`)
  if (!isRealDay(input.doneOn)) throw invalid('doneOn', 'The day it was done is not a real date.')
  if (input.doneOn > ukDay(ctx.now())) throw invalid('doneOn', 'Mark an action done once it is done: the date is in the future.')
  const setOn = row.met_on ?? ukDay(row.recorded_at)
  if (input.doneOn < setOn) throw invalid('doneOn', `The action was set on ${isoDateToUk(setOn)}: it cannot be done before that.`)
  await ctx.store.change({ action: 'oversight.completeAction', target: `oversight-action:${input.id}`, detail: '' }, async (trx) => {
    await trx('oversight_actions').where({ id: input.id }).update({ done_on: input.doneOn, done_note: input.note })
  })
  return toAction({ ...row, done_on: input.doneOn, done_note: input.note })
}
