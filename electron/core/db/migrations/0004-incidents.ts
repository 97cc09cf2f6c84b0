import type { Knex } from 'knex'
import { DEFAULT_INCIDENT_CATEGORIES, INCIDENT_DEVICES, INCIDENT_PARTS, INCIDENT_STATUSES, PROCEDURE_STEP_KEYS, STEP_STATES } from '../../../../shared/domain/incidents'
import type { Migration } from './index'

const noChange = (table: string, what: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} are never changed'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} are never removed'); END`,
]

/**
 * The incident log. `incident_records` is the official record: every version of an entry,
 * every checklist step, referral and evidence file, append-only, hash-chained and signed by the
 * person who recorded it. The other incident tables are the current state, kept beside it so
 * the log answers quickly; `verify` checks they still agree with the signed records.
 */
export const incidents: Migration = {
  name: '0004-incidents',
  async up(knex: Knex) {
    await knex.schema.createTable('signing_keys', (t) => {
      t.increments('id')
      t.integer('user_id').notNullable().references('users.id')
      t.text('public_key').notNullable()
      t.text('created_at').notNullable()
      t.unique(['user_id', 'public_key'])
    })
    for (const sql of noChange('signing_keys', 'signing keys')) await knex.raw(sql)

    await knex.schema.createTable('incident_categories', (t) => {
      t.increments('id')
      t.text('name').notNullable()
      t.text('steps').notNullable() // JSON list of procedure step keys
      t.integer('no_files').notNullable().defaultTo(0)
      t.integer('ict').notNullable().defaultTo(0)
      t.text('retired_at')
      t.text('created_at').notNullable()
    })
    await knex.raw('CREATE UNIQUE INDEX incident_categories_name ON incident_categories (name COLLATE NOCASE)')
    await knex.raw("CREATE TRIGGER incident_categories_no_delete BEFORE DELETE ON incident_categories BEGIN SELECT RAISE(ABORT, 'categories are retired, not deleted'); END")
    const at = new Date().toISOString()
    await knex('incident_categories').insert(
      DEFAULT_INCIDENT_CATEGORIES.map((c) => ({ name: c.name, steps: JSON.stringify(c.steps), no_files: c.noFiles ? 1 : 0, ict: c.ict ? 1 : 0, created_at: at })),
    )

    await knex.schema.createTable('incidents', (t) => {
      t.increments('id')
      t.text('reference').notNullable().unique()
      t.integer('category_id').notNullable().references('incident_categories.id')
      t.text('status').notNullable().checkIn([...INCIDENT_STATUSES])
      t.text('occurred_on').notNullable()
      t.text('occurred_time')
      t.text('recorded_at').notNullable()
      t.text('changed_at').notNullable()
      t.integer('version').notNullable()
      t.text('place').notNullable()
      t.integer('on_site').notNullable()
      t.text('device').notNullable().checkIn([...INCIDENT_DEVICES])
      t.text('description_start').notNullable()
      // Lower-case text of the current version (description, place, action, outcome, child's words): for the log's search.
      t.text('search_text').notNullable()
      t.integer('steps_pending').notNullable().defaultTo(0)
      t.integer('waiting_for_dsl').notNullable().defaultTo(0)
      t.integer('imported').notNullable().defaultTo(0)
      t.integer('backdated').notNullable().defaultTo(0)
      t.integer('created_by').notNullable().references('users.id')
      t.text('recorded_by_name').notNullable()
    })
    await knex.raw('CREATE INDEX incidents_occurred ON incidents (occurred_on, id)')
    await knex.raw('CREATE INDEX incidents_category ON incidents (category_id, occurred_on)')
    await knex.raw('CREATE INDEX incidents_status ON incidents (status, occurred_on)')
    await knex.raw('CREATE INDEX incidents_waiting ON incidents (waiting_for_dsl) WHERE waiting_for_dsl = 1')
    await knex.raw("CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents BEGIN SELECT RAISE(ABORT, 'incident log entries are never deleted'); END")

    await knex.schema.createTable('incident_records', (t) => {
      t.increments('id')
      t.integer('incident_id').notNullable().references('incidents.id')
      t.text('kind').notNullable().checkIn(['version', 'step', 'referral', 'evidence'])
      t.text('body').notNullable() // the exact JSON that was hashed and signed
      t.text('at').notNullable()
      t.integer('user_id').notNullable().references('users.id')
      t.text('signer_name').notNullable()
      t.integer('key_id').notNullable().references('signing_keys.id')
      t.text('prev_hash').notNullable()
      t.text('hash').notNullable()
      t.text('signature').notNullable()
    })
    await knex.raw('CREATE INDEX incident_records_incident ON incident_records (incident_id, id)')
    for (const sql of noChange('incident_records', 'incident records')) await knex.raw(sql)

    await knex.schema.createTable('incident_people', (t) => {
      t.integer('incident_id').notNullable().references('incidents.id')
      t.integer('person_id').notNullable().references('people.id')
      t.text('part').notNullable().checkIn([...INCIDENT_PARTS])
      t.primary(['incident_id', 'person_id', 'part'])
    })
    await knex.raw('CREATE INDEX incident_people_person ON incident_people (person_id, incident_id)')

    await knex.schema.createTable('incident_steps', (t) => {
      t.integer('incident_id').notNullable().references('incidents.id')
      t.text('step').notNullable().checkIn([...PROCEDURE_STEP_KEYS])
      t.text('state').notNullable().checkIn([...STEP_STATES])
      t.integer('record_id').references('incident_records.id')
      t.primary(['incident_id', 'step'])
    })

    await knex.schema.createTable('incident_referrals', (t) => {
      t.integer('incident_id').notNullable().references('incidents.id')
      t.text('key').notNullable()
      t.text('agency').notNullable()
      t.text('made_on').notNullable()
      t.integer('record_id').notNullable().references('incident_records.id')
      t.primary(['incident_id', 'key'])
    })
    await knex.raw('CREATE INDEX incident_referrals_made ON incident_referrals (made_on)')

    await knex.schema.createTable('incident_files', (t) => {
      t.increments('id')
      t.integer('incident_id').notNullable().references('incidents.id')
      t.integer('record_id').notNullable().references('incident_records.id')
      t.text('sha256').notNullable()
      t.binary('content').notNullable()
    })
    await knex.raw('CREATE INDEX incident_files_incident ON incident_files (incident_id)')
    for (const sql of noChange('incident_files', 'evidence files')) await knex.raw(sql)
  },
}
