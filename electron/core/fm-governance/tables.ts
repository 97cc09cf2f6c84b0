import type { AlertState, FmRole } from '../../../shared/features/fm-governance/contract'
import type { TableOf } from '../db/table-types'

/** Who holds one of the four filtering and monitoring responsibilities. */
export interface FmRoleRow {
  role: FmRole
  person_id: number | null
  name: string
  responsibilities: string
  updated_on: string
  updated_by_name: string
}

/** A yearly filtering and monitoring review. */
export interface FmReviewRow {
  id: number
  reviewed_on: string
  reviewed_by: string
  risk_profile: string
  filtering: string
  iwf_list: number
  counter_terrorism_list: number
  lists_note: string
  guest_network: string
  personal_devices: string
  over_blocking: string
  monitoring_strategy: string
  alert_handling: string
  next_review_on: string
  recorded_at: string
  recorded_by_name: string
}

/** An action a review set, and when it was done. */
export interface FmReviewActionRow {
  id: number
  review_id: number
  action: string
  owner: string
  due_on: string
  done_on: string | null
  done_note: string | null
}

/** A monitoring alert taken in, and how it was triaged. */
export interface FmAlertRow {
  id: number
  alerted_on: string
  source: string
  what: string
  device_or_user: string
  state: AlertState
  incident_id: number | null
  closed_reason: string | null
  triaged_on: string | null
  triaged_by_name: string | null
  recorded_at: string
  recorded_by_name: string
}

declare module 'knex/types/tables' {
  interface Tables {
    fm_roles: TableOf<FmRoleRow>
    fm_reviews: TableOf<FmReviewRow, 'id'>
    fm_review_actions: TableOf<FmReviewActionRow, 'id'>
    fm_alerts: TableOf<FmAlertRow, 'id'>
  }
}
