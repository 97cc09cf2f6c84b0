import type { CameToLight, CategoryOrigin, IncidentDevice, IncidentStatus, ProcedureStep, StepState } from '../../../shared/domain/incidents'
import type { TableOf } from '../db/table-types'

/** What an incident record is: a version of the entry, a checklist step, a referral or an evidence file. */
export type RecordKind = 'version' | 'step' | 'referral' | 'evidence'

/**
 * An incident's current state, rewritten from its signed records after each change
 * (incident-state.ts) and compared with them by verify-incidents.ts.
 */
export interface IncidentRow {
  id: number
  reference: string
  category_id: number
  status: IncidentStatus
  occurred_on: string
  occurred_time: string | null
  recorded_at: string
  changed_at: string
  version: number
  place: string
  on_site: number
  device: IncidentDevice
  description_start: string
  search_text: string
  steps_pending: number
  waiting_for_dsl: number
  imported: number
  backdated: number
  created_by: number
  recorded_by_name: string
  /** The incident's data key, wrapped with its category's role key; NULL before the words were sealed. */
  data_key: string | null
  /** The people involved, as sealed JSON. */
  people: string | null
  /** How the concern came to light, as the current version says (NULL when it does not say). */
  came_to_light: CameToLight | null
}

/** One signed record of the official log: append-only and hash-chained. */
export interface IncidentRecordRow {
  id: number
  incident_id: number
  kind: RecordKind
  /** The JSON that was hashed and signed (in the database it is encrypted with the incident's data key). */
  body: string
  at: string
  user_id: number
  signer_name: string
  key_id: number
  prev_hash: string
  hash: string
  signature: string
}

/** A category of incident and the procedure its checklist follows. */
export interface IncidentCategoryRow {
  id: number
  name: string
  /** A JSON list of procedure step keys. */
  steps: string
  no_files: number
  ict: number
  retired_at: string | null
  created_at: string
  /** A JSON list of the extra questions its entries' form asks (CATEGORY_QUESTIONS). */
  asks: string
  /** Set when the register added it rather than the school ('kcsie-2025'). */
  origin: CategoryOrigin | null
}

/** An evidence file's bytes (sealed with the incident's data key), beside the record that describes it. */
export interface IncidentFileRow {
  id: number
  incident_id: number
  record_id: number
  sha256: string
  content: Buffer
}

/** Where one checklist step of an incident stands. */
export interface IncidentStepRow {
  incident_id: number
  step: ProcedureStep
  state: StepState
  record_id: number | null
}

/** A referral made about an incident. */
export interface IncidentReferralRow {
  incident_id: number
  key: string
  agency: string
  made_on: string
  record_id: number
}

declare module 'knex/types/tables' {
  interface Tables {
    incidents: TableOf<IncidentRow, 'id' | 'steps_pending' | 'waiting_for_dsl' | 'imported' | 'backdated' | 'came_to_light'>
    incident_records: TableOf<IncidentRecordRow, 'id'>
    incident_categories: TableOf<IncidentCategoryRow, 'id' | 'no_files' | 'ict' | 'asks' | 'origin'>
    incident_files: TableOf<IncidentFileRow, 'id'>
    incident_steps: IncidentStepRow
    incident_referrals: IncidentReferralRow
  }
}
