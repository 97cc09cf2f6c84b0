// Turns a register made by this version into what the version before role keys and slot
// binding wrote (schema 8): the incident log in plain text with its `incident_people` table,
// no `role_keys`, no slot listing, and a vault whose slots hold only the database key wrapped
// under the slot id (no digest, no role keys). The records themselves — their hashes and
// signatures — are the ones this version made, which is what the older version made too: the
// hashes covered the plain text then as now. Opening the result runs the real migrations
// 0009 and 0010 on a populated database, and the first key holder's sign-in the real upgrade.
import { join } from 'node:path'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { decryptBytes, decryptText, decryptTextBytes, fieldAad } from '../../electron/core/vault/field-cipher'
import { deriveKek, wrapKey } from '../../electron/core/vault/key-wrap'
import type { RoleKeys } from '../../electron/core/vault/role-keys'
import { findUserSlot, openUserSlot } from '../../electron/core/vault/vault'
import { writeVault } from '../../electron/core/vault/vault-file'
import type { UserSlot } from '../../electron/core/vault/vault-format'
import { readVaultFile } from './legacy-vault'
import { MIGRATIONS } from '../../electron/core/db/migrations/index'
import { numberOf, schemaAfter, schemaChange } from './migrations/schema-of'

export async function toPreviousVersion(
  dir: string,
  /** Every user's password by username (their slots are re-wrapped); the first must hold every role key. */
  passwords: Record<string, string>,
  options: { withoutSigning?: boolean } = {},
): Promise<void> {
  const vault = readVaultFile(dir)
  const usernames = Object.keys(passwords)
  const search = findUserSlot(vault, usernames[0]!)
  if (!('found' in search)) throw new Error(`no slot for ${usernames[0]}`)
  const { dbKey, roleKeys } = await openUserSlot(search.found, passwords[usernames[0]!]!)
  decryptDatabase(join(dir, 'register.db'), dbKey, roleKeys, await addedSinceRoleKeys())

  const legacy = new Map<string, UserSlot>()
  for (const username of usernames) {
    const found = findUserSlot(vault, username)
    if (!('found' in found)) throw new Error(`no slot for ${username}`)
    const slot = found.found
    const kek = await deriveKek(passwords[username]!, slot.kdf)
    const old: UserSlot = { ...slot, wrap: wrapKey(kek, dbKey, slot.id) }
    for (const field of ['digest', 'sealed', 'keys', 'sealedKeys'] as const) delete old[field]
    if (options.withoutSigning) delete old.signing
    legacy.set(slot.id, old)
  }
  writeVault(dir, {
    ...vault,
    slots: vault.slots.map((s) => {
      if (s.kind === 'recovery') {
        const { keys: _keys, ...old } = s
        return old
      }
      return legacy.get(s.id) ?? s
    }),
  })
  dbKey.fill(0)
}

/** The version this file makes (schema 9): every migration after it is undone. */
const PREVIOUS = '0009-chained-keys-and-roles'
/** 0010 and 0011 are undone by hand below (their data moved: slots, role keys, the plain incident log). */
const UNDONE_BY_HAND = '0011-role-keys'

/**
 * What the migrations after 0011 added, found by comparing a new register at 0011 with one at the
 * latest version: tables, indexes and triggers to drop, and columns to drop from older tables. A
 * later migration that changes something older in another way cannot be undone blindly: it fails
 * here, naming what to undo by hand.
 */
async function addedSinceRoleKeys(): Promise<{ objects: string[]; columns: [table: string, column: string][] }> {
  const change = schemaChange(await schemaAfter(numberOf(UNDONE_BY_HAND)), await schemaAfter(MIGRATIONS.length))
  const reshaped = change.changed.filter((o) => !(o.startsWith('table ') && change.addedColumns[o.slice(6)]))
  if (change.removed.length || reshaped.length || Object.keys(change.removedColumns).length) {
    throw new Error(`previous-version.ts cannot undo ${[...change.removed, ...reshaped].join(', ')} by dropping it: undo it by hand.`)
  }
  // Indexes and triggers before their tables and columns.
  const objects = [...change.added].sort((a, b) => Number(a.startsWith('table ')) - Number(b.startsWith('table ')))
  const columns = Object.entries(change.addedColumns).flatMap(([table, cols]) => cols.map((c): [string, string] => [table, c.split(' ')[0]!]))
  return { objects, columns }
}

function decryptDatabase(file: string, dbKey: Buffer, roleKeys: RoleKeys, later: { objects: string[]; columns: [string, string][] }): void {
  const raw = openRaw(file, dbKey)
  const open = (key: Buffer, table: string, id: number | string, column: string, value: string) => decryptText(key, fieldAad(table, id, column), value)
  raw.transaction(() => {
    for (const t of ['incident_records', 'incident_files']) raw.exec(`DROP TRIGGER ${t}_no_update`)
    raw.exec(`CREATE TABLE incident_people (incident_id integer not null, person_id integer not null, part text check (part in ('affected', 'alleged', 'witness', 'reporter')) not null, foreign key(incident_id) references incidents(id), foreign key(person_id) references people(id), primary key (incident_id, person_id, part))`)
    raw.exec('CREATE INDEX incident_people_person ON incident_people (person_id, incident_id)')
    const incidents = raw.prepare('SELECT id, data_key, place, description_start, search_text, people FROM incidents').all() as Record<string, string | number>[]
    for (const i of incidents) {
      const id = i['id'] as number
      const wrapped = i['data_key'] as string
      const at = wrapped.indexOf(':')
      const index = roleKeys.get(wrapped.slice(0, at) as 'safeguarding')!
      const key = decryptTextBytes(index, fieldAad('incidents', id, 'data_key'), wrapped.slice(at + 1))
      raw
        .prepare('UPDATE incidents SET place = ?, description_start = ?, search_text = ? WHERE id = ?')
        .run(open(key, 'incidents', id, 'place', i['place'] as string), open(key, 'incidents', id, 'description_start', i['description_start'] as string), open(index, 'incidents', id, 'search_text', i['search_text'] as string), id)
      for (const p of JSON.parse(open(index, 'incidents', id, 'people', i['people'] as string)) as { personId: number; part: string }[]) {
        raw.prepare('INSERT OR IGNORE INTO incident_people (incident_id, person_id, part) VALUES (?, ?, ?)').run(id, p.personId, p.part)
      }
      for (const r of raw.prepare('SELECT id, body FROM incident_records WHERE incident_id = ?').all(id) as { id: number; body: string }[]) {
        raw.prepare('UPDATE incident_records SET body = ? WHERE id = ?').run(open(key, 'incident_records', r.id, 'body', r.body), r.id)
      }
      for (const r of raw.prepare('SELECT key, agency FROM incident_referrals WHERE incident_id = ?').all(id) as { key: string; agency: string }[]) {
        raw.prepare('UPDATE incident_referrals SET agency = ? WHERE incident_id = ? AND key = ?').run(open(key, 'incident_referrals', `${id}/${r.key}`, 'agency', r.agency), id, r.key)
      }
      for (const f of raw.prepare('SELECT id, sha256, content FROM incident_files WHERE incident_id = ?').all(id) as { id: number; sha256: string; content: Buffer }[]) {
        raw
          .prepare('UPDATE incident_files SET sha256 = ?, content = ? WHERE id = ?')
          .run(open(key, 'incident_files', f.id, 'sha256', f.sha256), decryptBytes(key, fieldAad('incident_files', f.id, 'content'), f.content), f.id)
      }
    }
    const reports = roleKeys.get('reports')!
    for (const c of raw.prepare('SELECT id, p12, passphrase FROM signing_certificates').all() as { id: number; p12: Buffer; passphrase: string }[]) {
      raw
        .prepare('UPDATE signing_certificates SET p12 = ?, passphrase = ? WHERE id = ?')
        .run(decryptBytes(reports, fieldAad('signing_certificates', c.id, 'p12'), c.p12), open(reports, 'signing_certificates', c.id, 'passphrase', c.passphrase), c.id)
    }
    for (const t of ['incident_records', 'incident_files']) {
      raw.exec(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t === 'incident_records' ? 'incident records' : 'evidence files'} are never changed'); END`)
    }
    raw.exec('ALTER TABLE incidents DROP COLUMN data_key')
    raw.exec('ALTER TABLE incidents DROP COLUMN people')
    raw.exec('DROP TABLE role_keys')
    raw.exec('ALTER TABLE users DROP COLUMN key_slot_id')
    raw.exec('ALTER TABLE users DROP COLUMN key_slot_digest')
    // What the migrations after 0011 added (addedSinceRoleKeys), then their bookkeeping.
    for (const object of later.objects) {
      const [type, name] = object.split(' ') as [string, string]
      raw.exec(`DROP ${type.toUpperCase()} "${name}"`)
    }
    for (const [table, column] of later.columns) raw.exec(`ALTER TABLE "${table}" DROP COLUMN "${column}"`)
    const kept = MIGRATIONS.slice(0, numberOf(PREVIOUS)).map((m) => m.name)
    raw.prepare(`DELETE FROM knex_migrations WHERE name NOT IN (${kept.map(() => '?').join(', ')})`).run(...kept)
    raw.exec(`PRAGMA user_version = ${numberOf(PREVIOUS)}`)
  })()
  raw.close()
}
