import type { TextEncodingName } from './text-encodings'

/**
 * The online safety incident log: Appendix 4 of the online safety policy (date, where it took
 * place, description, action taken, who recorded it), with what sections 10–11 of the
 * policies ask a school to do around each incident. Wording here is the app's own.
 */

/** How a person was part of an incident. */
export const INCIDENT_PARTS = ['affected', 'alleged', 'witness', 'reporter'] as const
export type IncidentPart = (typeof INCIDENT_PARTS)[number]
export const INCIDENT_PART_LABELS: Record<IncidentPart, string> = {
  affected: 'Affected',
  alleged: 'Alleged to have done it',
  witness: 'Witness',
  reporter: 'Reported it',
}

export const INCIDENT_DEVICES = ['school', 'personal', 'none', 'unknown'] as const
export type IncidentDevice = (typeof INCIDENT_DEVICES)[number]
export const INCIDENT_DEVICE_LABELS: Record<IncidentDevice, string> = {
  school: 'A school device or account',
  personal: 'A personal device',
  none: 'No device involved',
  unknown: 'Not known',
}

export const INCIDENT_STATUSES = ['open', 'closed'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

/**
 * Every step a category's procedure can ask for, in the order they are usually taken.
 * The labels are what the checklist shows; `hint` says when the step applies.
 */
export const PROCEDURE_STEPS = {
  'dsl-informed': { label: 'Designated safeguarding lead (or deputy) told', hint: 'Straight away for anything that may be a child protection concern.' },
  'head-informed': { label: 'Headteacher told', hint: 'For any concern about a member of staff.' },
  'device-secured': {
    label: 'Device kept safe',
    hint: 'Switched off and locked away; not searched, copied, forwarded or deleted. Quarantine school devices until the police have advised.',
  },
  'access-blocked': { label: 'Access blocked and content isolated on school systems', hint: 'If the content was taken or shared on the school network or devices.' },
  police: { label: 'Police contacted', hint: '999 if a child is at immediate risk of harm, otherwise 101.' },
  'social-work': { label: 'Children’s social work service contacted', hint: 'A referral when the thresholds are met; record the reasoning if not.' },
  'safeguarding-advice': { label: 'Advice sought from the local education safeguarding team', hint: 'When it is unclear how to proceed or whether a crime was committed.' },
  lado: { label: 'Local authority designated officer (LADO) consulted', hint: 'For any allegation about a member of staff’s conduct online.' },
  iwf: { label: 'Reported to the Internet Watch Foundation (IWF)', hint: 'Web addresses of suspected indecent images of children, at iwf.org.uk.' },
  ceop: { label: 'Reported to CEOP', hint: 'Online child sexual abuse or grooming, through the Click CEOP button.' },
  'cse-team': {
    label: 'Child Sexual Exploitation Team contacted',
    hint: 'The local authority’s or police’s child sexual exploitation team, when a child may be being sexually exploited.',
  },
  prevent: { label: 'Prevent referral considered', hint: 'A concern that someone may be drawn into terrorism or extremism.' },
  'copies-deleted': { label: 'Other copies deleted', hint: 'Copies in emails or folders, only once the DSL confirms no agency needs them.' },
  'provider-contacted': { label: 'Service provider asked to remove content', hint: 'If those involved will not or cannot remove it themselves.' },
  'filtering-reviewed': { label: 'Filtering or monitoring reviewed with the provider', hint: 'What got through, why, and the change made.' },
  'dpo-informed': { label: 'Data protection officer told', hint: 'A personal data breach may need reporting to the ICO within 72 hours.' },
  'parents-informed': { label: 'Parents or carers told', hint: 'About the incident and how it is being handled, when appropriate.' },
  'risk-assessment': { label: 'Risk assessment done', hint: 'Including the vulnerability of the children involved and checks with other agencies.' },
  'support-offered': { label: 'Support offered', hint: 'Pastoral support or counselling for those affected.' },
  sanctions: { label: 'Sanctions considered', hint: 'Under the behaviour, anti-bullying or staff conduct policy, without further harm to victims.' },
  'handling-reviewed': { label: 'Handling of the incident reviewed', hint: 'Lessons learnt and any change to procedures.' },
} as const satisfies Record<string, { label: string; hint: string }>

export type ProcedureStep = keyof typeof PROCEDURE_STEPS
export const PROCEDURE_STEP_KEYS = Object.keys(PROCEDURE_STEPS) as [ProcedureStep, ...ProcedureStep[]]

export const STEP_STATES = ['pending', 'done', 'not-needed'] as const
export type StepState = (typeof STEP_STATES)[number]
export const STEP_STATE_LABELS: Record<StepState, string> = { pending: 'To do', done: 'Done', 'not-needed': 'Not needed' }

/**
 * The categories a new register starts with, from the policies. The business manager can add
 * more and retire any; a category once used is never deleted.
 * - `noFiles`: sexual images of children must never be copied (policy), so no evidence file
 *   can be attached to these entries.
 * - `ict`: the ICT manager records these (filtering and security incidents) and sees only them.
 */
export const DEFAULT_INCIDENT_CATEGORIES: readonly { name: string; steps: readonly ProcedureStep[]; noFiles: boolean; ict: boolean; asks?: readonly CategoryQuestion[] }[] = [
  {
    name: 'Youth-produced sexual imagery (nudes and semi-nudes)',
    steps: ['dsl-informed', 'device-secured', 'access-blocked', 'risk-assessment', 'parents-informed', 'social-work', 'police', 'support-offered', 'sanctions', 'copies-deleted', 'handling-reviewed'],
    noFiles: true,
    ict: false,
    asks: ['image-viewing'],
  },
  {
    name: 'Online child sexual abuse or exploitation (incl. criminal exploitation)',
    steps: ['dsl-informed', 'device-secured', 'social-work', 'police', 'ceop', 'risk-assessment', 'parents-informed', 'support-offered', 'handling-reviewed'],
    noFiles: true,
    ict: false,
    asks: ['image-viewing'],
  },
  {
    name: 'Indecent images of children',
    steps: ['dsl-informed', 'head-informed', 'device-secured', 'iwf', 'police', 'social-work', 'lado', 'copies-deleted', 'parents-informed', 'handling-reviewed'],
    noFiles: true,
    ict: false,
    asks: ['image-viewing'],
  },
  {
    name: 'Radicalisation or extremism',
    steps: ['dsl-informed', 'head-informed', 'prevent', 'safeguarding-advice', 'police', 'parents-informed', 'support-offered', 'handling-reviewed'],
    noFiles: false,
    ict: false,
  },
  {
    name: 'Cyberbullying',
    steps: ['dsl-informed', 'provider-contacted', 'parents-informed', 'support-offered', 'sanctions', 'safeguarding-advice', 'handling-reviewed'],
    noFiles: false,
    ict: false,
  },
  {
    name: 'Online hate',
    steps: ['dsl-informed', 'safeguarding-advice', 'police', 'parents-informed', 'support-offered', 'sanctions', 'handling-reviewed'],
    noFiles: false,
    ict: false,
  },
  {
    name: 'Filtering breach',
    steps: ['dsl-informed', 'access-blocked', 'filtering-reviewed', 'parents-informed', 'support-offered', 'handling-reviewed'],
    noFiles: false,
    ict: true,
    asks: ['url'],
  },
  {
    name: 'Staff misuse',
    steps: ['head-informed', 'lado', 'device-secured', 'police', 'handling-reviewed'],
    noFiles: false,
    ict: false,
  },
  {
    name: 'Data or security breach',
    steps: ['dpo-informed', 'head-informed', 'access-blocked', 'police', 'handling-reviewed'],
    noFiles: false,
    ict: true,
  },
  {
    name: 'Other',
    steps: ['dsl-informed', 'parents-informed', 'support-offered', 'handling-reviewed'],
    noFiles: false,
    ict: false,
  },
]

/**
 * The categories Keeping Children Safe in Education 2025 added to the online risks it names. A
 * register made before them gets them switched off (migration 0024): a school decides when it
 * starts recording them, and nothing already in its log changes. A new register gets them on.
 */
export const KCSIE_2025_CATEGORIES: readonly { name: string; steps: readonly ProcedureStep[]; noFiles: boolean; ict: boolean; asks: readonly CategoryQuestion[] }[] = [
  {
    name: 'Scams, gambling and commerce',
    steps: ['dsl-informed', 'provider-contacted', 'parents-informed', 'support-offered', 'handling-reviewed'],
    noFiles: false,
    ict: false,
    asks: ['url'],
  },
  {
    name: 'Mis- and disinformation and conspiracy theories',
    steps: ['dsl-informed', 'safeguarding-advice', 'prevent', 'parents-informed', 'support-offered', 'handling-reviewed'],
    noFiles: false,
    ict: false,
    asks: ['url'],
  },
  {
    name: 'Generative AI misuse',
    steps: ['dsl-informed', 'provider-contacted', 'parents-informed', 'support-offered', 'sanctions', 'handling-reviewed'],
    noFiles: false,
    ict: false,
    asks: ['url'],
  },
]
/** Where a category came from, when the register added it rather than the school. */
export const CATEGORY_ORIGINS = { 'kcsie-2025': 'Added by Keeping Children Safe in Education 2025' } as const
export type CategoryOrigin = keyof typeof CATEGORY_ORIGINS

/** The questions an entry's form asks only for the categories where they apply. */
export const CATEGORY_QUESTIONS = {
  url: 'The web address or online service involved',
  'image-viewing': 'Whether anyone viewed an image, and why',
} as const
export type CategoryQuestion = keyof typeof CATEGORY_QUESTIONS
export const CATEGORY_QUESTION_KEYS = Object.keys(CATEGORY_QUESTIONS) as [CategoryQuestion, ...CategoryQuestion[]]

/** How the concern came to light: asked on every new entry, absent in entries recorded before it was. */
export const CAME_TO_LIGHT = ['monitoring', 'disclosure', 'staff', 'parent', 'other-school', 'other'] as const
export type CameToLight = (typeof CAME_TO_LIGHT)[number]
export const CAME_TO_LIGHT_LABELS: Record<CameToLight, string> = {
  monitoring: 'A monitoring or filtering alert',
  disclosure: 'The pupil told someone (a disclosure)',
  staff: 'A member of staff noticed',
  parent: 'A parent or carer told the school',
  'other-school': 'Another school told us',
  other: 'Another way',
}

/**
 * Whether anyone at school viewed a sexual image of a child. Guidance says such images are not
 * viewed unless it is unavoidable, and then only by the DSL, recording who viewed it and why.
 */
export const IMAGE_VIEWINGS = ['no-one', 'dsl', 'someone-else'] as const
export type ImageViewing = (typeof IMAGE_VIEWINGS)[number]
export const IMAGE_VIEWING_LABELS: Record<ImageViewing, string> = {
  'no-one': 'No one at school viewed the image',
  dsl: 'Only the DSL (or a deputy) viewed it',
  'someone-else': 'Someone else at school viewed it',
}

/** The agencies a referral can go to. */
export const REFERRAL_AGENCIES = [
  'Police',
  'Children’s social work service',
  'LADO',
  'Internet Watch Foundation',
  'CEOP',
  'Child Sexual Exploitation Team',
  'Prevent (Channel)',
  'Education safeguarding team',
  'Information Commissioner’s Office',
  'Other',
] as const
export type ReferralAgency = (typeof REFERRAL_AGENCIES)[number]

export interface IncidentCategory {
  id: number
  name: string
  steps: ProcedureStep[]
  /** No evidence files may be attached (sexual images of children). */
  noFiles: boolean
  /** The ICT manager records and reads entries of this category. */
  ict: boolean
  retiredAt: string | null
  /** How many entries use it: a used category can be retired, never deleted. */
  used: number
  /** The questions its entries' form asks beyond the Appendix 4 columns. */
  asks: CategoryQuestion[]
  /** Set when the register added it (switched off in a register made before): the school switches it on. */
  origin: CategoryOrigin | null
}

export interface InvolvedPerson {
  personId: number
  part: IncidentPart
}

/** What one version of an entry says: the Appendix 4 columns and what surrounds them. */
export interface IncidentEntry {
  /** The day it happened, yyyy-mm-dd. */
  occurredOn: string
  /** The time it happened, HH:MM, when known. */
  occurredTime: string | null
  /** Where the incident took place. */
  place: string
  onSite: boolean
  device: IncidentDevice
  categoryId: number
  description: string
  actionTaken: string
  /** The child's own words, as they said them, when given. */
  childsWords: string | null
  people: InvolvedPerson[]
  status: IncidentStatus
  /** Required when closed: how it ended. */
  outcome: string | null
  // Asked from version 0024 of the register on: absent (never null) when not given, so an entry
  // recorded before says exactly what it said then.
  /** How the concern came to light. */
  cameToLight?: CameToLight | undefined
  /** The web address or online service involved (filtering breaches, and categories that ask). */
  url?: string | undefined
  /** Whether anyone viewed an image (sexual imagery categories). */
  imageViewed?: ImageViewing | undefined
  /** Who viewed it and why it could not be avoided; required when someone did. */
  imageViewedWhy?: string | undefined
}

/** A row of the log. */
export interface IncidentSummary {
  id: number
  reference: string
  occurredOn: string
  occurredTime: string | null
  recordedAt: string
  /** Recorded on a later day than it happened. */
  backdated: boolean
  imported: boolean
  place: string
  categoryId: number
  categoryName: string
  status: IncidentStatus
  /** The first words of the description. */
  descriptionStart: string
  version: number
  stepsPending: number
  /** Open, and the DSL has not yet been told. */
  waitingForDsl: boolean
  peopleNames: string[]
  recordedByName: string
}

export interface IncidentPage {
  rows: IncidentSummary[]
  total: number
}

export interface InvolvedPersonView extends InvolvedPerson {
  name: string
  /** "Year 9, 9R" or "Teacher" or "Visitor": who they are in the school. */
  description: string
}

export interface IncidentVersion {
  version: number
  entry: IncidentEntry
  people: InvolvedPersonView[]
  categoryName: string
  recordedAt: string
  recordedByName: string
  /** Why it was amended (empty for the first version). */
  reason: string | null
  /** The name in the "recorded by" column of an imported log. */
  originalRecorder: string | null
  /** Why an entry dated before the school's records began was recorded (null when it was not). */
  beforeRecordsReason: string | null
  signature: SignatureCheck
}

export interface SignatureCheck {
  /** The signature is valid for this record and its place in the chain. */
  valid: boolean
  /** Who signed it (the user's display name then) and the key's fingerprint. */
  signedBy: string
  keyFingerprint: string
}

export interface ChecklistStep {
  step: ProcedureStep
  label: string
  hint: string
  state: StepState
  /** Why it was not needed (required), or a note on what was done. */
  note: string | null
  /** Who carried it out, when not the person recording it. */
  by: string | null
  /** The day it was done or decided. */
  on: string | null
  recordedByName: string | null
  recordedAt: string | null
}

export interface Referral {
  key: string
  agency: ReferralAgency
  madeOn: string
  reference: string | null
  outcome: string | null
  recordedByName: string
  updatedAt: string
}

export interface EvidenceFile {
  id: number
  /** The safe name it is kept and saved under, with the extension of what its content is. */
  fileName: string
  /** The name it came with, when different, any hidden characters shown as "<U+202E>". */
  sentAs: string | null
  /** What its content is, found from the content itself. */
  mediaType: string
  /** The same in words: "a PDF document", "a Windows shortcut (.lnk)". */
  typeLabel: string
  /** Only pictures, PDF documents and plain text are ever opened. */
  canOpen: boolean
  size: number
  description: string
  addedAt: string
  addedByName: string
}

/** One line of an incident's chronology: every version, step, referral and file, in order. */
export interface ChronologyItem {
  incidentId: number
  reference: string
  at: string
  kind: 'version' | 'step' | 'referral' | 'evidence'
  /** One plain sentence: "Version 2: amended — the date was wrong", "Police contacted: done". */
  summary: string
  byName: string
  signatureValid: boolean
}

export interface IncidentDetail {
  id: number
  reference: string
  imported: boolean
  backdated: boolean
  current: IncidentVersion
  versions: IncidentVersion[]
  checklist: ChecklistStep[]
  referrals: Referral[]
  files: EvidenceFile[]
  chronology: ChronologyItem[]
  category: IncidentCategory
  /** What the signed-in user may do with it. */
  canRecord: boolean
}

export interface PersonChronology {
  personId: number
  name: string
  items: (ChronologyItem & { part: IncidentPart; categoryName: string })[]
}

/** A break in the incident log's chain or a bad signature, naming the entry. */
export interface IncidentChainProblem {
  reference: string
  /** "version 2", "checklist: Police contacted", "evidence file photo.png". */
  item: string
  problem: string
}

export interface IncidentChainReport {
  ok: boolean
  /** How many signed records were checked. */
  checked: number
  problems: IncidentChainProblem[]
}

export interface IncidentImportRow {
  line: number
  occurredOn: string | null
  place: string
  description: string
  actionTaken: string
  recordedBy: string
  problems: string[]
}

export interface IncidentImportPreview {
  rows: IncidentImportRow[]
  /** How the file's bytes were read; null when the caller sent text it had decoded itself. */
  encoding: TextEncodingName | null
  /** Rows that will be added. */
  ready: number
  /** Rows with a problem (nothing is added while any remains). */
  withProblems: number
  /** Columns recognised, by their role. */
  columns: Record<'date' | 'place' | 'description' | 'action' | 'recordedBy', string | null>
}

/**
 * No incident in the register happened before this day: an earlier date is a typing slip (a
 * year such as 1900 or 0026), never a record. An earlier log imported from paper starts later.
 */
export const EARLIEST_INCIDENT_DAY = '1990-01-01'

/**
 * Whether the day is more than a year before today (both YYYY-MM-DD): an old date is more often a
 * slip of the year than a late record, so it is saved only when the writer confirms it.
 */
export function moreThanAYearAgo(day: string, today: string): boolean {
  if (!day) return false
  const yearBefore = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`
  return day < yearBefore
}

/** How the concern came to light, in words; null for an entry that does not say (one recorded before it was asked). */
export function cameToLightWords(entry: Pick<IncidentEntry, 'cameToLight'>): string | null {
  return entry.cameToLight ? CAME_TO_LIGHT_LABELS[entry.cameToLight] : null
}

/** Whether anyone viewed the image, and who and why, in words; null when the entry does not say. */
export function imageViewingWords(entry: Pick<IncidentEntry, 'imageViewed' | 'imageViewedWhy'>): string | null {
  if (!entry.imageViewed) return null
  return entry.imageViewedWhy ? `${IMAGE_VIEWING_LABELS[entry.imageViewed]}: ${entry.imageViewedWhy}` : IMAGE_VIEWING_LABELS[entry.imageViewed]
}
