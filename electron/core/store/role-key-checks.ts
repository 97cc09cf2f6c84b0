import type { Knex } from 'knex'
import { isRoleKeyName, passesCheck, roleKeyCheck, type RoleKeyName, type RoleKeys } from '../vault/role-keys'

type Db = Knex | Knex.Transaction

/** The check value of each role key the register has (none before its first key holder signs in with this version). */
export async function roleKeyChecks(db: Db): Promise<Map<RoleKeyName, string>> {
  const rows = await db('role_keys').select('name', 'check_value')
  return new Map(rows.flatMap((r) => (isRoleKeyName(r.name) ? [[r.name, r.check_value] as const] : [])))
}

export async function recordRoleKeys(db: Db, keys: RoleKeys, at: string): Promise<void> {
  for (const [name, key] of keys) await db('role_keys').insert({ name, check_value: roleKeyCheck(name, key), created_at: at })
}

/**
 * The keys of a slot that are the register's own: each must open its check value. A key that
 * does not (sealed to the slot by someone else, to make the app encrypt with a key they know) is
 * left out and named. Before the register has role keys, nothing can be checked or used.
 */
export function checkedKeys(keys: RoleKeys, checks: Map<RoleKeyName, string>): { keys: RoleKeys; refused: RoleKeyName[] } {
  const kept: RoleKeys = new Map()
  const refused: RoleKeyName[] = []
  for (const [name, key] of keys) {
    const check = checks.get(name)
    if (check && passesCheck(name, key, check)) kept.set(name, key)
    else if (check) refused.push(name)
  }
  return { keys: kept, refused }
}
