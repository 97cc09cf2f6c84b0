import type { Knex } from 'knex'
import type { Migration } from '../../db/migrations/index'

export const consentTables: Migration = {
  name: '0018-consent',
  async up(knex: Knex) {
    await knex.schema.createTable('consent_forms', (t) => {
      t.increments('id')
      t.text('version').notNullable()
      t.text('in_force_from').notNullable()
      t.text('recorded_at').notNullable()
      t.integer('recorded_by').notNullable().references('users.id')
    })
    // Append-only: an answer or a withdrawal is a new row; the latest per pupil and purpose holds.
    await knex.schema.createTable('consent_answers', (t) => {
      t.increments('id')
      t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE')
      t.text('purpose').notNullable()
      t.text('answer').notNullable()
      t.text('given_by').notNullable()
      t.text('given_by_name').notNullable()
      t.text('given_on').notNullable()
      t.text('method').notNullable()
      t.integer('form_id').references('consent_forms.id')
      t.text('note')
      t.text('recorded_at').notNullable()
      t.integer('recorded_by').notNullable().references('users.id')
      t.index(['person_id', 'purpose', 'given_on'], 'consent_answers_latest')
    })
  },
}
