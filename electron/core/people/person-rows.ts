import type { KeyStage, Person, PersonSummary, YearGroup } from '../../../shared/domain/people'
import { displayNameOf, keyStageOf, sortNameOf } from '../../../shared/domain/people'
import { notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { PersonRow } from './tables'

/** Still imported from here by reports/reports.ts, which is being restructured; new code imports people/tables.ts. */
export type { PersonRow } from './tables'

/** The columns a person's details fill; the rest are bookkeeping. */
export type PersonColumns = Omit<
  PersonRow,
  'id' | 'left_on' | 'archived_at' | 'archived_by' | 'safeguarding_hold' | 'hold_reason' | 'hold_set_by' | 'hold_set_at' | 'named_in_record' | 'source' | 'created_at' | 'created_by' | 'updated_at'
>

export const SUMMARY_COLUMNS = [
  'id',
  'kind',
  'forename',
  'surname',
  'preferred_forename',
  'preferred_surname',
  'year_group',
  'reg_class',
  'staff_group',
  'job_title',
  'organisation',
  'username',
  'archived_at',
] as const

export type SummaryRow = Pick<PersonRow, (typeof SUMMARY_COLUMNS)[number]>

const names = (r: Pick<PersonRow, 'forename' | 'surname' | 'preferred_forename' | 'preferred_surname'>) => ({
  forename: r.forename,
  surname: r.surname,
  preferredForename: r.preferred_forename,
  preferredSurname: r.preferred_surname,
})

export const displayNameOfRow = (r: Pick<PersonRow, 'forename' | 'surname' | 'preferred_forename' | 'preferred_surname'>) => displayNameOf(names(r))
export const sortNameOfRow = (r: Pick<PersonRow, 'forename' | 'surname' | 'preferred_forename' | 'preferred_surname'>) => sortNameOf(names(r))

export function keyStageOfRow(r: { year_group: YearGroup | null }): KeyStage | null {
  return r.year_group ? keyStageOf(r.year_group) : null
}

export function toSummary(r: SummaryRow): PersonSummary {
  return {
    id: r.id,
    kind: r.kind,
    displayName: displayNameOfRow(r),
    sortName: sortNameOfRow(r),
    yearGroup: r.year_group,
    keyStage: keyStageOfRow(r),
    regClass: r.reg_class,
    staffGroup: r.staff_group,
    jobTitle: r.job_title,
    organisation: r.organisation,
    username: r.username,
    archived: r.archived_at !== null,
  }
}

export function toPerson(r: PersonRow): Person {
  return {
    ...toSummary(r),
    ...names(r),
    dateOfBirth: r.date_of_birth,
    misId: r.mis_id,
    upn: r.upn,
    dbs: r.dbs_status ? { status: r.dbs_status, checkedBy: r.dbs_checked_by, checkedOn: r.dbs_checked_on } : null,
    leftOn: r.left_on,
    archivedAt: r.archived_at,
    safeguardingHold: r.safeguarding_hold === 1,
    holdReason: r.hold_reason,
    namedInRecord: r.named_in_record === 1,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** Register order: surname, then forename, as a school office reads a list. */
export function orderByName<Q extends { orderByRaw(sql: string): Q }>(query: Q, alias = 'people'): Q {
  return query.orderByRaw(
    `coalesce(${alias}.preferred_surname, ${alias}.surname) COLLATE NOCASE, coalesce(${alias}.preferred_forename, ${alias}.forename) COLLATE NOCASE, ${alias}.id`,
  )
}

export async function findPerson(db: Db, id: number): Promise<PersonRow> {
  const row = await db('people').where({ id }).first()
  if (!row) throw notFound('That person is no longer in the register. Refresh the list and try again.')
  return row
}
