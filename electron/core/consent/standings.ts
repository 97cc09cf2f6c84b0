import type { Knex } from 'knex'
import { CONSENT_PURPOSES, consentStateOf, pupilClassLabel, type ConsentPurpose, type ConsentState } from '../../../shared/features/consent/consent'
import type { ConsentPupil } from '../../../shared/features/consent/contract'
import { ukDay } from '../../../shared/dates/uk-time'
import type { YearGroup } from '../../../shared/domain/people'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { displayNameOfRow, sortNameOfRow, type PersonRow } from '../people/services'
import type { ConsentAnswerRow, ConsentFormRow } from './tables'

type Q = Db | Knex.Transaction

export const todayOf = (ctx: FeatureContext): string => ukDay(ctx.now())

/** The form wording in use on a day: the latest one in force by then (none before the first). */
export async function formInUse(db: Q, day: string): Promise<ConsentFormRow | null> {
  return (await db('consent_forms').where('in_force_from', '<=', day).orderBy([{ column: 'in_force_from', order: 'desc' }, { column: 'id', order: 'desc' }]).first()) ?? null
}

export function pupilOf(p: PersonRow): ConsentPupil {
  return { personId: p.id, name: displayNameOfRow(p), yearGroup: p.year_group, regClass: p.reg_class, classLabel: pupilClassLabel(p.year_group, p.reg_class) }
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base' })
export const byName = (a: PersonRow, b: PersonRow): number => collator.compare(sortNameOfRow(a), sortNameOfRow(b)) || a.id - b.id

/** Pupils on roll, in register order, optionally only some. */
export async function pupilsOnRoll(db: Q, where?: { yearGroup: YearGroup; regClass?: string | undefined } | { ids: readonly number[] }): Promise<PersonRow[]> {
  const q = db('people').where({ kind: 'pupil' }).whereNull('archived_at').select('*')
  if (where && 'ids' in where) void q.whereIn('id', where.ids)
  else if (where) {
    void q.where({ year_group: where.yearGroup })
    if (where.regClass !== undefined) void q.where({ reg_class: where.regClass })
  }
  return ((await q) as PersonRow[]).sort(byName)
}

/** The latest answer per pupil and purpose (the one that holds), for the pupils given. */
export async function latestAnswers(db: Q, personIds: readonly number[] | 'on-roll'): Promise<Map<number, Map<ConsentPurpose, ConsentAnswerRow>>> {
  const q = db('consent_answers as c').select('c.*').orderBy([{ column: 'c.person_id' }, { column: 'c.purpose' }, { column: 'c.given_on' }, { column: 'c.id' }])
  if (personIds === 'on-roll') void q.join('people as p', 'p.id', 'c.person_id').where('p.kind', 'pupil').whereNull('p.archived_at')
  else if (personIds.length <= 500) void q.whereIn('c.person_id', personIds)
  const wanted = personIds === 'on-roll' ? null : new Set(personIds)
  const latest = new Map<number, Map<ConsentPurpose, ConsentAnswerRow>>()
  for (const row of (await q) as ConsentAnswerRow[]) {
    if (wanted && !wanted.has(row.person_id)) continue
    let mine = latest.get(row.person_id)
    if (!mine) latest.set(row.person_id, (mine = new Map()))
    mine.set(row.purpose, row)
  }
  return latest
}

/** Each purpose's state for one pupil, from their latest answers. */
export function statesOf(latest: Map<ConsentPurpose, ConsentAnswerRow> | undefined, today: string, form: ConsentFormRow | null): Record<ConsentPurpose, ConsentState> {
  const states = {} as Record<ConsentPurpose, ConsentState>
  for (const purpose of CONSENT_PURPOSES) {
    const row = latest?.get(purpose)
    states[purpose] = consentStateOf(row ? { answer: row.answer, givenOn: row.given_on } : null, today, form?.in_force_from ?? null)
  }
  return states
}

/** Every pupil on roll (or of a class) with their state per purpose, in register order. */
export async function standingsOf(db: Q, today: string, where?: Parameters<typeof pupilsOnRoll>[1]): Promise<{ pupil: PersonRow; states: Record<ConsentPurpose, ConsentState> }[]> {
  const pupils = await pupilsOnRoll(db, where)
  const latest = await latestAnswers(db, where ? pupils.map((p) => p.id) : 'on-roll')
  const form = await formInUse(db, today)
  return pupils.map((pupil) => ({ pupil, states: statesOf(latest.get(pupil.id), today, form) }))
}
