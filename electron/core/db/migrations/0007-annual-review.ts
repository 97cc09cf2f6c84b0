import type { Knex } from 'knex'
import type { Migration } from './index'

/**
 * What the headteacher writes for each year's annual online safety review (the commentary,
 * the priorities for next year, the names for the sign-off page). One row per academic year;
 * the figures themselves are never stored, they are counted from the records each time.
 */
export const annualReview: Migration = {
  name: '0007-annual-review',
  async up(knex: Knex) {
    await knex.schema.createTable('annual_reviews', (t) => {
      t.integer('start_year').primary()
      t.text('commentary').notNullable().defaultTo('')
      t.text('priorities').notNullable().defaultTo('')
      t.text('head_name').notNullable().defaultTo('')
      t.text('chair_name').notNullable().defaultTo('')
      t.text('updated_at').notNullable()
      t.integer('updated_by').notNullable().references('users.id')
      t.text('updated_by_name').notNullable()
    })
  },
}
