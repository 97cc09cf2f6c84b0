import { z } from 'zod'
import { AGREEMENT_METHODS, AUP_AUDIENCES, AUP_FORMATS, AUP_STANDINGS, MAX_BATCH_PEOPLE } from '../domain/aup'
import { DBS_STATUSES, IMPORT_FIELDS, IMPORT_TYPES, PERSON_KINDS, STAFF_GROUPS, YEAR_GROUPS } from '../domain/people'
import { csvFile, MAX_CSV_BYTES, oneCsvFile, sortOf } from './contract-kit'
import { isoDate } from './fields'

// Field rules for the people directory, agreements and reception, with the messages the user reads.

export const id = z.number().int().positive()
const paging = (max: number, fallback: number) => ({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(max).default(fallback),
})

const name = (what: string) =>
  z.string().trim().min(1, `Please enter the ${what}.`).max(100, `The ${what} can be at most 100 characters.`)
/** An optional short text; an empty box means "none". */
const optionalText = (what: string, max = 100) => z.string().trim().max(max, `The ${what} can be at most ${max} characters.`).optional()

const names = {
  forename: name('forename'),
  surname: name('surname'),
  preferredForename: optionalText('preferred forename'),
  preferredSurname: optionalText('preferred surname'),
}

export const yearGroup = z.enum(YEAR_GROUPS, { message: 'Please choose a year group: Reception or Years 1 to 13.' })
export const staffGroup = z.enum(STAFF_GROUPS, { message: 'Please choose a staff group: leadership, teaching, support or other.' })
export const personKind = z.enum(PERSON_KINDS, { message: 'Please choose what kind of person this is.' })

const misId = z.string().trim().max(30, 'An admission number, staff code or MIS id is at most 30 characters.').optional()
/** Unique Pupil Number: a check letter and 12 more characters (the last a letter for a temporary UPN). */
const upn = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]\d{11}[0-9A-Z])?$/, 'A UPN is 13 characters: a letter, 11 digits, then a digit or letter — copy it from the MIS.')
  .optional()
export const personUsername = z
  .string()
  .trim()
  .max(64, 'A username can be at most 64 characters.')
  .regex(/^([A-Za-z0-9._@-]{2,64})?$/, 'A username uses letters, digits, dots, dashes, underscores or @, with no spaces.')
  .optional()

export const dbsCheck = z
  .object({
    status: z.enum(DBS_STATUSES, { message: 'Please say whether their DBS certificate was checked, not checked or not needed.' }),
    checkedBy: optionalText('name of the person who checked it'),
    checkedOn: isoDate.optional(),
  })
  .strict()

/** One person's details; which fields are allowed depends on the kind (data minimisation). */
export const personDetails = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('pupil'), ...names, dateOfBirth: isoDate, yearGroup, regClass: optionalText('registration class', 20), misId, upn, username: personUsername }).strict(),
    z.object({ kind: z.literal('staff'), ...names, staffGroup, jobTitle: optionalText('job title'), misId, username: personUsername }).strict(),
    z.object({ kind: z.literal('governor'), ...names, jobTitle: optionalText('position on the governing board'), username: personUsername, dbs: dbsCheck.optional() }).strict(),
    z.object({ kind: z.literal('volunteer'), ...names, organisation: optionalText('organisation'), username: personUsername, dbs: dbsCheck.optional() }).strict(),
    z.object({ kind: z.literal('contractor'), ...names, organisation: optionalText('organisation'), username: personUsername, dbs: dbsCheck.optional() }).strict(),
    z.object({ kind: z.literal('visitor'), ...names, organisation: optionalText('organisation'), dbs: dbsCheck.optional() }).strict(),
  ],
  { error: 'Please choose what kind of person this is.' },
)
export type PersonDetails = z.output<typeof personDetails>

/** The directory's columns it can be sorted by. */
export const PEOPLE_SORT_KEYS = ['name', 'kind', 'group', 'username'] as const

export const peopleListQuery = z
  .object({
    kind: personKind.optional(),
    text: z.string().trim().max(100, 'Search with at most 100 characters.').optional(),
    yearGroup: yearGroup.optional(),
    regClass: z.string().trim().max(20).optional(),
    staffGroup: staffGroup.optional(),
    archived: z.enum(['active', 'archived', 'all'], { message: 'Show active, archived or all people.' }).default('active'),
    /** By name (surname first) when not given. */
    sort: sortOf(PEOPLE_SORT_KEYS),
    ...paging(500, 50),
  })
  .strict()

export const safeguardingHold = z
  .object({
    id,
    hold: z.boolean(),
    reason: z.string().trim().max(300, 'Keep the reason short (at most 300 characters); the detail belongs in the safeguarding file.').optional(),
  })
  .strict()

// ---- MIS import --------------------------------------------------------------------------

/** 10 MB is several times a large secondary's full export. */
export const MAX_IMPORT_CHARS = MAX_CSV_BYTES
/** Said by the core and by the import screen before it reads the file. */
export const IMPORT_TOO_LARGE = 'That file is too large (at most 10 MB). Export only the columns the register needs, or one year group at a time.'

const importBase = {
  type: z.enum(IMPORT_TYPES, { message: 'Choose whether the file lists pupils or staff.' }),
  ...csvFile('The file is empty. Export it again from the MIS.', IMPORT_TOO_LARGE),
  mapping: z
    .partialRecord(z.enum(IMPORT_FIELDS, { message: 'That is not a field the register imports.' }), z.string().max(200, 'A column heading can be at most 200 characters.'))
    .optional(),
}

export const importPreviewInput = z
  .object(importBase)
  .strict()
  .refine(...oneCsvFile)

export const importApplyInput = z
  .object({
    ...importBase,
    /** Required when the file has bad rows: the counts the user saw and accepted ("import 1,990, skip 10"). */
    skipBadRows: z.object({ good: z.number().int().min(0), bad: z.number().int().min(1) }).strict().optional(),
    /** Archive the people of this kind who are not in the file (leavers), when the file is the whole roll. */
    archiveMissing: z.boolean().default(false),
  })
  .strict()
  .refine(...oneCsvFile)

// ---- acceptable use agreements -----------------------------------------------------------

export const aupAudience = z.enum(AUP_AUDIENCES, { message: 'Please choose who the agreement is for.' })
const audiences = z.array(aupAudience).min(1, 'Choose at least one group the agreement is for.').max(AUP_AUDIENCES.length)

export const aupPublish = z
  .object({
    title: z.string().trim().min(2, 'Please give the agreement a title.').max(200, 'The title can be at most 200 characters.'),
    versionLabel: z.string().trim().min(1, 'Please give this version a label, for example 2025–26.').max(40, 'A version label can be at most 40 characters.'),
    audiences,
    effectiveFrom: isoDate,
    format: z.enum(AUP_FORMATS, { message: 'The text is plain text or Markdown.' }).default('text'),
    body: z
      .string()
      .trim()
      .min(20, 'Paste the full text of the agreement (it looks too short).')
      .max(200_000, 'That text is too long (at most 200,000 characters).'),
  })
  .strict()

/** The agreement status list's columns it can be sorted by (by group, then name, when not given). */
export const AUP_STATUS_SORT_KEYS = ['name', 'group', 'username', 'standing', 'lastAgreedOn'] as const

export const aupStatusQuery = z
  .object({
    kind: personKind.optional(),
    audience: aupAudience.optional(),
    yearGroup: yearGroup.optional(),
    regClass: z.string().trim().max(20).optional(),
    staffGroup: staffGroup.optional(),
    standing: z.enum(AUP_STANDINGS, { message: 'Show current, due, never agreed or no version.' }).optional(),
    text: z.string().trim().max(100, 'Search with at most 100 characters.').optional(),
    /** By group, then name, when not given. */
    sort: sortOf(AUP_STATUS_SORT_KEYS),
    ...paging(1000, 100),
  })
  .strict()

export const renewalRun = z.object({ audiences, from: isoDate }).strict()

/** A drawn signature from signature_pad: a PNG data URL (checked in the core, bytes kept). */
export const signaturePng = z
  .string()
  .max(300_000, 'The signature image is too large. Clear it and sign again.')
  .startsWith('data:image/png;base64,', 'The signature must be drawn on screen (a PNG image). Clear it and sign again.')

/** For someone who cannot draw a signature: their name typed on screen, with the signed-in user as witness. */
export const typedSignature = optionalText('typed name', 100)
/** The signed-in user confirms they saw the person agree: required with a typed name. */
export const witnessed = z.literal(true, { message: 'Tick to confirm you saw them agree.' }).optional()

const agreementDetails = {
  versionId: id,
  agreedOn: isoDate,
  method: z.enum(AGREEMENT_METHODS, { message: 'Say how they agreed: on screen or on a signed paper copy.' }),
  signaturePng: signaturePng.optional(),
  typedSignature,
  witnessed,
  paperReceivedOn: isoDate.optional(),
  parentName: optionalText('parent or carer’s name'),
  parentAgreedOn: isoDate.optional(),
}

export const agreementRecord = z.object({ personId: id, ...agreementDetails }).strict()

/** A pupils' class or a staff group: the agreements printed and recorded together. */
export const aupGroup = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('class'), yearGroup, regClass: z.string().trim().min(1, 'Please choose a class.').max(20, 'A class name is at most 20 characters.') }).strict(),
    z.object({ kind: z.literal('staff'), staffGroup }).strict(),
  ],
  { error: 'Please choose a class or a staff group.' },
)

/** The signed paper copies of a class or staff group, recorded in one go (one row per person ticked). */
export const paperBatch = z
  .object({
    group: aupGroup,
    /** The version on the sheets: refused if it is no longer the one for the group. */
    versionId: id,
    paperReceivedOn: isoDate,
    entries: z
      .array(
        z
          .object({
            personId: id,
            /** The date on the signed sheet. */
            agreedOn: isoDate,
            parentName: optionalText('parent or carer’s name'),
          })
          .strict(),
      )
      .min(1, 'Tick at least one person whose signed sheet came back.')
      .max(MAX_BATCH_PEOPLE, `Record at most ${MAX_BATCH_PEOPLE} agreements at a time.`),
  })
  .strict()
export const agreementCorrect = z
  .object({
    agreementId: id,
    reason: z.string().trim().min(3, 'Say briefly why it is being corrected.').max(300, 'Keep the reason to 300 characters.'),
    ...agreementDetails,
  })
  .strict()
export const agreementWithdraw = z
  .object({
    agreementId: id,
    reason: z.string().trim().min(3, 'Say briefly why it was recorded in error.').max(300, 'Keep the reason to 300 characters.'),
  })
  .strict()

// ---- reception ---------------------------------------------------------------------------

export const visitorSearch = z
  .object({
    text: z.string().trim().min(1, 'Type a few letters of their name.').max(100, 'Search with at most 100 characters.'),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict()

export const visitorDetails = {
  forename: name('forename'),
  surname: name('surname'),
  organisation: optionalText('organisation'),
  dbs: dbsCheck,
}

export const visitorRegister = z
  .object({ kind: z.enum(['visitor', 'contractor'], { message: 'Register them as a visitor or a contractor.' }).default('visitor'), ...visitorDetails })
  .strict()

export const visitorUpdate = z.object({ id, ...visitorDetails }).strict()

const carRegistration = z
  .string()
  .trim()
  .toUpperCase()
  .max(12, 'A car registration is at most 12 characters.')
  .regex(/^[A-Z0-9 -]*$/, 'A car registration uses letters, digits and spaces only.')
  .optional()

export const visitSignIn = z
  .object({
    /** A returning visitor; or, instead, `newVisitor`: registered and signed in together, so a refusal saves neither. */
    personId: id.optional(),
    newVisitor: visitorRegister.optional(),
    purpose: z.string().trim().min(1, 'Please say what they are here for.').max(200, 'Keep the purpose to 200 characters.'),
    hostId: id.optional(),
    hostName: optionalText('name of the person they are visiting'),
    carRegistration,
    usesIct: z.boolean({ message: 'Say whether they will use the school’s computers or wifi.' }),
    /** Needed when they will use school ICT and their agreement is not current: drawn at the desk. */
    agreement: z.object({ versionId: id, signaturePng: signaturePng.optional(), typedSignature, witnessed }).strict().optional(),
  })
  .strict()

/** The visitor log's columns it can be sorted by. */
export const VISIT_SORT_KEYS = ['signedInAt', 'visitor', 'organisation', 'host', 'signedOutAt'] as const

export const visitList = z
  .object({
    from: isoDate,
    to: isoDate,
    text: z.string().trim().max(100, 'Search with at most 100 characters.').optional(),
    /** Newest first when not given. */
    sort: sortOf(VISIT_SORT_KEYS),
    ...paging(1000, 100),
  })
  .strict()

export const receptionSettings = z
  .object({
    autoSignOutAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give the time as HH:MM, for example 18:00.')
      .nullable(),
    visitorRetentionYears: z
      .number({ error: 'Give a whole number of years.' })
      .int('Give a whole number of years.')
      .min(1, 'Keep visitor records for at least 1 year after the year of the visit.')
      .max(50, 'Keep visitor records for at most 50 years.'),
  })
  .strict()
