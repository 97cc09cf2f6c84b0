import type { Knex } from 'knex'
import type { z } from 'zod'
import { CONSENT_PURPOSE_LABELS, CONSENT_PURPOSES, OWN_CONSENT_FROM, pupilClassLabel, type ConsentGiver, type ConsentMethod, type ConsentPurpose } from '../../../shared/features/consent/consent'
import type { consentClassInput, consentRecordInput, ConsentForm, ConsentRecord } from '../../../shared/features/consent/contract'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import { AppError, conflict, invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { displayNameOfRow, type PersonRow } from '../people/services'
import { recordById } from './queries'
import { formInUse, latestAnswers, pupilsOnRoll, todayOf } from './standings'
import type { ConsentAnswerRow } from './tables'

type NewAnswer = Omit<ConsentAnswerRow, 'id'>
type Q = Db | Knex.Transaction

/** The pupil a form is about, refusing anyone else or a pupil who has left. */
async function pupilOnRoll(db: Q, personId: number, field = 'personId'): Promise<PersonRow> {
  const person = (await db('people').where({ id: personId }).first()) as PersonRow | undefined
  if (!person) throw notFound('That pupil is no longer in the register. Search for them again.')
  if (person.kind !== 'pupil') throw invalid(field, `${displayNameOfRow(person)} is not a pupil: consent is recorded for pupils only.`)
  if (person.archived_at) throw invalid(field, `${displayNameOfRow(person)} has left the school, so no new answer can be recorded.`)
  return person
}

/** The checks every answer passes before it is written: a real day, not in the future, from someone allowed to give it. */
function checkAnswer(person: PersonRow, a: { givenBy: ConsentGiver; givenOn: string }, today: string, at = ''): void {
  const name = displayNameOfRow(person)
  if (a.givenOn > today) throw invalid(`${at}givenOn`, `The answer cannot be dated after today (${isoDateToUk(today)}). Check the date on the form.`)
  if (Number.isNaN(Date.parse(`${a.givenOn}T12:00:00Z`)) || new Date(`${a.givenOn}T12:00:00Z`).toISOString().slice(0, 10) !== a.givenOn) {
    throw invalid(`${at}givenOn`, `${a.givenOn} is not a day of the calendar. Check the date on the form.`)
  }
  if (a.givenBy === 'pupil' && !(person.year_group && OWN_CONSENT_FROM.includes(person.year_group))) {
    throw invalid(`${at}givenBy`, `${name} is too young to answer for themselves: a parent or carer gives consent until Year 8.`)
  }
}

function answerRow(ctx: FeatureContext, person: PersonRow, formId: number | null, a: { purpose: ConsentPurpose; answer: 'yes' | 'no' | 'withdrawn'; givenBy: ConsentGiver; givenByName: string; givenOn: string; method: ConsentMethod; note?: string | undefined }): NewAnswer {
  const { session } = ctx.store.requireOpen()
  return {
    person_id: person.id,
    purpose: a.purpose,
    answer: a.answer,
    given_by: a.givenBy,
    given_by_name: a.givenByName,
    given_on: a.givenOn,
    method: a.method,
    form_id: formId,
    note: a.note || null,
    recorded_at: new Date(ctx.now()).toISOString(),
    recorded_by: session!.userId,
  }
}

const described = (r: NewAnswer) => `person:${r.person_id}, ${r.purpose}: ${r.answer}, given by ${r.given_by} on ${r.given_on}, ${r.method}`

export async function recordConsent(ctx: FeatureContext, input: z.output<typeof consentRecordInput>): Promise<ConsentRecord> {
  const { db } = ctx.store.requireOpen()
  const person = await pupilOnRoll(db, input.personId)
  const today = todayOf(ctx)
  checkAnswer(person, input, today)
  const form = await formInUse(db, input.givenOn)
  const row = answerRow(ctx, person, form?.id ?? null, input)
  const event = { action: 'consent.record', target: null as string | null, detail: described(row) }
  const id = await ctx.store.change(event, async (trx) => {
    const [made] = await trx('consent_answers').insert(row)
    event.target = `consent:${made!}`
    return made!
  })
  return recordById(db, id)
}

export async function withdrawConsent(ctx: FeatureContext, input: { personId: number; purpose: ConsentPurpose; givenBy: ConsentGiver; givenByName: string; givenOn: string; method: ConsentMethod; note?: string | undefined }): Promise<ConsentRecord> {
  const { db } = ctx.store.requireOpen()
  const person = await pupilOnRoll(db, input.personId)
  checkAnswer(person, input, todayOf(ctx))
  const latest = (await latestAnswers(db, [person.id])).get(person.id)?.get(input.purpose)
  const what = CONSENT_PURPOSE_LABELS[input.purpose].toLowerCase()
  if (!latest || latest.answer !== 'yes') throw conflict(`${displayNameOfRow(person)} has no consent to withdraw for ${what}: the register already says they must not appear.`)
  if (input.givenOn < latest.given_on) throw invalid('givenOn', `The consent was given on ${isoDateToUk(latest.given_on)}; a withdrawal cannot be dated before it.`)
  const row = answerRow(ctx, person, latest.form_id, { ...input, answer: 'withdrawn' })
  const event = { action: 'consent.withdraw', target: null as string | null, detail: described(row) }
  const id = await ctx.store.change(event, async (trx) => {
    const [made] = await trx('consent_answers').insert(row)
    event.target = `consent:${made!}`
    return made!
  })
  return recordById(db, id)
}

/**
 * A class's paper forms, saved in one go: every row is checked before anything is written, so one
 * wrong row saves nothing, and each answer is its own audited action in the one transaction.
 */
export async function recordClassForms(ctx: FeatureContext, input: z.output<typeof consentClassInput>): Promise<{ recorded: number; pupils: number }> {
  const { db } = ctx.store.requireOpen()
  const label = pupilClassLabel(input.group.yearGroup, input.group.regClass)
  const members = new Map((await pupilsOnRoll(db, input.group)).map((p) => [p.id, p]))
  if (members.size === 0) throw invalid('group', `No pupil on roll is in ${label}. Check the class.`)
  const today = todayOf(ctx)
  const form = await formInUse(db, input.givenOn)
  const seen = new Set<number>()
  const rows: NewAnswer[] = []
  for (const [i, entry] of input.entries.entries()) {
    const at = `entries.${i}.`
    const person = members.get(entry.personId)
    if (!person) throw invalid(`${at}personId`, `One of the pupils is not in ${label} any more. Refresh the list and fill it in again.`)
    const name = displayNameOfRow(person)
    if (seen.has(person.id)) throw invalid(`${at}personId`, `${name} is in the list twice. Refresh the list and fill it in again.`)
    seen.add(person.id)
    const given = CONSENT_PURPOSES.filter((p) => entry.answers[p] !== undefined)
    if (given.length === 0) throw invalid(`${at}answers`, `${name}: tick yes or no for at least one purpose, or leave the row out.`)
    try {
      checkAnswer(person, { givenBy: 'parent', givenOn: input.givenOn }, today, at)
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.kind, `${name}: ${err.message}`, err.field)
      throw err
    }
    for (const purpose of given) rows.push(answerRow(ctx, person, form?.id ?? null, { purpose, answer: entry.answers[purpose]!, givenBy: 'parent', givenByName: entry.givenByName, givenOn: input.givenOn, method: input.method }))
  }
  const events = rows.map((r) => ({ action: 'consent.record', target: null as string | null, detail: `${described(r)}, one of ${rows.length} recorded together for ${label}` }))
  await ctx.store.changeEach(events, async (trx) => {
    for (const [i, row] of rows.entries()) {
      const [made] = await trx('consent_answers').insert(row)
      events[i]!.target = `consent:${made!}`
    }
  })
  return { recorded: rows.length, pupils: seen.size }
}

export async function addForm(ctx: FeatureContext, input: { version: string; inForceFrom: string }): Promise<ConsentForm> {
  const { db, session } = ctx.store.requireOpen()
  const same = await db('consent_forms').whereRaw('lower(version) = lower(?)', [input.version]).first()
  if (same) throw conflict(`There is already a form “${same.version}”. Give the new wording a version of its own.`)
  const row = { version: input.version, in_force_from: input.inForceFrom, recorded_at: new Date(ctx.now()).toISOString(), recorded_by: session!.userId }
  const event = { action: 'consent.addForm', target: null as string | null, detail: `${input.version}, in force from ${input.inForceFrom}: earlier answers lapse` }
  const id = await ctx.store.change(event, async (trx) => {
    const [made] = await trx('consent_forms').insert(row)
    event.target = `consent-form:${made!}`
    return made!
  })
  return { id, version: row.version, inForceFrom: row.in_force_from, recordedAt: row.recorded_at }
}

export { pupilOnRoll, checkAnswer, answerRow, type NewAnswer, type Q }
