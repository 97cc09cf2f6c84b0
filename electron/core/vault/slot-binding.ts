import { createHash } from 'node:crypto'
import type { UserSlot } from './vault-format'

/** The public fields of a user slot: what the binding covers (docs/vault-format.md, "Binding a slot"). */
export type SlotPublicFields = Pick<UserSlot, 'id' | 'kind' | 'userId' | 'lookup' | 'box' | 'signing'>

/**
 * sha256 of the slot's public fields in a fixed order, as a JSON array (every value is ASCII:
 * ids, numbers and base64), base64. Any change to who the slot belongs to, how it is found or
 * which public keys it names gives another digest.
 */
export function slotDigest(slot: SlotPublicFields): string {
  const fields = ['online-safety-register/slot', slot.id, slot.kind, slot.userId, slot.lookup, slot.box.publicKey, slot.signing?.publicKey ?? null]
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('base64')
}

/** Thrown when a bound slot's stored digest is not the digest of its fields: it was edited outside the app. */
export class SlotAlteredError extends Error {
  constructor() {
    super('key slot altered')
    this.name = 'SlotAlteredError'
  }
}

/**
 * The additional data the slot's database key is wrapped (or sealed) with: the slot id and the
 * digest of its public fields for a bound slot; the id alone for a slot written before binding.
 */
export function slotAad(slot: UserSlot): string {
  if (slot.digest === undefined) return slot.id
  const digest = slotDigest(slot)
  if (digest !== slot.digest) throw new SlotAlteredError()
  return `${slot.id}:${digest}`
}

/** The additional data for a role key held in a slot (wrapped or sealed): the slot's binding and the key's name. */
export function roleKeyAad(slot: SlotPublicFields, name: string): string {
  return `${slot.id}:${slotDigest(slot)}:${name}`
}
