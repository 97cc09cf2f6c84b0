import type { Knex } from 'knex'
import type { Migration } from '../../db/migrations/index'

/** Governor oversight: the DSL's meetings with the online safety governor, and the actions followed to done. */
export const governorOversightTables: Migration = {
  name: '0023-governor-oversight',
  async up(knex: Knex) {
    await knex.schema.createTable('oversight_meetings', (t) => {
      t.increments('id')
      t.text('met_on').notNullable().index()
      t.text('governor').notNullable()
      t.text('dsl').notNullable()
      t.text('others').notNullable()
      t.text('notes').notNullable()
      t.text('recorded_at').notNullable()
      t.text('recorded_by_name').notNullable()
    })
    await knex.schema.createTable('oversight_actions', (t) => {
      t.increments('id')
      t.text('source').notNullable()
      t.integer('meeting_id').references('oversight_meetings.id').index()
      t.integer('pack_year')
      t.text('action').notNullable()
      t.text('owner').notNullable()
      t.text('due_on').notNullable().index()
      t.text('done_on')
      t.text('done_note')
      t.text('recorded_at').notNullable()
      t.text('recorded_by_name').notNullable()
    })
  },
}
