import type { Knex } from 'knex'
import { TRAINED_KINDS, statusesOn, type Requirement } from '../../../shared/features/training/requirements'
import type { TrainingPerson } from '../../../shared/features/training/contract'
import type { Db } from '../db/database'
import { displayNameOfRow, orderByName, sortNameOfRow, type PersonRow } from '../people/services'

type Q = Db | Knex | Knex.Transaction

export type TrainedRow = Pick<PersonRow, 'id' | 'kind' | 'forename' | 'surname' | 'preferred_forename' | 'preferred_surname' | 'job_title'> & {
  started_on: string | null
  designation: TrainingPerson['designation']
}

/** The people training is kept for, in register order: staff, governors and volunteers on the current list. */
export function trainedPeople(db: Q, ids?: readonly number[]) {
  const q = db('people')
    .leftJoin('training_people as tp', 'tp.person_id', 'people.id')
    .whereIn('people.kind', [...TRAINED_KINDS])
    .whereNull('people.archived_at')
    .select('people.id', 'people.kind', 'people.forename', 'people.surname', 'people.preferred_forename', 'people.preferred_surname', 'people.job_title', 'tp.started_on', 'tp.designation')
  if (ids) q.whereIn('people.id', [...ids])
  return orderByName(q) as unknown as Promise<TrainedRow[]>
}

export interface Completion {
  personId: number
  on: string
  countsFor: Requirement[]
}

/** Every completion of the people given (all when no list), as the rules read them. */
export async function completionsOf(db: Q, ids?: readonly number[]): Promise<Map<number, Completion[]>> {
  const q = db('training_records').select('person_id', 'completed_on', 'counts_for')
  if (ids) q.whereIn('person_id', [...ids])
  const byPerson = new Map<number, Completion[]>()
  for (const r of await q) {
    const list = byPerson.get(r.person_id) ?? []
    list.push({ personId: r.person_id, on: r.completed_on, countsFor: JSON.parse(r.counts_for) as Requirement[] })
    byPerson.set(r.person_id, list)
  }
  return byPerson
}

export function toTrainingPerson(row: TrainedRow, completions: readonly Completion[], today: string): TrainingPerson {
  const subject = { kind: row.kind, designation: row.designation, startedOn: row.started_on }
  return {
    personId: row.id,
    displayName: displayNameOfRow(row),
    sortName: sortNameOfRow(row),
    kind: row.kind,
    jobTitle: row.job_title,
    designation: row.designation,
    startedOn: row.started_on,
    needs: statusesOn(subject, completions, today),
  }
}

/** Everyone training is kept for, with where they stand on the day. */
export async function trainingStatuses(db: Q, today: string): Promise<TrainingPerson[]> {
  const [people, completions] = await Promise.all([trainedPeople(db), completionsOf(db)])
  return people.map((p) => toTrainingPerson(p, completions.get(p.id) ?? [], today))
}
