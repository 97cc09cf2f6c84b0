import type { Knex } from 'knex'
import { lookupFor } from '../vault/vault'
import { slotDigest } from '../vault/slot-binding'
import type { UserSlot, VaultData } from '../vault/vault-format'
import type { UserRow } from '../users/tables'

/** `users.key_slot_id` of a user who has no slot (disabled, or their slot was never written). */
export const NO_SLOT = '-'

type Db = Knex | Knex.Transaction

/** Records in the database which slot a user signs in with (or that they have none). */
export async function listSlot(db: Db, userId: number, slot: UserSlot | null): Promise<void> {
  await db('users')
    .where({ id: userId })
    .update(slot ? { key_slot_id: slot.id, key_slot_digest: slotDigest(slot) } : { key_slot_id: NO_SLOT, key_slot_digest: null })
}

/** True when the database names this slot, with these public fields, as its user's slot. */
export async function isListed(db: Db, slot: UserSlot): Promise<boolean> {
  const row = (await db('users').where({ id: slot.userId }).whereNull('disabled_at').first('key_slot_id', 'key_slot_digest')) as
    | Pick<UserRow, 'key_slot_id' | 'key_slot_digest'>
    | undefined
  return !!row && row.key_slot_id === slot.id && row.key_slot_digest === slotDigest(slot)
}

/** Every slot the register lists, for a check that needs no database call per slot (key rotation). */
export async function listedSlots(db: Db): Promise<(slot: UserSlot) => boolean> {
  const rows = await db('users').whereNull('disabled_at').whereNotNull('key_slot_digest').select('id', 'key_slot_id', 'key_slot_digest')
  const byUser = new Map(rows.map((r) => [r.id, r]))
  return (slot) => {
    const row = byUser.get(slot.userId)
    return !!row && row.key_slot_id === slot.id && row.key_slot_digest === slotDigest(slot)
  }
}

/**
 * The first sign-in with a version that lists slots finds a register whose users have none
 * listed yet: it lists every slot of the vault at once, so a slot edited later can no longer
 * pass. A slot is listed only when it is its user's only slot and its lookup is that user's
 * username; a user whose slot fails that (two slots claim them, or a slot was pointed at another
 * user) is listed as having none, and needs a new password from the business manager.
 */
export async function listSlotsFoundNow(db: Db, vault: VaultData): Promise<void> {
  const unlisted = await db('users').whereNull('key_slot_id').select('id', 'username', 'disabled_at')
  for (const user of unlisted) {
    const claims = vault.slots.filter((s): s is UserSlot => s.kind === 'user' && s.userId === user.id)
    const slot = claims.length === 1 && !user.disabled_at && claims[0]!.lookup === lookupFor(vault.vaultId, user.username) ? claims[0]! : null
    const sharedLookup = slot && vault.slots.some((s) => s.kind === 'user' && s.id !== slot.id && s.lookup === slot.lookup)
    await listSlot(db, user.id, sharedLookup ? null : slot)
  }
}

/** Which slot each user signs in with, as the database says now (to carry over a restore). */
export type Listing = Pick<UserRow, 'id' | 'key_slot_id' | 'key_slot_digest'>[]

export async function readListing(db: Db): Promise<Listing> {
  return (await db('users').select('id', 'key_slot_id', 'key_slot_digest')) as Listing
}

/**
 * A restore over the register keeps the current vault.json (the database restored opens with the
 * current key), so the restored database must list the current slots: whoever changed their
 * password since the backup was made still signs in. Users added since have no row to list.
 */
export async function carryListing(db: Db, listing: Listing): Promise<void> {
  for (const row of listing) {
    await db('users').where({ id: row.id }).update({ key_slot_id: row.key_slot_id, key_slot_digest: row.key_slot_digest })
  }
}
