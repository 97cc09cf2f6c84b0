import type { TableOf } from '../db/table-types'

/** The school's profile: one row, id 1. */
export interface SchoolRow {
  id: number
  school_id: string
  name: string
  address: string
  urn: string
  dsl_name: string
  /** A JSON array of names. */
  deputy_dsl_names: string
  online_safety_governor: string
  created_at: string
  updated_at: string
  records_began_on: string | null
}

/** One setting of the register; the value is JSON. */
export interface SettingRow {
  key: string
  value: string
}

declare module 'knex/types/tables' {
  interface Tables {
    school: TableOf<SchoolRow, 'id' | 'address' | 'deputy_dsl_names' | 'online_safety_governor'>
    settings: SettingRow
  }
}
