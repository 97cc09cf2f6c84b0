import { z } from 'zod'
import { csvFile, defineKind, id, noInput, oneCsvFile, returns, type MethodSpec } from '../../api/contract-kit'
import * as f from '../../api/fields'
import { yearGroup } from '../../api/people-fields'
import { MANAGER } from '../../api/access'
import type { YearGroup } from '../../domain/people'
import {
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  type ConsentAnswer,
  type ConsentGiver,
  type ConsentMethod,
  type ConsentPurpose,
  type ConsentState,
  type MayPublish,
} from './consent'

/** Who reads the consent records in full: the business manager records them, the head and DSL read. */
export const CONSENT_READERS = ['manager', 'head', 'dsl'] as const
/** Who may ask "may we publish this pupil?": the readers, and reception, who get the answer only. */
const CONSENT_ASKERS = ['manager', 'head', 'dsl', 'office'] as const

export interface ConsentPupil {
  personId: number
  name: string
  yearGroup: YearGroup | null
  regClass: string | null
  /** "4B, Year 4" */
  classLabel: string
}

/** One answer or withdrawal as recorded: never changed once written. */
export interface ConsentRecord {
  id: number
  purpose: ConsentPurpose
  answer: ConsentAnswer
  givenBy: ConsentGiver
  givenByName: string
  givenOn: string
  method: ConsentMethod
  /** The form's version the answer was given on, when one was in use. */
  formVersion: string | null
  note: string | null
  recordedAt: string
  recordedBy: string
}

export interface PurposeStanding {
  purpose: ConsentPurpose
  state: ConsentState
  /** The row that decides the state (the latest), if any. */
  latest: ConsentRecord | null
}

export interface PupilConsent {
  pupil: ConsentPupil
  standings: PurposeStanding[]
  /** Every answer and withdrawal, newest first. */
  history: ConsentRecord[]
}

/** Reception's answer: the pupil's name and class, and yes, no or not known per purpose. Nothing else. */
export interface QuickAnswer {
  personId: number
  name: string
  classLabel: string
  answers: Record<ConsentPurpose, MayPublish>
}

export interface MustNotAppearList {
  purpose: ConsentPurpose
  /** "4B, Year 4", "Year 6", or "12 chosen pupils". */
  listLabel: string
  /** How many pupils were on the list. */
  checked: number
  pupils: { personId: number; name: string; classLabel: string; answer: Exclude<MayPublish, 'yes'> }[]
}

export interface ClassConsentRow {
  personId: number
  name: string
  states: Record<ConsentPurpose, ConsentState>
}

export interface ConsentClass {
  yearGroup: YearGroup
  regClass: string | null
  label: string
  pupils: number
}

export interface ConsentForm {
  id: number
  version: string
  inForceFrom: string
  recordedAt: string
}

export interface ConsentCoverage {
  purpose: ConsentPurpose
  onRoll: number
  given: number
  refused: number
  withdrawn: number
  lapsed: number
  none: number
}

export interface ConsentImportResult {
  dryRun: boolean
  /** Rows that would be (or were) recorded. */
  recorded: number
  /** Rows already in the register (the same pupil, purpose, answer, day and giver). */
  alreadyRecorded: number
  /** Rows that could not be read, with their line in the file. */
  badRows: { line: number; message: string }[]
  /** The first rows as they will be recorded, for the preview. */
  preview: { line: number; pupil: string; purpose: ConsentPurpose; answer: 'yes' | 'no'; givenByName: string; givenOn: string }[]
}

const purpose = z.enum(CONSENT_PURPOSES, { message: 'Please choose what the consent is for: website, newsletter, social media, press or recording.' })
const givenBy = z.enum(CONSENT_GIVERS, { message: 'Please say who answered: a parent or carer, or the pupil.' })
const method = z.enum(CONSENT_METHODS, { message: 'Please say how the answer came: on a paper form or on screen.' })
const giverName = z.string().trim().min(1, 'Please give the name of the person who answered.').max(100, 'Keep the name to 100 characters.')
const note = z.string().trim().max(500, 'Keep the note to 500 characters.').optional()
const classGroup = z.object({ yearGroup, regClass: z.string().trim().min(1, 'Please choose a class.').max(20, 'A class name is at most 20 characters.').optional() }).strict()

export const consentRecordInput = z
  .object({ personId: id, purpose, answer: z.enum(['yes', 'no'], { message: 'Please choose yes or no.' }), givenBy, givenByName: giverName, givenOn: f.isoDate, method, note })
  .strict()

export const consentClassInput = z
  .object({
    group: classGroup.required({ regClass: true }),
    givenOn: f.isoDate,
    method,
    entries: z
      .array(
        z
          .object({
            personId: id,
            givenByName: giverName,
            answers: z.partialRecord(purpose, z.enum(['yes', 'no'], { message: 'Please choose yes or no.' })),
          })
          .strict(),
      )
      .min(1, 'Fill in at least one pupil’s form.')
      .max(500, 'Record at most 500 forms at once.'),
  })
  .strict()

export const consentMethods = {
  'consent.check': {
    summary: 'May we publish this pupil? Yes, no or not known per purpose, by a few letters of the name (nothing else)',
    access: CONSENT_ASKERS,
    input: z.object({ text: z.string().trim().min(2, 'Type at least two letters of the pupil’s name.').max(100, 'Search with at most 100 characters.') }).strict(),
    output: returns<QuickAnswer[]>(),
  },
  'consent.mustNotAppear': {
    summary: 'Of a class, year group or chosen list of pupils, who must not appear for a purpose',
    access: CONSENT_ASKERS,
    input: z
      .object({ purpose, group: classGroup.optional(), personIds: z.array(id).min(1, 'Choose at least one pupil.').max(500, 'Choose at most 500 pupils.').optional() })
      .strict()
      .refine((v) => (v.group === undefined) !== (v.personIds === undefined), { message: 'Choose a class or year group, or a list of pupils.', path: ['group'] }),
    output: returns<MustNotAppearList>(),
  },
  'consent.classes': {
    summary: 'The year groups and classes of pupils on roll, with how many pupils each',
    access: CONSENT_ASKERS,
    input: noInput,
    output: returns<ConsentClass[]>(),
  },
  'consent.forPupil': {
    summary: 'A pupil’s consent per purpose, and every answer and withdrawal (audited)',
    access: CONSENT_READERS,
    input: z.object({ personId: id }).strict(),
    output: returns<PupilConsent>(),
  },
  'consent.classStates': {
    summary: 'Where each pupil of a class stands for each purpose',
    access: CONSENT_READERS,
    input: z.object({ group: classGroup.required({ regClass: true }) }).strict(),
    output: returns<ClassConsentRow[]>(),
  },
  'consent.coverage': {
    summary: 'Pupils on roll with consent given, refused, withdrawn, lapsed or no answer, per purpose',
    access: CONSENT_READERS,
    input: noInput,
    output: returns<ConsentCoverage[]>(),
  },
  'consent.record': {
    summary: 'Record a consent answer for one pupil and purpose',
    access: MANAGER,
    input: consentRecordInput,
    output: returns<ConsentRecord>(),
  },
  'consent.recordClass': {
    summary: 'Record the paper consent forms of a class in one go, one audited answer per pupil and purpose',
    access: MANAGER,
    input: consentClassInput,
    output: returns<{ recorded: number; pupils: number }>(),
  },
  'consent.withdraw': {
    summary: 'Record that consent was withdrawn: the earlier answer stays in the history',
    access: MANAGER,
    input: z.object({ personId: id, purpose, givenBy, givenByName: giverName, givenOn: f.isoDate, method, note }).strict(),
    output: returns<ConsentRecord>(),
  },
  'consent.forms': {
    summary: 'The consent form versions, newest first',
    access: CONSENT_READERS,
    input: noInput,
    output: returns<ConsentForm[]>(),
  },
  'consent.addForm': {
    summary: 'Record a new wording of the consent form: answers given before the day it is in force from lapse',
    access: MANAGER,
    input: z.object({ version: z.string().trim().min(1, 'Give the form’s version, for example “September 2026”.').max(60, 'Keep the version to 60 characters.'), inForceFrom: f.isoDate }).strict(),
    output: returns<ConsentForm>(),
  },
  'consent.import': {
    summary: 'Import consent answers from a spreadsheet (CSV): preview, then record them all or none',
    access: MANAGER,
    input: z
      .object({
        ...csvFile('The file is empty. Save the spreadsheet as CSV and try again.', 'That file is too large (at most 10 MB).'),
        dryRun: z.boolean().default(false),
        skipBadRows: z.boolean().default(false),
      })
      .strict()
      .refine(...oneCsvFile),
    output: returns<ConsentImportResult>(),
  },
} as const satisfies Record<string, MethodSpec>

export const consentKind = defineKind({
  name: 'consent',
  methods: consentMethods,
  auditWords: {
    'consent.record': 'Recorded a consent answer',
    'consent.withdraw': 'Recorded a withdrawal of consent',
    'consent.read': 'Viewed a pupil’s consent records',
    'consent.addForm': 'Recorded a new consent form wording',
    'consent.import': 'Imported consent answers',
    'consent.demo': 'Added demonstration consent answers',
    'consent.retention': 'Deleted consent answers past retention',
  },
})
