import { z } from 'zod'
import type { CalendarDashboard, CalendarItem } from '../../domain/calendar'
import type { Role } from '../../domain/roles'
import {
  CHECK_RESULTS,
  CHECK_RHYTHMS,
  CHECK_ROLES,
  FILTER_CHANGES,
  FILTER_TARGETS,
  type CheckHistory,
  type CheckOccurrence,
  type CheckTemplate,
  type FilteringChange,
  type FilteringPage,
  type Policy,
  type PolicySummary,
} from '../../domain/reviews-and-checks'
import { isoDate } from '../../api/fields'
import { chosenFile, replaceChosen } from '../../api/chosen-file'
import { fileBase64, id, noInput, returns, sortOf, defineKind, type MethodSpec } from '../../api/contract-kit'

/**
 * Who does what (DESIGN.md, "Who uses it", and the policies' sections 3.3–3.4, 9.4, 11):
 * - the business manager keeps the calendar: policies, documents, reviews, check templates;
 * - the headteacher reads everything and alone ratifies a review (the governors' decision, recorded by the head);
 * - the DSL reads everything and records checks (the annual review, training);
 * - the ICT manager records the weekly and monthly checks and the filtering changes, and reads the policies;
 * - reception sees none of it.
 */
const READERS = ['manager', 'head', 'dsl', 'ict'] as const satisfies readonly Role[]
const MANAGER = ['manager'] as const satisfies readonly Role[]
const HEAD = ['head'] as const satisfies readonly Role[]
const CHECK_RECORDERS = ['manager', 'dsl', 'ict'] as const satisfies readonly Role[]
const FILTER_RECORDERS = ['manager', 'ict'] as const satisfies readonly Role[]

const text = (what: string, max: number) => z.string().trim().min(1, `Please enter ${what}.`).max(max, `Keep ${what} to ${max} characters.`)
const optionalText = (what: string, max: number) => z.string().trim().max(max, `Keep ${what} to ${max} characters.`).optional()
const paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }

const policyTitle = text('the policy’s title', 200)
const owner = text('who owns the policy (a name or a role)', 100)
const reviewInterval = z
  .number({ message: 'Say how often it is reviewed, in months.' })
  .int('Give the review interval in whole months.')
  .min(1, 'Give a review interval of 1 to 36 months.')
  .max(36, 'Review a policy at least every 3 years (36 months); the online safety policy at least every 12.')
const versionLabel = z.string().trim().max(40, 'A version label can be at most 40 characters.')

export const policyCreate = z
  .object({
    title: policyTitle,
    owner,
    version: versionLabel.optional(),
    writtenOn: isoDate.optional(),
    ratifiedOn: isoDate.optional(),
    ratifiedBy: optionalText('who ratified it', 100),
    reviewIntervalMonths: reviewInterval,
    nextReviewOn: isoDate,
  })
  .strict()

export const policyUpdate = z
  .object({ id, title: policyTitle, owner, writtenOn: isoDate.optional(), reviewIntervalMonths: reviewInterval, nextReviewOn: isoDate })
  .strict()

export const policyDocument = z
  .object({
    policyId: id,
    versionLabel: text('the version of this document (for example v3 or 2025–26)', 40),
    fileName: z.string().trim().min(1, 'The file needs a name.').max(200, 'That file name is too long (at most 200 characters).'),
    fileBase64,
  })
  .strict()

/** An incident's reference as the incident log shows it: INC-2026-0042. */
const incidentReference = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(INC-\d{4}-\d{1,6})?$/, 'An incident reference looks like INC-2026-0042: copy it from the incident log.')
  .optional()

export const policyReview = z
  .object({
    policyId: id,
    reviewedOn: isoDate,
    reviewedBy: text('who reviewed it', 200),
    changes: text('what changed (or “No changes”)', 4000),
    newVersion: versionLabel.optional(),
    /** Left out: the review date plus the policy's review interval. */
    nextReviewOn: isoDate.optional(),
    incidentReference,
  })
  .strict()

export const policyRatify = z.object({ reviewId: id, ratifiedOn: isoDate }).strict()

const rhythm = z.enum(CHECK_RHYTHMS, { message: 'Choose how often the check is done.' })
const everyYears = z.number().int('Give a whole number of years.').min(2, 'Every 2 to 5 years (for every year, choose “every school year”).').max(5, 'At most every 5 years.').optional()
const responsibleRole = z.enum(CHECK_ROLES, { message: 'Choose who is responsible for the check.' })

export const templateCreate = z
  .object({
    name: text('the check’s name', 120),
    description: optionalText('the description', 500),
    rhythm,
    everyYears,
    responsibleRole,
    /** A filtering check: its records need the whole DfE log (`filteringCheckRecord`). */
    filtering: z.boolean().default(false),
    startsOn: isoDate,
  })
  .strict()

export const templateUpdate = z
  .object({
    id,
    name: text('the check’s name', 120),
    description: optionalText('the description', 500),
    responsibleRole,
    /** Left out: stays as it is. */
    filtering: z.boolean().optional(),
    rhythm,
    everyYears,
    /** When a new rhythm starts counting; earlier periods keep the old one. */
    rhythmFrom: isoDate.optional(),
  })
  .strict()

export const checkRecord = z
  .object({
    templateId: id,
    doneOn: isoDate,
    doneBy: text('who did the check', 200),
    devices: optionalText('the devices tested', 500),
    areas: optionalText('the areas or sites tested', 500),
    userGroups: optionalText('the user groups tested', 500),
    result: z.enum(CHECK_RESULTS, { message: 'Say whether the check passed or found issues.' }),
    action: optionalText('the action taken', 2000),
  })
  .strict()

/** A DfE log field: blank is refused, with what it is for. */
const filteringText = (what: string, max: number) => {
  const blank = `A filtering check records ${what}: please fill it in.`
  return z.string({ message: blank }).trim().min(1, blank).max(max, `Keep ${what} to ${max} characters.`)
}

/**
 * A filtering check's record (a template marked `filtering`): the DfE filtering standards' log
 * needs when, who, what was tested — devices, areas, user groups — the result and the action.
 * The core applies it on top of `checkRecord`; the form shows its messages.
 */
export const filteringCheckRecord = checkRecord.extend({
  devices: filteringText('the devices tested', 500),
  areas: filteringText('the areas or sites tested', 500),
  userGroups: filteringText('the user groups tested', 500),
  action: filteringText('the action taken (write “None needed” if nothing was)', 2000),
})

export const checkHistoryQuery = z.object({ templateId: id, from: isoDate.optional(), to: isoDate.optional(), ...paging }).strict()

export const missedNote = z.object({ templateId: id, periodStart: isoDate, note: text('why it was missed', 1000) }).strict()

export const filteringRecord = z
  .object({
    changedOn: isoDate,
    change: z.enum(FILTER_CHANGES, { message: 'Say whether it was blocked or allowed.' }),
    targetKind: z.enum(FILTER_TARGETS, { message: 'Say whether it is a website or a category.' }),
    target: text('the website or category', 300),
    reason: text('why it was changed', 2000),
    requestedBy: text('who asked for the change', 200),
    approvedBy: text('who approved it', 200),
    correctsId: id.optional(),
  })
  .strict()

/** The filtering log's columns it can be sorted by. */
export const FILTERING_SORT_KEYS = ['changedOn', 'change', 'target', 'requestedBy', 'approvedBy'] as const

export const filteringList = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), text: z.string().trim().max(100, 'Search with at most 100 characters.').optional(), sort: sortOf(FILTERING_SORT_KEYS), ...paging })
  .strict()

const calendarFile = z.object({ file: chosenFile('ics', 'A calendar for Outlook is an iCalendar file').optional(), replace: replaceChosen }).strict()

/** Policy reviews, recurring checks and the filtering change log. */
export const reviewAndCheckMethods = {
  'policies.list': {
    summary: 'Every policy with its next review, overdue first',
    access: READERS,
    input: noInput,
    output: returns<PolicySummary[]>(),
  },
  'policies.get': {
    summary: 'One policy with its documents (versions) and reviews',
    access: READERS,
    input: z.object({ id }).strict(),
    output: returns<Policy>(),
  },
  'policies.create': {
    summary: 'Add a policy to the review calendar',
    access: MANAGER,
    input: policyCreate,
    output: returns<Policy>(),
  },
  'policies.update': {
    summary: 'Change a policy’s title, owner, date written, review interval or next review date',
    access: MANAGER,
    input: policyUpdate,
    output: returns<Policy>(),
  },
  'policies.uploadDocument': {
    summary: 'Keep a version of the policy document (PDF, Word or OpenDocument, up to 20 MB), encrypted',
    access: MANAGER,
    input: policyDocument,
    output: returns<Policy>(),
  },
  'policies.saveDocument': {
    summary: 'Save a copy of a policy document as the file chosen in the Save window, or into the export folder (audited)',
    access: READERS,
    input: z.object({ documentId: id, file: chosenFile().optional(), replace: replaceChosen }).strict(),
    output: returns<{ file: string }>(),
  },
  'policies.review': {
    summary: 'Record a review: who, what changed, the next date, and the incident that prompted it',
    access: MANAGER,
    input: policyReview,
    output: returns<Policy>(),
  },
  'policies.ratify': {
    summary: 'Ratify a recorded review (the headteacher only)',
    access: HEAD,
    input: policyRatify,
    output: returns<Policy>(),
  },
  'checks.templates': {
    summary: 'The recurring checks, with this period’s state and this year’s done/expected',
    access: READERS,
    input: z.object({ includeRetired: z.boolean().default(false) }).strict(),
    output: returns<CheckTemplate[]>(),
  },
  'checks.createTemplate': {
    summary: 'Add a recurring check',
    access: MANAGER,
    input: templateCreate,
    output: returns<CheckTemplate>(),
  },
  'checks.updateTemplate': {
    summary: 'Rename a check, change who does it, or change its rhythm from a date',
    access: MANAGER,
    input: templateUpdate,
    output: returns<CheckTemplate>(),
  },
  'checks.retireTemplate': {
    summary: 'Stop expecting a check from a date (its history stays)',
    access: MANAGER,
    input: z.object({ id, retiredOn: isoDate }).strict(),
    output: returns<CheckTemplate>(),
  },
  'checks.deleteTemplate': {
    summary: 'Remove a check that was never recorded (a used one can only be retired)',
    access: MANAGER,
    input: z.object({ id }).strict(),
    output: returns<null>(),
  },
  'checks.record': {
    summary: 'Record a check: when, who, what was tested, the result and the action',
    access: CHECK_RECORDERS,
    input: checkRecord,
    output: returns<CheckOccurrence>(),
  },
  'checks.history': {
    summary: 'A check’s periods for a span of dates: done, missed (named), due; done/expected',
    access: READERS,
    input: checkHistoryQuery,
    output: returns<CheckHistory>(),
  },
  'checks.explainMissed': {
    summary: 'Note why a check was missed (it stays missed)',
    access: CHECK_RECORDERS,
    input: missedNote,
    output: returns<null>(),
  },
  'filtering.list': {
    summary: 'The filtering change log for a period, newest first',
    access: READERS,
    input: filteringList,
    output: returns<FilteringPage>(),
  },
  'filtering.record': {
    summary: 'Log a change to what the filter blocks or allows (a correction is a new entry)',
    access: FILTER_RECORDERS,
    input: filteringRecord,
    output: returns<FilteringChange>(),
  },
  'calendar.items': {
    summary: 'Policy reviews and checks between two dates, for the month and agenda views',
    access: READERS,
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: returns<CalendarItem[]>(),
  },
  'calendar.dashboard': {
    summary: 'What is overdue and what is due in the next 14 days',
    access: READERS,
    input: noInput,
    output: returns<CalendarDashboard>(),
  },
  'calendar.exportIcs': {
    summary: 'Save the reviews and recurring checks as an .ics calendar file (for Outlook)',
    access: READERS,
    input: calendarFile,
    output: returns<{ file: string; events: number }>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The reviews and checks kind: its methods and the audit trail's words for the actions it writes. */
export const reviewsAndChecksKind = defineKind({
  name: 'reviews-and-checks',
  methods: reviewAndCheckMethods,
  auditWords: {
    'policy.create': 'Added a policy to the review calendar',
    'policy.update': 'Changed a policy’s details',
    'policy.document': 'Uploaded a policy document',
    'policy.documentRead': 'Saved a copy of a policy document',
    'policy.review': 'Recorded a policy review',
    'policy.ratify': 'Ratified a policy review',
    'check.templateCreate': 'Added a recurring check',
    'check.templateUpdate': 'Changed a recurring check',
    'check.templateRetire': 'Retired a recurring check',
    'check.templateDelete': 'Removed an unused recurring check',
    'check.record': 'Recorded a check',
    'check.missedNote': 'Explained a missed check',
    'filtering.record': 'Logged a filtering change',
    'calendar.export': 'Exported the review calendar (.ics)',
    'reviews.demo': 'Added demonstration policies, checks and filtering changes',
  },
})
