import type { ItemKind, SearchPower, SearchReason, TakenReason } from '../../../shared/features/searches/contract'
import type { TableOf } from '../db/table-types'

/** A search of a pupil or their device. `details` and `people` are sealed with the row's data key. */
export interface SearchRow {
  id: number
  reference: string
  searched_on: string
  searched_time: string | null
  reason: SearchReason
  power: SearchPower
  device_examined: number
  content_deleted: number
  parents_informed_on: string | null
  dsl_informed_on: string | null
  incident_id: number | null
  recorded_by: number
  recorded_at: string
  /** "safeguarding:" + the row's data key sealed with that role key. */
  data_key: string
  /** Sealed JSON: SearchWords. */
  details: string
  /** Sealed JSON: SearchPeople. */
  people: string
}

/** An item taken from a pupil. The owner and the item are readable: the office hands it back. */
export interface ConfiscationRow {
  id: number
  search_id: number | null
  incident_id: number | null
  pupil_id: number
  kind: ItemKind
  description: string
  serial: string | null
  taken_on: string
  taken_time: string | null
  reason: TakenReason
  held_where: string
  held_by: string
  for_collection: number
  returned_on: string | null
  returned_to: string | null
  returned_by: number | null
  police_on: string | null
  exam_board_told_on: string | null
  exam_board_told_whom: string | null
  recorded_by: number
  recorded_at: string
  data_key: string
  /** Sealed JSON: ItemWords. */
  details: string
}

declare module 'knex/types/tables' {
  interface Tables {
    searches: TableOf<SearchRow, 'id' | 'device_examined' | 'content_deleted'>
    confiscations: TableOf<ConfiscationRow, 'id' | 'for_collection'>
  }
}
