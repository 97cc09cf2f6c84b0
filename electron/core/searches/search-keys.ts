import { randomBytes } from 'node:crypto'
import { AppError } from '../api/app-error'
import type { RegisterStore } from '../store/register-store'
import { decryptText, decryptTextBytes, encryptText, encryptTextBytes, fieldAad, FieldUnreadableError } from '../vault/field-cipher'

// Searches and confiscated items are sealed as the incident log is (docs/vault-format.md,
// "Searches and confiscated items"): each row has its own data key, kept in its `data_key` column
// wrapped with the `safeguarding` role key, and its words and people are fields under that data
// key. Only the slots of the business manager, headteacher and DSL hold the safeguarding key.

export type SealedTable = 'searches' | 'confiscations'

const ROLE_KEY = 'safeguarding'
const PREFIX = `${ROLE_KEY}:`

const noKey =
  'Your account does not hold the key to searches and confiscated items, so they cannot be shown or recorded. ' +
  'If your role should see them, ask the school business manager to open Users and save your role again, then sign out and back in.'

/** The error for a row whose stored key or words no longer open: changed outside the app. */
export function unreadable(what: string): AppError {
  return new AppError(
    'internal',
    `The stored words of ${what} cannot be opened: they were changed outside the app. Nothing was changed. Restore the latest backup from before the change, and tell the DSL.`,
  )
}

function safeguardingKey(store: RegisterStore): Buffer {
  const key = store.roleKey(ROLE_KEY)
  if (!key) throw new AppError('forbidden', noKey)
  return key
}

const cacheName = (table: SealedTable, id: number) => `${table}:${id}`

/** A new row's data key and its `data_key` column. */
export function newRowKey(store: RegisterStore, table: SealedTable, id: number): { key: Buffer; column: string } {
  const roleKey = safeguardingKey(store)
  store.forgetCachedKey(cacheName(table, id))
  const key = store.cachedKey(cacheName(table, id), () => randomBytes(32))
  return { key, column: PREFIX + encryptTextBytes(roleKey, fieldAad(table, id, 'data_key'), key) }
}

/** A row's data key, opened once per session. */
export function rowKey(store: RegisterStore, table: SealedTable, row: { id: number; data_key: string }, what: string): Buffer {
  const roleKey = safeguardingKey(store)
  return store.cachedKey(cacheName(table, row.id), () => {
    if (!row.data_key.startsWith(PREFIX)) throw unreadable(what)
    try {
      return decryptTextBytes(roleKey, fieldAad(table, row.id, 'data_key'), row.data_key.slice(PREFIX.length))
    } catch (err) {
      if (err instanceof FieldUnreadableError) throw unreadable(what)
      throw err
    }
  })
}

export function sealJson(key: Buffer, table: SealedTable, id: number, column: string, value: unknown): string {
  return encryptText(key, fieldAad(table, id, column), JSON.stringify(value))
}

export function openJson<T>(key: Buffer, table: SealedTable, id: number, column: string, sealed: string, what: string): T {
  try {
    return JSON.parse(decryptText(key, fieldAad(table, id, column), sealed)) as T
  } catch (err) {
    if (err instanceof FieldUnreadableError) throw unreadable(what)
    throw err
  }
}
