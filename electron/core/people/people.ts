import type { z } from 'zod'
import type { peopleListQuery, PEOPLE_SORT_KEYS, PersonDetails, safeguardingHold } from '../../../shared/api/people-fields'
import type { SortOf } from '../../../shared/api/contract-kit'
import {
  keyStageOf,
  PERSON_KIND_LABELS,
  PERSON_KINDS,
  STAFF_GROUPS,
  YEAR_GROUPS,
  type DirectoryGroups,
  type Host,
  type Person,
  type PersonKind,
  type PersonPage,
  type StaffGroup,
  type YearGroup,
} from '../../../shared/domain/people'
import { conflict, invalid } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { queryWords, whereNamesStartWith, writeNameTokens } from './name-search'
import { checkUnique, detailsToColumns } from './person-details'
import { displayNameOfRow, findPerson, orderByName, SUMMARY_COLUMNS, toPerson, toSummary } from './person-rows'
import { isRealDay, ukDay } from '../../../shared/dates/uk-time'

const iso = (ms: number) => new Date(ms).toISOString()

export async function listPeople(ctx: FeatureContext, q: z.output<typeof peopleListQuery>): Promise<PersonPage> {
  const { db } = ctx.store.requireOpen()
  const query = db('people').where((w) => {
    if (q.kind) void w.where('kind', q.kind)
    if (q.yearGroup) void w.where('year_group', q.yearGroup)
    if (q.regClass) void w.whereRaw('reg_class = ? COLLATE NOCASE', [q.regClass])
    if (q.staffGroup) void w.where('staff_group', q.staffGroup)
    if (q.archived === 'active') void w.whereNull('archived_at')
    if (q.archived === 'archived') void w.whereNotNull('archived_at')
  })
  const text = q.text?.trim()
  if (text) {
    const words = queryWords(text)
    // A name prefix, or an exact admission number / staff code / username typed in full.
    void query.where((w) => {
      if (words.length > 0) void w.where((n) => void whereNamesStartWith(n, words))
      void w.orWhere('mis_id', text).orWhereRaw('username = ? COLLATE NOCASE', [text])
    })
  }
  const [count] = (await query.clone().count({ n: '*' })) as { n: number }[]
  const rows = await sortedPeople(query.clone().select(...SUMMARY_COLUMNS), q.sort).offset(q.offset).limit(q.limit)
  return { rows: rows.map(toSummary), total: Number(count?.n ?? 0) }
}

// Year groups in school order (Reception first), not as text ("10" before "2").
const YEAR_ORDER = `CASE year_group ${YEAR_GROUPS.map((y, i) => `WHEN '${y}' THEN ${i}`).join(' ')} END`
const SORT_SQL: Record<Exclude<(typeof PEOPLE_SORT_KEYS)[number], 'name'>, string> = {
  kind: `CASE kind ${PERSON_KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} END`,
  // A pupil's year and class; staff by their group; others by organisation.
  group: `${YEAR_ORDER} IS NULL, ${YEAR_ORDER} {dir}, reg_class COLLATE NOCASE {dir}, staff_group {dir}, organisation COLLATE NOCASE`,
  username: 'username IS NULL, username COLLATE NOCASE',
}

/** The directory's order: a chosen column, then by name; by name alone when none is chosen. */
function sortedPeople<Q extends { orderByRaw(sql: string): Q }>(query: Q, sort: SortOf<(typeof PEOPLE_SORT_KEYS)[number]> | undefined): Q {
  if (!sort || sort.key === 'name') {
    const dir = sort?.order === 'desc' ? 'DESC' : 'ASC'
    return query.orderByRaw(`coalesce(preferred_surname, surname) COLLATE NOCASE ${dir}, coalesce(preferred_forename, forename) COLLATE NOCASE ${dir}, id ${dir}`)
  }
  const dir = sort.order === 'desc' ? 'DESC' : 'ASC'
  const sql = SORT_SQL[sort.key]
  return orderByName(query.orderByRaw(sql.includes('{dir}') ? sql.replaceAll('{dir}', dir) : `${sql} ${dir}`))
}

/** One person in full. Audited: it shows a pupil's date of birth and any safeguarding hold. */
export async function getPerson(ctx: FeatureContext, id: number): Promise<Person> {
  const row = await findPerson(ctx.store.requireOpen().db, id)
  await ctx.store.audit({ action: 'person.read', target: `person:${id}` })
  return toPerson(row)
}

export async function createPerson(ctx: FeatureContext, details: PersonDetails, source: 'manual' | 'reception' = 'manual'): Promise<Person> {
  const { db, session } = ctx.store.requireOpen()
  const cols = detailsToColumns(details, ukDay(ctx.now()))
  await checkUnique(db, cols, null)
  const at = iso(ctx.now())
  // The audit entry is written after the work, so it can name the new row.
  const event = { action: 'person.create', target: null as string | null, detail: details.kind }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('people').insert({ ...cols, source, created_at: at, created_by: session.userId, updated_at: at })) as number[]
    const personId = Number(newId)
    await writeNameTokens(trx, personId, [cols.forename, cols.surname, cols.preferred_forename, cols.preferred_surname])
    event.target = `person:${personId}`
    return personId
  })
  return toPerson(await findPerson(db, id))
}

export async function updatePerson(ctx: FeatureContext, id: number, details: PersonDetails): Promise<Person> {
  const { db } = ctx.store.requireOpen()
  const row = await findPerson(db, id)
  if (row.kind !== details.kind) {
    throw invalid('person.kind', `${displayNameOfRow(row)} is recorded as a ${PERSON_KIND_LABELS[row.kind].toLowerCase()}, and that cannot be changed. Archive this record and add them again as a ${PERSON_KIND_LABELS[details.kind].toLowerCase()}.`)
  }
  const cols = detailsToColumns(details, ukDay(ctx.now()))
  await checkUnique(db, cols, id)
  const changed = (Object.keys(cols) as (keyof typeof cols)[]).filter((k) => cols[k] !== row[k])
  if (changed.length === 0) return toPerson(row)
  await ctx.store.change({ action: 'person.update', target: `person:${id}`, detail: changed.join(', ') }, async (trx) => {
    await trx('people').where({ id }).update({ ...cols, updated_at: iso(ctx.now()) })
    await writeNameTokens(trx, id, [cols.forename, cols.surname, cols.preferred_forename, cols.preferred_surname])
  })
  return toPerson(await findPerson(db, id))
}

/** A leaver: kept, out of every list and count of current people. */
export async function archivePerson(ctx: FeatureContext, id: number, leftOn: string | undefined): Promise<Person> {
  const { db, session } = ctx.store.requireOpen()
  const row = await findPerson(db, id)
  if (row.archived_at) return toPerson(row)
  const today = ukDay(ctx.now())
  const day = leftOn ?? today
  if (!isRealDay(day)) throw invalid('leftOn', 'The leaving date is not a real date.')
  if (day > today) throw invalid('leftOn', 'The leaving date is in the future: archive them on or after the day they leave.')
  const open = await db('visits').where({ person_id: id }).whereNull('signed_out_at').first()
  if (open) throw conflict(`${displayNameOfRow(row)} is signed in at reception now. Sign them out first.`)
  await ctx.store.change({ action: 'person.archive', target: `person:${id}` }, (trx) =>
    trx('people').where({ id }).update({ archived_at: iso(ctx.now()), archived_by: session.userId, left_on: day, updated_at: iso(ctx.now()) }),
  )
  return toPerson(await findPerson(db, id))
}

export async function unarchivePerson(ctx: FeatureContext, id: number): Promise<Person> {
  const { db } = ctx.store.requireOpen()
  const row = await findPerson(db, id)
  if (!row.archived_at) return toPerson(row)
  await ctx.store.change({ action: 'person.unarchive', target: `person:${id}` }, (trx) =>
    trx('people').where({ id }).update({ archived_at: null, archived_by: null, left_on: null, updated_at: iso(ctx.now()) }),
  )
  return toPerson(await findPerson(db, id))
}

/** A hold keeps a person's records past the retention period (an open safeguarding matter). */
export async function setSafeguardingHold(ctx: FeatureContext, input: z.output<typeof safeguardingHold>): Promise<Person> {
  const { db, session } = ctx.store.requireOpen()
  const row = await findPerson(db, input.id)
  const reason = input.reason?.trim() || null
  if (input.hold && !reason) throw invalid('reason', 'Give a short reason for the hold, for example the safeguarding file reference.')
  await ctx.store.change({ action: input.hold ? 'person.hold' : 'person.release', target: `person:${row.id}` }, (trx) =>
    trx('people')
      .where({ id: row.id })
      .update(
        input.hold
          ? { safeguarding_hold: 1, hold_reason: reason, hold_set_by: session.userId, hold_set_at: iso(ctx.now()), updated_at: iso(ctx.now()) }
          : { safeguarding_hold: 0, hold_reason: null, hold_set_by: session.userId, hold_set_at: iso(ctx.now()), updated_at: iso(ctx.now()) },
      ),
  )
  return toPerson(await findPerson(db, row.id))
}

/** Staff a visitor can be here to see: names only, which is all reception needs. */
export async function listHosts(ctx: FeatureContext, text: string | undefined): Promise<Host[]> {
  const { db } = ctx.store.requireOpen()
  const query = db('people').where({ kind: 'staff' }).whereNull('archived_at')
  const words = text ? queryWords(text) : []
  if (words.length > 0) whereNamesStartWith(query, words)
  const rows = await orderByName(query.select('id', 'forename', 'surname', 'preferred_forename', 'preferred_surname')).limit(1000)
  return rows.map((r) => ({ id: r.id, name: displayNameOfRow(r) }))
}

export async function directoryGroups(ctx: FeatureContext): Promise<DirectoryGroups> {
  const { db } = ctx.store.requireOpen()
  const classes = (await db('people')
    .where({ kind: 'pupil' })
    .whereNull('archived_at')
    .select('year_group', 'reg_class')
    .count({ n: '*' })
    .groupBy('year_group', 'reg_class')) as { year_group: YearGroup; reg_class: string | null; n: number }[]
  const staff = (await db('people').where({ kind: 'staff' }).whereNull('archived_at').select('staff_group').count({ n: '*' }).groupBy('staff_group')) as {
    staff_group: StaffGroup
    n: number
  }[]
  const kinds = (await db('people')
    .select('kind')
    .select(db.raw('sum(archived_at IS NULL) AS active'), db.raw('sum(archived_at IS NOT NULL) AS archived'))
    .groupBy('kind')) as { kind: PersonKind; active: number; archived: number }[]

  const yearGroups = YEAR_GROUPS.flatMap((yearGroup) => {
    const inYear = classes.filter((c) => c.year_group === yearGroup)
    if (inYear.length === 0) return []
    return [
      {
        yearGroup,
        keyStage: keyStageOf(yearGroup),
        count: inYear.reduce((sum, c) => sum + Number(c.n), 0),
        classes: inYear
          .filter((c) => c.reg_class !== null)
          .map((c) => ({ regClass: c.reg_class!, count: Number(c.n) }))
          .sort((a, b) => a.regClass.localeCompare(b.regClass, 'en-GB', { numeric: true })),
      },
    ]
  })
  return {
    yearGroups,
    staffGroups: STAFF_GROUPS.flatMap((g) => {
      const hit = staff.find((s) => s.staff_group === g)
      return hit ? [{ staffGroup: g, count: Number(hit.n) }] : []
    }),
    kinds: kinds.map((k) => ({ kind: k.kind, count: Number(k.active), archived: Number(k.archived) })),
  }
}
