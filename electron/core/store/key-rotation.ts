import { randomUUID } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../db/database'
import { openRaw } from '../db/sqlcipher'
import { makeRecoverySlot, newDatabaseKey, rotateVault, withSlots } from '../vault/vault'
import { fsyncDir, parseVault, writeDurably } from '../vault/vault-file'
import type { VaultData } from '../vault/vault-format'
import type { RegisterStore } from './register-store'
import { listedSlots } from './slot-listing'
import type { DataPaths } from './paths'

/** The vault for the new key, written before the database is re-keyed, promoted after. */
export const VAULT_NEXT_FILE = 'vault.next.json'

/**
 * Gives the database a new key. Order matters for a crash at any point: the vault for the new
 * key is saved first (vault.next.json), then a re-keyed copy of the database replaces it, then
 * the new vault replaces the old. A sign-in that finds vault.next.json tries it when the current
 * vault's key no longer opens the database (see Unlock.signIn).
 */
export async function rotateDatabaseKey(store: RegisterStore, password: string): Promise<string> {
  await store.verifyOwnPassword(password)
  const { db, key, slotId } = store.requireOpen()
  const newKey = newDatabaseKey()
  // Only the slots the register lists get the new key: a slot planted in vault.json is dropped.
  const listed = await listedSlots(db)
  const held = store.heldRoleKeys
  const { data: next, recoveryKey } = await rotateVault(store.loadVault().data, { newKey, currentSlotId: slotId, password, roleKeys: held, ownRoleKeys: held, cost: store.kdfCost, listed })
  writeDurably(join(store.paths.dataDir, VAULT_NEXT_FILE), JSON.stringify(next, null, 2))

  // A `PRAGMA rekey` killed half way leaves a file that neither key opens (its rollback journal
  // cannot be replayed), so the live file is never re-keyed in place: a copy is, and then replaces
  // it in one rename. A crash before the rename leaves the old file and key; after, the new ones.
  const live = store.paths.database
  const copy = join(store.paths.dataDir, `.rekey-${randomUUID()}.db`)
  const oldKey = Buffer.from(key)
  await db.raw('PRAGMA wal_checkpoint(TRUNCATE)')
  await db.destroy()
  try {
    copyFileSync(live, copy)
    const raw = openRaw(copy, oldKey, { mustExist: true })
    try {
      // SQLCipher refuses to re-key in WAL mode (docs/stack-notes.md).
      raw.pragma('journal_mode=DELETE')
      raw.pragma(`rekey="x'${newKey.toString('hex')}'"`)
    } finally {
      raw.close()
    }
    renameSync(copy, live)
    fsyncDir(store.paths.dataDir)
  } catch (err) {
    // Nothing was replaced: carry on with the old key, as if the rotation had not been asked for.
    rmSync(copy, { force: true })
    rmSync(join(store.paths.dataDir, VAULT_NEXT_FILE), { force: true })
    store.replaceOpenDatabase(await openDatabase(live, oldKey), oldKey, slotId)
    newKey.fill(0)
    throw err
  }
  oldKey.fill(0)
  const reopened = await openDatabase(live, newKey)

  promoteNextVault(store, next)
  store.replaceOpenDatabase(reopened, newKey, slotId)
  await store.audit({ action: 'vault.rotateKey', detail: 'new database key; other users’ slots sealed until their next sign-in; new recovery key issued' })
  return recoveryKey
}

/** A new recovery key replaces the old one (whose printed sheet stops working). */
export async function replaceRecoveryKey(store: RegisterStore, password: string): Promise<string> {
  await store.verifyOwnPassword(password)
  const { key } = store.requireOpen()
  const { slot, recoveryKey } = await makeRecoverySlot(key, store.heldRoleKeys, store.kdfCost)
  store.saveVault(withSlots(store.loadVault().data, (slots) => [...slots.filter((s) => s.kind !== 'recovery'), slot]))
  await store.audit({ action: 'vault.newRecoveryKey', detail: 'the previous recovery key no longer opens the register' })
  return recoveryKey
}

/** The vault saved by a key rotation that stopped before it finished, if there is one. */
export function pendingRotation(dataDir: string): VaultData | null {
  const file = join(dataDir, VAULT_NEXT_FILE)
  return existsSync(file) ? parseVault(readFileSync(file, 'utf8')) : null
}

/** Makes the new vault current. Written twice so the previous copy also holds the new key. */
export function promoteNextVault(store: { paths: DataPaths; saveVault(data: VaultData): void }, next: VaultData): void {
  store.saveVault(next)
  store.saveVault(next)
  rmSync(join(store.paths.dataDir, VAULT_NEXT_FILE), { force: true })
  fsyncDir(store.paths.dataDir)
}
