import type { Knex } from 'knex'
import { YEAR_GROUPS, type YearGroup } from '../../../shared/domain/people'
import { schoolYearOf, yearGroupIn } from '../../../shared/dates/school-year'
import { addDays, ukDay, ukInstant } from '../../../shared/dates/uk-time'
import type { ConsentPurpose, ConsentState } from '../../../shared/features/consent/consent'
import type { Db } from '../db/database'
import type { PersonRow } from '../people/services'
import { formInUse, statesOf } from './standings'
import type { ConsentAnswerRow } from './tables'

type Q = Db | Knex.Transaction

/** The day the register was set up (its first audit entry), or null in one not set up yet. */
export async function registerSetUpOn(db: Q): Promise<string | null> {
  const first = (await db('audit_log').orderBy('id').first('at')) as { at: string } | undefined
  return first ? ukDay(first.at) : null
}

/**
 * The pupils on roll on a past or present day, as the directory can tell: added by then (or by the
 * day the register was set up, if that came later: before it, the directory is all there is), not
 * left by then, and for an earlier school year in a year group the school taught then (this
 * year's Reception, or a secondary's Year 7, were not at the school a year before).
 */
async function pupilsOnRollOn(db: Q, day: string, drawnOn: string): Promise<PersonRow[]> {
  const setUpOn = (await registerSetUpOn(db)) ?? drawnOn
  const addedBy = new Date(ukInstant(addDays(day > setUpOn ? day : setUpOn, 1))).toISOString()
  // A leaver counts until the day they left (archiving is often done later, in a tidy-up).
  const pupils = ((await db('people').where({ kind: 'pupil' }).where('created_at', '<', addedBy).select('*')) as PersonRow[]).filter(
    (p) => p.archived_at === null || (p.left_on ?? ukDay(p.archived_at)) > day,
  )
  const year = schoolYearOf(day)
  if (year === schoolYearOf(drawnOn)) return pupils
  const taughtNow = (await db('people').where({ kind: 'pupil' }).whereNotNull('year_group').whereNull('archived_at').distinct().pluck('year_group')) as YearGroup[]
  const youngest = taughtNow.length ? Math.min(...taughtNow.map((y) => YEAR_GROUPS.indexOf(y))) : 0
  return pupils.filter((p) => {
    const then = yearGroupIn(p.year_group, year, p.left_on ?? (p.archived_at ? ukDay(p.archived_at) : drawnOn))
    return then !== null && YEAR_GROUPS.indexOf(then) >= youngest
  })
}

/**
 * Where each pupil on roll on a day stood for each use that day: the latest answer given by then,
 * lapsed if it was given in an earlier school year or before the form wording in use that day.
 */
export async function standingsOnDay(db: Q, day: string, drawnOn: string): Promise<{ pupil: PersonRow; states: Record<ConsentPurpose, ConsentState> }[]> {
  const pupils = await pupilsOnRollOn(db, day, drawnOn)
  const answers = (await db('consent_answers')
    .where('given_on', '<=', day)
    .orderBy([{ column: 'person_id' }, { column: 'purpose' }, { column: 'given_on' }, { column: 'id' }])) as ConsentAnswerRow[]
  const latest = new Map<number, Map<ConsentPurpose, ConsentAnswerRow>>()
  for (const a of answers) {
    let mine = latest.get(a.person_id)
    if (!mine) latest.set(a.person_id, (mine = new Map()))
    mine.set(a.purpose, a)
  }
  const form = await formInUse(db, day)
  return pupils.map((pupil) => ({ pupil, states: statesOf(latest.get(pupil.id), day, form) }))
}
