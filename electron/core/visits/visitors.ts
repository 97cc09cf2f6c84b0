import type { z } from 'zod'
import type { visitorRegister, visitorSearch, visitorUpdate } from '../../../shared/api/people-fields'
import { audienceOf, type AupVersion } from '../../../shared/domain/aup'
import { RECEPTION_KINDS, type ReceptionKind } from '../../../shared/domain/people'
import type { VisitorMatch } from '../../../shared/domain/visits'
import { countingAgreements, standingOf, type CountingAgreement } from '../agreements/services'
import { getVersion, loadAupState } from '../agreements/services'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { queryWords, whereNamesStartWith, writeNameTokens } from '../people/services'
import { blank, checkDbs } from '../people/services'
import { createPerson } from '../people/services'
import { displayNameOfRow, findPerson } from '../people/services'
import { autoSignOut, notVisitor } from './visits'
import { ukDay } from '../../../shared/dates/uk-time'
import type { PersonRow } from '../people/services'
import type { VisitRow } from './tables'

type MatchRow = Pick<
  PersonRow,
  'id' | 'kind' | 'forename' | 'surname' | 'preferred_forename' | 'preferred_surname' | 'organisation' | 'dbs_status' | 'dbs_checked_by' | 'dbs_checked_on'
> & { last_in: string | null }

/**
 * The search itself: each typed word is a range on person_search's key, and the last visit
 * comes from the (person_id, signed_in_at) index, so it stays fast with 60,000 visits.
 */
export function visitorSearchQuery(db: Db, words: string[], limit: number) {
  const query = db('people as p')
    .whereIn('p.kind', RECEPTION_KINDS)
    .whereNull('p.archived_at')
    .select('p.id', 'p.kind', 'p.forename', 'p.surname', 'p.preferred_forename', 'p.preferred_surname', 'p.organisation', 'p.dbs_status', 'p.dbs_checked_by', 'p.dbs_checked_on')
    .select(db.raw('(SELECT max(v.signed_in_at) FROM visits v WHERE v.person_id = p.id) AS last_in'))
  whereNamesStartWith(query, words, 'p.id')
  return query.orderByRaw('last_in IS NULL, last_in DESC, coalesce(p.preferred_surname, p.surname) COLLATE NOCASE, p.id').limit(limit)
}

/**
 * Finds returning visitors (and contractors, volunteers, governors) by a few letters of any of
 * their names, most recent visitor first, with what they came for last time, whether they are
 * on site and whether their agreement is current: everything one-tap sign-in needs.
 */
export async function searchVisitors(ctx: FeatureContext, input: z.output<typeof visitorSearch>): Promise<VisitorMatch[]> {
  // Nobody shows as "on site" after the set sign-out time, even before the app's own call.
  await autoSignOut(ctx)
  const { db } = ctx.store.requireOpen()
  const words = queryWords(input.text)
  if (words.length === 0) return []
  const rows = (await visitorSearchQuery(db, words, input.limit)) as MatchRow[]
  if (rows.length === 0) return []

  const ids = rows.map((r) => r.id)
  const lastVisits = new Map<number, VisitRow>()
  for (const r of rows) {
    if (!r.last_in) continue
    const v = await db('visits').where({ person_id: r.id, signed_in_at: r.last_in }).orderBy('id', 'desc').first()
    if (v) lastVisits.set(r.id, v)
  }
  const openRows = await db('visits').whereIn('person_id', ids).whereNull('signed_out_at').select('id', 'person_id', 'signed_in_at')
  const open = new Map(openRows.map((v) => [v.person_id, v]))
  const state = await loadAupState(db, ukDay(ctx.now()))
  const agreements = new Map<number, CountingAgreement[]>()
  for (const a of await countingAgreements(db, { ids })) agreements.set(a.person_id, [...(agreements.get(a.person_id) ?? []), a])

  return rows.map((r) => {
    const last = lastVisits.get(r.id)
    const here = open.get(r.id)
    return {
      id: r.id,
      kind: r.kind as ReceptionKind,
      displayName: displayNameOfRow(r),
      forename: r.forename,
      surname: r.surname,
      organisation: r.organisation,
      dbs: r.dbs_status ? { status: r.dbs_status, checkedBy: r.dbs_checked_by, checkedOn: r.dbs_checked_on } : null,
      lastVisit: last
        ? { signedInAt: last.signed_in_at, purpose: last.purpose, hostId: last.host_person_id, hostName: last.host_name, carRegistration: last.car_registration }
        : null,
      onSite: here ? { visitId: here.id, signedInAt: here.signed_in_at } : null,
      agreementCurrent: standingOf(state, audienceOf({ kind: r.kind, yearGroup: null }), agreements.get(r.id) ?? []) === 'current',
    }
  })
}

async function asMatch(ctx: FeatureContext, id: number): Promise<VisitorMatch> {
  const row = await findPerson(ctx.store.requireOpen().db, id)
  const state = await loadAupState(ctx.store.requireOpen().db, ukDay(ctx.now()))
  const theirs = await countingAgreements(ctx.store.requireOpen().db, { ids: [id] })
  return {
    id: row.id,
    kind: row.kind as ReceptionKind,
    displayName: displayNameOfRow(row),
    forename: row.forename,
    surname: row.surname,
    organisation: row.organisation,
    dbs: row.dbs_status ? { status: row.dbs_status, checkedBy: row.dbs_checked_by, checkedOn: row.dbs_checked_on } : null,
    lastVisit: null,
    onSite: null,
    agreementCurrent: standingOf(state, audienceOf({ kind: row.kind, yearGroup: null }), theirs) === 'current',
  }
}

/** A new visitor at the desk: name, organisation and whether their DBS certificate was seen. */
export async function registerVisitor(ctx: FeatureContext, input: z.output<typeof visitorRegister>): Promise<VisitorMatch> {
  const person = await createPerson(
    ctx,
    { kind: input.kind, forename: input.forename, surname: input.surname, organisation: input.organisation, dbs: input.dbs },
    'reception',
  )
  return asMatch(ctx, person.id)
}

/** Corrects a visitor's name, organisation or DBS check at the desk; nothing else about them changes. */
export async function updateVisitor(ctx: FeatureContext, input: z.output<typeof visitorUpdate>): Promise<VisitorMatch> {
  const { db } = ctx.store.requireOpen()
  const row = await findPerson(db, input.id)
  if (!(RECEPTION_KINDS as readonly string[]).includes(row.kind)) throw notVisitor()
  const dbs = checkDbs(input.dbs, ukDay(ctx.now()))
  const cols = {
    forename: blank(input.forename)!,
    surname: blank(input.surname)!,
    // A governor's record has no organisation: reception leaves it as it is.
    organisation: row.kind === 'governor' ? row.organisation : blank(input.organisation),
    dbs_status: dbs.status,
    dbs_checked_by: dbs.checkedBy,
    dbs_checked_on: dbs.checkedOn,
  }
  const changed = (Object.keys(cols) as (keyof typeof cols)[]).filter((k) => cols[k] !== row[k])
  if (changed.length > 0) {
    await ctx.store.change({ action: 'person.update', target: `person:${row.id}`, detail: changed.join(', ') }, async (trx) => {
      await trx('people').where({ id: row.id }).update({ ...cols, updated_at: new Date(ctx.now()).toISOString() })
      await writeNameTokens(trx, row.id, [cols.forename, cols.surname, row.preferred_forename, row.preferred_surname])
    })
  }
  return asMatch(ctx, row.id)
}

/** The agreement text to show a visitor at the desk: the current version for their kind, if the school has entered one. */
export async function currentAupFor(ctx: FeatureContext, who: { personId: number } | { kind: ReceptionKind }): Promise<AupVersion | null> {
  const { db } = ctx.store.requireOpen()
  const kind = 'kind' in who ? who.kind : (await findPerson(db, who.personId)).kind
  if (!(RECEPTION_KINDS as readonly string[]).includes(kind)) throw notVisitor()
  const state = await loadAupState(db, ukDay(ctx.now()))
  const current = state.current.get(audienceOf({ kind, yearGroup: null })!)
  return current ? getVersion(ctx, current.id) : null
}
