import type { Knex } from 'knex'
import type { Migration } from './index'
import { numberExistingReports } from '../../reports/register-numbers'

/**
 * Each report gets its register number ("2026-0042", reports/register-numbers.ts), printed in its
 * signature block so a reader outside the school can name the entry. Reports already issued are
 * numbered in the order they were entered.
 */
export const reportNumbers: Migration = {
  name: '0016-report-numbers',
  async up(knex: Knex) {
    // ADD COLUMN leaves the table in place (no rebuild).
    await knex.raw('ALTER TABLE reports ADD COLUMN number TEXT')
    await numberExistingReports(knex)
    await knex.raw('CREATE UNIQUE INDEX reports_number ON reports (number)')
  },
}
