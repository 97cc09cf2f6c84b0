import type { Knex } from 'knex'
import type { Migration } from './index'

/**
 * Who is named in a safeguarding record is encrypted in the incident's row, readable only with
 * the safeguarding or ICT role key; retention must still know, without those keys, that a
 * visitor must be kept. A plain flag on the person says so (written whenever an incident naming
 * them is saved, never cleared: earlier versions of the entry still name them).
 */
export const recordHolds: Migration = {
  name: '0014-record-holds',
  async up(knex: Knex) {
    // ADD COLUMN leaves the table in place (no rebuild), so people's child rows are untouched.
    await knex.raw('ALTER TABLE people ADD COLUMN named_in_record INTEGER NOT NULL DEFAULT 0')
  },
}
