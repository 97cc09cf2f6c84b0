import { createHash, randomBytes, randomUUID } from 'node:crypto'
import {
  deriveKek,
  KEY_BYTES,
  newBoxKeyPair,
  newKdf,
  openSealed,
  seal,
  unwrapKey,
  wrapKey,
  WrongSecretError,
} from './key-wrap'
import { canonicalRecoveryKey, newRecoveryKey } from './recovery-key'
import { isRoleKeyName, type RoleKeyName, type RoleKeys } from './role-keys'
import { roleKeyAad, slotAad, slotDigest } from './slot-binding'
import type { RecoverySlot, UserSlot, VaultData, Wrapped } from './vault-format'
import { newSigningKey, signingKeyFromDer, type SigningKey } from '../signing/signing-key'

export interface KdfCost {
  N: number
  r: number
  p: number
}

export { WrongSecretError }

export function newDatabaseKey(): Buffer {
  return randomBytes(KEY_BYTES)
}

/** Finds a user's slot without keeping usernames in the clear in the vault file. */
export function lookupFor(vaultId: string, username: string): string {
  return createHash('sha256').update(`${vaultId}:${username.trim().toLowerCase()}`).digest('base64')
}

export async function createVault(input: {
  schoolId: string
  dbKey: Buffer
  manager: { userId: number; username: string; password: string; signingKey?: SigningKey }
  /** Every role key: the business manager holds them all, and so does the recovery slot. */
  roleKeys: RoleKeys
  cost: KdfCost
}): Promise<{ data: VaultData; recoveryKey: string }> {
  const now = new Date().toISOString()
  const vaultId = randomUUID()
  const base: VaultData = {
    format: 'online-safety-register/vault',
    version: 1,
    vaultId,
    schoolId: input.schoolId,
    createdAt: now,
    updatedAt: now,
    slots: [],
    disabledUsers: [],
  }
  const userSlot = await makeUserSlot(base, { ...input.manager, dbKey: input.dbKey, roleKeys: input.roleKeys, cost: input.cost })
  const { slot: recovery, recoveryKey } = await makeRecoverySlot(input.dbKey, input.roleKeys, input.cost)
  return { data: { ...base, slots: [userSlot, recovery] }, recoveryKey }
}

export async function makeUserSlot(
  vault: Pick<VaultData, 'vaultId'>,
  input: {
    userId: number
    username: string
    password: string
    dbKey: Buffer
    /** The role keys the user is to hold (their role's, as far as the maker holds them). */
    roleKeys: RoleKeys
    cost: KdfCost
    /** The user's signing key, kept across a password change; a new one when absent. */
    signingKey?: SigningKey
  },
): Promise<UserSlot> {
  const id = `user-${randomUUID()}`
  const kdf = newKdf(input.cost)
  const kek = await deriveKek(input.password, kdf)
  const box = newBoxKeyPair()
  const signing = input.signingKey ?? newSigningKey()
  const unbound: UserSlot = {
    id,
    kind: 'user',
    userId: input.userId,
    lookup: lookupFor(vault.vaultId, input.username),
    kdf,
    box: { publicKey: box.publicKey, privateKey: wrapKey(kek, box.privateKeyDer, `${id}:box`) },
    signing: { publicKey: signing.publicKey, privateKey: wrapKey(kek, signing.privateKeyDer, `${id}:signing`) },
  }
  const slot = bind(unbound, kek, input.dbKey, input.roleKeys)
  kek.fill(0)
  box.privateKeyDer.fill(0)
  return slot
}

/**
 * The slot with its digest, and the database key and the role keys wrapped under its binding
 * (anything sealed to it is dropped: the caller has opened it and passes it in).
 */
function bind(slot: UserSlot, kek: Buffer, dbKey: Buffer, roleKeys: RoleKeys): UserSlot {
  const digest = slotDigest(slot)
  const bound: UserSlot = { ...slot, digest, wrap: wrapKey(kek, dbKey, `${slot.id}:${digest}`) }
  delete bound.sealed
  delete bound.sealedKeys
  delete bound.keys
  if (roleKeys.size) bound.keys = Object.fromEntries([...roleKeys].map(([name, key]) => [name, wrapKey(kek, key, roleKeyAad(bound, name))]))
  return bound
}

export async function makeRecoverySlot(dbKey: Buffer, roleKeys: RoleKeys, cost: KdfCost): Promise<{ slot: RecoverySlot; recoveryKey: string }> {
  const recoveryKey = newRecoveryKey()
  const kdf = newKdf(cost)
  const kek = await deriveKek(canonicalRecoveryKey(recoveryKey)!, kdf)
  const slot: RecoverySlot = { id: 'recovery', kind: 'recovery', kdf, wrap: wrapKey(kek, dbKey, 'recovery') }
  if (roleKeys.size) slot.keys = Object.fromEntries([...roleKeys].map(([name, key]) => [name, wrapKey(kek, key, `recovery:${name}`)]))
  kek.fill(0)
  return { slot, recoveryKey }
}

export type SlotSearch = { found: UserSlot } | { disabled: true } | { unknown: true }

export function findUserSlot(vault: VaultData, username: string): SlotSearch {
  const lookup = lookupFor(vault.vaultId, username)
  const slot = vault.slots.find((s): s is UserSlot => s.kind === 'user' && s.lookup === lookup)
  if (slot) return { found: slot }
  if (vault.disabledUsers.some((d) => d.lookup === lookup)) return { disabled: true }
  return { unknown: true }
}

export interface OpenedSlot {
  dbKey: Buffer
  signingKey: SigningKey
  /** The role keys the slot holds (wrapped, or sealed to it by the business manager). One that does not open is left out. */
  roleKeys: RoleKeys
  /** The slot as it must be written back, or null when it is already as it should be. */
  updated: UserSlot | null
}

/**
 * Opens a user's slot with their password: the database key, the user's signing key and their
 * role keys. The keys are wrapped with the slot's binding (its id and the digest of its public
 * fields), so a slot whose user, lookup or public keys were edited does not open
 * (`SlotAlteredError` when the stored digest no longer matches, `WrongSecretError` otherwise).
 * A slot that needs writing back comes back as `updated`, for the caller to save: after a key
 * rotation (the new key was sealed to the box key: opened once, then wrapped), after the business
 * manager gave it a role key (sealed the same way), a slot from before signing existed (a new
 * signing key), and a slot from before binding existed (bound now).
 */
export async function openUserSlot(slot: UserSlot, password: string): Promise<OpenedSlot> {
  const aad = slotAad(slot)
  const kek = await deriveKek(password, slot.kdf)
  let boxKey: Buffer | null = null
  const box = () => (boxKey ??= unwrapKey(kek, slot.box.privateKey, `${slot.id}:box`))
  try {
    let dbKey: Buffer
    if (slot.wrap) {
      dbKey = unwrapKey(kek, slot.wrap, aad)
    } else {
      if (!slot.sealed) throw new WrongSecretError()
      dbKey = openSealed(box(), slot.box.publicKey, slot.sealed, aad)
    }
    const roleKeys: RoleKeys = new Map()
    let keysChanged = false
    for (const [name, wrapped] of Object.entries(slot.keys ?? {})) {
      if (!isRoleKeyName(name)) continue
      try {
        roleKeys.set(name, unwrapKey(kek, wrapped, roleKeyAad(slot, name)))
      } catch {
        keysChanged = true // a key that does not open is dropped when the slot is written back
      }
    }
    for (const [name, sealed] of Object.entries(slot.sealedKeys ?? {})) {
      keysChanged = true
      if (!isRoleKeyName(name)) continue
      try {
        roleKeys.set(name, openSealed(box(), slot.box.publicKey, sealed, roleKeyAad(slot, name)))
      } catch {
        // sealed by someone else than the app, or to another slot: never used
      }
    }
    let signingKey: SigningKey
    let next: UserSlot = slot
    if (slot.signing) {
      signingKey = signingKeyFromDer(unwrapKey(kek, slot.signing.privateKey, `${slot.id}:signing`))
    } else {
      signingKey = newSigningKey()
      next = { ...slot, signing: { publicKey: signingKey.publicKey, privateKey: wrapKey(kek, signingKey.privateKeyDer, `${slot.id}:signing`) } }
    }
    const settle = next !== slot || !slot.wrap || slot.digest === undefined || keysChanged
    return { dbKey, signingKey, roleKeys, updated: settle ? bind(next, kek, dbKey, roleKeys) : null }
  } finally {
    kek.fill(0)
    ;(boxKey as Buffer | null)?.fill(0)
  }
}

/** Opens the recovery slot with the recovery key: the database key and every role key it holds. */
export async function openRecoverySlot(vault: VaultData, typedKey: string): Promise<{ dbKey: Buffer; roleKeys: RoleKeys }> {
  const slot = vault.slots.find((s): s is RecoverySlot => s.kind === 'recovery')
  const secret = canonicalRecoveryKey(typedKey)
  if (!slot || !secret) throw new WrongSecretError()
  const kek = await deriveKek(secret, slot.kdf)
  try {
    const dbKey = unwrapKey(kek, slot.wrap, 'recovery')
    const roleKeys: RoleKeys = new Map()
    for (const [name, wrapped] of Object.entries(slot.keys ?? {})) {
      if (isRoleKeyName(name)) roleKeys.set(name, unwrapKey(kek, wrapped, `recovery:${name}`))
    }
    return { dbKey, roleKeys }
  } finally {
    kek.fill(0)
  }
}

export function withSlots(vault: VaultData, change: (slots: VaultData['slots']) => VaultData['slots']): VaultData {
  return { ...vault, slots: change([...vault.slots]), updatedAt: new Date().toISOString() }
}

/**
 * A slot holding exactly the role keys named: the ones it lacks are sealed to its box key (its
 * user opens them at their next sign-in), the others are taken out. For a business manager
 * changing someone's role: they hold the keys but not that person's password.
 */
export function withRoleKeys(slot: UserSlot, names: readonly RoleKeyName[], held: RoleKeys): UserSlot {
  const keep = (name: string) => (names as readonly string[]).includes(name)
  const keys: Record<string, Wrapped> = Object.fromEntries(Object.entries(slot.keys ?? {}).filter(([name]) => keep(name)))
  const sealedKeys: NonNullable<UserSlot['sealedKeys']> = Object.fromEntries(Object.entries(slot.sealedKeys ?? {}).filter(([name]) => keep(name) && !(name in keys)))
  for (const name of names) {
    const key = held.get(name)
    if (key && !(name in keys) && !(name in sealedKeys)) sealedKeys[name] = seal(slot.box.publicKey, key, roleKeyAad(slot, name))
  }
  const next: UserSlot = { ...slot, keys, sealedKeys }
  if (!Object.keys(keys).length) delete next.keys
  if (!Object.keys(sealedKeys).length) delete next.sealedKeys
  return next
}

/**
 * The vault for a new database key: the signed-in user's slot re-wrapped with their password,
 * every other slot the register lists (`listed`: its user is enabled and the database names this
 * slot and its digest) sealed to its box key (opened at their next sign-in), and a new recovery
 * slot with a new recovery key and the role keys. A slot the register does not list — planted in
 * the file, or left from an earlier password — is left out: it is never given the new key.
 */
export async function rotateVault(
  vault: VaultData,
  input: { newKey: Buffer; currentSlotId: string; password: string; roleKeys: RoleKeys; ownRoleKeys: RoleKeys; cost: KdfCost; listed: (slot: UserSlot) => boolean },
): Promise<{ data: VaultData; recoveryKey: string }> {
  const slots: UserSlot[] = []
  for (const slot of vault.slots) {
    if (slot.kind !== 'user') continue
    if (slot.id === input.currentSlotId) {
      const kek = await deriveKek(input.password, slot.kdf)
      slots.push(bind(slot, kek, input.newKey, input.ownRoleKeys))
      kek.fill(0)
    } else if (input.listed(slot)) {
      let aad: string
      try {
        aad = slotAad(slot)
      } catch {
        continue // its stored digest was edited: it could never open again, so it is left out
      }
      const next: UserSlot = { ...slot, sealed: seal(slot.box.publicKey, input.newKey, aad) }
      delete next.wrap
      slots.push(next)
    }
  }
  const { slot: recovery, recoveryKey } = await makeRecoverySlot(input.newKey, input.roleKeys, input.cost)
  return { data: { ...vault, slots: [...slots, recovery], updatedAt: new Date().toISOString() }, recoveryKey }
}
