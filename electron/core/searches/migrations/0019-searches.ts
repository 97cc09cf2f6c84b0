import type { Knex } from 'knex'
import type { Migration } from '../../db/migrations/index'

/**
 * Searches of pupils and the items taken from them. What a search says and who took part are kept
 * only as sealed fields (`data_key`, `details`, `people`: docs/vault-format.md, "Searches"); the
 * columns left readable are what the dashboard, the office's hand-back and the annual counts need.
 * Neither table lets a row be deleted: these are safeguarding records, kept as the incident log is.
 */
export const searchesTables: Migration = {
  name: '0019-searches',
  async up(knex: Knex) {
    await knex.schema.createTable('searches', (t) => {
      t.increments('id')
      t.text('reference').notNullable().unique()
      t.text('searched_on').notNullable()
      t.text('searched_time')
      t.text('reason').notNullable()
      t.text('power').notNullable()
      t.integer('device_examined').notNullable().defaultTo(0)
      t.integer('content_deleted').notNullable().defaultTo(0)
      t.text('parents_informed_on')
      t.text('dsl_informed_on')
      t.integer('incident_id').references('id').inTable('incidents')
      t.integer('recorded_by').notNullable().references('id').inTable('users')
      t.text('recorded_at').notNullable()
      t.text('data_key').notNullable()
      t.text('details').notNullable()
      t.text('people').notNullable()
      t.index(['searched_on'])
    })
    await knex.schema.createTable('confiscations', (t) => {
      t.increments('id')
      t.integer('search_id').references('id').inTable('searches')
      t.integer('incident_id').references('id').inTable('incidents')
      t.integer('pupil_id').notNullable().references('id').inTable('people')
      t.text('kind').notNullable()
      t.text('description').notNullable()
      t.text('serial')
      t.text('taken_on').notNullable()
      t.text('taken_time')
      t.text('reason').notNullable()
      t.text('held_where').notNullable()
      t.text('held_by').notNullable()
      t.integer('for_collection').notNullable().defaultTo(0)
      t.text('returned_on')
      t.text('returned_to')
      t.integer('returned_by').references('id').inTable('users')
      t.text('police_on')
      t.text('exam_board_told_on')
      t.text('exam_board_told_whom')
      t.integer('recorded_by').notNullable().references('id').inTable('users')
      t.text('recorded_at').notNullable()
      t.text('data_key').notNullable()
      t.text('details').notNullable()
      t.index(['taken_on'])
    })
    for (const table of ['searches', 'confiscations']) {
      await knex.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} are safeguarding records and are never deleted'); END`)
    }
  },
}
