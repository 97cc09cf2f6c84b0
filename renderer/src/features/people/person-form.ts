import type { MethodInput } from '@shared/api/contract'
import type { DbsStatus, Person, PersonKind, StaffGroup, YearGroup } from '@shared/domain/people'

/** The add/edit form for one person: every field any kind uses; only the kind's own are sent. */
export interface PersonForm {
  kind: PersonKind
  forename: string
  surname: string
  preferredForename: string
  preferredSurname: string
  dateOfBirth: string
  yearGroup: YearGroup | null
  regClass: string
  misId: string
  upn: string
  username: string
  staffGroup: StaffGroup | null
  jobTitle: string
  organisation: string
  dbsStatus: DbsStatus | null
  dbsCheckedBy: string
  dbsCheckedOn: string
}

export function emptyPersonForm(kind: PersonKind = 'pupil'): PersonForm {
  return {
    kind,
    forename: '',
    surname: '',
    preferredForename: '',
    preferredSurname: '',
    dateOfBirth: '',
    yearGroup: null,
    regClass: '',
    misId: '',
    upn: '',
    username: '',
    staffGroup: null,
    jobTitle: '',
    organisation: '',
    dbsStatus: null,
    dbsCheckedBy: '',
    dbsCheckedOn: '',
  }
}

export function formOf(p: Person): PersonForm {
  return {
    kind: p.kind,
    forename: p.forename,
    surname: p.surname,
    preferredForename: p.preferredForename ?? '',
    preferredSurname: p.preferredSurname ?? '',
    dateOfBirth: p.dateOfBirth ?? '',
    yearGroup: p.yearGroup,
    regClass: p.regClass ?? '',
    misId: p.misId ?? '',
    upn: p.upn ?? '',
    username: p.username ?? '',
    staffGroup: p.staffGroup,
    jobTitle: p.jobTitle ?? '',
    organisation: p.organisation ?? '',
    dbsStatus: p.dbs?.status ?? null,
    dbsCheckedBy: p.dbs?.checkedBy ?? '',
    dbsCheckedOn: p.dbs?.checkedOn ?? '',
  }
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined)

/** What the core takes for this kind (data minimisation: nothing the kind does not use). */
export function detailsOf(f: PersonForm): MethodInput<'people.create'> {
  const names = { forename: f.forename, surname: f.surname, preferredForename: opt(f.preferredForename), preferredSurname: opt(f.preferredSurname) }
  const dbs = f.dbsStatus ? { status: f.dbsStatus, checkedBy: f.dbsStatus === 'checked' ? opt(f.dbsCheckedBy) : undefined, checkedOn: f.dbsStatus === 'checked' ? opt(f.dbsCheckedOn) : undefined } : undefined
  switch (f.kind) {
    case 'pupil':
      return { kind: 'pupil', ...names, dateOfBirth: f.dateOfBirth, yearGroup: f.yearGroup as YearGroup, regClass: opt(f.regClass), misId: opt(f.misId), upn: opt(f.upn), username: opt(f.username) }
    case 'staff':
      return { kind: 'staff', ...names, staffGroup: f.staffGroup as StaffGroup, jobTitle: opt(f.jobTitle), misId: opt(f.misId), username: opt(f.username) }
    case 'governor':
      return { kind: 'governor', ...names, jobTitle: opt(f.jobTitle), username: opt(f.username), dbs }
    case 'visitor':
      return { kind: 'visitor', ...names, organisation: opt(f.organisation), dbs }
    default:
      return { kind: f.kind, ...names, organisation: opt(f.organisation), username: opt(f.username), dbs }
  }
}

/** The field names the core may name in its errors, for this form. */
export const PERSON_FIELDS = [
  'forename',
  'surname',
  'preferredForename',
  'preferredSurname',
  'dateOfBirth',
  'yearGroup',
  'regClass',
  'misId',
  'upn',
  'username',
  'staffGroup',
  'jobTitle',
  'organisation',
  'dbs.status',
  'dbs.checkedBy',
  'dbs.checkedOn',
] as const
