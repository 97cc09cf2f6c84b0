import { z } from 'zod'
import * as f from '../../api/fields'
import type { DirectoryGroups, Host, ImportPreview, ImportResult, Person, PersonPage } from '../../domain/people'
import * as pf from '../../api/people-fields'
import { id, noInput, returns, defineKind, type MethodSpec } from '../../api/contract-kit'
import { MANAGER, PEOPLE_READERS, HOLD_SETTERS, RECEPTION } from '../../api/access'

/** People: the directory behind the agreements, and importing it from the MIS. */
export const peopleMethods = {
  // People: the directory behind the agreements (section 7.3), and importing it from the MIS.
  'people.list': {
    summary: 'A page of the people directory, filtered by kind, group or a few letters of a name',
    access: PEOPLE_READERS,
    input: pf.peopleListQuery,
    output: returns<PersonPage>(),
  },
  'people.get': {
    summary: 'One person in full (audited: it shows a pupil’s date of birth)',
    access: PEOPLE_READERS,
    input: z.object({ id }).strict(),
    output: returns<Person>(),
  },
  'people.groups': {
    summary: 'The year groups, classes and staff groups in the directory, with counts',
    access: PEOPLE_READERS,
    input: noInput,
    output: returns<DirectoryGroups>(),
  },
  'people.create': {
    summary: 'Add a pupil, member of staff, governor, volunteer, contractor or visitor',
    access: MANAGER,
    input: pf.personDetails,
    output: returns<Person>(),
  },
  'people.update': {
    summary: 'Change a person’s details (their kind stays as it is)',
    access: MANAGER,
    input: z.object({ id, person: pf.personDetails }).strict(),
    output: returns<Person>(),
  },
  'people.archive': {
    summary: 'Archive a leaver: kept, but out of every current list and count',
    access: MANAGER,
    input: z.object({ id, leftOn: f.isoDate.optional() }).strict(),
    output: returns<Person>(),
  },
  'people.unarchive': {
    summary: 'Bring an archived person back (they returned)',
    access: MANAGER,
    input: z.object({ id }).strict(),
    output: returns<Person>(),
  },
  'people.setSafeguardingHold': {
    summary: 'Put a person’s records on safeguarding hold (kept past retention), or release it',
    access: HOLD_SETTERS,
    input: pf.safeguardingHold,
    output: returns<Person>(),
  },
  'people.hosts': {
    summary: 'Staff a visitor can be here to see: names only',
    access: RECEPTION,
    input: z.object({ text: z.string().trim().max(100).optional() }).strict(),
    output: returns<Host[]>(),
  },
  'people.importPreview': {
    summary: 'Check a pupil or staff CSV from the MIS: who would be added, updated or left, and every bad row; writes nothing',
    access: MANAGER,
    input: pf.importPreviewInput,
    output: returns<ImportPreview>(),
  },
  'people.importApply': {
    summary: 'Import a checked CSV in one go; with bad rows only when the counts to skip are confirmed',
    access: MANAGER,
    input: pf.importApplyInput,
    output: returns<ImportResult>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The people kind: its methods and the audit trail's words for the actions it writes. */
export const peopleKind = defineKind({
  name: 'people',
  methods: peopleMethods,
  auditWords: {
    'person.create': 'Added a person',
    'person.update': 'Changed a person’s details',
    'person.read': 'Viewed a person’s record',
    'person.archive': 'Archived a leaver',
    'person.unarchive': 'Brought a person back from the archive',
    'person.hold': 'Set a safeguarding hold',
    'person.release': 'Released a safeguarding hold',
    'people.import': 'Imported people from the MIS',
    'people.demo': 'Added demonstration people',
  },
})
