import type { Role } from './roles'

/**
 * The policy review calendar, the recurring checks the policies name, and the filtering change
 * log (DESIGN.md records 4 and 6). Dates are UK calendar days written YYYY-MM-DD.
 */

// ---- policies ---------------------------------------------------------------------------

/**
 * The policies an online safety policy usually links to, offered as suggestions when a policy is
 * added (never created by themselves: each school keeps its own list).
 */
export const SUGGESTED_POLICIES = [
  'Online safety policy',
  'Acceptable use policies',
  'Anti-bullying policy',
  'Behaviour and discipline policy',
  'Child protection and safeguarding policy',
  'Confidentiality policy',
  'Data protection policy',
  'Data security policy',
  'Image use policy',
  'Mobile phone and social media policy',
  'Searching, screening and confiscation policy',
  'Staff code of conduct',
  'Computing curriculum policy',
  'Relationships, sex and health education policy',
] as const

/** The kinds of file a policy document may be: checked by their bytes, not their names. */
export const POLICY_DOCUMENT_KINDS = ['pdf', 'docx', 'odt'] as const
export type PolicyDocumentKind = (typeof POLICY_DOCUMENT_KINDS)[number]
export const POLICY_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

/** A policy whose next review is this close is "due soon"; the dashboard looks this far ahead. */
export const DUE_SOON_DAYS = 14

export type ReviewState = 'overdue' | 'due-soon' | 'in-date'

export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  overdue: 'Review overdue',
  'due-soon': 'Review due soon',
  'in-date': 'In date',
}

export interface PolicySummary {
  id: number
  title: string
  /** The person or role who looks after it ("Headteacher", "DSL — Priya Shah"). */
  owner: string
  /** The current version's label, if the school gives them ("v3", "2025–26"). */
  version: string | null
  writtenOn: string | null
  ratifiedOn: string | null
  ratifiedBy: string | null
  reviewIntervalMonths: number
  nextReviewOn: string
  reviewState: ReviewState
  /** The latest document uploaded, if any. */
  document: PolicyDocumentInfo | null
  /** Reviews recorded and still waiting for the headteacher to ratify them. */
  awaitingRatification: number
}

export interface PolicyDocumentInfo {
  id: number
  versionLabel: string
  fileName: string
  kind: PolicyDocumentKind
  bytes: number
  uploadedAt: string
  uploadedBy: string
}

export interface PolicyReview {
  id: number
  reviewedOn: string
  reviewedBy: string
  /** What changed, in the reviewer's words ("No changes" is an answer too). */
  changes: string
  /** The version label the review produced, if the policy changed. */
  newVersion: string | null
  nextReviewOn: string
  /** The incident that brought the review forward, if one did. */
  incident: { id: number; reference: string } | null
  recordedAt: string
  recordedBy: string
  ratification: { ratifiedOn: string; ratifiedBy: string; recordedAt: string } | null
}

export interface Policy extends PolicySummary {
  /** Every document uploaded, newest first: the versions of the policy. */
  documents: PolicyDocumentInfo[]
  /** Newest first. */
  reviews: PolicyReview[]
}

// ---- recurring checks ---------------------------------------------------------------------

export const CHECK_RHYTHMS = ['weekly', 'monthly', 'termly', 'yearly', 'years'] as const
export type CheckRhythm = (typeof CHECK_RHYTHMS)[number]

export const CHECK_RHYTHM_LABELS: Readonly<Record<CheckRhythm, string>> = {
  weekly: 'Every week (Monday to Sunday)',
  monthly: 'Every month',
  termly: 'Every term',
  yearly: 'Every school year',
  years: 'Every few school years',
}

/** A rhythm in a few words: "every week", "every 2 school years". */
export function rhythmLabel(rhythm: CheckRhythm, everyYears: number | null): string {
  if (rhythm === 'years') return `Every ${everyYears ?? 2} school years`
  return CHECK_RHYTHM_LABELS[rhythm]
}

/**
 * The three terms, fixed so that every day of the year falls in one: autumn 1 September to
 * 31 December, spring 1 January to 31 March, summer 1 April to 31 August (the summer holiday
 * included, so a check done in August still counts for the year's last term).
 */
export const TERMS = [
  { name: 'Autumn', startMonth: 9, endMonth: 12 },
  { name: 'Spring', startMonth: 1, endMonth: 3 },
  { name: 'Summer', startMonth: 4, endMonth: 8 },
] as const

export const CHECK_RESULTS = ['pass', 'issues'] as const
export type CheckResult = (typeof CHECK_RESULTS)[number]
export const CHECK_RESULT_LABELS: Readonly<Record<CheckResult, string>> = { pass: 'Passed', issues: 'Issues found' }

/** The roles a check can be given to (reception does none). */
export const CHECK_ROLES = ['manager', 'head', 'dsl', 'ict'] as const satisfies readonly Role[]
export type CheckRole = (typeof CHECK_ROLES)[number]

/** The checks the policies name, set up for every school (section 3.4, section 11, 9.4.5). */
export const DEFAULT_CHECK_TEMPLATES: readonly { name: string; description: string; rhythm: CheckRhythm; everyYears: number | null; role: CheckRole }[] = [
  { name: 'Web filter check', description: 'Web filter issues, sites accessed and vulnerabilities (section 3.4).', rhythm: 'weekly', everyYears: null, role: 'ict' },
  { name: 'Firewall security check', description: 'Firewall issues that could mean data breaches or unwanted access (section 3.4).', rhythm: 'monthly', everyYears: null, role: 'ict' },
  { name: 'Filtering and monitoring review', description: 'Whether the filtering and monitoring in place are still effective and appropriate (section 9.4; DfE standards).', rhythm: 'yearly', everyYears: null, role: 'dsl' },
  { name: 'Staff online safety refresher', description: 'Refresher training for all staff, at least once each school year (section 11).', rhythm: 'yearly', everyYears: null, role: 'dsl' },
  { name: 'DSL safeguarding training', description: 'Child protection training for the DSL and deputies, including online safety (section 11).', rhythm: 'years', everyYears: 2, role: 'dsl' },
  { name: 'Governors’ online safety training', description: 'Safe internet use and online safeguarding, as part of governors’ safeguarding training (section 11).', rhythm: 'yearly', everyYears: null, role: 'manager' },
]

/** The checks every school is given that the DfE filtering standards expect a full log of. */
export const FILTERING_CHECK_NAMES = ['Web filter check', 'Filtering and monitoring review'] as const

/** Where a period stands: done, missed (ended with nothing recorded), due now, or still to come. */
export type PeriodStatus = 'done' | 'missed' | 'due' | 'upcoming'

export const PERIOD_STATUS_LABELS: Readonly<Record<PeriodStatus, string>> = { done: 'Done', missed: 'Missed', due: 'Due now', upcoming: 'To come' }

export interface CheckTemplate {
  id: number
  name: string
  description: string
  rhythm: CheckRhythm
  everyYears: number | null
  responsibleRole: CheckRole
  /** A filtering check: its record needs what was tested, the result and the action (the DfE log). */
  filtering: boolean
  /** When the current rhythm started counting. */
  rhythmFrom: string
  /** The first day checks were expected. */
  startsOn: string
  retiredOn: string | null
  /** Whether any check has been recorded against it (a used template can be retired, never deleted). */
  used: boolean
  /** The period we are in now (null once retired). */
  current: { start: string; end: string; label: string; status: PeriodStatus } | null
  /** The last period that has ended, if it was missed: the dashboard's "overdue". */
  lastMissed: { start: string; end: string; label: string } | null
  lastDoneOn: string | null
  /** Done and expected since the start of this school year (periods that have ended, and the current one if done). */
  thisYear: { done: number; expected: number }
}

export interface CheckOccurrence {
  id: number
  templateId: number
  doneOn: string
  doneBy: string
  /** What was tested. */
  devices: string
  areas: string
  userGroups: string
  result: CheckResult
  /** What was done about it (or "None needed"). */
  action: string
  recordedAt: string
  recordedBy: string
}

export interface CheckPeriod {
  start: string
  end: string
  label: string
  status: PeriodStatus
  occurrences: CheckOccurrence[]
  /** Why a missed check was missed: it stays missed. */
  missedNote: { note: string; recordedAt: string; recordedBy: string } | null
}

export interface CheckHistory {
  template: CheckTemplate
  from: string
  to: string
  /** Newest first; a page of them. */
  periods: CheckPeriod[]
  totalPeriods: number
  /** Over the whole of from–to: periods done, and periods expected (ended, or current and done). */
  done: number
  expected: number
  /** Every missed period in from–to, oldest first. */
  missed: { start: string; end: string; label: string }[]
}

// ---- filtering changes --------------------------------------------------------------------

export const FILTER_CHANGES = ['block', 'allow'] as const
export type FilterChange = (typeof FILTER_CHANGES)[number]
export const FILTER_CHANGE_LABELS: Readonly<Record<FilterChange, string>> = { block: 'Blocked', allow: 'Allowed' }

export const FILTER_TARGETS = ['site', 'category'] as const
export type FilterTarget = (typeof FILTER_TARGETS)[number]
export const FILTER_TARGET_LABELS: Readonly<Record<FilterTarget, string>> = { site: 'Website', category: 'Category' }

export interface FilteringChange {
  id: number
  changedOn: string
  change: FilterChange
  targetKind: FilterTarget
  target: string
  reason: string
  requestedBy: string
  approvedBy: string
  /** Set on a correction: the entry it corrects (which stays in the log as it was). */
  correctsId: number | null
  /** Set on an entry a later one corrects. */
  correctedById: number | null
  recordedAt: string
  recordedBy: string
}

export interface FilteringPage {
  rows: FilteringChange[]
  total: number
}

