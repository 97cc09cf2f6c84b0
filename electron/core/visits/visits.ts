import type { z } from 'zod'
import type { Knex } from 'knex'
import type { VISIT_SORT_KEYS, visitList, visitorRegister, visitSignIn } from '../../../shared/api/people-fields'
import { audienceOf } from '../../../shared/domain/aup'
import { RECEPTION_KINDS } from '../../../shared/domain/people'
import type { OnSiteList, Visit, VisitPage } from '../../../shared/domain/visits'
import { conflict, invalid, notFound } from '../api/app-error'
import { insertAgreement, prepareAgreement } from '../agreements/services'
import { appendAudit } from '../audit/audit-trail'
import { countingAgreements, standingOf } from '../agreements/services'
import { loadAupState } from '../agreements/services'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { queryWords, whereNamesStartWith, writeNameTokens } from '../people/services'
import { blank, detailsToColumns } from '../people/services'
import { displayNameOfRow, findPerson } from '../people/services'
import { readReceptionSettings } from './reception-settings'
import { periodBounds } from '../../../shared/dates/uk-format'
import { isRealDay, nextDay, ukDay, ukInstant } from '../../../shared/dates/uk-time'
import type { PersonRow } from '../people/services'
import type { VisitRow } from './tables'

/** A visit with the visitor's names (a join). */
type ListedVisitRow = Omit<VisitRow, 'signed_in_by' | 'signed_out_by'> &
  Pick<PersonRow, 'kind' | 'forename' | 'surname' | 'preferred_forename' | 'preferred_surname' | 'organisation'>

const iso = (ms: number) => new Date(ms).toISOString()
export const notVisitor = () => invalid('personId', 'That visitor is not in the register. Search for them again, or register them.')
const time = (at: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(new Date(at))

export function visitsQuery(db: Db) {
  return db('visits as v')
    .join('people as p', 'p.id', 'v.person_id')
    .select(
      'v.id',
      'v.person_id',
      'v.purpose',
      'v.host_person_id',
      'v.host_name',
      'v.car_registration',
      'v.uses_ict',
      'v.agreement_id',
      'v.signed_in_at',
      'v.signed_out_at',
      'v.signed_out_how',
      'p.kind',
      'p.forename',
      'p.surname',
      'p.preferred_forename',
      'p.preferred_surname',
      'p.organisation',
    )
}

export function toVisit(r: ListedVisitRow): Visit {
  return {
    id: r.id,
    personId: r.person_id,
    kind: r.kind,
    visitorName: displayNameOfRow(r),
    organisation: r.organisation,
    purpose: r.purpose,
    hostId: r.host_person_id,
    hostName: r.host_name,
    carRegistration: r.car_registration,
    usesIct: r.uses_ict === 1,
    agreementId: r.agreement_id,
    signedInAt: r.signed_in_at,
    signedOutAt: r.signed_out_at,
    signedOutHow: r.signed_out_how,
  }
}

async function readVisit(db: Db, id: number): Promise<Visit> {
  const row = (await visitsQuery(db).where('v.id', id).first()) as ListedVisitRow | undefined
  if (!row) throw notFound('That visit is not in the register. Refresh the list and try again.')
  return toVisit(row)
}

/**
 * Signs out everyone still signed in after the set time (the school's setting, UK time): at
 * that time on the day they arrived, or at midnight for someone who arrived after it. Safe to
 * call any number of times; the roll call and sign-in call it first so nobody stale is listed.
 */
export async function autoSignOut(ctx: FeatureContext): Promise<{ signedOut: number }> {
  const { db } = ctx.store.requireOpen()
  const { autoSignOutAt } = await readReceptionSettings(db)
  if (!autoSignOutAt) return { signedOut: 0 }
  const open = await db('visits').whereNull('signed_out_at').select('id', 'signed_in_at')
  const now = ctx.now()
  const due = open.flatMap((v) => {
    const day = ukDay(v.signed_in_at)
    let at = ukInstant(day, autoSignOutAt)
    if (Date.parse(v.signed_in_at) >= at) at = ukInstant(nextDay(day))
    return at <= now ? [{ id: v.id, at }] : []
  })
  if (due.length === 0) return { signedOut: 0 }
  await ctx.store.change({ action: 'visit.autoSignOut', detail: `${due.length} signed out at the set time (${autoSignOutAt})` }, async (trx) => {
    for (const v of due) await trx('visits').where({ id: v.id }).whereNull('signed_out_at').update({ signed_out_at: iso(v.at), signed_out_how: 'auto' })
  })
  return { signedOut: due.length }
}

/** A new visitor's row as it will be saved, checked but not yet written (id 0 until then). */
function newVisitorRow(ctx: FeatureContext, details: z.output<typeof visitorRegister>): PersonRow {
  const cols = detailsToColumns({ kind: details.kind, forename: details.forename, surname: details.surname, organisation: details.organisation, dbs: details.dbs }, ukDay(ctx.now()))
  const at = iso(ctx.now())
  return { ...cols, id: 0, left_on: null, archived_at: null, archived_by: null, safeguarding_hold: 0, hold_reason: null, hold_set_by: null, hold_set_at: null, named_in_record: 0, source: 'reception', created_at: at, created_by: null, updated_at: at }
}

/** Saves a new visitor inside the sign-in's transaction, with its own audit entry, as `visitors.register` would. */
async function insertNewVisitor(ctx: FeatureContext, trx: Knex.Transaction, row: PersonRow): Promise<number> {
  const { session } = ctx.store.requireOpen()
  const { id: _unsaved, left_on: _left, archived_at: _archived, archived_by: _archiver, safeguarding_hold: _hold, hold_reason: _reason, hold_set_by: _holder, hold_set_at: _held, named_in_record: _named, created_by: _creator, ...cols } = row
  const [newId] = (await trx('people').insert({ ...cols, created_by: session.userId })) as number[]
  const personId = Number(newId)
  await writeNameTokens(trx, personId, [row.forename, row.surname, row.preferred_forename, row.preferred_surname])
  await appendAudit(trx, { at: iso(ctx.now()), action: 'person.create', target: `person:${personId}`, detail: row.kind, userId: session.userId, username: session.username })
  return personId
}

/**
 * Signs a visitor in. If they will use the school's computers or wifi and their agreement is
 * not current, the call must carry their signature on the current visitor agreement, taken at
 * the desk; the agreement and the visit are saved together.
 */
export async function signIn(ctx: FeatureContext, input: z.output<typeof visitSignIn>): Promise<Visit> {
  await autoSignOut(ctx)
  const { db, session } = ctx.store.requireOpen()
  if ((input.personId === undefined) === (input.newVisitor === undefined)) {
    throw invalid('personId', 'Choose a returning visitor, or register a new one: not both, and not neither.')
  }
  // Everything is checked before anything is written: a new visitor is saved with their visit or not at all.
  const person = input.newVisitor ? newVisitorRow(ctx, input.newVisitor) : await findPerson(db, input.personId!)
  const name = displayNameOfRow(person)
  // Reception learns nothing about pupils or staff, not even that an id is one of theirs.
  if (!(RECEPTION_KINDS as readonly string[]).includes(person.kind)) throw notVisitor()
  if (person.archived_at) throw conflict(`${name}’s record is archived. Ask the business manager to restore it, or register them again.`)
  const open = await db('visits').where({ person_id: person.id }).whereNull('signed_out_at').first()
  if (open) throw conflict(`${name} is already signed in (since ${time(open.signed_in_at)}). Sign them out first.`)

  let hostName: string
  if (input.hostId) {
    const host = await db('people').where({ id: input.hostId }).first()
    if (!host || host.kind !== 'staff' || host.archived_at) throw invalid('hostId', 'That member of staff is not on the list. Choose them again, or type the name.')
    hostName = displayNameOfRow(host)
  } else {
    const typed = blank(input.hostName)
    if (!typed) throw invalid('hostId', 'Please choose who they are here to see.')
    hostName = typed
  }

  const today = ukDay(ctx.now())
  const audience = audienceOf({ kind: person.kind, yearGroup: null })!
  const state = await loadAupState(db, today)
  const current = state.current.get(audience)
  const standing = standingOf(state, audience, await countingAgreements(db, { ids: [person.id] }))
  if (input.usesIct && standing !== 'current') {
    if (!current) {
      throw invalid(
        'usesIct',
        'The school has not entered an acceptable use agreement for this kind of visitor yet, so they cannot use the school’s computers or wifi. Sign them in without, or ask the business manager to add the agreement.',
      )
    }
    if (!input.agreement) {
      throw invalid(
        'agreement',
        `${name} will use the school’s computers or wifi and has not agreed to the current acceptable use agreement. Show them the agreement and ask them to sign on screen.`,
      )
    }
  }
  if (input.agreement && current && input.agreement.versionId !== current.id) {
    throw conflict('The acceptable use agreement changed while this screen was open. Show them the current one and ask them to sign again.')
  }
  const agreement = input.agreement
    ? await prepareAgreement(db, ctx, person, { ...input.agreement, agreedOn: today, method: 'on-screen' }, 'agreement.')
    : null

  const event = { action: 'visit.signIn', target: null as string | null, detail: agreement ? 'with a new agreement signed on screen' : null }
  const id = await ctx.store.change(event, async (trx) => {
    const personId = input.newVisitor ? await insertNewVisitor(ctx, trx, person) : person.id
    const agreementId = agreement ? await insertAgreement(trx, { ...agreement, person_id: personId }) : null
    const [visitId] = (await trx('visits').insert({
      person_id: personId,
      purpose: input.purpose,
      host_person_id: input.hostId ?? null,
      host_name: hostName,
      car_registration: blank(input.carRegistration),
      uses_ict: input.usesIct ? 1 : 0,
      agreement_id: agreementId,
      signed_in_at: iso(ctx.now()),
      signed_in_by: session.userId,
    })) as number[]
    event.target = `visit:${Number(visitId)}`
    return Number(visitId)
  })
  return readVisit(db, id)
}

export async function signOut(ctx: FeatureContext, visitId: number): Promise<Visit> {
  const { db, session } = ctx.store.requireOpen()
  const visit = await readVisit(db, visitId)
  // A second tap on "sign out" is not an error: they are out.
  if (visit.signedOutAt) return visit
  await ctx.store.change({ action: 'visit.signOut', target: `visit:${visitId}` }, (trx) =>
    trx('visits').where({ id: visitId }).whereNull('signed_out_at').update({ signed_out_at: iso(ctx.now()), signed_out_by: session.userId, signed_out_how: 'desk' }),
  )
  return readVisit(db, visitId)
}

/** How long after signing someone out at the desk it can be undone: the toast offers it for seconds, this allows for a slow click. */
export const UNDO_SIGN_OUT_MS = 5 * 60_000

/**
 * Puts back on site a visitor signed out at the desk by mistake: only a desk sign-out, only
 * within a few minutes, and only if they have not been signed in again since. Audited.
 */
export async function undoSignOut(ctx: FeatureContext, visitId: number): Promise<Visit> {
  const { db } = ctx.store.requireOpen()
  const visit = await readVisit(db, visitId)
  if (!visit.signedOutAt) return visit
  if (visit.signedOutHow !== 'desk' || ctx.now() - Date.parse(visit.signedOutAt) > UNDO_SIGN_OUT_MS) {
    throw conflict(`${visit.visitorName} was signed out at ${time(visit.signedOutAt)}, too long ago to undo. If they are still here, sign them in again.`)
  }
  const again = await db('visits').where({ person_id: visit.personId }).whereNull('signed_out_at').first()
  if (again) throw conflict(`${visit.visitorName} has been signed in again since, so they are already on site.`)
  await ctx.store.change({ action: 'visit.undoSignOut', target: `visit:${visitId}` }, (trx) =>
    trx('visits').where({ id: visitId }).update({ signed_out_at: null, signed_out_by: null, signed_out_how: null }),
  )
  return readVisit(db, visitId)
}

/** Who is on site now, for the fire roll call: everyone signed in and not yet out, by surname. */
export async function onSite(ctx: FeatureContext): Promise<OnSiteList> {
  await autoSignOut(ctx)
  const { db } = ctx.store.requireOpen()
  const rows = (await visitsQuery(db)
    .whereNull('v.signed_out_at')
    .orderByRaw('coalesce(p.preferred_surname, p.surname) COLLATE NOCASE, coalesce(p.preferred_forename, p.forename) COLLATE NOCASE, v.id')) as ListedVisitRow[]
  return { asAt: iso(ctx.now()), visits: rows.map(toVisit) }
}

// A chosen column first, then newest first. A visitor with no organisation, or still on site, comes after every one with one.
const VISIT_SORT_SQL: Record<(typeof VISIT_SORT_KEYS)[number], string> = {
  signedInAt: 'v.signed_in_at {dir}',
  visitor: 'coalesce(p.preferred_surname, p.surname) COLLATE NOCASE {dir}, coalesce(p.preferred_forename, p.forename) COLLATE NOCASE {dir}',
  organisation: "coalesce(p.organisation, '') = '', p.organisation COLLATE NOCASE {dir}",
  host: 'v.host_name COLLATE NOCASE {dir}',
  signedOutAt: 'v.signed_out_at IS NULL, v.signed_out_at {dir}',
}

/** The visitor log for a period of whole UK days, newest first unless sorted. */
export async function listVisits(ctx: FeatureContext, q: z.output<typeof visitList>): Promise<VisitPage> {
  const { db } = ctx.store.requireOpen()
  if (!isRealDay(q.from)) throw invalid('from', 'The first day is not a real date.')
  if (!isRealDay(q.to)) throw invalid('to', 'The last day is not a real date.')
  if (q.from > q.to) throw invalid('to', 'The period ends before it starts: check the dates.')
  const { start, end } = periodBounds(q.from, q.to)
  const query = visitsQuery(db).where('v.signed_in_at', '>=', start).andWhere('v.signed_in_at', '<', end)
  const words = q.text ? queryWords(q.text) : []
  if (words.length > 0) whereNamesStartWith(query, words, 'v.person_id')
  const [count] = (await db.from(query.clone().as('q')).count({ n: '*' })) as { n: number }[]
  if (q.sort) void query.orderByRaw(VISIT_SORT_SQL[q.sort.key].replaceAll('{dir}', q.sort.order === 'desc' ? 'DESC' : 'ASC'))
  const rows = (await query.orderBy([{ column: 'v.signed_in_at', order: 'desc' }, { column: 'v.id', order: 'desc' }]).offset(q.offset).limit(q.limit)) as ListedVisitRow[]
  return { rows: rows.map(toVisit), total: Number(count?.n ?? 0) }
}
