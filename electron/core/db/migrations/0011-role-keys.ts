import type { Knex } from 'knex'
import type { Migration } from './index'

/**
 * Role keys (electron/core/vault/role-keys.ts): the register keeps a check value for each key
 * (never the key: keys live in the users' slots), and each incident gets its own data key,
 * wrapped with the role key of its category (`data_key`), which encrypts its records and its
 * current-state columns. Who was involved moves from its own table into the incident's row
 * (`people`), where it can be encrypted with the rest. Encrypting what a register already holds
 * needs the keys, so it happens at the first sign-in of a key holder (store/unlock.ts, makeRoleKeys).
 */
export const roleKeys: Migration = {
  name: '0011-role-keys',
  async up(knex: Knex) {
    await knex.schema.createTable('role_keys', (t) => {
      t.text('name').primary()
      t.text('check_value').notNullable()
      t.text('created_at').notNullable()
    })
    await knex.raw("CREATE TRIGGER role_keys_no_update BEFORE UPDATE ON role_keys BEGIN SELECT RAISE(ABORT, 'role keys are never changed'); END")
    // ADD COLUMN leaves the table in place (no rebuild), so its child rows are untouched.
    await knex.raw('ALTER TABLE incidents ADD COLUMN data_key TEXT')
    await knex.raw('ALTER TABLE incidents ADD COLUMN people TEXT')
    const rows = (await knex('incident_people').orderBy(['incident_id', 'person_id', 'part']).select('incident_id', 'person_id', 'part')) as { incident_id: number; person_id: number; part: string }[]
    const byIncident = new Map<number, { personId: number; part: string }[]>()
    for (const r of rows) byIncident.set(r.incident_id, [...(byIncident.get(r.incident_id) ?? []), { personId: r.person_id, part: r.part }])
    for (const [id, people] of byIncident) await knex('incidents').where({ id }).update({ people: JSON.stringify(people) })
    await knex('incidents').whereNull('people').update({ people: '[]' })
    await knex.schema.dropTable('incident_people')
  },
}
