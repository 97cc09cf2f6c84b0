import { z } from 'zod'
import { csvFile, fileBase64, id, noInput, oneCsvFile, returns, defineKind, type MethodSpec } from '../../api/contract-kit'
import { isoDate } from '../../api/fields'
import { chosenFile, replaceChosen } from '../../api/chosen-file'
import type { PersonKind } from '../../domain/people'
import { DESIGNATIONS, REQUIREMENTS, type Designation, type Requirement, type RequirementStatus } from './requirements'

/** A person training is kept for, with where they stand on each requirement that is theirs. */
export interface TrainingPerson {
  personId: number
  displayName: string
  sortName: string
  kind: PersonKind
  jobTitle: string | null
  designation: Designation | null
  startedOn: string | null
  needs: RequirementStatus[]
}

export interface TrainingOverview {
  /** The UK day the statuses are worked out for. */
  today: string
  people: TrainingPerson[]
}

export interface TrainingRecord {
  id: number
  personId: number
  course: string
  completedOn: string
  provider: string
  countsFor: Requirement[]
  certificate: { fileName: string; mediaType: string; size: number } | null
  /** Who recorded it, by their name in the register. */
  recordedBy: string
  recordedAt: string
  source: 'manual' | 'import' | 'demo'
}

export interface PersonTraining {
  person: TrainingPerson
  /** Newest first. */
  records: TrainingRecord[]
}

export interface TrainingImportRow {
  line: number
  person: string
  course: string
  completedOn: string
  /** Already in the register: importing it again changes nothing. */
  alreadyRecorded: boolean
}

export interface TrainingImportPreview {
  rowCount: number
  toAdd: TrainingImportRow[]
  unchanged: TrainingImportRow[]
  badRows: { line: number; reason: string }[]
}

export interface TrainingImportResult {
  added: number
  unchanged: number
  skipped: number
}

/**
 * The business manager keeps the training record; the DSL records too, because the policy makes
 * them responsible for the safeguarding training that includes online safety (S 3.3, 11) and
 * they often run it. The headteacher reads it to hold staff to the policy (S 3.2).
 */
const RECORDERS = ['manager', 'dsl'] as const
const READERS = ['manager', 'head', 'dsl'] as const

const text = (what: string, max: number) => z.string().trim().min(1, `Please enter the ${what}.`).max(max, `The ${what} can be at most ${max} characters.`)

export const trainingFields = {
  course: text('course', 200),
  completedOn: isoDate,
  provider: text('provider', 150),
  countsFor: z.array(z.enum(REQUIREMENTS, { message: 'Choose what the training counts for from the list.' })).min(1, 'Say what the training counts for.').max(REQUIREMENTS.length, 'Each requirement once only.'),
}

/** Who attended a session: ticked from the list. */
export const attendees = z.array(id).min(1, 'Tick at least one person who attended.').max(1000, 'Record at most 1,000 people at once.')

const trainingImport = { ...csvFile('The file is empty. Choose the CSV file of training to import.', 'That file is too large to import (at most 10 MB).') }

export const trainingMethods = {
  'training.overview': {
    summary: 'Everyone training is kept for, with who is up to date, due or overdue on each requirement',
    access: READERS,
    input: noInput,
    output: returns<TrainingOverview>(),
  },
  'training.person': {
    summary: 'One person’s training record, newest first',
    access: READERS,
    input: z.object({ personId: id }).strict(),
    output: returns<PersonTraining>(),
  },
  'training.record': {
    summary: 'Record one training session for everyone who attended it',
    access: RECORDERS,
    input: z
      .object({
        personIds: attendees,
        ...trainingFields,
      })
      .strict()
      .refine((v) => new Set(v.personIds).size === v.personIds.length, { message: 'A person is ticked twice.', path: ['personIds'] })
      .refine((v) => new Set(v.countsFor).size === v.countsFor.length, { message: 'Each requirement once only.', path: ['countsFor'] }),
    output: returns<{ ids: number[] }>(),
  },
  'training.setPerson': {
    summary: 'Record when a person started (for induction) and whether they are the DSL or a deputy',
    access: RECORDERS,
    input: z.object({ personId: id, startedOn: isoDate.nullable(), designation: z.enum(DESIGNATIONS, { message: 'Choose DSL, deputy DSL or neither.' }).nullable() }).strict(),
    output: returns<null>(),
  },
  'training.attachCertificate': {
    summary: 'Keep a certificate (a PDF document or a picture) with a training record',
    access: RECORDERS,
    input: z.object({ recordId: id, fileName: z.string().trim().min(1, 'The file needs a name.').max(200, 'That file name is too long.'), fileBase64 }).strict(),
    output: returns<null>(),
  },
  'training.copyCertificate': {
    summary: 'Save a copy of a training certificate, or open it from the export folder (audited)',
    access: READERS,
    input: z
      .object({ recordId: id, open: z.boolean().default(false), file: chosenFile().optional(), replace: replaceChosen })
      .strict()
      .refine((v) => !(v.open && v.file), { message: 'A copy to open is saved in the app’s own folder: choose a file only when saving a copy.', path: ['file'] }),
    output: returns<{ file: string }>(),
  },
  'training.importPreview': {
    summary: 'Check a CSV of training (person, course, date, provider, counts for): what would be added, and every bad row; writes nothing',
    access: RECORDERS,
    input: z.object(trainingImport).strict().refine(...oneCsvFile),
    output: returns<TrainingImportPreview>(),
  },
  'training.importApply': {
    summary: 'Import a checked CSV of training in one go; with bad rows only when the counts to skip are confirmed',
    access: RECORDERS,
    input: z
      .object({ ...trainingImport, skipBadRows: z.object({ good: z.number().int().min(0), bad: z.number().int().min(1) }).strict().optional() })
      .strict()
      .refine(...oneCsvFile),
    output: returns<TrainingImportResult>(),
  },
} as const satisfies Record<string, MethodSpec>

export const trainingKind = defineKind({
  name: 'training',
  methods: trainingMethods,
  auditWords: {
    'training.record': 'Recorded training',
    'training.setPerson': 'Set a start date or DSL role for training',
    'training.certificate': 'Kept a training certificate',
    'training.certificateCopy': 'Saved a copy of a training certificate',
    'training.import': 'Imported training records',
    'training.retention': 'Deleted training records past retention',
  },
})
