import type { TableOf } from '../db/table-types'

/** A user's Ed25519 public key, which incident records are signed with. */
export interface SigningKeyRow {
  id: number
  user_id: number
  public_key: string
  created_at: string
}

declare module 'knex/types/tables' {
  interface Tables {
    signing_keys: TableOf<SigningKeyRow, 'id'>
  }
}
