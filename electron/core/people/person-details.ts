import type { PersonDetails } from '../../../shared/api/people-fields'
import { PERSON_KIND_LABELS, type DbsCheck } from '../../../shared/domain/people'
import { invalid } from '../api/app-error'
import type { Db } from '../db/database'
import { displayNameOfRow, type PersonColumns } from './person-rows'
import { isRealDay } from '../../../shared/dates/uk-time'

/** An empty box means "none": stored as null, never as an empty string. */
export function blank(value: string | null | undefined): string | null {
  const v = value?.normalize('NFC').trim().replace(/\s+/g, ' ')
  return v ? v : null
}

/** Pupils are between 2 and 25 (special schools teach to 25): anything else is a typing slip. */
export function checkPupilBirthDate(day: string, today: string, field = 'dateOfBirth'): string {
  if (!isRealDay(day)) throw invalid(field, 'That date of birth is not a real date. Check the day and the month.')
  if (day > today) throw invalid(field, 'That date of birth is in the future.')
  const age = Number(today.slice(0, 4)) - Number(day.slice(0, 4))
  if (age < 2 || age > 25) throw invalid(field, `That date of birth makes the pupil about ${age}: pupils here are 2 to 25. Check the year.`)
  return day
}

export function checkDbs(dbs: { status: DbsCheck['status']; checkedBy?: string | undefined; checkedOn?: string | undefined }, today: string, field = 'dbs'): DbsCheck {
  if (dbs.status !== 'checked') return { status: dbs.status, checkedBy: null, checkedOn: null }
  const checkedBy = blank(dbs.checkedBy)
  if (!checkedBy) throw invalid(`${field}.checkedBy`, 'Say who checked the DBS certificate.')
  const checkedOn = dbs.checkedOn ?? today
  if (!isRealDay(checkedOn)) throw invalid(`${field}.checkedOn`, 'The date the DBS certificate was checked is not a real date.')
  if (checkedOn > today) throw invalid(`${field}.checkedOn`, 'The date the DBS certificate was checked is in the future.')
  return { status: 'checked', checkedBy, checkedOn }
}

/**
 * A person's details as columns: every column the kind does not use is null, so nothing
 * beyond what the job needs is kept (a visitor has no date of birth, a pupil no DBS).
 */
export function detailsToColumns(d: PersonDetails, today: string): PersonColumns {
  const cols: PersonColumns = {
    kind: d.kind,
    forename: blank(d.forename)!,
    surname: blank(d.surname)!,
    preferred_forename: blank(d.preferredForename),
    preferred_surname: blank(d.preferredSurname),
    date_of_birth: null,
    year_group: null,
    reg_class: null,
    mis_id: null,
    upn: null,
    username: null,
    job_title: null,
    staff_group: null,
    organisation: null,
    dbs_status: null,
    dbs_checked_by: null,
    dbs_checked_on: null,
  }
  // A preferred name equal to the legal one adds nothing.
  if (cols.preferred_forename === cols.forename) cols.preferred_forename = null
  if (cols.preferred_surname === cols.surname) cols.preferred_surname = null
  const dbs = (check: DbsCheck) => ({ dbs_status: check.status, dbs_checked_by: check.checkedBy, dbs_checked_on: check.checkedOn })
  switch (d.kind) {
    case 'pupil':
      return {
        ...cols,
        date_of_birth: checkPupilBirthDate(d.dateOfBirth, today),
        year_group: d.yearGroup,
        reg_class: blank(d.regClass),
        mis_id: blank(d.misId),
        upn: blank(d.upn),
        username: blank(d.username),
      }
    case 'staff':
      return { ...cols, staff_group: d.staffGroup, job_title: blank(d.jobTitle), mis_id: blank(d.misId), username: blank(d.username) }
    case 'governor':
      return { ...cols, job_title: blank(d.jobTitle), username: blank(d.username), ...(d.dbs ? dbs(checkDbs(d.dbs, today)) : {}) }
    case 'volunteer':
    case 'contractor':
      return { ...cols, organisation: blank(d.organisation), username: blank(d.username), ...(d.dbs ? dbs(checkDbs(d.dbs, today)) : {}) }
    case 'visitor':
      return { ...cols, organisation: blank(d.organisation), ...(d.dbs ? dbs(checkDbs(d.dbs, today)) : {}) }
  }
}

/** Usernames are unique across the school, and an admission number or staff code within its kind. */
export async function checkUnique(db: Db, cols: Pick<PersonColumns, 'kind' | 'mis_id' | 'username'>, selfId: number | null): Promise<void> {
  if (cols.username) {
    const query = db('people').whereRaw('username = ? COLLATE NOCASE', [cols.username])
    if (selfId) void query.whereNot('id', selfId)
    const other = await query.first()
    if (other) {
      throw invalid('username', `The username “${cols.username}” already belongs to ${displayNameOfRow(other)} (${PERSON_KIND_LABELS[other.kind]}). Each username is unique.`)
    }
  }
  if (cols.mis_id) {
    const query = db('people').where({ kind: cols.kind, mis_id: cols.mis_id })
    if (selfId) void query.whereNot('id', selfId)
    const other = await query.first()
    if (other) {
      throw invalid('misId', `${displayNameOfRow(other)} already has the MIS id “${cols.mis_id}”. Check the number on the MIS.`)
    }
  }
}
