import type { Role } from '../../../shared/domain/roles'
import type { TableOf } from '../db/table-types'

/** One account of the register. */
export interface UserRow {
  id: number
  username: string
  display_name: string
  role: Role
  disabled_at: string | null
  must_change_password: number
  /** The slot of vault.json this user signs in with (store/slot-listing.ts); NO_SLOT when none, NULL before the first listing. */
  key_slot_id: string | null
  key_slot_digest: string | null
  created_at: string
  created_by: number | null
  last_sign_in_at: string | null
  password_changed_at: string | null
}

declare module 'knex/types/tables' {
  interface Tables {
    users: TableOf<UserRow, 'id' | 'must_change_password'>
  }
}
