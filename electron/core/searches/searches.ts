import type { Knex } from 'knex'
import type { z } from 'zod'
import type { SearchDetail, SearchSummary, searchEntry } from '../../../shared/features/searches/contract'
import { ukDay, ukTimeOfDay } from '../../../shared/dates/uk-time'
import { invalid, notFound } from '../api/app-error'
import { checkPastDay, linkedIncident } from './record-checks'
import type { FeatureContext } from '../feature-kit/feature-context'
import { holdNamedPeople } from '../people/services'
import { listItems } from './confiscations'
import { namedPeople, personOfKind } from './named-people'
import { newRowKey, openJson, rowKey, sealJson } from './search-keys'
import type { SearchRow } from './tables'

export type SearchEntry = z.output<typeof searchEntry>

/** The words of a search, sealed in `details`. */
interface SearchWords {
  place: string
  grounds: string
  found: string
  deviceLookedAt: string | null
  deleted: string | null
  notes: string | null
}

/** Who took part, sealed in `people`. */
interface SearchPeople {
  pupilId: number
  searcherId: number
  witnessId: number | null
}

type Db = Knex | Knex.Transaction

async function incidentReferences(db: Db, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))]
  if (wanted.length === 0) return new Map()
  const rows = (await db('incidents').whereIn('id', wanted).select('id', 'reference')) as { id: number; reference: string }[]
  return new Map(rows.map((r) => [r.id, r.reference]))
}

async function nextReference(trx: Knex.Transaction, day: string): Promise<string> {
  const year = day.slice(0, 4)
  const [{ n }] = (await trx('searches').where('reference', 'like', `SRCH-${year}-%`).count({ n: '*' })) as [{ n: number }]
  return `SRCH-${year}-${String(Number(n) + 1).padStart(3, '0')}`
}

function checkFollowUpDays(searchedOn: string, today: string, e: { parentsInformedOn: string | null; dslInformedOn: string | null }): void {
  for (const [field, day, who] of [
    ['parentsInformedOn', e.parentsInformedOn, 'Parents'],
    ['dslInformedOn', e.dslInformedOn, 'The DSL'],
  ] as const) {
    if (day === null) continue
    checkPastDay(day, field, today, `The day ${who === 'Parents' ? 'parents were' : 'the DSL was'} told`)
    if (day < searchedOn) throw invalid(field, `${who} cannot have been told of the search before it happened. Check the date.`)
  }
}

/** Records a search, sealed with a data key of its own; the people it names are held from retention. */
export async function recordSearch(ctx: FeatureContext, entry: SearchEntry): Promise<{ id: number; reference: string }> {
  const { session } = ctx.store.requireOpen()
  const now = ctx.now()
  const today = ukDay(now)
  checkPastDay(entry.searchedOn, 'searchedOn', today, 'The search')
  if (entry.searchedOn === today && entry.searchedTime && entry.searchedTime > ukTimeOfDay(now)) throw invalid('searchedTime', 'That time has not come yet today. Check the time.')
  checkFollowUpDays(entry.searchedOn, today, entry)
  return ctx.store.change({ action: 'search.record', target: 'search' }, async (trx) => {
    await personOfKind(trx, entry.pupilId, 'pupil', 'pupilId')
    await personOfKind(trx, entry.searcherId, 'staff', 'searcherId')
    if (entry.witnessId !== null) await personOfKind(trx, entry.witnessId, 'staff', 'witnessId')
    await linkedIncident(trx, ctx, entry.incidentId)
    const [{ max }] = (await trx('searches').max({ max: 'id' })) as [{ max: number | null }]
    const id = (max ?? 0) + 1
    const { key, column } = newRowKey(ctx.store, 'searches', id)
    const words: SearchWords = { place: entry.place, grounds: entry.grounds, found: entry.found, deviceLookedAt: entry.deviceLookedAt, deleted: entry.deleted, notes: entry.notes }
    const people: SearchPeople = { pupilId: entry.pupilId, searcherId: entry.searcherId, witnessId: entry.witnessId }
    const reference = await nextReference(trx, entry.searchedOn)
    await trx('searches').insert({
      id,
      reference,
      searched_on: entry.searchedOn,
      searched_time: entry.searchedTime,
      reason: entry.reason,
      power: entry.power,
      device_examined: entry.deviceLookedAt ? 1 : 0,
      content_deleted: entry.deleted ? 1 : 0,
      parents_informed_on: entry.parentsInformedOn,
      dsl_informed_on: entry.dslInformedOn,
      incident_id: entry.incidentId,
      recorded_by: session.userId,
      recorded_at: new Date(now).toISOString(),
      data_key: column,
      details: sealJson(key, 'searches', id, 'details', words),
      people: sealJson(key, 'searches', id, 'people', people),
    })
    await holdNamedPeople(trx, [entry.pupilId, entry.searcherId, ...(entry.witnessId ? [entry.witnessId] : [])])
    return { id, reference }
  })
}

export async function followUpSearch(ctx: FeatureContext, input: { id: number; parentsInformedOn: string | null; dslInformedOn: string | null; incidentId: number | null }): Promise<null> {
  const today = ukDay(ctx.now())
  return ctx.store.change({ action: 'search.followUp', target: `search:${input.id}` }, async (trx) => {
    const row = await trx('searches').where({ id: input.id }).first('id', 'searched_on')
    if (!row) throw notFound('That search is not in the register. Reload the list and try again.')
    checkFollowUpDays(row.searched_on, today, input)
    await linkedIncident(trx, ctx, input.incidentId)
    await trx('searches').where({ id: input.id }).update({ parents_informed_on: input.parentsInformedOn, dsl_informed_on: input.dslInformedOn, incident_id: input.incidentId })
    return null
  })
}

/** The searches' words and people, opened. */
export async function openSearches(db: Db, ctx: FeatureContext, rows: readonly SearchRow[]): Promise<(SearchSummary & { words: SearchWords; people: SearchPeople })[]> {
  const opened = rows.map((r) => {
    const key = rowKey(ctx.store, 'searches', r, r.reference)
    return { row: r, words: openJson<SearchWords>(key, 'searches', r.id, 'details', r.details, r.reference), people: openJson<SearchPeople>(key, 'searches', r.id, 'people', r.people, r.reference) }
  })
  const person = await namedPeople(db, opened.map((o) => o.people.pupilId))
  const incidents = await incidentReferences(db, rows.map((r) => r.incident_id))
  const counts = new Map(
    ((await db('confiscations').whereIn('search_id', rows.map((r) => r.id)).groupBy('search_id').select('search_id').count({ n: '*' })) as { search_id: number; n: number }[]).map((c) => [c.search_id, Number(c.n)]),
  )
  return opened.map(({ row: r, words, people }) => ({
    id: r.id,
    reference: r.reference,
    searchedOn: r.searched_on,
    searchedTime: r.searched_time,
    reason: r.reason,
    power: r.power,
    pupil: person(people.pupilId),
    place: words.place,
    deviceExamined: !!r.device_examined,
    contentDeleted: !!r.content_deleted,
    parentsInformedOn: r.parents_informed_on,
    dslInformedOn: r.dsl_informed_on,
    incident: r.incident_id === null ? null : { id: r.incident_id, reference: incidents.get(r.incident_id) ?? '' },
    itemsTaken: counts.get(r.id) ?? 0,
    words,
    people,
  }))
}

/** Searches between two days (both included), newest first; `text` matches the reference, pupil or place. */
export async function searchesBetween(ctx: FeatureContext, from: string | null, to: string | null): Promise<SearchSummary[]> {
  const { db } = ctx.store.requireOpen()
  const q = db('searches')
  if (from) q.where('searched_on', '>=', from)
  if (to) q.where('searched_on', '<=', to)
  const rows = await q.orderBy([{ column: 'searched_on', order: 'desc' }, { column: 'id', order: 'desc' }])
  return (await openSearches(db, ctx, rows)).map(({ words: _w, people: _p, ...summary }) => summary)
}

export async function listSearches(ctx: FeatureContext, input: { from: string | null; to: string | null; text: string }): Promise<SearchSummary[]> {
  const all = await searchesBetween(ctx, input.from, input.to)
  const text = input.text.toLowerCase()
  const shown = text ? all.filter((s) => [s.reference, s.pupil.name, s.place].some((t) => t.toLowerCase().includes(text))) : all
  await ctx.store.audit({ action: 'search.list', detail: `${shown.length} search(es) shown` })
  return shown
}

export async function getSearch(ctx: FeatureContext, id: number): Promise<SearchDetail> {
  const { db } = ctx.store.requireOpen()
  const row = await db('searches').where({ id }).first()
  if (!row) throw notFound('That search is not in the register. Reload the list and try again.')
  const [opened] = await openSearches(db, ctx, [row])
  const { words, people, ...summary } = opened!
  const person = await namedPeople(db, [people.searcherId, people.witnessId])
  const recorder = await db('users').where({ id: row.recorded_by }).first('display_name')
  const items = (await listItems(ctx, 'all')).filter((i) => i.searchId === id)
  await ctx.store.audit({ action: 'search.read', target: `search:${id}` })
  return {
    ...summary,
    searcher: person(people.searcherId),
    witness: people.witnessId === null ? null : person(people.witnessId),
    grounds: words.grounds,
    found: words.found,
    deviceLookedAt: words.deviceLookedAt,
    deleted: words.deleted,
    notes: words.notes,
    recordedBy: recorder?.display_name ?? 'A former user',
    recordedAt: row.recorded_at,
    items,
  }
}
