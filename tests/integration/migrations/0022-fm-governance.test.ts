import { describe, expect } from 'vitest'
import { migrationTest } from './migration-bench'
import { publicKey, writeIncident, writeStaffAccounts, AT } from './rows-of-the-time'

describe('migration 0022', () => {
  migrationTest('0022-fm-governance', 'adds the filtering and monitoring tables, empty, leaving the incident log as it was', async (bench) => {
    const { db } = bench
    const { manager } = await writeStaffAccounts(db)
    const [keyId] = (await db('signing_keys').insert({ user_id: manager, public_key: publicKey(), created_at: AT })) as number[]
    await writeIncident(db, { reference: 'OS-2026-001', recorder: manager, keyId: keyId!, people: [] })
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added).toEqual(['index fm_alerts_alerted_on_index', 'index fm_alerts_state_index', 'index fm_review_actions_review_id_index', 'index fm_reviews_reviewed_on_index', 'table fm_alerts', 'table fm_review_actions', 'table fm_reviews', 'table fm_roles'])
    expect(schema.removed).toEqual([])
    expect(schema.changed).toEqual([])
    expect(addedRows).toEqual({})
    // An alert can link to an incident written before the migration.
    const incident = (await db('incidents').first('id'))!.id
    await db('fm_alerts').insert({ alerted_on: '2026-11-18', source: 'Monitor', what: 'x', device_or_user: '', state: 'incident', incident_id: incident, recorded_at: AT, recorded_by_name: 'x' })
    expect(await db('fm_alerts').pluck('incident_id')).toEqual([incident])
  })
})
