import type { TextEncodingName } from './text-encodings'

/**
 * The people the register keeps acceptable use agreements and visits for (section 7.3: "a
 * current record of all staff and pupils who are granted access"). Only what the job needs:
 * no addresses, no contact details, no photographs, a date of birth for pupils only.
 */

export const PERSON_KINDS = ['pupil', 'staff', 'governor', 'volunteer', 'contractor', 'visitor'] as const
export type PersonKind = (typeof PERSON_KINDS)[number]

export const PERSON_KIND_LABELS: Readonly<Record<PersonKind, string>> = {
  pupil: 'Pupil',
  staff: 'Staff',
  governor: 'Governor',
  volunteer: 'Volunteer',
  contractor: 'Contractor',
  visitor: 'Visitor',
}

/** The same, for a group of them ("Governors"). */
export const PERSON_KIND_GROUP_LABELS: Readonly<Record<PersonKind, string>> = {
  pupil: 'Pupils',
  staff: 'Staff',
  governor: 'Governors',
  volunteer: 'Volunteers',
  contractor: 'Contractors',
  visitor: 'Visitors',
}

/** Who signs in at reception: everyone who is neither on the roll nor on the staff. */
export const RECEPTION_KINDS = ['visitor', 'contractor', 'volunteer', 'governor'] as const satisfies readonly PersonKind[]
export type ReceptionKind = (typeof RECEPTION_KINDS)[number]

/** Kinds that may hold a DBS check recorded at reception (staff checks live in the single central record). */
export const DBS_KINDS = RECEPTION_KINDS

export const YEAR_GROUPS = ['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const
export type YearGroup = (typeof YEAR_GROUPS)[number]

export const KEY_STAGES = ['EYFS', 'KS1', 'KS2', 'KS3', 'KS4', 'KS5'] as const
export type KeyStage = (typeof KEY_STAGES)[number]

export function keyStageOf(year: YearGroup): KeyStage {
  if (year === 'R') return 'EYFS'
  const n = Number(year)
  if (n <= 2) return 'KS1'
  if (n <= 6) return 'KS2'
  if (n <= 9) return 'KS3'
  if (n <= 11) return 'KS4'
  return 'KS5'
}

export function yearGroupLabel(year: YearGroup): string {
  return year === 'R' ? 'Reception' : `Year ${year}`
}

/** Section 9: "from Year 7, all pupils are provided with their own unique username". */
export const USERNAME_FROM_YEAR = 7

export function needsUsername(year: YearGroup): boolean {
  return year !== 'R' && Number(year) >= USERNAME_FROM_YEAR
}

export const STAFF_GROUPS = ['leadership', 'teaching', 'support', 'other'] as const
export type StaffGroup = (typeof STAFF_GROUPS)[number]

export const STAFF_GROUP_LABELS: Readonly<Record<StaffGroup, string>> = {
  leadership: 'Leadership',
  teaching: 'Teaching staff',
  support: 'Support staff',
  other: 'Other staff',
}

export const DBS_STATUSES = ['checked', 'not-checked', 'not-needed'] as const
export type DbsStatus = (typeof DBS_STATUSES)[number]

export const DBS_LABELS: Readonly<Record<DbsStatus, string>> = {
  checked: 'DBS checked',
  'not-checked': 'DBS not checked',
  'not-needed': 'DBS check not needed',
}

/** That a certificate was seen, by whom and when: never a copy of the certificate. */
export interface DbsCheck {
  status: DbsStatus
  checkedBy: string | null
  /** YYYY-MM-DD */
  checkedOn: string | null
}

/** How a record came to be: typed in, imported from the MIS, registered at reception, or demo data. */
export type PersonSource = 'manual' | 'import' | 'reception' | 'demo'

/** What lists and pickers show. */
export interface PersonSummary {
  id: number
  kind: PersonKind
  /** Preferred names where given: "Zoë Fairbairn". */
  displayName: string
  /** For sorting and registers: "Fairbairn, Zoë". */
  sortName: string
  yearGroup: YearGroup | null
  keyStage: KeyStage | null
  regClass: string | null
  staffGroup: StaffGroup | null
  jobTitle: string | null
  organisation: string | null
  username: string | null
  archived: boolean
}

export interface Person extends PersonSummary {
  /** Legal names, as on the MIS. */
  forename: string
  surname: string
  preferredForename: string | null
  preferredSurname: string | null
  /** Pupils only. YYYY-MM-DD */
  dateOfBirth: string | null
  /** Admission number, staff code or MIS id: how a later import finds this person again. */
  misId: string | null
  upn: string | null
  dbs: DbsCheck | null
  /** YYYY-MM-DD: the day they left, when archived. */
  leftOn: string | null
  archivedAt: string | null
  safeguardingHold: boolean
  holdReason: string | null
  /** Named in a safeguarding record (an incident): kept past retention whatever the hold says. */
  namedInRecord: boolean
  source: PersonSource
  createdAt: string
  updatedAt: string
}

export interface PersonPage {
  rows: PersonSummary[]
  total: number
}

/** The groups present in the directory, for filters: year groups with their classes, staff groups. */
export interface DirectoryGroups {
  yearGroups: { yearGroup: YearGroup; keyStage: KeyStage; count: number; classes: { regClass: string; count: number }[] }[]
  staffGroups: { staffGroup: StaffGroup; count: number }[]
  kinds: { kind: PersonKind; count: number; archived: number }[]
}

/** A member of staff someone can visit: the only staff detail reception sees. */
export interface Host {
  id: number
  name: string
}

/** The display name a person goes by: preferred names where given. */
export function displayNameOf(p: { forename: string; surname: string; preferredForename?: string | null; preferredSurname?: string | null }): string {
  return `${p.preferredForename || p.forename} ${p.preferredSurname || p.surname}`
}

export function sortNameOf(p: { forename: string; surname: string; preferredForename?: string | null; preferredSurname?: string | null }): string {
  return `${p.preferredSurname || p.surname}, ${p.preferredForename || p.forename}`
}

// ---- importing from the school's MIS ------------------------------------------------------

export const IMPORT_TYPES = ['pupils', 'staff'] as const
export type ImportType = (typeof IMPORT_TYPES)[number]

export const IMPORT_FIELDS = [
  'misId',
  'upn',
  'forename',
  'surname',
  'preferredForename',
  'preferredSurname',
  'dateOfBirth',
  'yearGroup',
  'regClass',
  'jobTitle',
  'staffGroup',
  'username',
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

/** The fields each kind of export can fill, with the words the mapping screen shows. */
export const IMPORT_FIELD_SPECS: Readonly<Record<ImportType, readonly { field: ImportField; label: string; required: boolean }[]>> = {
  pupils: [
    { field: 'misId', label: 'Admission number or MIS id', required: false },
    { field: 'upn', label: 'UPN', required: false },
    { field: 'forename', label: 'Legal forename', required: true },
    { field: 'surname', label: 'Legal surname', required: true },
    { field: 'preferredForename', label: 'Preferred forename', required: false },
    { field: 'preferredSurname', label: 'Preferred surname', required: false },
    { field: 'dateOfBirth', label: 'Date of birth', required: true },
    { field: 'yearGroup', label: 'Year group', required: true },
    { field: 'regClass', label: 'Registration class or tutor group', required: false },
    { field: 'username', label: 'Network username', required: false },
  ],
  staff: [
    { field: 'misId', label: 'Staff code or MIS id', required: false },
    { field: 'forename', label: 'Legal forename', required: true },
    { field: 'surname', label: 'Legal surname', required: true },
    { field: 'preferredForename', label: 'Preferred forename', required: false },
    { field: 'preferredSurname', label: 'Preferred surname', required: false },
    { field: 'jobTitle', label: 'Job title', required: false },
    { field: 'staffGroup', label: 'Staff group or category', required: false },
    { field: 'username', label: 'Network username', required: false },
  ],
}

/** Which column of the file holds each field: field → the column's heading, as in the file. */
export type ColumnMapping = Partial<Record<ImportField, string>>

export interface ImportLayout {
  /** "sims-pupils", or "custom-…" for a layout the app does not know. */
  id: string
  /** "SIMS", "Arbor", "Bromcom" or "Your own columns". */
  name: string
}

export interface ImportRowRef {
  /** The line of the file the row starts on (the headings are line 1). */
  line: number
  name: string
  misId: string | null
}

export interface ImportChange {
  field: ImportField
  from: string | null
  to: string | null
}

export interface BadRow {
  line: number
  /** One plain sentence: what is wrong and what to fix. */
  reason: string
  field: ImportField | null
}

export interface ImportPreview {
  type: ImportType
  layout: ImportLayout
  /** How the file's bytes were read; null when the caller sent text it had decoded itself. */
  encoding: TextEncodingName | null
  /** Where the mapping came from: given in the call, remembered from the last import of this layout, or recognised. */
  mappingSource: 'given' | 'remembered' | 'detected'
  mapping: ColumnMapping
  headers: string[]
  /** Required fields no column is mapped to: the user must map them before anything can be checked. */
  missingFields: ImportField[]
  rowCount: number
  toAdd: ImportRowRef[]
  /** rejoins: the match was archived (a leaver back on roll) and will be restored. */
  toUpdate: (ImportRowRef & { personId: number; changes: ImportChange[]; rejoins: boolean })[]
  unchanged: (ImportRowRef & { personId: number })[]
  badRows: BadRow[]
  /** People of this kind in the register (not archived) that are not in the file: possible leavers. */
  notInFile: { personId: number; name: string }[]
  /** A sentence about the whole file, when one helps (it looks like the other kind of export). */
  hint: string | null
}

export interface ImportResult {
  type: ImportType
  layout: ImportLayout
  added: number
  updated: number
  unchanged: number
  skipped: number
  archived: number
}
