import type { z } from 'zod'
import { CONSENT_PURPOSES, mayPublishOf, pupilClassLabel, type ConsentPurpose, type MayPublish } from '../../../shared/features/consent/consent'
import type { consentMethods, ClassConsentRow, ConsentClass, ConsentCoverage, ConsentForm, ConsentRecord, MustNotAppearList, PupilConsent, QuickAnswer } from '../../../shared/features/consent/contract'
import { plural } from '../../../shared/domain/plural'
import { yearGroupLabel, YEAR_GROUPS, type YearGroup } from '../../../shared/domain/people'
import { invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { queryWords, whereNamesStartWith, type PersonRow } from '../people/services'
import { byName, formInUse, latestAnswers, pupilOf, pupilsOnRoll, standingsOf, statesOf, todayOf } from './standings'
import type { ConsentAnswerRow } from './tables'

/** At most this many pupils answer one quick search: the office types more letters for fewer. */
const QUICK_LIMIT = 20

/** Reception's question: the pupils whose names start with the words typed, and yes / no / not known per purpose. */
export async function quickCheck(ctx: FeatureContext, text: string): Promise<QuickAnswer[]> {
  const { db } = ctx.store.requireOpen()
  const words = queryWords(text)
  if (words.length === 0) throw invalid('text', 'Type at least two letters of the pupil’s name.')
  const q = db('people').where({ kind: 'pupil' }).whereNull('archived_at').select('*')
  whereNamesStartWith(q, words)
  const pupils = ((await q) as PersonRow[]).sort(byName).slice(0, QUICK_LIMIT)
  const today = todayOf(ctx)
  const latest = await latestAnswers(db, pupils.map((p) => p.id))
  const form = await formInUse(db, today)
  return pupils.map((p) => {
    const states = statesOf(latest.get(p.id), today, form)
    const answers = Object.fromEntries(CONSENT_PURPOSES.map((k) => [k, mayPublishOf(states[k])])) as Record<ConsentPurpose, MayPublish>
    return { personId: p.id, name: pupilOf(p).name, classLabel: pupilOf(p).classLabel, answers }
  })
}

/** Of a class, a year group or a chosen list, the pupils who must not appear for a purpose. */
export async function mustNotAppear(ctx: FeatureContext, input: z.output<(typeof consentMethods)['consent.mustNotAppear']['input']>): Promise<MustNotAppearList> {
  const { db } = ctx.store.requireOpen()
  const today = todayOf(ctx)
  let listLabel: string
  let rows
  if (input.group) {
    rows = await standingsOf(db, today, input.group)
    listLabel = input.group.regClass ? pupilClassLabel(input.group.yearGroup, input.group.regClass) : yearGroupLabel(input.group.yearGroup)
    if (rows.length === 0) throw invalid('group', `No pupil on roll is in ${listLabel}. Check the class or year group.`)
  } else {
    const ids = [...new Set(input.personIds!)]
    rows = await standingsOf(db, today, { ids })
    if (rows.length < ids.length) throw invalid('personIds', 'One of the pupils chosen is no longer on roll. Refresh the list and choose again.')
    listLabel = plural(rows.length, 'chosen pupil')
  }
  const pupils = rows
    .map(({ pupil, states }) => ({ ...pupilOf(pupil), answer: mayPublishOf(states[input.purpose]) }))
    .filter((p): p is typeof p & { answer: Exclude<MayPublish, 'yes'> } => p.answer !== 'yes')
    .map(({ personId, name, classLabel, answer }) => ({ personId, name, classLabel, answer }))
  return { purpose: input.purpose, listLabel, checked: rows.length, pupils }
}

/** The year groups and classes with pupils on roll, in school order. */
export async function consentClasses(ctx: FeatureContext): Promise<ConsentClass[]> {
  const { db } = ctx.store.requireOpen()
  const rows = (await db('people').where({ kind: 'pupil' }).whereNull('archived_at').whereNotNull('year_group').groupBy('year_group', 'reg_class').select('year_group', 'reg_class').count({ n: '*' })) as {
    year_group: YearGroup
    reg_class: string | null
    n: number
  }[]
  const order = (y: YearGroup) => YEAR_GROUPS.indexOf(y)
  return rows
    .sort((a, b) => order(a.year_group) - order(b.year_group) || (a.reg_class ?? '').localeCompare(b.reg_class ?? '', 'en-GB'))
    .map((r) => ({ yearGroup: r.year_group, regClass: r.reg_class, label: pupilClassLabel(r.year_group, r.reg_class), pupils: Number(r.n) }))
}

type ListedRow = ConsentAnswerRow & { recorder: string | null; form_version: string | null }

function toRecord(r: ListedRow): ConsentRecord {
  return {
    id: r.id,
    purpose: r.purpose,
    answer: r.answer,
    givenBy: r.given_by,
    givenByName: r.given_by_name,
    givenOn: r.given_on,
    method: r.method,
    formVersion: r.form_version,
    note: r.note,
    recordedAt: r.recorded_at,
    recordedBy: r.recorder ?? 'a former user',
  }
}

export async function recordsOf(db: Db, personId: number): Promise<ConsentRecord[]> {
  const rows = (await db('consent_answers as c')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .leftJoin('consent_forms as f', 'f.id', 'c.form_id')
    .where('c.person_id', personId)
    .orderBy([{ column: 'c.given_on', order: 'desc' }, { column: 'c.id', order: 'desc' }])
    .select('c.*', 'u.display_name as recorder', 'f.version as form_version')) as ListedRow[]
  return rows.map(toRecord)
}

export async function recordById(db: Db | Parameters<typeof recordsOf>[0], id: number): Promise<ConsentRecord> {
  const row = (await db('consent_answers as c')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .leftJoin('consent_forms as f', 'f.id', 'c.form_id')
    .where('c.id', id)
    .select('c.*', 'u.display_name as recorder', 'f.version as form_version')
    .first()) as ListedRow | undefined
  if (!row) throw notFound('That consent answer is not in the register.')
  return toRecord(row)
}

/** A pupil's full consent record. Audited: who read which pupil's answers. */
export async function pupilConsent(ctx: FeatureContext, personId: number): Promise<PupilConsent> {
  const { db } = ctx.store.requireOpen()
  const person = (await db('people').where({ id: personId }).first()) as PersonRow | undefined
  if (!person || person.kind !== 'pupil') throw notFound('That pupil is not in the register. Search for them again.')
  const today = todayOf(ctx)
  const history = await recordsOf(db, personId)
  const form = await formInUse(db, today)
  const latest = (await latestAnswers(db, [personId])).get(personId)
  const states = statesOf(latest, today, form)
  const standings = CONSENT_PURPOSES.map((purpose) => {
    const row = latest?.get(purpose)
    return { purpose, state: states[purpose], latest: row ? (history.find((h) => h.id === row.id) ?? null) : null }
  })
  await ctx.store.audit({ action: 'consent.read', target: `person:${personId}`, detail: `${history.length} answers` })
  return { pupil: pupilOf(person), standings, history }
}

export async function classStates(ctx: FeatureContext, group: { yearGroup: YearGroup; regClass: string }): Promise<ClassConsentRow[]> {
  const { db } = ctx.store.requireOpen()
  const rows = await standingsOf(db, todayOf(ctx), group)
  if (rows.length === 0) throw invalid('group', `No pupil on roll is in ${pupilClassLabel(group.yearGroup, group.regClass)}. Check the class.`)
  return rows.map(({ pupil, states }) => ({ personId: pupil.id, name: pupilOf(pupil).name, states }))
}

/** Per purpose, the pupils on roll in each state today. */
export async function coverage(ctx: FeatureContext, day = todayOf(ctx)): Promise<ConsentCoverage[]> {
  const rows = await standingsOf(ctx.store.requireOpen().db, day)
  return CONSENT_PURPOSES.map((purpose) => {
    const c: ConsentCoverage = { purpose, onRoll: rows.length, given: 0, refused: 0, withdrawn: 0, lapsed: 0, none: 0 }
    for (const r of rows) c[r.states[purpose]]++
    return c
  })
}

export async function listForms(ctx: FeatureContext): Promise<ConsentForm[]> {
  const rows = await ctx.store.requireOpen().db('consent_forms').orderBy([{ column: 'in_force_from', order: 'desc' }, { column: 'id', order: 'desc' }])
  return rows.map((r) => ({ id: r.id, version: r.version, inForceFrom: r.in_force_from, recordedAt: r.recorded_at }))
}

export { pupilsOnRoll }
