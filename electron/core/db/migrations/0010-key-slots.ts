import type { Knex } from 'knex'
import type { Migration } from './index'

/**
 * Which key slot of vault.json each user signs in with: its id and the digest of its public
 * fields (electron/core/vault/slot-binding.ts). A slot the register does not list for its user
 * opens nothing, and a key rotation gives the new key only to listed slots. NULL until the
 * first sign-in with this version lists the slots found then; NO_SLOT for a user without one
 * (disabled, or whose slot was never written).
 */
export const keySlots: Migration = {
  name: '0010-key-slots',
  async up(knex: Knex) {
    // ADD COLUMN leaves the table in place (no rebuild), so the users' child rows are untouched.
    await knex.raw('ALTER TABLE users ADD COLUMN key_slot_id TEXT')
    await knex.raw('ALTER TABLE users ADD COLUMN key_slot_digest TEXT')
  },
}
