import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import type { RoleKeys } from '../vault/role-keys'
import { referralRowId, roleKeyFor, sealField, sealFile, wrapDataKey } from './incident-keys'
import { DATA_KEY_COLUMNS, INDEX_KEY_COLUMNS, type ENCRYPTED_CACHE_COLUMNS } from './incident-state'

/** Tables whose triggers refuse every UPDATE: lifted for the one pass that encrypts them in place. */
const APPEND_ONLY = ['incident_records', 'incident_files']

/**
 * Encrypts the incident log of a register written before role keys, in place, in the caller's
 * transaction: each incident gets its data key (wrapped with the role key of its category), and
 * its records, its row's words and people, its referrals' agencies and its evidence files are
 * encrypted with it. What was stored is encrypted as it was — nothing is recomputed — so `verify`
 * afterwards finds exactly what it would have found before. The hashes and signatures cover the
 * text, so they still hold.
 */
export async function encryptIncidentLog(trx: Knex.Transaction, keys: RoleKeys): Promise<number> {
  const triggers = (await trx('sqlite_master').where({ type: 'trigger' }).whereIn('tbl_name', APPEND_ONLY).whereLike('name', '%no_update').select('name', 'sql')) as { name: string; sql: string }[]
  for (const t of triggers) await trx.raw(`DROP TRIGGER ${t.name}`)

  const incidents = (await trx('incidents as i').join('incident_categories as c', 'c.id', 'i.category_id').whereNull('i.data_key').select('i.*', 'c.ict')) as ({
    id: number
    ict: number
    people: string | null
  } & Record<(typeof ENCRYPTED_CACHE_COLUMNS)[number], string>)[]
  for (const incident of incidents) {
    const name = roleKeyFor(incident.ict)
    const key = randomBytes(32)
    const index = keys.get(name)!
    const row: Record<string, string> = { data_key: wrapDataKey(name, index, incident.id, key) }
    for (const column of DATA_KEY_COLUMNS) row[column] = sealField(key, 'incidents', incident.id, column, incident[column])
    for (const column of INDEX_KEY_COLUMNS) row[column] = sealField(index, 'incidents', incident.id, column, incident[column])
    row['people'] = sealField(index, 'incidents', incident.id, 'people', incident.people ?? '[]')
    await trx('incidents').where({ id: incident.id }).update(row)

    const records = await trx('incident_records').where({ incident_id: incident.id }).select('id', 'body')
    for (const r of records) await trx('incident_records').where({ id: r.id }).update({ body: sealField(key, 'incident_records', r.id, 'body', r.body) })

    const referrals = await trx('incident_referrals').where({ incident_id: incident.id }).select('key', 'agency')
    for (const r of referrals) {
      await trx('incident_referrals')
        .where({ incident_id: incident.id, key: r.key })
        .update({ agency: sealField(key, 'incident_referrals', referralRowId(incident.id, r.key), 'agency', r.agency) })
    }

    const files = await trx('incident_files').where({ incident_id: incident.id }).select('id', 'sha256', 'content')
    for (const f of files) {
      await trx('incident_files')
        .where({ id: f.id })
        .update({ sha256: sealField(key, 'incident_files', f.id, 'sha256', f.sha256), content: sealFile(key, f.id, f.content) })
    }
    key.fill(0)
  }

  for (const t of triggers) await trx.raw(t.sql)
  return incidents.length
}
