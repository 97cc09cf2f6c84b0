import type { Knex } from 'knex'
import type { Migration } from './index'

/**
 * Drafts: what someone has typed into a form and not yet saved, one row per user, form and
 * record, so a lock, the screen hidden or a crash loses nothing. Safeguarding forms' drafts are
 * encrypted with a role key (`sealed_with` names it); the others rely on the database's own
 * encryption, like the records they become.
 */
export const drafts: Migration = {
  name: '0012-drafts',
  async up(knex: Knex) {
    await knex.schema.createTable('drafts', (t) => {
      t.increments('id')
      t.integer('user_id').notNullable().references('users.id')
      t.text('form').notNullable()
      t.text('record_key').notNullable().defaultTo('')
      t.text('sealed_with')
      t.text('content').notNullable()
      t.text('saved_at').notNullable()
      t.unique(['user_id', 'form', 'record_key'])
    })
  },
}
