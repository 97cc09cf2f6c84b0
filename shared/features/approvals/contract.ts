import { z } from 'zod'
import { defineKind, id, returns, type MethodSpec } from '../../api/contract-kit'
import { isoDate } from '../../api/fields'
import type { Role } from '../../domain/roles'

// ---- what the register holds ----------------------------------------------------------------

/** The written decisions the online safety policies ask the school to make before something is used. */
export const APPROVAL_KINDS = ['new-app', 'social-media', 'remote-learning', 'pupil-phone', 'staff-device'] as const
export type ApprovalKind = (typeof APPROVAL_KINDS)[number]
export const APPROVAL_KIND_LABELS: Readonly<Record<ApprovalKind, string>> = {
  'new-app': 'New app or online service',
  'social-media': 'Official social media channel',
  'remote-learning': 'Remote learning or videoconferencing tool',
  'pupil-phone': 'Pupils’ phones for a lesson activity',
  'staff-device': 'Staff personal device in an emergency',
}

export const RISK_LEVELS = ['low', 'medium', 'high'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]
export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = { low: 'Low', medium: 'Medium', high: 'High' }

export const OUTCOMES = ['approved', 'approved-with-conditions', 'refused'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  approved: 'Approved',
  'approved-with-conditions': 'Approved with conditions',
  refused: 'Refused',
}

/**
 * Where an approval stands on a day: waiting for the headteacher; refused (or withdrawn at a
 * review); approved, with its review more than a month off, within a month, or passed (lapsed:
 * it needs the head's review before it can be relied on).
 */
export const APPROVAL_STATUSES = ['awaiting', 'approved', 'review-due', 'lapsed', 'refused'] as const
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number]
export const APPROVAL_STATUS_LABELS: Readonly<Record<ApprovalStatus, string>> = {
  awaiting: 'Awaiting decision',
  approved: 'Approved',
  'review-due': 'Review due',
  lapsed: 'Lapsed',
  refused: 'Refused',
}
/** A review this many days away or nearer is "due". */
export const REVIEW_DUE_DAYS = 30

export interface ApprovalSummary {
  id: number
  kind: ApprovalKind
  title: string
  requestedBy: string
  requestedOn: string
  riskLevel: RiskLevel
  status: ApprovalStatus
  /** The latest decision's outcome and review day, if decided. */
  outcome: Outcome | null
  decidedBy: string | null
  decidedOn: string | null
  reviewOn: string | null
}

export interface ApprovalDecision {
  id: number
  /** The first decision, or a review that followed it. */
  isReview: boolean
  outcome: Outcome
  conditions: string | null
  reason: string | null
  /** What the review looked at (reviews only). */
  notes: string | null
  riskLevel: RiskLevel
  decidedOn: string
  decidedBy: string
  reviewOn: string | null
  recordedAt: string
}

/** An account holder of a social media channel, with the accounts the permission register says they hold. */
export interface AccountHolder {
  personId: number
  name: string
  /** Shared accounts and credentials this person holds now ("Facebook: @rosewoodschool"), from the permission register. */
  credentials: string[]
}

export interface ApprovalDetail extends ApprovalSummary {
  purpose: string
  personalData: string | null
  address: string | null
  risks: string
  mitigations: string
  accountHolders: AccountHolder[]
  /** Oldest first: the decision, then each review. */
  decisions: ApprovalDecision[]
}

export interface ApprovalPage {
  rows: ApprovalSummary[]
  total: number
  /** How many approvals stand at each status today (of those the filters other than status match). */
  counts: Record<ApprovalStatus, number>
}

// ---- who does what ----------------------------------------------------------------------------

/**
 * The business manager, the DSL and the ICT manager ask for approvals (and the head may write up
 * one of their own); reception does not see the register.
 */
const REQUESTERS = ['manager', 'head', 'dsl', 'ict'] as const satisfies readonly Role[]
const READERS = REQUESTERS
/**
 * The policies give the decision to the headteacher (S 5.2.2, 6.4.10; P 7.11, 8.2): only the head
 * records it, signed in as themselves, so "decided by" is never someone else's say-so.
 */
const DECIDERS = ['head'] as const satisfies readonly Role[]

// ---- field rules ------------------------------------------------------------------------------

const text = (what: string, max: number) =>
  z.string({ error: `Please write ${what}.` }).trim().min(1, `Please write ${what}.`).max(max, `Keep ${what} to ${max} characters.`)
const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep ${what} to ${max} characters.`)
    .optional()
    .transform((v) => (v === '' ? undefined : v))

const webAddress = z
  .string()
  .trim()
  .max(300, 'Keep the web address to 300 characters.')
  .refine((v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), 'Write the web address in full, starting https://')
  .optional()
  .transform((v) => (v === '' ? undefined : v))

export const approvalRequest = z
  .object({
    kind: z.enum(APPROVAL_KINDS, { message: 'Please choose what is to be approved.' }),
    title: text('what is to be approved', 150),
    purpose: text('what it is for', 1000),
    personalData: optionalText('the personal data it takes', 1000),
    address: webAddress,
    risks: text('the risks', 2000),
    mitigations: text('how the risks are reduced', 2000),
    riskLevel: z.enum(RISK_LEVELS, { message: 'Please choose the risk level.' }),
    accountHolderIds: z.array(id).max(20, 'At most 20 account holders.').default([]),
  })
  .strict()
  .superRefine((v, issue) => {
    // S 9.5.2: an app or service that stores personal data is risk assessed on what it takes.
    if ((v.kind === 'new-app' || v.kind === 'remote-learning') && v.personalData === undefined) {
      issue.addIssue({ code: 'custom', path: ['personalData'], message: 'Say what personal data it takes (write "None" if it takes none).' })
    }
    // S 5.2.11: someone in school must hold each official channel's account details.
    if (v.kind === 'social-media' && v.accountHolderIds.length === 0) {
      issue.addIssue({ code: 'custom', path: ['accountHolderIds'], message: 'Name at least one account holder for the channel.' })
    }
    if (v.kind !== 'social-media' && v.accountHolderIds.length > 0) {
      issue.addIssue({ code: 'custom', path: ['accountHolderIds'], message: 'Only a social media channel has account holders.' })
    }
    if (new Set(v.accountHolderIds).size !== v.accountHolderIds.length) {
      issue.addIssue({ code: 'custom', path: ['accountHolderIds'], message: 'Each account holder is named once.' })
    }
  })
export type ApprovalRequest = z.output<typeof approvalRequest>

const decisionFields = {
  id,
  outcome: z.enum(OUTCOMES, { message: 'Please choose the decision.' }),
  conditions: optionalText('the conditions', 1000),
  reason: optionalText('the reason', 1000),
  decidedOn: isoDate,
  reviewOn: isoDate.optional(),
}

type DecisionShape = { outcome: Outcome; conditions?: string | undefined; reason?: string | undefined; decidedOn: string; reviewOn?: string | undefined }
function decisionRules(v: DecisionShape, issue: z.RefinementCtx) {
  if (v.outcome === 'approved-with-conditions' && v.conditions === undefined) issue.addIssue({ code: 'custom', path: ['conditions'], message: 'Write the conditions of the approval.' })
  if (v.outcome !== 'approved-with-conditions' && v.conditions !== undefined) issue.addIssue({ code: 'custom', path: ['conditions'], message: 'Conditions go with "approved with conditions" only.' })
  if (v.outcome === 'refused' && v.reason === undefined) issue.addIssue({ code: 'custom', path: ['reason'], message: 'Write why it was refused.' })
  if (v.outcome !== 'refused' && v.reviewOn === undefined) issue.addIssue({ code: 'custom', path: ['reviewOn'], message: 'Choose the day it is to be reviewed by.' })
  if (v.outcome === 'refused' && v.reviewOn !== undefined) issue.addIssue({ code: 'custom', path: ['reviewOn'], message: 'A refusal has no review date.' })
  if (v.reviewOn !== undefined && v.reviewOn <= v.decidedOn) issue.addIssue({ code: 'custom', path: ['reviewOn'], message: 'The review date comes after the day of the decision.' })
}

export const approvalDecision = z.object(decisionFields).strict().superRefine(decisionRules)
export type ApprovalDecisionInput = z.output<typeof approvalDecision>

export const approvalReview = z
  .object({
    ...decisionFields,
    notes: text('what the review looked at', 2000),
    riskLevel: z.enum(RISK_LEVELS, { message: 'Please choose the risk level now.' }),
  })
  .strict()
  .superRefine(decisionRules)
export type ApprovalReviewInput = z.output<typeof approvalReview>

export const approvalList = z
  .object({
    kind: z.enum(APPROVAL_KINDS, { message: 'Please choose a kind of approval.' }).optional(),
    status: z.enum([...APPROVAL_STATUSES, 'all'], { message: 'That is not a status the register knows.' }).default('all'),
    text: z.string().trim().max(100, 'Search with at most 100 characters.').optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
export type ApprovalListQuery = z.output<typeof approvalList>

export const approvalMethods = {
  'approvals.list': { summary: 'Approvals and risk assessments, by kind and status, newest request first', access: READERS, input: approvalList, output: returns<ApprovalPage>() },
  'approvals.get': { summary: 'One approval: its request, risk assessment, account holders and every decision', access: READERS, input: z.object({ id }).strict(), output: returns<ApprovalDetail>() },
  'approvals.request': { summary: 'Ask for an approval, with its risk assessment', access: REQUESTERS, input: approvalRequest, output: returns<{ id: number }>() },
  'approvals.decide': { summary: 'The headteacher’s decision on a request (recorded once)', access: DECIDERS, input: approvalDecision, output: returns<null>() },
  'approvals.review': { summary: 'The headteacher’s review of a decision: a new decision kept with the old', access: DECIDERS, input: approvalReview, output: returns<null>() },
} as const satisfies Record<string, MethodSpec>

export const approvalsKind = defineKind({
  name: 'approvals',
  methods: approvalMethods,
  auditWords: {
    'approvals.request': 'Asked for an approval',
    'approvals.decide': 'Decided on an approval',
    'approvals.review': 'Reviewed an approval',
    'approvals.demo': 'Added demonstration approvals',
    'approvals.retention': 'Deleted approvals kept past their retention period',
  },
})
