import type { ConsentAnswer, ConsentGiver, ConsentMethod, ConsentPurpose } from '../../../shared/features/consent/consent'
import type { TableOf } from '../db/table-types'

/** A wording of the consent form, in force from a day (earlier answers then lapse). */
export interface ConsentFormRow {
  id: number
  version: string
  in_force_from: string
  recorded_at: string
  recorded_by: number
}

/** One answer or withdrawal for a pupil and purpose, never changed once written. */
export interface ConsentAnswerRow {
  id: number
  person_id: number
  purpose: ConsentPurpose
  answer: ConsentAnswer
  given_by: ConsentGiver
  given_by_name: string
  given_on: string
  method: ConsentMethod
  form_id: number | null
  note: string | null
  recorded_at: string
  recorded_by: number
}

declare module 'knex/types/tables' {
  interface Tables {
    consent_forms: TableOf<ConsentFormRow, 'id'>
    consent_answers: TableOf<ConsentAnswerRow, 'id'>
  }
}
