import type { Knex } from 'knex'
import type { Migration } from './index'

/** The school's signing certificates and the register of every report issued. */
export const reports: Migration = {
  name: '0002-reports',
  async up(knex: Knex) {
    await knex.schema.createTable('signing_certificates', (t) => {
      t.increments('id')
      t.text('source').notNullable().checkIn(['generated', 'imported'])
      // The private key lives only here, inside the encrypted database.
      t.binary('p12').notNullable()
      t.text('passphrase').notNullable()
      t.text('holder').notNullable()
      t.text('organisation').notNullable()
      t.text('fingerprint').notNullable()
      t.text('not_before').notNullable()
      t.text('not_after').notNullable()
      t.text('created_at').notNullable()
      t.text('retired_at')
    })
    await knex.schema.createTable('reports', (t) => {
      t.increments('id')
      t.text('type').notNullable()
      t.text('title').notNullable()
      t.text('parameters').notNullable() // JSON: the choices it was made with (no passwords)
      t.text('period_from')
      t.text('period_to')
      t.integer('produced_by').notNullable().references('users.id')
      t.text('produced_by_name').notNullable()
      t.text('produced_at').notNullable()
      t.integer('page_count').notNullable()
      t.text('sha256').notNullable()
      t.text('content_sha256').notNullable()
      t.text('certificate_fingerprint').notNullable()
      t.text('file_name').notNullable()
      t.integer('anonymised').notNullable().defaultTo(0)
      t.integer('password_protected').notNullable().defaultTo(0)
    })
    await knex.raw('CREATE INDEX reports_sha256 ON reports (sha256)')
    await knex.raw('CREATE INDEX reports_produced_at ON reports (produced_at)')
  },
}
