import type { Knex } from 'knex'
import { openedColumn } from '../incidents/services'
import { isRoleKeyName } from '../vault/role-keys'
import type { RegisterStore } from '../store/register-store'

/**
 * Marks the people an incident names as held: retention never deletes them. Called whenever an
 * incident's row is rewritten, in the same transaction; never cleared, since the incident's
 * earlier versions, which are kept, still name them.
 */
export async function holdNamedPeople(trx: Knex.Transaction, personIds: readonly number[]): Promise<void> {
  if (personIds.length === 0) return
  await trx('people').whereIn('id', [...new Set(personIds)]).where('named_in_record', 0).update({ named_in_record: 1 })
}

function heldKey(store: RegisterStore, dataKey: string): boolean {
  const name = dataKey.slice(0, dataKey.indexOf(':'))
  return isRoleKeyName(name) && store.roleKey(name) !== null
}

/**
 * Marks everyone named in the incidents this user can open: a register whose incidents were
 * recorded before the flag existed gets its holds at the first retention run by a key holder.
 * Returns how many incidents could not be opened with this user's keys (their people, if not
 * already marked, are not known to be held).
 */
export async function holdEveryoneNamed(trx: Knex.Transaction, store: RegisterStore): Promise<{ unopened: number }> {
  const rows = (await trx('incidents').whereNotNull('data_key').select('id', 'data_key')) as { id: number; data_key: string }[]
  const canOpen = rows.filter((r) => heldKey(store, r.data_key))
  if (canOpen.length === 0) return { unopened: rows.length }
  const opened = await openedColumn(trx, store, canOpen.map((r) => r.id), 'people')
  const named = new Set<number>()
  for (const r of canOpen) for (const p of opened.get(r.id) ?? []) named.add(p.personId)
  await holdNamedPeople(trx, [...named])
  return { unopened: rows.length - canOpen.length }
}
