import type { ApprovalKind, Outcome, RiskLevel } from '../../../shared/features/approvals/contract'
import type { TableOf } from '../db/table-types'

/** A request for approval and its risk assessment: written once, never edited (a review is a new decision). */
export interface ApprovalRow {
  id: number
  kind: ApprovalKind
  title: string
  purpose: string
  personal_data: string | null
  address: string | null
  risks: string
  mitigations: string
  risk_level: RiskLevel
  requested_on: string
  requested_by: number
  requested_by_name: string
  created_at: string
}

/** The headteacher's decision on a request, and each review after it: never edited, never deleted while the approval is kept. */
export interface ApprovalDecisionRow {
  id: number
  approval_id: number
  is_review: number
  outcome: Outcome
  conditions: string | null
  reason: string | null
  notes: string | null
  risk_level: RiskLevel
  decided_on: string
  review_on: string | null
  decided_by: number
  decided_by_name: string
  recorded_at: string
}

/** A person named as holding an official social media channel's account. */
export interface ApprovalAccountHolderRow {
  approval_id: number
  person_id: number
}

declare module 'knex/types/tables' {
  interface Tables {
    approvals: TableOf<ApprovalRow, 'id'>
    approval_decisions: TableOf<ApprovalDecisionRow, 'id'>
    approval_account_holders: TableOf<ApprovalAccountHolderRow>
  }
}
