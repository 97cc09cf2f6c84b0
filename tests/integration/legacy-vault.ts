import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { deriveKek, wrapKey } from '../../electron/core/vault/key-wrap'
import { findUserSlot, openUserSlot } from '../../electron/core/vault/vault'
import { writeVault } from '../../electron/core/vault/vault-file'
import type { UserSlot, VaultData } from '../../electron/core/vault/vault-format'

export function readVaultFile(dir: string, file = 'vault.json'): VaultData {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as VaultData
}

/** The database key, from a user's slot and password (the register must be locked). */
export async function databaseKey(dir: string, username: string, password: string): Promise<Buffer> {
  const search = findUserSlot(readVaultFile(dir), username)
  if (!('found' in search)) throw new Error(`no slot for ${username}`)
  return (await openUserSlot(search.found, password)).dbKey
}

/**
 * Turns a register into what a version from before slot binding wrote: every listed user's slot
 * rewritten with the database key wrapped under the slot id alone and no digest (and, with
 * `withoutSigning`, no signing key: from before signing existed), and no slot listed in the
 * database. `passwords` gives each username's password (the slots are re-wrapped with them).
 */
export async function makeLegacy(dir: string, passwords: Record<string, string>, options: { withoutSigning?: boolean } = {}): Promise<void> {
  const vault = readVaultFile(dir)
  const usernames = Object.keys(passwords)
  const first = usernames[0]!
  const dbKey = await databaseKey(dir, first, passwords[first]!)
  const legacy = new Map<string, UserSlot>()
  for (const username of usernames) {
    const search = findUserSlot(vault, username)
    if (!('found' in search)) throw new Error(`no slot for ${username}`)
    const slot = search.found
    const kek = await deriveKek(passwords[username]!, slot.kdf)
    const old: UserSlot = { ...slot, wrap: wrapKey(kek, dbKey, slot.id) }
    delete old.digest
    delete old.sealed
    // Slots from before binding held no role keys either.
    delete old.keys
    delete old.sealedKeys
    if (options.withoutSigning) delete old.signing
    legacy.set(slot.id, old)
  }
  writeVault(dir, { ...vault, slots: vault.slots.map((s) => legacy.get(s.id) ?? s) })
  const raw = openRaw(join(dir, 'register.db'), dbKey)
  raw.prepare('UPDATE users SET key_slot_id = NULL, key_slot_digest = NULL').run()
  raw.close()
  dbKey.fill(0)
}
