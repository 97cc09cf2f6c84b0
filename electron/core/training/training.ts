import { ukDay } from '../../../shared/dates/uk-time'
import { isRealDay } from '../../../shared/dates/uk-time'
import type { PersonTraining, TrainingOverview, TrainingRecord } from '../../../shared/features/training/contract'
import { TRAINED_KINDS, type Designation, type Requirement } from '../../../shared/features/training/requirements'
import { AppError, conflict, notFound } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { displayNameOfRow, findPerson } from '../people/services'
import type { TrainingRecordRow } from './tables'
import { completionsOf, toTrainingPerson, trainedPeople, trainingStatuses } from './training-people'

export async function trainingOverview(ctx: FeatureContext): Promise<TrainingOverview> {
  const today = ukDay(ctx.now())
  return { today, people: await trainingStatuses(ctx.store.requireOpen().db, today) }
}

function toRecord(r: TrainingRecordRow & { file_name: string | null; media_type: string | null; size: number | null }): TrainingRecord {
  return {
    id: r.id,
    personId: r.person_id,
    course: r.course,
    completedOn: r.completed_on,
    provider: r.provider,
    countsFor: JSON.parse(r.counts_for) as Requirement[],
    certificate: r.file_name ? { fileName: r.file_name, mediaType: r.media_type!, size: r.size! } : null,
    recordedBy: r.recorded_by_name,
    recordedAt: r.recorded_at,
    source: r.source,
  }
}

export async function personTraining(ctx: FeatureContext, personId: number): Promise<PersonTraining> {
  const { db } = ctx.store.requireOpen()
  const [row] = await trainedPeople(db, [personId])
  if (!row) throw notFound('Training is kept for staff, governors and volunteers on the current list, and that person is not one of them. Refresh the list and try again.')
  const completions = await completionsOf(db, [personId])
  const records = (await db('training_records as r')
    .leftJoin('training_certificates as c', 'c.record_id', 'r.id')
    .where('r.person_id', personId)
    .orderBy([{ column: 'r.completed_on', order: 'desc' }, { column: 'r.id', order: 'desc' }])
    .select('r.*', 'c.file_name', 'c.media_type', 'c.size')) as (TrainingRecordRow & { file_name: string | null; media_type: string | null; size: number | null })[]
  return { person: toTrainingPerson(row, completions.get(personId) ?? [], ukDay(ctx.now())), records: records.map(toRecord) }
}

export interface SessionInput {
  personIds: number[]
  course: string
  completedOn: string
  provider: string
  countsFor: Requirement[]
}

/** Why a session's date cannot be used, or null. */
export function dateProblem(day: string, today: string): string | null {
  if (!isRealDay(day)) return 'That date does not exist. Check the day and month.'
  if (day > today) return 'The training date is in the future. Record training once it has happened.'
  return null
}

/**
 * One session for everyone ticked, in one transaction: all are recorded or none. Refused, with
 * the names, for anyone training is not kept for and anyone who already has this course on this day.
 */
export async function recordSession(ctx: FeatureContext, input: SessionInput, source: 'manual' | 'demo' = 'manual'): Promise<{ ids: number[] }> {
  const { db, session } = ctx.store.requireOpen()
  const problem = dateProblem(input.completedOn, ukDay(ctx.now()))
  if (problem) throw new AppError('validation', problem, 'completedOn')
  const people = await trainedPeople(db, input.personIds)
  if (people.length !== input.personIds.length) {
    throw new AppError('validation', 'Training is kept for staff, governors and volunteers on the current list; someone ticked is not one of them (a pupil, a visitor, or a leaver). Refresh the list and tick again.', 'personIds')
  }
  const already = await db('training_records').whereIn('person_id', input.personIds).where({ course: input.course, completed_on: input.completedOn }).pluck('person_id')
  if (already.length) {
    const names = people.filter((p) => already.includes(p.id)).map(displayNameOfRow)
    throw conflict(`“${input.course}” on ${input.completedOn} is already recorded for ${names.join(', ')}. Untick ${already.length === 1 ? 'them' : 'those people'} and save again; nothing was recorded.`)
  }
  const at = new Date(ctx.now()).toISOString()
  const event = { action: 'training.record', target: `training:${input.completedOn}`, detail: `${input.course} (${input.personIds.length} ${input.personIds.length === 1 ? 'person' : 'people'})` }
  return ctx.store.change(event, async (trx) => {
    const ids: number[] = []
    for (const personId of input.personIds) {
      const [id] = await trx('training_records').insert({
        person_id: personId,
        course: input.course,
        completed_on: input.completedOn,
        provider: input.provider,
        counts_for: JSON.stringify(input.countsFor),
        source,
        recorded_at: at,
        recorded_by_name: session.displayName,
      })
      ids.push(id!)
    }
    return { ids }
  })
}

/** A person's start date (for induction) and DSL role: the two facts the rules need that the directory does not hold. */
export async function setTrainingPerson(ctx: FeatureContext, input: { personId: number; startedOn: string | null; designation: Designation | null }): Promise<null> {
  const { db } = ctx.store.requireOpen()
  const person = await findPerson(db, input.personId)
  if (!(TRAINED_KINDS as readonly string[]).includes(person.kind) || person.archived_at) {
    throw new AppError('validation', 'Training is kept for staff, governors and volunteers on the current list only.', 'personId')
  }
  if (input.startedOn) {
    const problem = dateProblem(input.startedOn, '9999-12-31')
    if (problem) throw new AppError('validation', problem, 'startedOn')
  }
  if (input.designation && person.kind !== 'staff') throw new AppError('validation', 'Only a member of staff can be the DSL or a deputy.', 'designation')
  const detail = `started ${input.startedOn ?? 'not recorded'}; ${input.designation ?? 'not a DSL'}`
  return ctx.store.change({ action: 'training.setPerson', target: `person:${input.personId}`, detail }, async (trx) => {
    await trx('training_people')
      .insert({ person_id: input.personId, started_on: input.startedOn, designation: input.designation, updated_at: new Date(ctx.now()).toISOString() })
      .onConflict('person_id')
      .merge()
    return null
  })
}
