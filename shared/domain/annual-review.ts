/**
 * The headteacher's annual online safety review for the governing body (policy sections 3.3 and
 * 4.2: the DSL watches incidents for gaps and trends; governors monitor the logs), and the
 * dashboard each role sees first. Every figure here is counted from the register's records.
 */

import type { AcademicYear } from '../dates/school-year'

/** The oldest and newest academic years the pack can be made for. */
export const FIRST_PACK_YEAR = 2000
export const LAST_PACK_YEAR = 2100

/**
 * An action is overdue when an entry has had a checklist step still to do for longer than this.
 * The policies ask for prompt action without a number; four weeks is the school's own line.
 */
export const OVERDUE_ACTION_DAYS = 28

/** One row counted this year and the year before. */
export interface YearOnYear {
  label: string
  count: number
  previous: number
}

export interface OpenIncidentLine {
  id: number
  reference: string
  /** YYYY-MM-DD */
  occurredOn: string
  category: string
  /** Whole days since it was first recorded, to the day the figures were drawn. */
  daysOpen: number
  /** Checklist steps still to do. */
  stepsToDo: number
}

export interface IncidentFigures {
  total: number
  previousTotal: number
  onSite: number
  offSite: number
  /** Every category used in either year, most used first. */
  byCategory: YearOnYear[]
  /** The twelve months September to August. */
  byMonth: YearOnYear[]
  /** Entries of the year still open on the day the figures were drawn, oldest first. */
  open: OpenIncidentLine[]
  /** Checklist steps still to do, on entries first recorded more than OVERDUE_ACTION_DAYS before the day drawn. */
  overdueActions: number
  /** Referrals made in the year, by agency. */
  referrals: { agency: string; count: number }[]
  referralsTotal: number
  /** Referral steps the DSL marked "not needed", with a reason, on the year's entries: by step. */
  notReferred: { step: string; count: number }[]
  notReferredTotal: number
  /** Entries brought in from an earlier log rather than recorded in the app. */
  imported: number
  /** Where each category's entries stand: still open, closed after a referral, closed within the school. */
  outcomesByCategory: OutcomeLine[]
  /**
   * Entries by the year group (in that school year) of the pupils involved: an entry counts once
   * in each year group it involves. `none` is entries naming no pupil.
   */
  byYearGroup: { yearGroup: string; count: number }[]
  byKeyStage: { keyStage: string; count: number }[]
  noPupilNamed: number
  /** Whole days from the day an entry was recorded to the day it was closed, over the year's closed entries. */
  timeToClose: { closed: number; medianDays: number | null; longestDays: number | null }
  /** Pupils named on the year's entries: how many on one, two, three or more (counts only, no names). */
  repeatInvolvement: { once: number; twice: number; threeOrMore: number }
}

export interface OutcomeLine {
  category: string
  open: number
  closedAfterReferral: number
  closedInSchool: number
}

export interface AupGroupCoverage {
  /** "Year 7", "Staff", "Governors" */
  group: string
  people: number
  /** Agreed to the version that applies to them now. */
  agreed: number
  /** Agreed an earlier version, due to renew. */
  due: number
  /** Never agreed. */
  never: number
}

export interface AupFigures {
  /**
   * YYYY-MM-DD: coverage as it stood on this day, the last day of the year (or the day drawn, for
   * a year not over): the people on roll then, in their year group then, against the versions in force then.
   */
  asOf: string
  groups: AupGroupCoverage[]
  /** The versions in force, per audience. */
  versions: { audience: string; versionLabel: string; effectiveFrom: string }[]
  /** Visits in the year when the visitor used the school's ICT, and how many of them had agreed first. */
  visitsUsingIct: number
  visitsUsingIctWithAgreement: number
}

/** The online safety policy's yearly review (the policy asks for one at least every twelve months). */
export interface OnlineSafetyPolicyReview {
  /** The policy in the review calendar whose title names online safety; null if there is none. */
  policy: string | null
  /** The day it was written (the day it was added, if not recorded). */
  writtenOn: string | null
  /** Its latest review on or before the last day counted; null if it had none by then. */
  lastReviewedOn: string | null
  /** More than twelve months passed without a review in the days counted (or there is no such policy). */
  missed: boolean
  /** The day its review fell due and was missed (twelve months after the one before). */
  dueOn: string | null
}

export interface ReviewFigures {
  onlineSafetyPolicy: OnlineSafetyPolicyReview
  /** Policy reviews recorded in the year. */
  done: { policy: string; reviewedOn: string; newVersion: string | null; ratifiedOn: string | null }[]
  /** Every policy's next review as the register stands on the day drawn, overdue first. */
  next: { policy: string; nextReviewOn: string; overdue: boolean }[]
  policies: number
}

export interface CheckFigures {
  rows: { name: string; rhythm: string; done: number; expected: number; missed: string[] }[]
  done: number
  expected: number
}

/** Training recorded as recurring checks (their names or descriptions say training): done against expected in the year. */
export interface TrainingFigures {
  rows: { name: string; rhythm: string; done: number; expected: number; lastDoneOn: string | null }[]
}

export interface FilteringFigures {
  total: number
  /** By kind of change ("Blocked", "Allowed", ...). */
  byChange: { label: string; count: number }[]
}

export interface PermissionFigures {
  /** YYYY-MM-DD: the last day of the year, or the day drawn if the year is not over. */
  asOf: string
  /** In force on that day, by kind. */
  inForce: { label: string; count: number }[]
  inForceTotal: number
  grantedInYear: number
  revokedInYear: number
  scansInYear: number
  /** Scans in the year that found a problem. */
  scansWithProblems: number
  /** Portable media in force on that day without a recent enough clean scan. */
  devicesNotCleared: number
}

/** Everything the annual review pack counts, for one academic year. */
export interface AnnualFigures {
  year: AcademicYear
  previousYear: AcademicYear
  /** When the figures were drawn from the records (ISO). */
  drawnAt: string
  /** YYYY-MM-DD, the UK day they were drawn. */
  drawnOn: string
  /** The days counted: the whole year, or 1 September to the day drawn while the year is not over. */
  counted: { from: string; to: string }
  /** Drawn before the year ended: the figures are for part of it. */
  partYear: boolean
  /** The same days of the year before, which every comparison counts. */
  previousCounted: { from: string; to: string }
  /** The first day the register holds records of (its set-up, or the oldest entry brought in from an earlier log). */
  recordsFrom: string
  /** How much of the days compared in the year before the register holds: a year before it existed is not compared. */
  previousCoverage: 'whole' | 'part' | 'none'
  incidents: IncidentFigures
  aup: AupFigures
  reviews: ReviewFigures
  checks: CheckFigures
  filtering: FilteringFigures
  permissions: PermissionFigures
  training: TrainingFigures
  /** The sections the other record kinds add (training, consent, searches...), in registry order. */
  registers: AnnualRegisterFigures[]
}

/** The days a kind's section of the annual pack counts. */
export interface AnnualSpan {
  startYear: number
  /** YYYY-MM-DD: 1 September, and the last day counted (31 August, or the day drawn while the year is not over). */
  from: string
  to: string
  drawnOn: string
  partYear: boolean
}

/**
 * A figure in a kind's section: a count or a share is printed through the pack's anonymiser (1 to
 * 4 become "fewer than 5" in an anonymised copy, and a share of one is held back); text as it is.
 */
export type FigureCell = string | { count: number } | { part: number; whole: number }

/** One record kind's section of the annual pack, as the kind counted it. */
export interface AnnualRegisterFigures {
  /** The kind's name. */
  kind: string
  /** The section's heading: "Online safety training". */
  title: string
  /** What the section shows, in sentences with no counts in them: counts go in the tables, where an anonymised copy can hold small ones back. */
  intro: string
  tables: { title?: string; headers: string[]; widths?: (number | string)[]; rows: FigureCell[][]; empty: string }[]
  /** One to three figures for the pack's summary and the screen's headline cards. */
  headlines: { label: string; cell: FigureCell }[]
  /** Where the figures come from: "the training register, ...". */
  source: string
}

/** What the headteacher writes for the pack, kept with the year. */
export interface AnnualCommentary {
  startYear: number
  commentary: string
  priorities: string
  /** Printed on the sign-off page. */
  headName: string
  chairName: string
  /** Null until first saved. */
  updatedAt: string | null
  updatedBy: string | null
}

// ---- the dashboard ---------------------------------------------------------------------------

/** One thing on the dashboard that is overdue or due soon. */
export interface AttentionItem {
  /** What it is about: "review", "check", "permission"... or the record kind's name. */
  kind: string
  status: 'overdue' | 'due'
  title: string
  /** One plain sentence: what is due and by when. */
  detail: string
  /** YYYY-MM-DD, when there is one day it is due by. */
  dueBy: string | null
  /** The screen where it is dealt with ("/policies"). */
  to: string
}

export interface TermTrend {
  /** "Autumn term 2026" */
  term: string
  /** The same term a year earlier. */
  previousTerm: string
  /** Month by month through the term so far. */
  months: YearOnYear[]
  total: number
  previousTotal: number
}

/** The first screen after signing in: only what the role may see. */
export interface Dashboard {
  /** YYYY-MM-DD */
  today: string
  /** Overdue first, then by date. */
  attention: AttentionItem[]
  /** Open incidents waiting for the DSL: a count only. Null for roles that do not see the log. */
  incidentsWaiting: number | null
  /** Incidents this term month by month against the same term last year. Null for roles that do not see the log. */
  trend: TermTrend | null
  /** Visitors signed in now. Null for roles that do not keep reception. */
  onSite: number | null
  /**
   * A new school's first steps, done or not, for the business manager and the headteacher. Null
   * for other roles, and once every step is done (the card then goes for good).
   */
  gettingStarted: GettingStartedStep[] | null
}

export const GETTING_STARTED_STEPS = ['people', 'agreements', 'policies', 'checks', 'logo', 'certificate', 'backup'] as const
export type GettingStartedKey = (typeof GETTING_STARTED_STEPS)[number]

/** One step of setting a new school's register up, with the screen where it is done. */
export interface GettingStartedStep {
  key: GettingStartedKey
  title: string
  /** One plain sentence: why, or what was found. */
  detail: string
  done: boolean
  to: string
}
