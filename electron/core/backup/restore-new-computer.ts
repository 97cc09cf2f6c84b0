import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { BackupCheck } from '../../../shared/domain/backups'
import { AppError } from '../api/app-error'
import { appendAudit } from '../audit/audit-trail'
import { openDatabase } from '../db/database'
import { dataPaths, holdsRegister } from '../store/paths'
import { findUserSlot, openRecoverySlot, openUserSlot, withSlots, WrongSecretError } from '../vault/vault'
import type { UserSlot, VaultData } from '../vault/vault-format'
import { SlotAlteredError, slotDigest } from '../vault/slot-binding'
import { forgetKeys } from '../vault/role-keys'
import { isListed, listSlot, listSlotsFoundNow } from '../store/slot-listing'
import { fsyncDir, writeVault } from '../vault/vault-file'
import { readBackupFile } from './backup-file'
import { checkBackup } from './backups'
import type { UserRow } from '../users/tables'

/** What opens the backup's copy of the vault: a password valid when it was made, or that time's recovery key. */
export type BackupUnlock = { username: string; password: string } | { recoveryKey: string }

export interface NewComputerRestore extends BackupCheck {
  /** The account whose password opened the backup; null when the recovery key did. */
  openedBy: { username: string; displayName: string } | null
}

/**
 * Rebuilds a register from a backup file alone, into a folder that holds no register (a new
 * computer after the old one died). The backup's header carries a copy of the vault: the
 * password or recovery key must open it, then the database is checked exactly as any restore
 * is (`checkBackup`: whole, this school's, not newer than this app, opens with the key,
 * integrity check) before `register.db` and then `vault.json` are put in place.
 *
 * A marker file makes the placing safe against a crash: until the vault is written, the folder
 * counts as a half-finished set-up, so set-up or this restore can simply run again.
 */
export async function restoreOntoNewComputer(options: {
  dataDir: string
  file: string
  unlock: BackupUnlock
  now?: () => number
}): Promise<NewComputerRestore> {
  const { dataDir, file, unlock } = options
  const now = options.now ?? Date.now
  const paths = dataPaths(dataDir)
  if (holdsRegister(dataDir)) {
    throw new AppError(
      'conflict',
      'This folder already holds a school’s register, so a backup cannot be unpacked into it as if it were empty. ' +
        'Sign in and restore over it instead (the replaced copy is kept), or choose an empty folder.',
    )
  }
  // The header (with the hash of the database part) is checked before any key is tried.
  const header = readBackupFile(file)
  const vault = header.vault
  if (vault.schoolId !== header.schoolId) {
    throw new AppError('validation', 'That backup file is damaged or incomplete, so it cannot be used. Try another backup.', 'file')
  }

  const opened = await openBackupVault(vault, unlock)
  const key = opened.dbKey
  try {
    mkdirSync(dataDir, { recursive: true })
  } catch {
    key.fill(0)
    throw new AppError('not-found', `The data folder ${dataDir} could not be created. Check the path and that you may write there.`)
  }
  const incoming = `${paths.database}.restore-${randomUUID()}`
  try {
    const { check } = checkBackup(file, key, incoming, header.schoolId)

    // The restore goes into the restored trail, written on the copy before it is placed.
    const db = await openDatabase(incoming, key)
    let openedBy: NewComputerRestore['openedBy'] = null
    try {
      let user: UserRow | undefined
      if (opened.slot) {
        user = await db('users').where({ id: opened.slot.userId }).first()
        if (!user || user.disabled_at) {
          throw new AppError('forbidden', 'That account was disabled when the backup was made. Use the business manager’s password or the recovery key of that time.')
        }
        // As at a sign-in: the slot must be the one the backup's register lists for that account.
        await listSlotsFoundNow(db, vault)
        if (!(await isListed(db, opened.slot))) {
          throw new AppError(
            'forbidden',
            'That account’s key in the backup is not the one the backup’s register knows for it (the backup’s key file was changed), so it was not used. Use another account’s password or the recovery key of that time.',
          )
        }
        if (opened.updated && slotDigest(opened.updated) !== slotDigest(opened.slot)) await listSlot(db, user.id, opened.updated)
        openedBy = { username: user.username, displayName: user.display_name }
      }
      await appendAudit(db, {
        userId: user?.id ?? null,
        username: user?.username ?? null,
        action: 'backup.restore',
        detail: `unpacked onto a new computer from the backup made ${header.createdAt}${user ? '' : ', opened with the recovery key'}`,
        at: new Date(now()).toISOString(),
      })
    } finally {
      await db.destroy()
    }

    writeFileSync(paths.setupMarker, `restore ${new Date(now()).toISOString()}`)
    for (const side of ['', '-wal', '-shm']) rmSync(paths.database + side, { force: true })
    renameSync(incoming, paths.database)
    for (const side of ['-wal', '-shm']) if (existsSync(incoming + side)) renameSync(incoming + side, paths.database + side)
    fsyncDir(dataDir)
    writeVault(dataDir, opened.updated ? withSlots(vault, (slots) => slots.map((s) => (s.id === opened.updated!.id ? opened.updated! : s))) : vault)
    rmSync(paths.setupMarker, { force: true })
    fsyncDir(dataDir)
    return { ...check, openedBy }
  } finally {
    key.fill(0)
    for (const side of ['', '-wal', '-shm']) rmSync(incoming + side, { force: true })
  }
}

/**
 * Opens the backup's vault with a password (with the slot that opened, and that slot as a
 * sign-in would write it back: settled after a key rotation) or with the recovery key.
 */
async function openBackupVault(vault: VaultData, unlock: BackupUnlock): Promise<{ dbKey: Buffer; slot: UserSlot | null; updated: UserSlot | null }> {
  if ('recoveryKey' in unlock) {
    try {
      const { dbKey, roleKeys } = await openRecoverySlot(vault, unlock.recoveryKey)
      forgetKeys(roleKeys)
      return { dbKey, slot: null, updated: null }
    } catch (err) {
      if (!(err instanceof WrongSecretError)) throw err
      throw new AppError(
        'validation',
        'That recovery key does not open this backup. Use the recovery key that was valid when the backup was made, and check each group against the printed sheet.',
        'recoveryKey',
      )
    }
  }
  const mismatch = new AppError(
    'validation',
    'That username and password do not open this backup. Use the password the account had when the backup was made, or the recovery key of that time.',
    'password',
  )
  const search = findUserSlot(vault, unlock.username)
  if ('disabled' in search) {
    throw new AppError('forbidden', 'That account was disabled when the backup was made. Use the business manager’s password or the recovery key of that time.')
  }
  if ('unknown' in search) throw mismatch
  try {
    const { dbKey, signingKey, roleKeys, updated } = await openUserSlot(search.found, unlock.password)
    signingKey.privateKeyDer.fill(0)
    forgetKeys(roleKeys)
    return { dbKey, slot: search.found, updated }
  } catch (err) {
    if (!(err instanceof WrongSecretError || err instanceof SlotAlteredError)) throw err
    throw mismatch
  }
}
