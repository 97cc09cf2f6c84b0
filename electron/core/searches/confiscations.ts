import type { Knex } from 'knex'
import type { z } from 'zod'
import type { ConfiscatedItem, ItemForCollection, ItemState, itemEntry } from '../../../shared/features/searches/contract'
import { ukDay, ukTimeOfDay } from '../../../shared/dates/uk-time'
import { AppError, conflict, invalid, notFound } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { holdNamedPeople } from '../people/services'
import { namedPeople, personOfKind } from './named-people'
import { newRowKey, openJson, rowKey, sealJson } from './search-keys'
import { checkPastDay, linkedIncident } from './record-checks'
import type { ConfiscationRow } from './tables'

export type ItemEntry = z.output<typeof itemEntry>

/** An item's words, sealed in `details`: why it was taken and, once passed on, the police's reference. */
interface ItemWords {
  why: string
  policeReference: string | null
}

const what = (id: number) => `confiscated item ${id}`

export function stateOf(r: Pick<ConfiscationRow, 'returned_on' | 'police_on'>): ItemState {
  if (r.police_on) return 'police'
  if (r.returned_on) return 'returned'
  return 'held'
}

function whereState(q: Knex.QueryBuilder, state: ItemState | 'all'): void {
  if (state === 'held') q.whereNull('c.returned_on').whereNull('c.police_on')
  if (state === 'returned') q.whereNotNull('c.returned_on')
  if (state === 'police') q.whereNotNull('c.police_on')
}

export async function recordItem(ctx: FeatureContext, entry: ItemEntry): Promise<{ id: number }> {
  const { session } = ctx.store.requireOpen()
  const now = ctx.now()
  const today = ukDay(now)
  checkPastDay(entry.takenOn, 'takenOn', today, 'The day it was taken')
  if (entry.takenOn === today && entry.takenTime && entry.takenTime > ukTimeOfDay(now)) throw invalid('takenTime', 'That time has not come yet today. Check the time.')
  return ctx.store.change({ action: 'confiscation.record', target: 'confiscation' }, async (trx) => {
    await personOfKind(trx, entry.pupilId, 'pupil', 'pupilId')
    await linkedIncident(trx, ctx, entry.incidentId)
    if (entry.searchId !== null) {
      const search = await trx('searches').where({ id: entry.searchId }).first('id', 'searched_on')
      if (!search) throw invalid('searchId', 'That search is not in the register. Choose it again.')
      if (entry.takenOn < search.searched_on) throw invalid('takenOn', 'An item found in a search cannot have been taken before the search. Check the date.')
    }
    const [{ max }] = (await trx('confiscations').max({ max: 'id' })) as [{ max: number | null }]
    const id = (max ?? 0) + 1
    const { key, column } = newRowKey(ctx.store, 'confiscations', id)
    const words: ItemWords = { why: entry.why, policeReference: null }
    await trx('confiscations').insert({
      id,
      search_id: entry.searchId,
      incident_id: entry.incidentId,
      pupil_id: entry.pupilId,
      kind: entry.kind,
      description: entry.description,
      serial: entry.serial,
      taken_on: entry.takenOn,
      taken_time: entry.takenTime,
      reason: entry.reason,
      held_where: entry.heldWhere,
      held_by: entry.heldBy,
      for_collection: entry.forCollection ? 1 : 0,
      recorded_by: session.userId,
      recorded_at: new Date(now).toISOString(),
      data_key: column,
      details: sealJson(key, 'confiscations', id, 'details', words),
    })
    await holdNamedPeople(trx, [entry.pupilId])
    return { id }
  })
}

/** Items in a state, the longest held first; opened with the safeguarding key. */
export async function listItems(ctx: FeatureContext, state: ItemState | 'all'): Promise<ConfiscatedItem[]> {
  const { db } = ctx.store.requireOpen()
  const q = db('confiscations as c').leftJoin('searches as s', 's.id', 'c.search_id').leftJoin('incidents as i', 'i.id', 'c.incident_id')
  whereState(q, state)
  const rows = (await q.orderBy([{ column: 'c.taken_on' }, { column: 'c.id' }]).select('c.*', 's.reference as search_reference', 'i.reference as incident_reference')) as (ConfiscationRow & {
    search_reference: string | null
    incident_reference: string | null
  })[]
  const person = await namedPeople(db, rows.map((r) => r.pupil_id))
  return rows.map((r) => {
    const words = openJson<ItemWords>(rowKey(ctx.store, 'confiscations', r, what(r.id)), 'confiscations', r.id, 'details', r.details, what(r.id))
    return {
      id: r.id,
      kind: r.kind,
      description: r.description,
      serial: r.serial,
      pupil: person(r.pupil_id),
      takenOn: r.taken_on,
      takenTime: r.taken_time,
      reason: r.reason,
      why: words.why,
      heldWhere: r.held_where,
      heldBy: r.held_by,
      forCollection: !!r.for_collection,
      state: stateOf(r),
      returnedOn: r.returned_on,
      returnedTo: r.returned_to,
      policeOn: r.police_on,
      policeReference: words.policeReference,
      examBoardToldOn: r.exam_board_told_on,
      examBoardToldWhom: r.exam_board_told_whom,
      searchId: r.search_id,
      searchReference: r.search_reference,
      incident: r.incident_id === null ? null : { id: r.incident_id, reference: r.incident_reference ?? '' },
    }
  })
}

/**
 * What the office sees: items held and left for a parent or carer to collect — what it is, whose,
 * since when and where it is kept. No reason, no search, no incident: nothing the safeguarding
 * key protects, and nothing about items kept for the DSL or the police.
 */
export async function itemsForCollection(ctx: FeatureContext): Promise<ItemForCollection[]> {
  const { db } = ctx.store.requireOpen()
  const rows = await db('confiscations').where({ for_collection: 1 }).whereNull('returned_on').whereNull('police_on').orderBy([{ column: 'taken_on' }, { column: 'id' }]).select('id', 'kind', 'description', 'pupil_id', 'taken_on', 'held_where')
  const person = await namedPeople(db, rows.map((r) => r.pupil_id))
  return rows.map((r) => {
    const p = person(r.pupil_id)
    return { id: r.id, kind: r.kind, description: r.description, pupilName: p.name, pupilClass: p.description, takenOn: r.taken_on, heldWhere: r.held_where }
  })
}

async function heldItem(trx: Knex.Transaction, id: number): Promise<ConfiscationRow> {
  const row = await trx('confiscations').where({ id }).first()
  if (!row) throw notFound('That item is not in the register. Reload the list and try again.')
  if (row.returned_on) throw conflict(`That item was already handed back on ${row.returned_on.split('-').reverse().join('/')}. Reload the list.`)
  if (row.police_on) throw conflict('That item was passed to the police, so it cannot be handed back here. Reload the list.')
  return row
}

export async function handBack(ctx: FeatureContext, input: { id: number; returnedOn: string; returnedTo: string }): Promise<null> {
  const { session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  return ctx.store.change({ action: 'confiscation.handBack', target: `confiscation:${input.id}` }, async (trx) => {
    const row = await heldItem(trx, input.id)
    // The office sees only items left for collection: anything else is not theirs to hand back.
    if (session.role === 'office' && !row.for_collection) throw new AppError('forbidden', 'This item is kept for the DSL, so only the DSL, the headteacher or the business manager can hand it back.')
    checkPastDay(input.returnedOn, 'returnedOn', today, 'The day it was handed back')
    if (input.returnedOn < row.taken_on) throw invalid('returnedOn', 'An item cannot be handed back before it was taken. Check the date.')
    await trx('confiscations').where({ id: input.id }).update({ returned_on: input.returnedOn, returned_to: input.returnedTo, returned_by: session.userId })
    return null
  })
}

export async function passToPolice(ctx: FeatureContext, input: { id: number; passedOn: string; policeReference: string }): Promise<null> {
  const today = ukDay(ctx.now())
  return ctx.store.change({ action: 'confiscation.passToPolice', target: `confiscation:${input.id}` }, async (trx) => {
    const row = await heldItem(trx, input.id)
    checkPastDay(input.passedOn, 'passedOn', today, 'The day it went to the police')
    if (input.passedOn < row.taken_on) throw invalid('passedOn', 'An item cannot go to the police before it was taken. Check the date.')
    const key = rowKey(ctx.store, 'confiscations', row, what(row.id))
    const words = openJson<ItemWords>(key, 'confiscations', row.id, 'details', row.details, what(row.id))
    await trx('confiscations')
      .where({ id: input.id })
      .update({ police_on: input.passedOn, for_collection: 0, details: sealJson(key, 'confiscations', row.id, 'details', { ...words, policeReference: input.policeReference }) })
    return null
  })
}

export async function examBoardTold(ctx: FeatureContext, input: { id: number; toldOn: string; toldWhom: string }): Promise<null> {
  const today = ukDay(ctx.now())
  return ctx.store.change({ action: 'confiscation.examBoardTold', target: `confiscation:${input.id}` }, async (trx) => {
    const row = await trx('confiscations').where({ id: input.id }).first('id', 'reason', 'taken_on')
    if (!row) throw notFound('That item is not in the register. Reload the list and try again.')
    if (row.reason !== 'exam') throw invalid('toldOn', 'The exam board is told only of a device found in an exam; this item was taken for another reason.')
    checkPastDay(input.toldOn, 'toldOn', today, 'The day the exam board was told')
    if (input.toldOn < row.taken_on) throw invalid('toldOn', 'The exam board cannot have been told before the device was found. Check the date.')
    await trx('confiscations').where({ id: input.id }).update({ exam_board_told_on: input.toldOn, exam_board_told_whom: input.toldWhom })
    return null
  })
}

export async function listItemsAudited(ctx: FeatureContext, state: ItemState | 'all'): Promise<ConfiscatedItem[]> {
  const items = await listItems(ctx, state)
  await ctx.store.audit({ action: 'confiscation.list', detail: `${items.length} item(s) shown` })
  return items
}
