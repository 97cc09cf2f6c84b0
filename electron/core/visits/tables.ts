import type { SignOutHow } from '../../../shared/domain/visits'
import type { TableOf } from '../db/table-types'

/** One visit at reception: signed in, and signed out at the desk or automatically. */
export interface VisitRow {
  id: number
  person_id: number
  purpose: string
  host_person_id: number | null
  host_name: string
  car_registration: string | null
  uses_ict: number
  agreement_id: number | null
  signed_in_at: string
  signed_in_by: number | null
  signed_out_at: string | null
  signed_out_by: number | null
  signed_out_how: SignOutHow | null
}

declare module 'knex/types/tables' {
  interface Tables {
    visits: TableOf<VisitRow, 'id' | 'uses_ict'>
  }
}
