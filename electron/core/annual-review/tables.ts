import type { TableOf } from '../db/table-types'

/** The headteacher's commentary on one school year (the figures are counted, never stored). */
export interface AnnualReviewRow {
  start_year: number
  commentary: string
  priorities: string
  head_name: string
  chair_name: string
  updated_at: string
  updated_by: number
  updated_by_name: string
}

declare module 'knex/types/tables' {
  interface Tables {
    annual_reviews: TableOf<AnnualReviewRow, 'commentary' | 'priorities' | 'head_name' | 'chair_name'>
  }
}
