import type { Knex } from 'knex'
import { ROLES } from '../../../../shared/domain/roles'
import type { Migration } from './index'

/** The school, settings, users and the audit trail: what every later record hangs on. */
export const initial: Migration = {
  name: '0001-initial',
  async up(knex: Knex) {
    await knex.schema.createTable('school', (t) => {
      t.integer('id').primary().checkPositive()
      t.text('school_id').notNullable() // the same id as the vault's, so a backup can be matched to its school
      t.text('name').notNullable()
      t.text('address').notNullable().defaultTo('')
      t.text('urn').notNullable()
      t.text('dsl_name').notNullable()
      t.text('deputy_dsl_names').notNullable().defaultTo('[]') // JSON array
      t.text('online_safety_governor').notNullable().defaultTo('')
      t.text('created_at').notNullable()
      t.text('updated_at').notNullable()
    })
    await knex.raw('CREATE TRIGGER school_single_row BEFORE INSERT ON school WHEN (SELECT count(*) FROM school) > 0 BEGIN SELECT RAISE(ABORT, \'only one school per register\'); END')

    await knex.schema.createTable('settings', (t) => {
      t.text('key').primary()
      t.text('value').notNullable() // JSON
    })

    await knex.schema.createTable('users', (t) => {
      t.increments('id')
      t.text('username').notNullable()
      t.text('display_name').notNullable()
      t.text('role').notNullable().checkIn([...ROLES])
      t.text('disabled_at')
      t.integer('must_change_password').notNullable().defaultTo(0)
      t.text('created_at').notNullable()
      t.integer('created_by').references('users.id')
      t.text('last_sign_in_at')
      t.text('password_changed_at')
    })
    await knex.raw('CREATE UNIQUE INDEX users_username ON users (username COLLATE NOCASE)')

    await knex.schema.createTable('audit_log', (t) => {
      t.integer('id').primary()
      t.text('at').notNullable()
      t.integer('user_id')
      t.text('username')
      t.text('action').notNullable()
      t.text('target')
      t.text('result').notNullable().checkIn(['ok', 'refused', 'failed'])
      t.text('detail')
      t.text('prev_hash').notNullable()
      t.text('hash').notNullable()
    })
    await knex.raw('CREATE INDEX audit_log_at ON audit_log (at)')
    // Append-only: the app never changes or removes an audit entry, and the database refuses to.
    await knex.raw("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END")
    await knex.raw("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END")
  },
}
