import { z } from 'zod'
import { csvFile, fileBase64, id, noInput, oneCsvFile, returns, sortOf, defineKind, type MethodSpec } from '../../api/contract-kit'
import { isoDate } from '../../api/fields'
import { chosenFile, replaceChosen } from '../../api/chosen-file'
import type { Role } from '../../domain/roles'
import {
  CAME_TO_LIGHT,
  CATEGORY_QUESTION_KEYS,
  IMAGE_VIEWINGS,
  INCIDENT_DEVICES,
  INCIDENT_PARTS,
  INCIDENT_STATUSES,
  PROCEDURE_STEP_KEYS,
  REFERRAL_AGENCIES,
  STEP_STATES,
  type IncidentCategory,
  type IncidentChainReport,
  type IncidentDetail,
  type IncidentImportPreview,
  type IncidentPage,
  type PersonChronology,
} from '../../domain/incidents'
import type { PersonSummary } from '../../domain/people'


/** The log's columns it can be sorted by (the ones kept as plain metadata). */
export const INCIDENT_SORT_KEYS = ['occurredOn', 'reference', 'category', 'status', 'stepsPending'] as const
/** The business manager, headteacher and DSL read and record; the ICT manager too, for filtering and security incidents only. */
const RECORDERS = ['manager', 'head', 'dsl', 'ict'] as const satisfies readonly Role[]
const SAFEGUARDING = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]
const MANAGER = ['manager'] as const satisfies readonly Role[]
/** Bringing in the school's earlier paper or spreadsheet log. */
const IMPORTERS = ['manager', 'dsl'] as const satisfies readonly Role[]

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .nullable()
    .transform((v) => (v ? v : null))

/** A detail an entry may leave out: absent from the signed entry (never null), as in entries recorded before it was asked. */
const leftOutWhenEmpty = <T>(schema: z.ZodType<T>) =>
  schema
    .nullish()
    .transform((v) => (v === null || v === '' ? undefined : v))

const person = z
  .object({
    personId: id,
    part: z.enum(INCIDENT_PARTS, { message: 'Say how this person was involved.' }),
  })
  .strict()

export const incidentEntry = z
  .object({
    occurredOn: isoDate,
    occurredTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the time as HH:MM, for example 14:30.')
      .nullable(),
    place: z.string().trim().min(1, 'Say where the incident took place.').max(200, 'Keep the place to 200 characters.'),
    onSite: z.boolean(),
    device: z.enum(INCIDENT_DEVICES, { message: 'Say whether a school or personal device was involved.' }),
    categoryId: id,
    description: z.string().trim().min(1, 'Describe the incident.').max(20_000, 'The description can be at most 20,000 characters.'),
    actionTaken: z.string().trim().max(10_000, 'The action taken can be at most 10,000 characters.'),
    childsWords: optionalText(10_000, 'The child’s words can be at most 10,000 characters.'),
    people: z
      .array(person)
      .max(60, 'At most 60 people on one entry.')
      .refine((list) => new Set(list.map((p) => `${p.personId}:${p.part}`)).size === list.length, 'The same person is listed twice in the same part.'),
    status: z.enum(INCIDENT_STATUSES, { message: 'Say whether the incident is open or closed.' }),
    outcome: optionalText(5_000, 'The outcome can be at most 5,000 characters.'),
    cameToLight: leftOutWhenEmpty(z.enum(CAME_TO_LIGHT, { message: 'Choose how the concern came to light from the list.' })),
    url: leftOutWhenEmpty(
      z
        .string()
        .trim()
        .max(500, 'Keep the web address or service to 500 characters.')
        // Pasted from a browser or an alert: a line break or control character is never part of an address.
        .regex(/^[^\p{Cc}]*$/u, 'The web address has a line break or a hidden character in it. Paste it again, on one line.'),
    ),
    imageViewed: leftOutWhenEmpty(z.enum(IMAGE_VIEWINGS, { message: 'Say whether anyone viewed the image.' })),
    imageViewedWhy: leftOutWhenEmpty(z.string().trim().max(2_000, 'Keep who viewed the image and why to 2,000 characters.')),
  })
  .strict()
  .superRefine((e, issues) => {
    if (e.status === 'closed' && !e.outcome) issues.addIssue({ code: 'custom', path: ['outcome'], message: 'Say how the incident ended before closing it.' })
    if ((e.imageViewed === 'dsl' || e.imageViewed === 'someone-else') && !e.imageViewedWhy) {
      issues.addIssue({ code: 'custom', path: ['imageViewedWhy'], message: 'Say who viewed the image and why it could not be avoided.' })
    }
    if (e.imageViewedWhy && !e.imageViewed) {
      issues.addIssue({ code: 'custom', path: ['imageViewed'], message: 'Say whether anyone viewed the image before giving the reason.' })
    }
  })

const reason = z.string().trim().min(5, 'Say why the entry is being amended (at least a few words).').max(1_000, 'Keep the reason to 1,000 characters.')
/** What the writer says about an entry's date when the register asks (the core insists on both). */
const dateAnswers = {
  /** Ticked to say an entry dated more than a year ago really is that old. */
  oldDateConfirmed: z.boolean().optional(),
  /** Why an entry dated before the school's records began is recorded now; kept with the entry. */
  beforeRecordsReason: z
    .string()
    .trim()
    .min(5, 'Say in a few words why an incident from before the school’s records began is being recorded now, or check the year.')
    .max(1_000, 'Keep the reason to 1,000 characters.')
    .optional(),
}
const note = z.string().trim().max(2_000, 'Keep the note to 2,000 characters.').optional()
const referenceNumber = z.string().trim().max(100, 'Keep the reference to 100 characters.').optional()
const outcome = z.string().trim().max(5_000, 'Keep the outcome to 5,000 characters.').optional()

/** The incident log (Appendix 4): entries, versions, checklists, referrals, evidence. */
export const incidentMethods = {
  'incidents.categories': {
    summary: 'The incident categories with their procedures and how often each is used',
    access: RECORDERS,
    input: noInput,
    output: returns<IncidentCategory[]>(),
  },
  'incidents.saveCategory': {
    summary: 'Add an incident category or change its name, procedure or flags',
    access: MANAGER,
    input: z
      .object({
        id: id.optional(),
        name: z.string().trim().min(2, 'Give the category a name.').max(120, 'Keep the name to 120 characters.'),
        steps: z.array(z.enum(PROCEDURE_STEP_KEYS, { message: 'That is not a step the register knows.' })).min(1, 'Choose at least one step for the procedure.'),
        noFiles: z.boolean(),
        ict: z.boolean(),
        /** The extra questions its entries' form asks; left as they are when not given. */
        asks: z.array(z.enum(CATEGORY_QUESTION_KEYS, { message: 'That is not a question the register knows.' })).optional(),
      })
      .strict(),
    output: returns<IncidentCategory[]>(),
  },
  'incidents.retireCategory': {
    summary: 'Retire or switch off an incident category (no new entries) or bring it back or switch it on; never deleted',
    access: MANAGER,
    input: z.object({ id, retired: z.boolean() }).strict(),
    output: returns<IncidentCategory[]>(),
  },
  'incidents.list': {
    summary: 'The incident log, newest first, filtered by period, category, status, person or words',
    access: RECORDERS,
    input: z
      .object({
        from: isoDate.optional(),
        to: isoDate.optional(),
        categoryId: id.optional(),
        status: z.enum(INCIDENT_STATUSES).optional(),
        personId: id.optional(),
        text: z.string().trim().max(100, 'Search for at most 100 characters.').optional(),
        waitingForDsl: z.boolean().optional(),
        /** Newest first when not given. What happened, where and who are encrypted: not sortable. */
        sort: sortOf(INCIDENT_SORT_KEYS),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: returns<IncidentPage>(),
  },
  'incidents.get': {
    summary: 'One incident with every version, its checklist, referrals, files and chronology (audited)',
    access: RECORDERS,
    input: z.object({ id }).strict(),
    output: returns<IncidentDetail>(),
  },
  'incidents.record': {
    summary: 'Record a new incident, signed by the person recording it',
    access: RECORDERS,
    input: z.object({ entry: incidentEntry, ...dateAnswers }).strict(),
    output: returns<{ id: number }>(),
  },
  'incidents.amend': {
    summary: 'Amend an incident: a new signed version with the reason; earlier versions stay',
    access: RECORDERS,
    input: z.object({ id, entry: incidentEntry, reason, ...dateAnswers }).strict(),
    output: returns<null>(),
  },
  'incidents.setStep': {
    summary: 'Record a checklist step as done, not needed (with the reason) or to do',
    access: RECORDERS,
    input: z
      .object({
        incidentId: id,
        step: z.enum(PROCEDURE_STEP_KEYS, { message: 'That is not a step the register knows.' }),
        state: z.enum(STEP_STATES, { message: 'Say whether the step is done, not needed or still to do.' }),
        note,
        by: z.string().trim().max(100, 'Keep the name to 100 characters.').optional(),
        on: isoDate.optional(),
      })
      .strict(),
    output: returns<null>(),
  },
  'incidents.addReferral': {
    summary: 'Record a referral to an agency',
    access: RECORDERS,
    input: z
      .object({
        incidentId: id,
        agency: z.enum(REFERRAL_AGENCIES, { message: 'Choose the agency.' }),
        madeOn: isoDate,
        referenceNumber,
        outcome,
      })
      .strict(),
    output: returns<null>(),
  },
  'incidents.updateReferral': {
    summary: 'Add the agency’s reference or the outcome to a referral',
    access: RECORDERS,
    input: z.object({ incidentId: id, key: z.string().uuid('That referral is not on this incident.'), referenceNumber, outcome }).strict(),
    output: returns<null>(),
  },
  'incidents.attach': {
    summary: 'Keep an evidence file with an incident, encrypted (refused for sexual images of children)',
    access: RECORDERS,
    input: z
      .object({
        incidentId: id,
        fileName: z.string().trim().min(1, 'The file needs a name.').max(200, 'That file name is too long.'),
        fileBase64,
        description: z.string().trim().min(3, 'Say what the file shows.').max(1_000, 'Keep the description to 1,000 characters.'),
      })
      .strict(),
    output: returns<null>(),
  },
  'incidents.copyEvidence': {
    summary: 'Save a copy of an evidence file as the file chosen in the Save window, or open a picture, PDF or plain text from the export folder (audited)',
    access: RECORDERS,
    input: z
      .object({ fileId: id, open: z.boolean().default(false), file: chosenFile().optional(), replace: replaceChosen })
      .strict()
      // A copy to be opened goes to the app's own folder, the only one the app opens files from.
      .refine((v) => !(v.open && v.file), { message: 'A copy to open is saved in the app’s own folder: choose a file only when saving a copy.', path: ['file'] }),
    output: returns<{ file: string }>(),
  },
  'incidents.findPeople': {
    summary: 'Find people in the directory by name, to name them on an entry (the ICT manager too)',
    access: RECORDERS,
    input: z
      .object({
        text: z.string().trim().min(2, 'Type at least two letters of the name.').max(100, 'Search with at most 100 characters.'),
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict(),
    output: returns<PersonSummary[]>(),
  },
  'incidents.personChronology': {
    summary: 'Everything the incident log holds about one person, in order (audited)',
    access: RECORDERS,
    input: z.object({ personId: id }).strict(),
    output: returns<PersonChronology>(),
  },
  'incidents.waiting': {
    summary: 'How many open incidents wait for the DSL (a number only)',
    access: SAFEGUARDING,
    input: noInput,
    output: returns<{ count: number }>(),
  },
  'incidents.verify': {
    summary: 'Check every incident record’s chain link and signature, and that the log agrees with them',
    access: SAFEGUARDING,
    input: noInput,
    output: returns<IncidentChainReport>(),
  },
  'incidents.importPreview': {
    summary: 'Check an earlier incident log saved as CSV (Appendix 4 columns); writes nothing',
    access: IMPORTERS,
    input: z.object(csvFile('The file is empty.', 'That file is too large (at most 10 MB).')).strict().refine(...oneCsvFile),
    output: returns<IncidentImportPreview>(),
  },
  'incidents.importApply': {
    summary: 'Import an earlier incident log in one go; every entry marked as imported',
    access: IMPORTERS,
    input: z.object(csvFile('The file is empty.', 'That file is too large (at most 10 MB).')).strict().refine(...oneCsvFile),
    output: returns<{ imported: number }>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The incidents kind: its methods and the audit trail's words for the actions it writes. */
export const incidentsKind = defineKind({
  name: 'incidents',
  methods: incidentMethods,
  auditWords: {
    'incident.record': 'Recorded an incident',
    'incident.amend': 'Amended an incident (new version)',
    'incident.read': 'Viewed an incident',
    'incident.list': 'Viewed the incident log',
    'incident.step': 'Recorded a checklist step on an incident',
    'incident.referral': 'Recorded a referral',
    'incident.attach': 'Attached an evidence file',
    'incident.evidenceCopy': 'Saved a copy of an evidence file',
    'incident.personChronology': 'Viewed a person’s incident chronology',
    'incident.verify': 'Checked the incident log’s signatures',
    'incident.import': 'Imported an earlier incident log',
    'incident.category.create': 'Added an incident category',
    'incident.category.update': 'Changed an incident category',
    'incident.category.retire': 'Retired an incident category',
    'incident.category.restore': 'Brought back an incident category',
    'incident.demo': 'Added demonstration incidents',
  },
})
