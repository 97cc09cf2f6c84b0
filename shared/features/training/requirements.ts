import { addDays, addMonths } from '../../dates/uk-time'
import type { PersonKind } from '../../domain/people'

/**
 * What the online safety policy asks of each person's training (S 11; P 5.2), as rules the
 * register applies: who needs it, how often, and which training counts for it.
 */
export const REQUIREMENTS = ['induction', 'refresher', 'dsl-training', 'dsl-update', 'governor'] as const
export type Requirement = (typeof REQUIREMENTS)[number]

/** The designated safeguarding lead and the deputies: named here because the policy asks more of them. */
export const DESIGNATIONS = ['dsl', 'deputy'] as const
export type Designation = (typeof DESIGNATIONS)[number]
export const DESIGNATION_LABELS: Readonly<Record<Designation, string>> = { dsl: 'Designated safeguarding lead', deputy: 'Deputy DSL' }

/** The people training is kept for: never pupils, visitors or contractors. */
export const TRAINED_KINDS = ['staff', 'governor', 'volunteer'] as const satisfies readonly PersonKind[]
export type TrainedKind = (typeof TRAINED_KINDS)[number]

/** What a rule needs to know of a person. */
export interface TrainingSubject {
  kind: PersonKind
  designation: Designation | null
  /** When they joined, where recorded: a new starter's induction falls due from it. */
  startedOn: string | null
}

export interface RequirementRule {
  label: string
  /** Short, for table headings and chips. */
  short: string
  /** How often, in words, for the screen and the report. */
  often: string
  appliesTo(p: TrainingSubject): boolean
  /** Months from one completion to the next due; null: once only. */
  everyMonths: number | null
  /** Months from the start date to the first one due, for someone who has never done it. */
  firstDueMonths: number
  /** The training that meets it: a DSL course covers the year's online safety refresher too. */
  satisfiedBy: readonly Requirement[]
}

export const RULES: Readonly<Record<Requirement, RequirementRule>> = {
  // S 11: "All new staff members will receive training, as part of their induction"; P 5.2. Only
  // for someone whose start date is recorded: long-serving staff had theirs before the register.
  induction: {
    label: 'Induction (online safety)',
    short: 'Induction',
    often: 'once, within a month of starting',
    appliesTo: (p) => (p.kind === 'staff' || p.kind === 'volunteer') && p.startedOn !== null,
    everyMonths: null,
    firstDueMonths: 1,
    satisfiedBy: ['induction'],
  },
  // S 11: "refresher training at least once each academic year"; P 5.2 "at least annual updates".
  // A new starter's induction counts as their first.
  refresher: {
    label: 'Yearly online safety refresher',
    short: 'Refresher',
    often: 'every year',
    appliesTo: (p) => p.kind === 'staff',
    everyMonths: 12,
    firstDueMonths: 12,
    satisfiedBy: ['refresher', 'induction', 'dsl-training', 'dsl-update'],
  },
  // S 11: the DSL and deputies "at least every 2 years".
  'dsl-training': {
    label: 'DSL training (every two years)',
    short: 'DSL training',
    often: 'every two years',
    appliesTo: (p) => p.designation !== null,
    everyMonths: 24,
    firstDueMonths: 0,
    satisfiedBy: ['dsl-training'],
  },
  // S 11: "update their knowledge and skills ... at least annually".
  'dsl-update': {
    label: 'DSL yearly update',
    short: 'DSL update',
    often: 'every year',
    appliesTo: (p) => p.designation !== null,
    everyMonths: 12,
    firstDueMonths: 0,
    satisfiedBy: ['dsl-update', 'dsl-training'],
  },
  // S 11: governors have it "as part of their safeguarding training"; the policy gives no period,
  // so the common practice of governing boards is used: within six months of joining, then every
  // three years.
  governor: {
    label: 'Governor training',
    short: 'Governor',
    often: 'every three years',
    appliesTo: (p) => p.kind === 'governor',
    everyMonths: 36,
    firstDueMonths: 6,
    satisfiedBy: ['governor'],
  },
}

/** How near a due day has to be for it to show as due (the dashboard's and lists' window). */
export const DUE_SOON_DAYS = 30

export type TrainingState = 'up-to-date' | 'due' | 'overdue'

export const STATE_LABELS: Readonly<Record<TrainingState, string>> = { 'up-to-date': 'Up to date', due: 'Due soon', overdue: 'Overdue' }

export interface RequirementStatus {
  requirement: Requirement
  state: TrainingState
  /** The last training that met it, YYYY-MM-DD; null if none is recorded. */
  lastOn: string | null
  /** When it is next due; null for a one-off that is done, or for someone who never had it and whose start date is not known (overdue). */
  dueBy: string | null
}

/**
 * Where a person stands on one requirement on a day, from the days of their training that count
 * for it (any order). Null when the requirement is not theirs.
 */
export function statusOn(rule: Requirement, subject: TrainingSubject, completions: readonly { on: string; countsFor: readonly Requirement[] }[], today: string): RequirementStatus | null {
  const r = RULES[rule]
  if (!r.appliesTo(subject)) return null
  const meeting = completions.filter((c) => c.on <= today && c.countsFor.some((k) => r.satisfiedBy.includes(k))).map((c) => c.on)
  const lastOn = meeting.length ? meeting.reduce((a, b) => (a > b ? a : b)) : null
  let dueBy: string | null
  if (lastOn) dueBy = r.everyMonths === null ? null : addMonths(lastOn, r.everyMonths)
  else dueBy = subject.startedOn ? addMonths(subject.startedOn, r.firstDueMonths) : null
  let state: TrainingState
  if (lastOn && dueBy === null) state = 'up-to-date'
  else if (dueBy === null || dueBy < today) state = 'overdue'
  else if (dueBy <= addDays(today, DUE_SOON_DAYS)) state = 'due'
  else state = 'up-to-date'
  return { requirement: rule, state, lastOn, dueBy }
}

/** Every requirement that is the person's, in the policy's order. */
export function statusesOn(subject: TrainingSubject, completions: readonly { on: string; countsFor: readonly Requirement[] }[], today: string): RequirementStatus[] {
  return REQUIREMENTS.map((k) => statusOn(k, subject, completions, today)).filter((s): s is RequirementStatus => s !== null)
}
