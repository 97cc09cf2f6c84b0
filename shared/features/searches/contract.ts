import { z } from 'zod'
import { defineKind, id, returns, type MethodSpec } from '../../api/contract-kit'
import { isoDate } from '../../api/fields'
import type { Role } from '../../domain/roles'

/**
 * Searches of pupils and their devices, and the items taken from them (S 6.3.5–7, P 9.3; the DfE's
 * "Searching, screening and confiscation"). A search's words and who took part are safeguarding
 * content, encrypted as the incident log's are; the office sees only the items waiting at the
 * office for a parent or carer to collect, because the policies say confiscated phones "will be
 * released to parents or carers" and the office keeps pupils' phones (P 9.3).
 */

/** Why a pupil was searched: counted in the annual pack, so a short fixed list. */
export const SEARCH_REASONS = ['device-rules', 'bullying', 'image-sharing', 'harmful-content', 'prohibited-item', 'banned-item'] as const
export type SearchReason = (typeof SEARCH_REASONS)[number]
export const SEARCH_REASON_LABELS: Readonly<Record<SearchReason, string>> = {
  'device-rules': 'A phone or device used against the school’s rules',
  bullying: 'Evidence of bullying or harassment',
  'image-sharing': 'Suspected nudes or semi-nudes',
  'harmful-content': 'Other harmful or illegal content',
  'prohibited-item': 'A prohibited item (weapon, drugs, alcohol, vape, stolen property)',
  'banned-item': 'Another item banned by the school’s rules',
}

/** On what footing the search was made: with consent, as the policies ask, or the statutory power. */
export const SEARCH_POWERS = ['pupil-consent', 'parent-consent', 'statutory-power'] as const
export type SearchPower = (typeof SEARCH_POWERS)[number]
export const SEARCH_POWER_LABELS: Readonly<Record<SearchPower, string>> = {
  'pupil-consent': 'With the pupil’s consent',
  'parent-consent': 'With a parent’s or carer’s consent',
  'statutory-power': 'Without consent, under the statutory power to search',
}

export const ITEM_KINDS = ['phone', 'tablet', 'smartwatch', 'laptop', 'earphones', 'other'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]
export const ITEM_KIND_LABELS: Readonly<Record<ItemKind, string>> = {
  phone: 'Mobile phone',
  tablet: 'Tablet',
  smartwatch: 'Smartwatch',
  laptop: 'Laptop',
  earphones: 'Earphones',
  other: 'Something else',
}

/** Why an item was taken. Only items taken for the first three may go back through the office. */
export const TAKEN_REASONS = ['rules', 'exam', 'behaviour', 'evidence'] as const
export type TakenReason = (typeof TAKEN_REASONS)[number]
export const TAKEN_REASON_LABELS: Readonly<Record<TakenReason, string>> = {
  rules: 'Used against the school’s phone rules',
  exam: 'Found in an exam',
  behaviour: 'Used for bullying or against the behaviour policy',
  evidence: 'May hold evidence: kept for the DSL',
}

export const ITEM_STATES = ['held', 'returned', 'police'] as const
export type ItemState = (typeof ITEM_STATES)[number]

/** A person named on a search, as the list shows them. */
export interface NamedPerson {
  personId: number
  name: string
  /** "Year 9, 9R", "Teacher". */
  description: string
}

/** One search in the list (opened with the safeguarding key). */
export interface SearchSummary {
  id: number
  reference: string
  searchedOn: string
  searchedTime: string | null
  reason: SearchReason
  power: SearchPower
  pupil: NamedPerson
  place: string
  deviceExamined: boolean
  contentDeleted: boolean
  parentsInformedOn: string | null
  dslInformedOn: string | null
  incident: { id: number; reference: string } | null
  itemsTaken: number
}

export interface SearchDetail extends SearchSummary {
  searcher: NamedPerson
  witness: NamedPerson | null
  /** The grounds in the searcher's words. */
  grounds: string
  found: string
  /** What was looked at on a device, when one was. */
  deviceLookedAt: string | null
  /** What was deleted and why, when anything was. */
  deleted: string | null
  notes: string | null
  recordedBy: string
  recordedAt: string
  items: ConfiscatedItem[]
}

export interface ConfiscatedItem {
  id: number
  kind: ItemKind
  description: string
  serial: string | null
  pupil: NamedPerson
  takenOn: string
  takenTime: string | null
  reason: TakenReason
  /** The reason in words. */
  why: string
  heldWhere: string
  heldBy: string
  /** May go back to a parent or carer at the office. */
  forCollection: boolean
  state: ItemState
  returnedOn: string | null
  returnedTo: string | null
  policeOn: string | null
  policeReference: string | null
  examBoardToldOn: string | null
  examBoardToldWhom: string | null
  searchId: number | null
  searchReference: string | null
  incident: { id: number; reference: string } | null
}

/** What the office sees of an item waiting to be collected: nothing of why it was taken. */
export interface ItemForCollection {
  id: number
  kind: ItemKind
  description: string
  pupilName: string
  /** "Year 9, 9R". */
  pupilClass: string
  takenOn: string
  heldWhere: string
}

/** The business manager, headteacher and DSL: the roles that hold the safeguarding key. */
const SAFEGUARDING = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]
/** Handing an item back at the office, as the policies ask (released to parents or carers). */
const HANDERS_BACK = ['manager', 'head', 'dsl', 'office'] as const satisfies readonly Role[]

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the time as HH:MM, for example 14:30.')
  .nullable()
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .nullable()
    .transform((v) => (v ? v : null))
const incidentId = id.nullable()

export const searchEntry = z
  .object({
    searchedOn: isoDate,
    searchedTime: time,
    place: z.string().trim().min(1, 'Say where the search took place.').max(200, 'Keep the place to 200 characters.'),
    pupilId: id,
    searcherId: id,
    witnessId: id.nullable(),
    reason: z.enum(SEARCH_REASONS, { message: 'Choose why the pupil was searched.' }),
    power: z.enum(SEARCH_POWERS, { message: 'Say whether the pupil or a parent consented, or the statutory power was used.' }),
    grounds: z.string().trim().min(5, 'Say in a few words why the search was made.').max(5_000, 'Keep the grounds to 5,000 characters.'),
    found: z.string().trim().max(5_000, 'Keep what was found to 5,000 characters.'),
    deviceLookedAt: optionalText(5_000, 'Keep what was looked at to 5,000 characters.'),
    deleted: optionalText(5_000, 'Keep what was deleted and why to 5,000 characters.'),
    notes: optionalText(5_000, 'Keep the notes to 5,000 characters.'),
    parentsInformedOn: isoDate.nullable(),
    dslInformedOn: isoDate.nullable(),
    incidentId,
  })
  .strict()
  .superRefine((e, issues) => {
    if (e.witnessId !== null && e.witnessId === e.searcherId) issues.addIssue({ code: 'custom', path: ['witnessId'], message: 'The witness must be someone other than the member of staff who searched.' })
    if (e.deleted && !e.deviceLookedAt) issues.addIssue({ code: 'custom', path: ['deviceLookedAt'], message: 'Say what was looked at on the device before saying what was deleted.' })
    // The policies: content relating to nudes or semi-nudes is not viewed by staff; the DSL follows the UKCIS advice.
    if (e.reason === 'image-sharing' && e.deleted) issues.addIssue({ code: 'custom', path: ['deleted'], message: 'Suspected nudes or semi-nudes are not deleted by the searcher: leave the device with the DSL, who follows the UKCIS advice.' })
  })

const itemFields = {
  kind: z.enum(ITEM_KINDS, { message: 'Say what kind of item was taken.' }),
  description: z.string().trim().min(2, 'Describe the item so it can be recognised (make, colour, case).').max(200, 'Keep the description to 200 characters.'),
  serial: optionalText(100, 'Keep the serial number to 100 characters.'),
  takenOn: isoDate,
  takenTime: time,
  reason: z.enum(TAKEN_REASONS, { message: 'Choose why the item was taken.' }),
  why: z.string().trim().min(5, 'Say in a few words why the item was taken.').max(2_000, 'Keep the reason to 2,000 characters.'),
  heldWhere: z.string().trim().min(2, 'Say where the item is kept (for example, the office safe).').max(200, 'Keep the place to 200 characters.'),
  heldBy: z.string().trim().min(2, 'Say who is keeping the item.').max(100, 'Keep the name to 100 characters.'),
  forCollection: z.boolean(),
}

export const itemEntry = z
  .object({ ...itemFields, pupilId: id, searchId: id.nullable(), incidentId })
  .strict()
  .superRefine((e, issues) => {
    if (e.reason === 'evidence' && e.forCollection) issues.addIssue({ code: 'custom', path: ['forCollection'], message: 'An item kept as possible evidence stays with the DSL: it cannot be left for a parent to collect.' })
  })

export const searchesMethods = {
  'searches.list': {
    summary: 'Searches between two days, newest first',
    access: SAFEGUARDING,
    input: z.object({ from: isoDate.nullable(), to: isoDate.nullable(), text: z.string().trim().max(100, 'Keep the search to 100 characters.') }).strict(),
    output: returns<SearchSummary[]>(),
  },
  'searches.get': { summary: 'One search with the items taken', access: SAFEGUARDING, input: z.object({ id }).strict(), output: returns<SearchDetail>() },
  'searches.record': { summary: 'Record a search', access: SAFEGUARDING, input: searchEntry, output: returns<{ id: number; reference: string }>() },
  'searches.followUp': {
    summary: 'Record that parents or the DSL were told, or link the search to an incident',
    access: SAFEGUARDING,
    input: z.object({ id, parentsInformedOn: isoDate.nullable(), dslInformedOn: isoDate.nullable(), incidentId }).strict(),
    output: returns<null>(),
  },
  'confiscations.list': {
    summary: 'Confiscated items: held, returned or passed to the police',
    access: SAFEGUARDING,
    input: z.object({ state: z.enum([...ITEM_STATES, 'all'], { message: 'Choose held, returned, passed to the police or all.' }) }).strict(),
    output: returns<ConfiscatedItem[]>(),
  },
  'confiscations.record': { summary: 'Record an item taken from a pupil', access: SAFEGUARDING, input: itemEntry, output: returns<{ id: number }>() },
  'confiscations.forCollection': { summary: 'Items waiting at the office for a parent or carer', access: HANDERS_BACK, input: z.object({}).strict(), output: returns<ItemForCollection[]>() },
  'confiscations.handBack': {
    summary: 'Record who an item was handed back to',
    access: HANDERS_BACK,
    input: z
      .object({
        id,
        returnedOn: isoDate,
        returnedTo: z.string().trim().min(2, 'Say who collected the item (for example, Mrs Patel, mother).').max(100, 'Keep the name to 100 characters.'),
      })
      .strict(),
    output: returns<null>(),
  },
  'confiscations.passToPolice': {
    summary: 'Record that an item was handed to the police',
    access: SAFEGUARDING,
    input: z
      .object({ id, passedOn: isoDate, policeReference: z.string().trim().min(2, 'Write the police reference (crime or incident number).').max(100, 'Keep the reference to 100 characters.') })
      .strict(),
    output: returns<null>(),
  },
  'confiscations.examBoardTold': {
    summary: 'Record that the exam board was told of a device found in an exam',
    access: SAFEGUARDING,
    input: z.object({ id, toldOn: isoDate, toldWhom: z.string().trim().min(2, 'Say who at the exam board was told.').max(200, 'Keep it to 200 characters.') }).strict(),
    output: returns<null>(),
  },
} as const satisfies Record<string, MethodSpec>

export const searchesKind = defineKind({
  name: 'searches',
  methods: searchesMethods,
  auditWords: {
    'search.record': 'Recorded a search',
    'search.followUp': 'Updated a search’s follow-up',
    'search.read': 'Read a search',
    'search.list': 'Listed searches',
    'confiscation.list': 'Listed confiscated items',
    'confiscation.record': 'Recorded a confiscated item',
    'confiscation.handBack': 'Handed back a confiscated item',
    'confiscation.passToPolice': 'Passed a confiscated item to the police',
    'confiscation.examBoardTold': 'Recorded that the exam board was told',
  },
})
