import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { SignedInUser } from '../../../shared/domain/users'
import type { Role } from '../../../shared/domain/roles'
import { AppError } from '../api/app-error'
import type { Logger } from '../api/dispatcher'
import { appendAudit } from '../audit/audit-trail'
import { attemptKey, LoginGuard, RECOVERY_BUCKET } from '../auth/login-guard'
import { runStandInKdf } from '../auth/stand-in-kdf'
import { checkNewPassword } from '../auth/password-policy'
import { openDatabase, type Db } from '../db/database'
import { openRaw } from '../db/sqlcipher'
import { SCRYPT_MIN_N } from '../vault/key-wrap'
import { findUserSlot, makeUserSlot, openRecoverySlot, openUserSlot, withRoleKeys, withSlots, WrongSecretError, type OpenedSlot } from '../vault/vault'
import type { UserSlot, VaultData } from '../vault/vault-format'
import { forgetKeys, KEYS_OF_ROLE, keysForRole, newRoleKey, ROLE_KEY_NAMES, type RoleKeys } from '../vault/role-keys'
import { SlotAlteredError, slotDigest } from '../vault/slot-binding'
import { newSigningKey, privateKeyObject } from '../signing/signing-key'
import { checkedKeys, recordRoleKeys, roleKeyChecks } from './role-key-checks'
import { pendingRotation, promoteNextVault, VAULT_NEXT_FILE } from './key-rotation'
import { isListed, listedSlots, listSlot, listSlotsFoundNow } from './slot-listing'
import { holdsRegister, type DataPaths } from './paths'
import { registerSigningKey } from './audit-writer'
import type { KeySlots } from './key-slots'
import type { OpenRegister } from './open-register'
import type { UserRow } from '../users/tables'
import { setUpRegister, type SetUpInput } from './set-up'

const signInMismatch =
  'That username and password do not match. Check the username and that Caps Lock is off, then try again.'

const slotNotKnown =
  'Your key in the key file (vault.json) is not the one the register knows for your account: the file may have been changed outside the app, so it was not used. ' +
  'Nothing has been opened or changed. Ask the school business manager to reset your password.'

/**
 * The ways into the register: set-up (once), sign-in with a password, and recovery with the
 * recovery key. Each opens a key slot, checks the register knows it, and only then hands the
 * open register its database, key and session; a failed attempt counts towards the wait.
 */
export class Unlock {
  private readonly guard: LoginGuard

  constructor(
    private readonly paths: DataPaths,
    private readonly register: OpenRegister,
    private readonly slots: KeySlots,
    private readonly logger: Logger,
    private readonly now: () => number,
    /** The clock given to the store, if any (the login guard keeps its own default). */
    givenNow: (() => number) | undefined,
  ) {
    this.guard = new LoginGuard(this.paths.dataDir, givenNow)
  }

  /** Set up = a vault exists, or a database does that is not a half-finished set-up. */
  isSetUp(): boolean {
    return holdsRegister(this.paths.dataDir)
  }

  /**
   * A register made before role keys: no slot holds one yet, so the next sign-in by the business
   * manager, headteacher or DSL makes them and encrypts the incident log (a minute on a large
   * register). Read from the key file alone, so the sign-in screen can say so before anyone signs in.
   */
  roleKeysPending(): boolean {
    if (!this.isSetUp()) return false
    try {
      return !this.slots.loadVault().data.slots.some((s) => s.kind === 'user' && (s.keys || s.sealedKeys))
    } catch {
      // A key file that cannot be read is for the sign-in to explain; the status still answers.
      return false
    }
  }

  /** Makes the register (once) and opens it as its business manager; returns the recovery key. */
  setUp(input: SetUpInput): Promise<string> {
    return setUpRegister({ paths: this.paths, register: this.register, slots: this.slots, now: this.now }, input)
  }

  // ---- signing in and out ---------------------------------------------------------------

  async signIn(username: string, password: string): Promise<SignedInUser> {
    const { data: vault } = this.slots.loadVault()
    const bucket = attemptKey(vault.vaultId, username)
    this.refuseWhileWaiting(vault, bucket)
    const search = findUserSlot(vault, username)
    if (!('found' in search)) {
      // The same scrypt work as a wrong password, so the time the answer takes does not say
      // which names have an account.
      await runStandInKdf(vault, username, password)
      if ('disabled' in search) {
        this.guard.recordFailure(vault, bucket, 'disabled-user')
        throw new AppError('forbidden', 'This account has been disabled. Ask the school business manager if you still need to use the register.')
      }
      this.guard.recordFailure(vault, bucket, 'unknown-user')
      throw new AppError('validation', signInMismatch, 'password')
    }
    let opened: OpenedSlot
    try {
      opened = await openUserSlot(search.found, password)
    } catch (err) {
      if (err instanceof SlotAlteredError) {
        this.guard.recordFailure(vault, bucket, 'wrong-password')
        throw new AppError('forbidden', slotNotKnown)
      }
      if (!(err instanceof WrongSecretError)) throw err
      this.guard.recordFailure(vault, bucket, 'wrong-password')
      throw new AppError('validation', signInMismatch, 'password')
    }
    const next = pendingRotation(this.paths.dataDir)
    if (next) return this.finishRotation(next, username, password, search.found, opened, bucket)
    const stronger = await this.strengthened(vault, search.found, username, password, opened)
    return this.openAs(vault, search.found, stronger ? { ...opened, updated: stronger } : opened, 'session.login', bucket)
  }

  /**
   * A slot made before the scrypt floor was raised (or on a slower computer) is made again with
   * this computer's cost once its password is known, at its user's sign-in, holding the same
   * role keys and signing key; openAs saves it and lists it in the register. Null when the slot
   * is already as strong.
   */
  private async strengthened(vault: VaultData, slot: UserSlot, username: string, password: string, opened: OpenedSlot): Promise<UserSlot | null> {
    if (slot.kdf.N >= SCRYPT_MIN_N) return null
    const cost = this.slots.kdfCost
    if (cost.N <= slot.kdf.N) return null
    return makeUserSlot(vault, { userId: slot.userId, username, password, dbKey: opened.dbKey, roleKeys: opened.roleKeys, cost, signingKey: opened.signingKey })
  }

  /**
   * A key rotation stopped part way: the database has either the old key or the new one.
   * Try the current vault's key first; if it no longer opens the database, the re-key
   * happened, so the new vault becomes current.
   */
  private async finishRotation(next: VaultData, username: string, password: string, current: UserSlot, opened: OpenedSlot, bucket: string): Promise<SignedInUser> {
    try {
      const probe = openRaw(this.paths.database, opened.dbKey, { mustExist: true })
      probe.close()
      rmSync(join(this.paths.dataDir, VAULT_NEXT_FILE), { force: true })
      return await this.openAs(this.slots.loadVault().data, current, opened, 'session.login', bucket)
    } catch (err) {
      if (err instanceof AppError && err.kind !== 'internal') throw err
    }
    opened.dbKey.fill(0)
    const slot = findUserSlot(next, username)
    if (!('found' in slot)) throw new AppError('validation', signInMismatch, 'password')
    const fromNext = await openUserSlot(slot.found, password)
    promoteNextVault(this.slots, next)
    return this.openAs(next, slot.found, fromNext, 'session.login', bucket)
  }

  /** Opens the records with the recovery key and gives one account a new password. */
  async recover(recoveryKey: string, username: string, newPassword: string): Promise<SignedInUser> {
    const { data: vault } = this.slots.loadVault()
    this.refuseWhileWaiting(vault, RECOVERY_BUCKET)
    let key: Buffer
    let recoveredKeys: RoleKeys
    try {
      ;({ dbKey: key, roleKeys: recoveredKeys } = await openRecoverySlot(vault, recoveryKey))
    } catch (err) {
      if (!(err instanceof WrongSecretError)) throw err
      this.guard.recordFailure(vault, RECOVERY_BUCKET, 'wrong-recovery-key')
      throw new AppError('validation', 'That recovery key does not open this register. Check each group against the printed sheet and try again.', 'recoveryKey')
    }
    let db: Db
    try {
      db = await this.openExisting(key)
    } catch (err) {
      key.fill(0)
      // A key rotation stopped after re-keying the database: the recovery key of before it no
      // longer opens the records (the new one was never shown), and they are not damaged.
      if (err instanceof AppError && err.kind === 'internal' && pendingRotation(this.paths.dataDir)) {
        throw new AppError(
          'conflict',
          'The register’s key was being changed when the app stopped, so the recovery key from before that change no longer opens it. Nothing has been lost. ' +
            'Sign in with a password first (any user’s password finishes the change); then the business manager can print a new recovery key.',
        )
      }
      throw err
    }
    const user = await db('users').whereRaw('username = ? COLLATE NOCASE', [username]).first()
    if (!user || user.disabled_at) {
      await db.destroy()
      key.fill(0)
      throw new AppError('validation', 'There is no active account with that username. Check the spelling, or use the business manager’s username.', 'username')
    }
    checkNewPassword(newPassword, [user.username, user.display_name])
    // The old signing key was wrapped by the forgotten password: a new one signs from now on;
    // what the old one signed still checks against its public key, kept in the database.
    const signingKey = newSigningKey()
    // The recovery slot holds every role key: the account gets those of its role.
    const roleKeys = keysForRole(recoveredKeys, user.role)
    const slot = await makeUserSlot(vault, { userId: user.id, username: user.username, password: newPassword, dbKey: key, roleKeys, cost: this.slots.kdfCost, signingKey })
    this.slots.saveVault(withSlots(vault, (slots) => [...slots.filter((s) => !(s.kind === 'user' && s.userId === user.id)), slot]))
    await db.transaction(async (trx) => {
      await listSlot(trx, user.id, slot)
      await trx('users').where({ id: user.id }).update({ must_change_password: 0, password_changed_at: new Date(this.now()).toISOString() })
      await appendAudit(trx, { userId: user.id, username: user.username, action: 'session.recover', target: `user:${user.id}`, detail: 'new password set with the recovery key', at: new Date(this.now()).toISOString() })
    })
    await db.destroy()
    return this.openAs(this.slots.loadVault().data, slot, { dbKey: key, signingKey, roleKeys, updated: null }, 'session.login', RECOVERY_BUCKET)
  }

  private refuseWhileWaiting(vault: VaultData, bucket: string): void {
    const wait = this.guard.waitSeconds(vault, bucket)
    if (wait > 0) {
      const when = wait === 1 ? '1 second' : wait < 60 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`
      throw new AppError('locked', `Too many unsuccessful attempts. For safety, please wait ${when} before trying again.`)
    }
  }

  /**
   * Opens the records file, which must already be there: SQLite would otherwise create an empty
   * one, and the sign-in would then report the account as disabled.
   */
  private async openExisting(key: Buffer): Promise<Db> {
    if (!existsSync(this.paths.database)) {
      throw new AppError(
        'not-found',
        'The records file (register.db) is missing from the data folder, so the register cannot be opened. Nothing has been deleted. ' +
          'Put register.db back from a copy of the data folder, or restore a backup with the command line tool, or ask your IT support.',
      )
    }
    return openDatabase(this.paths.database, key)
  }

  /**
   * Opens the database with the key from a slot and signs its user in — once the register has
   * said the slot is theirs: the database lists each user's slot id and the digest of its public
   * fields, so a slot planted in vault.json, one left from an earlier password, or one whose user
   * was edited opens nothing. A slot that needed writing back (sealed after a rotation, from an
   * earlier version, or made stronger) is saved only then.
   */
  private async openAs(vault: VaultData, slot: UserSlot, opened: OpenedSlot, action: string, bucket: string): Promise<SignedInUser> {
    const key = opened.dbKey
    const signingKey = opened.signingKey
    let db: Db
    try {
      db = await this.openExisting(key)
    } catch (err) {
      key.fill(0)
      throw err
    }
    let user: UserRow | undefined
    try {
      user = await db('users').where({ id: slot.userId }).first()
      if (!user || user.disabled_at) {
        throw new AppError('forbidden', 'This account has been disabled. Ask the school business manager if you still need to use the register.')
      }
      await listSlotsFoundNow(db, vault)
      if (!(await isListed(db, slot))) {
        await appendAudit(db, { userId: null, username: null, action: 'session.login', result: 'refused', detail: 'key slot not listed', target: `user:${user.id}`, at: new Date(this.now()).toISOString() })
        throw new AppError('forbidden', slotNotKnown)
      }
    } catch (err) {
      await db.destroy()
      key.fill(0)
      throw err
    }
    let current = slot
    if (opened.updated) {
      const updated = opened.updated
      this.slots.saveVault(withSlots(this.slots.loadVault().data, (slots) => slots.map((s) => (s.id === slot.id ? updated : s))))
      if (slotDigest(updated) !== slotDigest(slot)) await listSlot(db, user.id, updated)
      current = updated
    }
    const checks = await roleKeyChecks(db)
    const { keys: roleKeys, refused } = checkedKeys(opened.roleKeys, checks)
    if (refused.length) this.logger.error(`A key slot held role keys that are not this register's (${refused.join(', ')}): not used`)
    const failures = this.guard.recordSuccess(this.slots.loadVault().data, bucket)
    const at = new Date(this.now()).toISOString()
    let signingKeyId = 0
    const signedIn = user
    await db.transaction(async (trx) => {
      for (const f of failures) {
        await appendAudit(trx, { userId: null, username: null, action: 'session.login', result: 'refused', detail: f.reason, target: null, at: f.at })
      }
      await trx('users').where({ id: signedIn.id }).update({ last_sign_in_at: at })
      await appendAudit(trx, { userId: signedIn.id, username: signedIn.username, action, target: `user:${signedIn.id}`, at })
      signingKeyId = await registerSigningKey(trx, signedIn, signingKey.publicKey, at)
    })
    this.register.begin({
      db,
      key,
      slotId: current.id,
      session: { userId: signedIn.id, username: signedIn.username, displayName: signedIn.display_name, role: signedIn.role, mustChangePassword: !!signedIn.must_change_password },
      signing: { key: signingKey, privateKey: privateKeyObject(signingKey), keyId: signingKeyId },
      roleKeys,
    })
    if (checks.size === 0) await this.makeRoleKeys(opened.roleKeys)
    return this.register.signedInUser!
  }

  /**
   * A register written before role keys: the first business manager, headteacher or DSL to sign
   * in makes them (reusing any their slot already holds from an attempt that stopped), gives each
   * listed slot its role's keys (sealed to it, this user's too), then encrypts in one transaction
   * what the keys protect, and rewrites the file so no page keeps the text it held before. The
   * vault is written first: a stop before the transaction leaves keys nothing uses yet.
   */
  private async makeRoleKeys(fromSlot: RoleKeys): Promise<void> {
    const open = this.register.state()
    if (!KEYS_OF_ROLE[open.session.role].includes('safeguarding')) return
    const keys: RoleKeys = new Map(ROLE_KEY_NAMES.map((name) => [name, Buffer.from(fromSlot.get(name) ?? newRoleKey())]))
    const roles = new Map(((await open.db('users').select('id', 'role')) as { id: number; role: Role }[]).map((u) => [u.id, u.role]))
    const listed = await listedSlots(open.db)
    const { data } = this.slots.loadVault()
    this.slots.saveVault(
      withSlots(data, (slots) =>
        slots.map((s) => {
          if (s.kind !== 'user' || !listed(s)) return s
          const bare: UserSlot = { ...s }
          delete bare.keys
          delete bare.sealedKeys
          return withRoleKeys(bare, KEYS_OF_ROLE[roles.get(s.userId) ?? 'office'], keys)
        }),
      ),
    )
    const at = new Date(this.now()).toISOString()
    await open.db.transaction(async (trx) => {
      await recordRoleKeys(trx, keys, at)
      await this.register.hooks.encryptExisting?.(trx, keys)
      await appendAudit(trx, { userId: open.session.userId, username: open.session.username, action: 'vault.roleKeys', detail: 'role keys made; the incident log and the signing certificate encrypted with them', at })
    })
    // The text the records held before is still in the file's free pages and the write-ahead log.
    await open.db.raw('VACUUM')
    await open.db.raw('PRAGMA wal_checkpoint(TRUNCATE)')
    forgetKeys(open.roleKeys)
    open.roleKeys = keysForRole(keys, open.session.role)
    for (const [name, key] of keys) if (!open.roleKeys.has(name)) key.fill(0)
  }
}
