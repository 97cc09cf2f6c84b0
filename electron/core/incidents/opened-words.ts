import type { Knex } from 'knex'
import type { RegisterStore } from '../store/register-store'
import { FieldUnreadableError } from '../vault/field-cipher'
import { indexKeyFrom, openField, unreadable } from './incident-keys'
import type { InvolvedPeople } from './incident-state'

// The log's words and who was involved are encrypted in each entry's row, so a search by words
// or by person opens every entry it looks at. What it opened is kept, in memory only, while the
// register stays open (forgotten when it locks, and for an entry whenever it changes): a search
// after the first then opens only what changed. docs/threat-model.md says what that costs.

const COLUMNS = { search_text: 'incident-words', people: 'incident-people' } as const
type Column = keyof typeof COLUMNS
type Opened<C extends Column> = C extends 'people' ? InvolvedPeople : string

const BATCH = 500

export function forgetOpenedWords(store: RegisterStore, incidentId: number): void {
  if (!store.session) return
  for (const name of Object.values(COLUMNS)) store.openedMap<number, unknown>(name).delete(incidentId)
}

/**
 * One encrypted column of these entries — the lower-case search text, or who was involved —
 * opened once per session.
 */
export async function openedColumn<C extends Column>(db: Knex | Knex.Transaction, store: RegisterStore, ids: readonly number[], column: C): Promise<Map<number, Opened<C>>> {
  const cache = store.openedMap<number, Opened<C>>(COLUMNS[column])
  const missing = ids.filter((id) => !cache.has(id))
  for (let i = 0; i < missing.length; i += BATCH) {
    const rows = (await db('incidents').whereIn('id', missing.slice(i, i + BATCH)).select('id', 'reference', 'data_key', column)) as ({ id: number; reference: string; data_key: string | null } & Record<C, string>)[]
    for (const r of rows) {
      const key = indexKeyFrom(store, r)
      try {
        const text = openField(key, 'incidents', r.id, column, r[column])
        cache.set(r.id, (column === 'people' ? JSON.parse(text) : text) as Opened<C>)
      } catch (err) {
        if (err instanceof FieldUnreadableError) throw unreadable(r.reference)
        throw err
      }
    }
  }
  return cache
}
