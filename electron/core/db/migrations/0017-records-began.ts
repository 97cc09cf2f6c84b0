import type { Knex } from 'knex'
import type { Migration } from './index'

/**
 * The day the school's records began: an incident dated before it is saved only with the reason.
 * A register made before this version starts from its earliest incident, or the day it was set up.
 */
export const recordsBegan: Migration = {
  name: '0017-records-began',
  async up(knex: Knex) {
    // ADD COLUMN leaves the table in place (no rebuild).
    await knex.raw('ALTER TABLE school ADD COLUMN records_began_on TEXT')
    await knex.raw(
      'UPDATE school SET records_began_on = coalesce((SELECT min(occurred_on) FROM incidents), substr(created_at, 1, 10))',
    )
  },
}
