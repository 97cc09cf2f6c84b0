/** A role key's check value: proves a key opened from a slot is the register's key of that name. */
export interface RoleKeyRow {
  /** A RoleKeyName, checked when read: the table may hold a name this version does not know. */
  name: string
  check_value: string
  created_at: string
}

declare module 'knex/types/tables' {
  interface Tables {
    role_keys: RoleKeyRow
  }
}
