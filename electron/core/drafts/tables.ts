import type { TableOf } from '../db/table-types'

/** What one user has typed into one form for one record and not yet saved. */
export interface DraftRow {
  id: number
  user_id: number
  /** A DraftForm name. */
  form: string
  record_key: string
  /** The role key the content is sealed with, or NULL when it is stored as typed. */
  sealed_with: string | null
  content: string
  saved_at: string
}

declare module 'knex/types/tables' {
  interface Tables {
    drafts: TableOf<DraftRow, 'id' | 'record_key'>
  }
}
