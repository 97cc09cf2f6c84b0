import type { Knex } from 'knex'
import type { RegisterStore } from '../store/register-store'
import { FieldUnreadableError } from '../vault/field-cipher'
import { dataKeyOf, openField, openFile, sealField, sealFile, unreadable } from './incident-keys'

// An evidence file's bytes and its SHA-256 are kept encrypted with the incident's data key: the
// database key alone (any user's password) opens neither, and the hash cannot be used to confirm
// that the school holds a file someone else has a copy of.

/** Keeps an evidence file for an incident, encrypted; returns its id. */
export async function storeEvidenceFile(
  trx: Knex.Transaction,
  store: RegisterStore,
  file: { incidentId: number; recordId: number; sha256: string; bytes: Buffer },
): Promise<number> {
  const key = await dataKeyOf(trx, store, file.incidentId)
  // Its id is part of what the encryption is bound to, so it is chosen before the row is written.
  const [{ max }] = (await trx('incident_files').max({ max: 'id' })) as [{ max: number | null }]
  const id = (max ?? 0) + 1
  await trx('incident_files').insert({
    id,
    incident_id: file.incidentId,
    record_id: file.recordId,
    sha256: sealField(key, 'incident_files', id, 'sha256', file.sha256),
    content: sealFile(key, id, file.bytes),
  })
  return id
}

/**
 * An evidence file with the signed record that describes it, opened once `mayRead` (the caller's
 * check that the user may see the incident) has passed; undefined when there is no such file.
 */
export async function readEvidenceFile(
  db: Knex | Knex.Transaction,
  store: RegisterStore,
  fileId: number,
  mayRead: (incidentId: number) => Promise<unknown>,
): Promise<{ incident_id: number; content: Buffer; body: string } | undefined> {
  const row = (await db('incident_files as f').join('incident_records as r', 'r.id', 'f.record_id').where('f.id', fileId).first('f.incident_id', 'f.content', 'r.body', 'r.id as record_id')) as
    | { incident_id: number; content: Buffer; body: string; record_id: number }
    | undefined
  if (!row) return undefined
  await mayRead(row.incident_id)
  const key = await dataKeyOf(db, store, row.incident_id)
  try {
    return { incident_id: row.incident_id, content: openFile(key, fileId, row.content), body: openField(key, 'incident_records', row.record_id, 'body', row.body) }
  } catch (err) {
    if (!(err instanceof FieldUnreadableError)) throw err
    const incident = await db('incidents').where({ id: row.incident_id }).first('reference')
    throw unreadable(incident?.reference ?? `incident ${row.incident_id}`)
  }
}
