import { createHash } from 'node:crypto'
import type { Knex } from 'knex'
import type { RegisterStore } from '../store/register-store'
import { signatureHolds } from '../signing/signing-key'
import { chainedSigningKeys, type ChainedKey } from '../audit/chained-facts'
import { dataKeyOf, sealField } from './incident-keys'
import type { SigningKeyRow } from '../signing/tables'
import type { IncidentRecordRow, RecordKind } from './tables'

const GENESIS = ''

/**
 * A record's hash covers its place in the chain (its id and the previous record's hash), who
 * made it with which key, when, and the exact JSON of its body: changing any of them, or
 * removing or re-ordering records, breaks the chain from that record on. It covers the body as
 * written, not as encrypted: the signature then says what was recorded, and holds when the data
 * key is re-wrapped or the records of an older register are encrypted in place; a changed
 * ciphertext fails its own authentication tag before the hash is even computed.
 */
export function recordHash(row: Omit<IncidentRecordRow, 'hash' | 'signature'>): string {
  const fields = [row.id, row.incident_id, row.kind, row.at, row.user_id, row.signer_name, row.key_id, row.body]
  return createHash('sha256').update(row.prev_hash).update('\n').update(JSON.stringify(fields)).digest('hex')
}

/**
 * Appends one signed record to the chain, as the signed-in user. Call inside the transaction
 * that changes the incident, so the record and the change are saved together or not at all.
 */
export async function appendRecord(
  trx: Knex.Transaction,
  store: RegisterStore,
  record: { incidentId: number; kind: RecordKind; body: unknown; at: string },
): Promise<IncidentRecordRow> {
  const { session } = store.requireOpen()
  const last = await trx('incident_records').select('id', 'hash').orderBy('id', 'desc').first()
  const unsigned = {
    id: (last?.id ?? 0) + 1,
    incident_id: record.incidentId,
    kind: record.kind,
    body: JSON.stringify(record.body),
    at: record.at,
    user_id: session.userId,
    signer_name: session.displayName,
    key_id: store.signingKeyId,
    prev_hash: last?.hash ?? GENESIS,
  }
  const hash = recordHash(unsigned)
  const { signature } = store.sign(Buffer.from(hash, 'hex'))
  const row: IncidentRecordRow = { ...unsigned, hash, signature }
  const key = await dataKeyOf(trx, store, record.incidentId)
  await trx('incident_records').insert({ ...row, body: sealField(key, 'incident_records', row.id, 'body', row.body) })
  return row
}

/** A signing key, with how the audit trail entered it, if it did. */
export type ChainedSigningKey = Pick<SigningKeyRow, 'id' | 'user_id' | 'public_key'> & { chained?: ChainedKey | undefined }

/**
 * Why one record fails its check, in words; null when it holds. `hashOpened: false` for a record
 * whose body could not be opened (the user lacks its role key): its hash is then taken as stored.
 */
export function recordProblem(row: IncidentRecordRow, expectedPrev: string, keys: Map<number, ChainedSigningKey>, options: { hashOpened?: boolean; signatureCheckedElsewhere?: boolean } = {}): string | null {
  if (row.prev_hash !== expectedPrev) return 'a record before it is missing or was changed (the chain is broken here)'
  if (options.hashOpened !== false && recordHash(row) !== row.hash) return 'it was changed after it was signed'
  const key = keys.get(row.key_id)
  if (!key || key.user_id !== row.user_id) return 'it is signed with a key that does not belong to the person named as recording it'
  // A key added to the database by hand is not in the audit trail, or not as this one.
  const chained = key.chained
  if (!chained || chained.userId !== key.user_id || chained.publicKey !== key.public_key) {
    return 'it is signed with a key the audit trail never entered for the person named as recording it'
  }
  if (row.id <= chained.after) return 'it is signed with a key that was entered in the audit trail only after this record'
  // A long report checks its records' signatures while it is laid out (SignaturesCheckedMeanwhile).
  if (!options.signatureCheckedElsewhere && !signatureHolds(key.public_key, Buffer.from(row.hash, 'hex'), row.signature)) return 'its signature is not valid'
  return null
}

/** A short, stable fingerprint of a public key for people to compare: 4 groups of 4 hex digits. */
export function keyFingerprint(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16).toUpperCase()
  return hex.match(/.{4}/g)!.join(' ')
}

/** Every signing key, with how the audit trail entered it. */
export async function signingKeys(db: Knex | Knex.Transaction): Promise<Map<number, ChainedSigningKey>> {
  const rows = await db('signing_keys').select('id', 'user_id', 'public_key')
  const chained = await chainedSigningKeys(db)
  return new Map(rows.map((r) => [r.id, { ...r, chained: chained.get(r.id) }]))
}
