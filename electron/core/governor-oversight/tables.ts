import type { ActionSource } from '../../../shared/features/governor-oversight/contract'
import type { TableOf } from '../db/table-types'

/** A meeting of the DSL and the online safety governor. */
export interface OversightMeetingRow {
  id: number
  met_on: string
  governor: string
  dsl: string
  others: string
  notes: string
  recorded_at: string
  recorded_by_name: string
}

/** An action from a meeting or from the annual pack's priorities, and when it was done. */
export interface OversightActionRow {
  id: number
  source: ActionSource
  meeting_id: number | null
  pack_year: number | null
  action: string
  owner: string
  due_on: string
  done_on: string | null
  done_note: string | null
  recorded_at: string
  recorded_by_name: string
}

declare module 'knex/types/tables' {
  interface Tables {
    oversight_meetings: TableOf<OversightMeetingRow, 'id'>
    oversight_actions: TableOf<OversightActionRow, 'id'>
  }
}
