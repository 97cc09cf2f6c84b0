import type { CheckResult, CheckRhythm, CheckRole, FilterChange, FilterTarget, PolicyDocumentKind } from '../../../shared/domain/reviews-and-checks'
import type { TableOf } from '../db/table-types'

/** A policy and when it is next reviewed. */
export interface PolicyRow {
  id: number
  title: string
  owner: string
  version_label: string | null
  written_on: string | null
  ratified_on: string | null
  ratified_by: string | null
  review_interval_months: number
  next_review_on: string
  created_at: string
  created_by: number
  updated_at: string
}

/** A copy of a policy's document, kept in the register. */
export interface PolicyDocumentRow {
  id: number
  policy_id: number
  version_label: string
  file_name: string
  kind: PolicyDocumentKind
  bytes: number
  sha256: string
  content: Buffer
  uploaded_at: string
  uploaded_by: number
  uploaded_by_name: string
}

/** A review of a policy, and its ratification by the headteacher. */
export interface PolicyReviewRow {
  id: number
  policy_id: number
  reviewed_on: string
  reviewed_by: string
  changes: string
  new_version: string | null
  next_review_on: string
  /** The incident that prompted the review, if one did. */
  incident_id: number | null
  recorded_at: string
  recorded_by: number
  recorded_by_name: string
  ratified_on: string | null
  ratified_at: string | null
  ratified_by: number | null
  ratified_by_name: string | null
}

/** A recurring check. */
export interface CheckTemplateRow {
  id: number
  name: string
  description: string
  responsible_role: CheckRole
  retired_on: string | null
  created_at: string
  updated_at: string
  /** 1 for the filtering and monitoring checks (db/migrations/0015-filtering-checks.ts). */
  filtering: number
}

/** A check's rhythm from a day on; the rhythm before stays for the periods before. */
export interface CheckRhythmRow {
  template_id: number
  from_on: string
  rhythm: CheckRhythm
  every_years: number | null
}

/** One time a check was done. */
export interface CheckOccurrenceRow {
  id: number
  template_id: number
  done_on: string
  done_by: string
  devices: string
  areas: string
  user_groups: string
  result: CheckResult
  action: string
  recorded_at: string
  recorded_by: number
  recorded_by_name: string
}

/** Why a check's period was missed. */
export interface CheckMissedNoteRow {
  template_id: number
  period_start: string
  note: string
  recorded_at: string
  recorded_by: number
  recorded_by_name: string
}

/** One entry of the filtering change log; a correction names the entry it corrects. */
export interface FilteringChangeRow {
  id: number
  changed_on: string
  change: FilterChange
  target_kind: FilterTarget
  target: string
  reason: string
  requested_by: string
  approved_by: string
  corrects_id: number | null
  recorded_at: string
  recorded_by: number
  recorded_by_name: string
}

declare module 'knex/types/tables' {
  interface Tables {
    policies: TableOf<PolicyRow, 'id'>
    policy_documents: TableOf<PolicyDocumentRow, 'id'>
    policy_reviews: TableOf<PolicyReviewRow, 'id'>
    check_templates: TableOf<CheckTemplateRow, 'id' | 'description' | 'filtering'>
    check_rhythms: CheckRhythmRow
    check_occurrences: TableOf<CheckOccurrenceRow, 'id' | 'devices' | 'areas' | 'user_groups' | 'action'>
    check_missed_notes: CheckMissedNoteRow
    filtering_changes: TableOf<FilteringChangeRow, 'id'>
  }
}
