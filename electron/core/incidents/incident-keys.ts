import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { AppError } from '../api/app-error'
import type { RegisterStore } from '../store/register-store'
import { decryptBytes, decryptText, decryptTextBytes, encryptBytes, encryptText, encryptTextBytes, fieldAad, FieldUnreadableError } from '../vault/field-cipher'
import { isRoleKeyName, type RoleKeyName } from '../vault/role-keys'

// Each incident has its own data key, which encrypts its signed records and the columns of its
// current state; the data key is kept in the incident's row (`data_key`), wrapped with the role
// key of its category: `ict` for the categories marked for the ICT manager, `safeguarding` for
// every other. Moving an entry between the two kinds of category re-wraps one key; nothing that
// was signed is rewritten. docs/vault-format.md, "Fields encrypted inside the database".

type Db = Knex | Knex.Transaction

/** The role key an incident's data key is wrapped with, from its category's ICT flag. */
export function roleKeyFor(ict: boolean | number): RoleKeyName {
  return ict ? 'ict' : 'safeguarding'
}

const dataKeyAad = (incidentId: number) => fieldAad('incidents', incidentId, 'data_key')
const cacheName = (incidentId: number) => `incident:${incidentId}`

const noKey =
  'Your account does not hold the key to the incident log’s contents, so they cannot be shown or changed. ' +
  'If your role should see them, ask the school business manager to open Users and save your role again, then sign out and back in.'
const notYet =
  'The incident log is being moved to its new encryption: it opens once the business manager, the headteacher or the DSL has signed in with this version of the app.'

/** The error for an entry whose stored key or text no longer opens: it was changed outside the app. */
export function unreadable(reference: string): AppError {
  return new AppError(
    'internal',
    `The stored text of ${reference} cannot be opened: it was changed outside the app. Nothing was changed. Run “Check the incident log” in Settings, restore the latest backup from before the change, and tell the DSL.`,
  )
}

function requireRoleKey(store: RegisterStore, name: RoleKeyName): Buffer {
  const key = store.roleKey(name)
  if (!key) throw new AppError('forbidden', noKey)
  return key
}

/** A new data key for a new incident, its `data_key` column, and the role key it is wrapped with. */
export function newDataKey(store: RegisterStore, incidentId: number, ict: boolean | number): { key: Buffer; column: string; index: Buffer } {
  const name = roleKeyFor(ict)
  const roleKey = requireRoleKey(store, name)
  store.forgetCachedKey(cacheName(incidentId))
  const key = store.cachedKey(cacheName(incidentId), () => randomBytes(32))
  return { key, column: `${name}:${encryptTextBytes(roleKey, dataKeyAad(incidentId), key)}`, index: roleKey }
}

/** An incident's data key from its `data_key` column (opened once per session). */
export function dataKeyFrom(store: RegisterStore, incident: { id: number; reference: string; data_key: string | null }): Buffer {
  return store.cachedKey(cacheName(incident.id), () => {
    if (!incident.data_key) throw new AppError('conflict', notYet)
    const at = incident.data_key.indexOf(':')
    const name = incident.data_key.slice(0, at)
    if (!isRoleKeyName(name)) throw unreadable(incident.reference)
    const roleKey = requireRoleKey(store, name)
    try {
      return decryptTextBytes(roleKey, dataKeyAad(incident.id), incident.data_key.slice(at + 1))
    } catch (err) {
      if (err instanceof FieldUnreadableError) throw unreadable(incident.reference)
      throw err
    }
  })
}

/**
 * The role key an incident's data key is wrapped with. Its search text and who was involved are
 * encrypted with that role key directly, not with the data key: a search across the whole log then
 * opens one value per entry, not two.
 */
export function indexKeyFrom(store: RegisterStore, incident: { reference: string; data_key: string | null }): Buffer {
  if (!incident.data_key) throw new AppError('conflict', notYet)
  const name = incident.data_key.slice(0, incident.data_key.indexOf(':'))
  if (!isRoleKeyName(name)) throw unreadable(incident.reference)
  return requireRoleKey(store, name)
}

/** An incident's data key and the role key of its index columns. */
export async function incidentKeys(db: Db, store: RegisterStore, incidentId: number): Promise<{ data: Buffer; index: Buffer }> {
  const row = await db('incidents').where({ id: incidentId }).first('id', 'reference', 'data_key')
  if (!row) throw new AppError('not-found', 'That incident is not in the log. Reload the log and try again.')
  return { data: dataKeyFrom(store, row), index: indexKeyFrom(store, row) }
}

export async function dataKeyOf(db: Db, store: RegisterStore, incidentId: number): Promise<Buffer> {
  const row = await db('incidents').where({ id: incidentId }).first('id', 'reference', 'data_key')
  if (!row) throw new AppError('not-found', 'That incident is not in the log. Reload the log and try again.')
  return dataKeyFrom(store, row)
}

/** Wraps an incident's data key with the role key of its (new) category: both must be held. */
export async function rewrapDataKey(trx: Knex.Transaction, store: RegisterStore, incidentId: number, ict: boolean | number): Promise<void> {
  const key = await dataKeyOf(trx, store, incidentId)
  const name = roleKeyFor(ict)
  const column = `${name}:${encryptTextBytes(requireRoleKey(store, name), dataKeyAad(incidentId), key)}`
  await trx('incidents').where({ id: incidentId }).update({ data_key: column })
}

/** The data key wrapped with a role key given directly (encrypting a register's records at the upgrade). */
export function wrapDataKey(roleKeyName: RoleKeyName, roleKey: Buffer, incidentId: number, key: Buffer): string {
  return `${roleKeyName}:${encryptTextBytes(roleKey, dataKeyAad(incidentId), key)}`
}

// ---- fields ---------------------------------------------------------------------------------

export const sealField = (key: Buffer, table: string, rowId: number | string, column: string, text: string): string => encryptText(key, fieldAad(table, rowId, column), text)
export const openField = (key: Buffer, table: string, rowId: number | string, column: string, value: string): string => decryptText(key, fieldAad(table, rowId, column), value)
export const sealFile = (key: Buffer, fileId: number, bytes: Buffer): Buffer => encryptBytes(key, fieldAad('incident_files', fileId, 'content'), bytes)
export const openFile = (key: Buffer, fileId: number, sealed: Buffer): Buffer => decryptBytes(key, fieldAad('incident_files', fileId, 'content'), sealed)

/** A referral's row is named by its incident and its key: "<incident id>/<referral key>". */
export const referralRowId = (incidentId: number, key: string) => `${incidentId}/${key}`

/** A referral's agency, opened with its incident's data key. */
export function openReferralAgency(store: RegisterStore, r: { incident_id: number; key: string; agency: string; reference: string; data_key: string | null }): string {
  const key = dataKeyFrom(store, { id: r.incident_id, reference: r.reference, data_key: r.data_key })
  try {
    return openField(key, 'incident_referrals', referralRowId(r.incident_id, r.key), 'agency', r.agency)
  } catch (err) {
    if (err instanceof FieldUnreadableError) throw unreadable(r.reference)
    throw err
  }
}
