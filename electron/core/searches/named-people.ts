import type { Knex } from 'knex'
import type { NamedPerson } from '../../../shared/features/searches/contract'
import { invalid } from '../api/app-error'
import { displayNameOfRow, type PersonRow } from '../people/services'

type Db = Knex | Knex.Transaction
type Row = Pick<PersonRow, 'id' | 'kind' | 'forename' | 'surname' | 'preferred_forename' | 'preferred_surname' | 'year_group' | 'reg_class' | 'job_title'>

const COLUMNS = ['id', 'kind', 'forename', 'surname', 'preferred_forename', 'preferred_surname', 'year_group', 'reg_class', 'job_title'] as const

/** "Year 9, 9R" for a pupil, the job title (or "Staff") for a member of staff. */
function describe(r: Row): string {
  if (r.kind === 'pupil') return [r.year_group ? (r.year_group === 'R' ? 'Reception' : `Year ${r.year_group}`) : 'Pupil', r.reg_class].filter(Boolean).join(', ')
  return r.job_title ?? 'Staff'
}

export const toNamed = (r: Row): NamedPerson => ({ personId: r.id, name: displayNameOfRow(r), description: describe(r) })

/** The people with these ids, as shown; someone no longer in the directory is named as such. */
export async function namedPeople(db: Db, ids: readonly (number | null)[]): Promise<(id: number) => NamedPerson> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))]
  const rows = wanted.length ? ((await db('people').whereIn('id', wanted).select(...COLUMNS)) as Row[]) : []
  const byId = new Map(rows.map((r) => [r.id, toNamed(r)]))
  return (id) => byId.get(id) ?? { personId: id, name: 'Someone no longer in the directory', description: '' }
}

/** A person of the kind a field needs, or a validation error on that field. */
export async function personOfKind(db: Db, id: number, kind: 'pupil' | 'staff', field: string): Promise<NamedPerson> {
  const row = (await db('people').where({ id }).first(...COLUMNS)) as Row | undefined
  if (!row) throw invalid(field, 'That person is no longer in the directory. Choose again.')
  if (row.kind !== kind) throw invalid(field, kind === 'pupil' ? 'Choose a pupil: searches and confiscations are recorded for pupils.' : 'Choose a member of staff.')
  return toNamed(row)
}
