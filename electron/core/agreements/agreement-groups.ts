import { aupGroupLabel, type AupGroup } from '../../../shared/domain/aup'
import { invalid } from '../api/app-error'
import type { Db } from '../db/database'
import { sortNameOfRow } from '../people/services'
import type { PersonRow } from '../people/services'

/** The people of a class or staff group still at the school, in register order (surname, forename). */
export async function peopleInGroup(db: Db, group: AupGroup): Promise<PersonRow[]> {
  const q = db('people').whereNull('archived_at').select('*')
  if (group.kind === 'class') q.where({ kind: 'pupil', year_group: group.yearGroup, reg_class: group.regClass })
  else q.where({ kind: 'staff', staff_group: group.staffGroup })
  const rows = await q
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base' })
  return rows.sort((a, b) => collator.compare(sortNameOfRow(a), sortNameOfRow(b)) || a.id - b.id)
}

/** The same, refusing a group with nobody in it (a class typed wrongly, or one that has left). */
export async function membersOf(db: Db, group: AupGroup): Promise<PersonRow[]> {
  const people = await peopleInGroup(db, group)
  if (people.length === 0) throw invalid('group', `Nobody at the school is in ${aupGroupLabel(group)}. Check the group, or import the people under People.`)
  return people
}
