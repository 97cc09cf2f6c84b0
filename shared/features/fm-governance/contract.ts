import { z } from 'zod'
import { defineKind, id, noInput, returns, type MethodSpec } from '../../api/contract-kit'
import { isoDate } from '../../api/fields'
import type { Role } from '../../domain/roles'

/**
 * Filtering and monitoring governance (the DfE filtering and monitoring standards; the policy's
 * section 9.4): who is responsible, the yearly review of what is filtered and monitored, and the
 * monitoring alerts taken in and triaged. The filtering change log and the recurring filter checks
 * stay in reviews-and-checks: this kind does not repeat them.
 */

/** The four responsibilities the DfE standards name. */
export const FM_ROLES = ['slt', 'governor', 'dsl', 'it-provider'] as const
export type FmRole = (typeof FM_ROLES)[number]
export const FM_ROLE_LABELS: Readonly<Record<FmRole, string>> = {
  slt: 'Senior leadership team lead',
  governor: 'Governor responsible',
  dsl: 'Designated safeguarding lead',
  'it-provider': 'IT service provider',
}

export const ALERT_STATES = ['open', 'incident', 'closed'] as const
export type AlertState = (typeof ALERT_STATES)[number]
export const ALERT_STATE_LABELS: Readonly<Record<AlertState, string>> = { open: 'Waiting to be triaged', incident: 'Linked to an incident', closed: 'Closed' }

export interface FmRoleHolder {
  role: FmRole
  /** A person in the directory, or null for an outside provider named in `name`. */
  personId: number | null
  name: string
  responsibilities: string
  updatedOn: string
  updatedBy: string
}

export interface FmAction {
  id: number
  reviewId: number
  reviewedOn: string
  action: string
  owner: string
  dueOn: string
  doneOn: string | null
  doneNote: string | null
}

export interface FmReviewSummary {
  id: number
  reviewedOn: string
  reviewedBy: string
  nextReviewOn: string
  actions: number
  actionsOpen: number
}

export interface FmReview {
  id: number
  reviewedOn: string
  reviewedBy: string
  riskProfile: string
  filtering: string
  iwfList: boolean
  counterTerrorismList: boolean
  listsNote: string
  guestNetwork: string
  personalDevices: string
  overBlocking: string
  monitoringStrategy: string
  alertHandling: string
  nextReviewOn: string
  recordedAt: string
  recordedBy: string
  actions: FmAction[]
}

export interface FmOverview {
  roles: FmRoleHolder[]
  reviews: FmReviewSummary[]
  /** The latest review's next date; null before the first review is recorded. */
  nextReviewOn: string | null
  openActions: FmAction[]
}

export interface MonitoringAlert {
  id: number
  alertedOn: string
  source: string
  what: string
  deviceOrUser: string
  state: AlertState
  incidentId: number | null
  incidentReference: string | null
  closedReason: string | null
  triagedOn: string | null
  triagedBy: string | null
  recordedAt: string
  recordedBy: string
}

export interface AlertPage {
  rows: MonitoringAlert[]
  total: number
  /** Alerts waiting to be triaged, whatever the filter. */
  open: number
}

/**
 * Who does what:
 * - the business manager, headteacher, DSL and ICT manager read the responsibilities and reviews,
 *   and each may record the yearly review (the standards ask SLT, the DSL and IT to do it together);
 * - the responsibilities are named by the business manager, headteacher or DSL;
 * - monitoring alerts can name pupils: they are safeguarding content, read and triaged by the roles
 *   that read the whole incident log (business manager, headteacher, DSL) and no one else.
 */
const READERS = ['manager', 'head', 'dsl', 'ict'] as const satisfies readonly Role[]
const NAMERS = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]
const SAFEGUARDING = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]

const text = (what: string, max: number) => z.string({ message: `Please enter ${what}.` }).trim().min(1, `Please enter ${what}.`).max(max, `Keep ${what} to ${max} characters.`)
const optionalText = (what: string, max: number) => z.string().trim().max(max, `Keep ${what} to ${max} characters.`).default('')

export const fmSetRole = z
  .object({
    role: z.enum(FM_ROLES, { message: 'Choose which responsibility this is.' }),
    /** Someone in the directory... */
    personId: id.optional(),
    /** ...or, by name, an outside provider or someone not in the directory. */
    name: z.string().trim().max(120, 'Keep the name to 120 characters.').optional(),
    responsibilities: text('their responsibilities', 2000),
  })
  .strict()
  .refine((v) => (v.personId === undefined) !== (v.name === undefined || v.name === ''), {
    message: 'Choose a person from the directory, or type the name of an outside provider (one or the other).',
    path: ['personId'],
  })

export const fmActionInput = z
  .object({
    action: text('the action', 500),
    owner: text('who owns the action', 120),
    dueOn: isoDate,
  })
  .strict()

export const fmRecordReview = z
  .object({
    reviewedOn: isoDate,
    reviewedBy: text('who took part in the review', 300),
    riskProfile: text('the risk profile of the pupils (ages, needs, what they use)', 4000),
    filtering: text('what is filtered and how (the system, the categories, who manages it)', 4000),
    iwfList: z.boolean({ message: 'Say whether the IWF list is in use.' }),
    counterTerrorismList: z.boolean({ message: 'Say whether the counter-terrorism list is in use.' }),
    listsNote: optionalText('the note on the lists', 1000),
    guestNetwork: text('how the guest network is filtered', 2000),
    personalDevices: text('how personal devices are filtered', 2000),
    overBlocking: text('what was found about over-blocking', 2000),
    monitoringStrategy: text('the monitoring strategy', 4000),
    alertHandling: text('how alerts are handled', 2000),
    /** Left out: a year after the review. */
    nextReviewOn: isoDate.optional(),
    actions: z.array(fmActionInput).max(50, 'At most 50 actions in one review.').default([]),
  })
  .strict()

export const fmCompleteAction = z.object({ id, doneOn: isoDate, note: text('what was done', 1000) }).strict()

export const fmAlertList = z
  .object({
    state: z.enum([...ALERT_STATES, 'all'], { message: 'Choose which alerts to show.' }).default('all'),
    text: z.string().trim().max(100, 'Search for at most 100 characters.').optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()

export const fmRecordAlert = z
  .object({
    alertedOn: isoDate,
    source: text('where the alert came from (the monitoring system or who raised it)', 120),
    what: text('what the alert says', 2000),
    deviceOrUser: optionalText('the device or user', 200),
  })
  .strict()

/** An incident's reference as the incident log shows it: INC-2026-0042. */
const incidentReference = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^INC-\d{4}-\d{1,6}$/, 'An incident reference looks like INC-2026-0042: copy it from the incident log.')

export const fmTriageAlert = z
  .object({
    id,
    outcome: z.enum(['incident', 'closed'], { message: 'Choose whether the alert is linked to an incident or closed.' }),
    triagedOn: isoDate,
    incidentReference: incidentReference.optional(),
    reason: z.string().trim().max(1000, 'Keep the reason to 1000 characters.').optional(),
  })
  .strict()
  .superRefine((v, issue) => {
    if (v.outcome === 'incident' && !v.incidentReference) issue.addIssue({ code: 'custom', path: ['incidentReference'], message: 'Give the incident’s reference (INC-2026-0042) to link the alert to it.' })
    if (v.outcome === 'closed' && !v.reason) issue.addIssue({ code: 'custom', path: ['reason'], message: 'Say why the alert is closed without an incident (for example: a false match, a lesson search).' })
  })

export const fmGovernanceMethods = {
  'fm.overview': { summary: 'Filtering and monitoring: who is responsible, the yearly reviews and the open actions', access: READERS, input: noInput, output: returns<FmOverview>() },
  'fm.review': { summary: 'One yearly filtering and monitoring review, with its actions', access: READERS, input: z.object({ id }).strict(), output: returns<FmReview>() },
  'fm.setRole': { summary: 'Name who holds a filtering and monitoring responsibility', access: NAMERS, input: fmSetRole, output: returns<FmRoleHolder>() },
  'fm.recordReview': { summary: 'Record the yearly filtering and monitoring review', access: READERS, input: fmRecordReview, output: returns<FmReview>() },
  'fm.completeAction': { summary: 'Mark a review action done', access: READERS, input: fmCompleteAction, output: returns<FmAction>() },
  'fm.alerts': { summary: 'Monitoring alerts, newest first', access: SAFEGUARDING, input: fmAlertList, output: returns<AlertPage>() },
  'fm.recordAlert': { summary: 'Take in a monitoring alert', access: SAFEGUARDING, input: fmRecordAlert, output: returns<MonitoringAlert>() },
  'fm.triageAlert': { summary: 'Link a monitoring alert to an incident, or close it with a reason', access: SAFEGUARDING, input: fmTriageAlert, output: returns<MonitoringAlert>() },
} as const satisfies Record<string, MethodSpec>

export const fmGovernanceKind = defineKind({
  name: 'fm-governance',
  methods: fmGovernanceMethods,
  auditWords: {
    'fm.setRole': 'Named a filtering and monitoring responsibility',
    'fm.recordReview': 'Recorded the filtering and monitoring review',
    'fm.completeAction': 'Marked a filtering and monitoring action done',
    'fm.recordAlert': 'Took in a monitoring alert',
    'fm.triageAlert': 'Triaged a monitoring alert',
    'fm.retention': 'Deleted closed monitoring alerts past their retention',
  },
})
