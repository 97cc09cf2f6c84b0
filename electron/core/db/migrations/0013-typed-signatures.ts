import type { Knex } from 'knex'
import type { Migration } from './index'

/**
 * Someone who cannot draw a signature agrees on screen by their typed name, witnessed by the
 * signed-in user. A plain ADD COLUMN: knex does not rebuild the table for it, so the agreements'
 * children (visits, corrections) are untouched.
 */
export const typedSignatures: Migration = {
  name: '0013-typed-signatures',
  async up(knex: Knex) {
    await knex.raw('ALTER TABLE agreements ADD COLUMN typed_signature TEXT')
  },
}
