import type { DbsStatus, PersonKind, PersonSource, StaffGroup, YearGroup } from '../../../shared/domain/people'
import type { TableOf } from '../db/table-types'

/** One person in the directory, as the `people` table holds them. */
export interface PersonRow {
  id: number
  kind: PersonKind
  forename: string
  surname: string
  preferred_forename: string | null
  preferred_surname: string | null
  date_of_birth: string | null
  year_group: YearGroup | null
  reg_class: string | null
  mis_id: string | null
  upn: string | null
  username: string | null
  job_title: string | null
  staff_group: StaffGroup | null
  organisation: string | null
  dbs_status: DbsStatus | null
  dbs_checked_by: string | null
  dbs_checked_on: string | null
  left_on: string | null
  archived_at: string | null
  archived_by: number | null
  safeguarding_hold: number
  hold_reason: string | null
  hold_set_by: number | null
  hold_set_at: string | null
  /** 1 once a safeguarding record names them (db/migrations/0014-record-holds.ts). */
  named_in_record: number
  source: PersonSource
  created_at: string
  created_by: number | null
  updated_at: string
}

/** One normalised word of a person's names, for prefix search (name-search.ts). */
export interface PersonSearchRow {
  token: string
  person_id: number
}

declare module 'knex/types/tables' {
  interface Tables {
    people: TableOf<PersonRow, 'id' | 'safeguarding_hold' | 'named_in_record'>
    person_search: PersonSearchRow
  }
}
