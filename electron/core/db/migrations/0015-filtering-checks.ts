import type { Knex } from 'knex'
import { FILTERING_CHECK_NAMES } from '../../../../shared/domain/reviews-and-checks'
import type { Migration } from './index'

/**
 * A filtering check is one the DfE filtering and monitoring standards expect a log of: when, who,
 * what was tested (devices, areas, user groups), the result and the action. Its record needs all
 * of them. The checks every school was given are marked; the business manager marks others.
 */
export const filteringChecks: Migration = {
  name: '0015-filtering-checks',
  async up(knex: Knex) {
    // ADD COLUMN leaves the table in place (no rebuild), so its child rows are untouched.
    await knex.raw('ALTER TABLE check_templates ADD COLUMN filtering INTEGER NOT NULL DEFAULT 0')
    await knex('check_templates').whereIn('name', [...FILTERING_CHECK_NAMES]).update({ filtering: 1 })
  },
}
