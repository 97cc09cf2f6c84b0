import type { Designation } from '../../../shared/features/training/requirements'
import type { TableOf } from '../db/table-types'

/** One person's attendance at one training session. */
export interface TrainingRecordRow {
  id: number
  person_id: number
  course: string
  completed_on: string
  provider: string
  /** JSON array of requirement names. */
  counts_for: string
  source: 'manual' | 'import' | 'demo'
  recorded_at: string
  recorded_by_name: string
}

/** A certificate kept with a training record (inside the encrypted register, like everything else). */
export interface TrainingCertificateRow {
  record_id: number
  file_name: string
  media_type: string
  size: number
  sha256: string
  content: Buffer
  attached_at: string
  attached_by_name: string
}

/** What the requirements need to know of a person that the directory does not hold. */
export interface TrainingPersonRow {
  person_id: number
  started_on: string | null
  designation: Designation | null
  updated_at: string
}

declare module 'knex/types/tables' {
  interface Tables {
    training_records: TableOf<TrainingRecordRow, 'id'>
    training_certificates: TrainingCertificateRow
    training_people: TableOf<TrainingPersonRow>
  }
}
