import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { randomUUID, type KeyObject } from 'node:crypto'
import type { Knex } from 'knex'
import type { SchoolProfile } from '../../../shared/domain/school'
import { DEFAULT_SETTINGS } from '../../../shared/domain/school'
import type { SignedInUser } from '../../../shared/domain/users'
import type { Role } from '../../../shared/domain/roles'
import { AppError } from '../api/app-error'
import type { Logger, Session } from '../api/dispatcher'
import { appendAudit, type AuditEvent } from '../audit/audit-trail'
import { incidentLogHead, signingKeyEvent } from '../audit/chained-facts'
import { attemptKey, LoginGuard, RECOVERY_BUCKET } from '../auth/login-guard'
import { runStandInKdf } from '../auth/stand-in-kdf'
import { checkNewPassword } from '../auth/password-policy'
import { openDatabase, type Db } from '../db/database'
import { calibrateScrypt, SCRYPT_MIN_N } from '../vault/key-wrap'
import {
  createVault,
  findUserSlot,
  lookupFor,
  makeUserSlot,
  newDatabaseKey,
  openRecoverySlot,
  openUserSlot,
  withRoleKeys,
  withSlots,
  WrongSecretError,
  type KdfCost,
  type OpenedSlot,
} from '../vault/vault'
import type { UserSlot, VaultData } from '../vault/vault-format'
import { forgetKeys, KEYS_OF_ROLE, keysForRole, newRoleKey, ROLE_KEY_NAMES, type RoleKeyName, type RoleKeys } from '../vault/role-keys'
import { checkedKeys, recordRoleKeys, roleKeyChecks } from './role-key-checks'
import { readVault, writeVault } from '../vault/vault-file'
import { openRaw } from '../db/sqlcipher'
import { join } from 'node:path'
import { pendingRotation, promoteNextVault, VAULT_NEXT_FILE } from './key-rotation'
import { isListed, listedSlots, listSlot, listSlotsFoundNow } from './slot-listing'
import { SlotAlteredError, slotDigest } from '../vault/slot-binding'
import { dataPaths, holdsRegister, type DataPaths } from './paths'
import { checkRecordsBegan } from '../school/school'
import { newSigningKey, privateKeyObject, signBytes, type SigningKey } from '../signing/signing-key'
import { ukDay } from '../../../shared/dates/uk-time'

export interface StoreOptions {
  dataDir: string
  logger: Logger
  /** scrypt cost for new key slots; calibrated to this machine when not given. */
  kdfCost?: KdfCost
  now?: () => number
}

interface OpenState {
  db: Db
  key: Buffer
  session: Session & { mustChangePassword: boolean }
  slotId: string
  lastActivity: number
  /** The signed-in user's signing key (from their slot) and its row in `signing_keys`. */
  signing: { key: SigningKey; privateKey: KeyObject; keyId: number }
  /** The role keys the user's slot holds, each checked against the register. */
  roleKeys: RoleKeys
  /** Keys opened with a role key during this session (an incident's data key): forgotten at lock. */
  keyCache: Map<string, Buffer>
  /** What a feature opened with those keys and keeps while the register is open (the log's words, for its search). */
  opened: Map<string, Map<unknown, unknown>>
}

const signInMismatch =
  'That username and password do not match. Check the username and that Caps Lock is off, then try again.'

const slotNotKnown =
  'Your key in the key file (vault.json) is not the one the register knows for your account: the file may have been changed outside the app, so it was not used. ' +
  'Nothing has been opened or changed. Ask the school business manager to reset your password.'

/** Things that must happen around locking (backups), registered by the core. */
export interface LockHooks {
  /** Runs with the database still open, after the session is gone. */
  beforeClose?: (db: Db, reason: string) => Promise<void>
  /**
   * The register's role keys were just made, for a register whose records were written before
   * them: encrypt what they protect, in the same transaction (the incident log, the certificate).
   */
  encryptExisting?: (trx: Knex.Transaction, keys: RoleKeys) => Promise<void>
}

/**
 * The encrypted store: owns the vault, the open database, the database key and who is signed
 * in. While locked it holds no key and no open database; unlocking needs a password (or the
 * recovery key), and locking forgets the key again.
 */
export class RegisterStore {
  readonly paths: DataPaths
  private open: OpenState | null = null
  private readonly guard: LoginGuard
  /** The store's clock: the computer's, or the one a test or the bench injects. */
  readonly now: () => number
  private readonly logger: Logger
  private readonly cost: () => KdfCost
  hooks: LockHooks = {}

  constructor(options: StoreOptions) {
    this.paths = dataPaths(options.dataDir)
    mkdirSync(this.paths.dataDir, { recursive: true })
    this.guard = new LoginGuard(this.paths.dataDir, options.now)
    this.now = options.now ?? Date.now
    this.logger = options.logger
    this.cost = () => options.kdfCost ?? calibrateScrypt()
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
      return !this.loadVault().data.slots.some((s) => s.kind === 'user' && (s.keys || s.sealedKeys))
    } catch {
      // A key file that cannot be read is for the sign-in to explain; the status still answers.
      return false
    }
  }

  get session(): Session | null {
    return this.open?.session ?? null
  }

  get signedInUser(): SignedInUser | null {
    const s = this.open?.session
    return s ? { id: s.userId, username: s.username, displayName: s.displayName, role: s.role, mustChangePassword: s.mustChangePassword } : null
  }

  /** The open database and who is using it; throws "locked" when closed. */
  requireOpen(): { db: Db; session: Session; key: Buffer; slotId: string; roleKeys: RoleKeys; keyCache: Map<string, Buffer>; opened: Map<string, Map<unknown, unknown>> } {
    if (!this.open) throw new AppError('locked', 'The register is locked. Please sign in again.')
    return this.open
  }

  touch(): void {
    if (this.open) this.open.lastActivity = this.now()
  }

  /** True when the register was open and has been idle too long (the caller then locks it). */
  async isIdleFor(minutes: () => Promise<number>): Promise<boolean> {
    if (!this.open) return false
    return this.now() - this.open.lastActivity > (await minutes()) * 60_000
  }

  // ---- set-up -------------------------------------------------------------------------

  async setUp(input: {
    school: SchoolProfile
    manager: { username: string; displayName: string; password: string }
    /** The day the school's records began; the day of set-up when not given. */
    recordsBeganOn?: string | undefined
  }): Promise<string> {
    if (this.isSetUp()) {
      throw new AppError('conflict', 'This computer already holds a school’s register. Sign in instead; set-up runs only once.')
    }
    if (input.recordsBeganOn !== undefined) checkRecordsBegan(input.recordsBeganOn, this.now(), 'recordsBeganOn')
    checkNewPassword(input.manager.password, [input.manager.username, input.manager.displayName, input.school.name], 'manager.password')

    // A previous set-up that stopped half way left a database and no vault: start again.
    rmSync(this.paths.database, { force: true })
    rmSync(`${this.paths.database}-wal`, { force: true })
    rmSync(`${this.paths.database}-shm`, { force: true })
    writeFileSync(this.paths.setupMarker, new Date(this.now()).toISOString())

    const key = newDatabaseKey()
    const signingKey = newSigningKey()
    const roleKeys: RoleKeys = new Map(ROLE_KEY_NAMES.map((name) => [name, newRoleKey()]))
    const schoolId = randomUUID()
    const at = new Date(this.now()).toISOString()
    const db = await openDatabase(this.paths.database, key)
    let userId = 0
    let signingKeyId = 0
    try {
      await db.transaction(async (trx) => {
        await trx('school').insert({
          id: 1,
          school_id: schoolId,
          name: input.school.name,
          address: input.school.address,
          urn: input.school.urn,
          dsl_name: input.school.dslName,
          deputy_dsl_names: JSON.stringify(input.school.deputyDslNames),
          online_safety_governor: input.school.onlineSafetyGovernor,
          // Unless the school says its records go further back (here, or later in Settings).
          records_began_on: input.recordsBeganOn ?? ukDay(this.now()),
          created_at: at,
          updated_at: at,
        })
        await trx('settings').insert({ key: 'app', value: JSON.stringify(DEFAULT_SETTINGS) })
        const [id] = await trx('users').insert({
          username: input.manager.username,
          display_name: input.manager.displayName,
          role: 'manager',
          must_change_password: 0,
          created_at: at,
          password_changed_at: at,
          last_sign_in_at: at,
        })
        userId = Number(id)
        await recordRoleKeys(trx, roleKeys, at)
        // The schema's standard checks were stamped by the computer's own clock; the register starts on the store's.
        await startDefaultsOn(trx, at)
        await appendAudit(trx, { userId, username: input.manager.username, action: 'setup.create', target: 'school', at })
        await appendAudit(trx, { userId, username: input.manager.username, action: 'user.create', target: `user:${userId}`, detail: 'role manager', at })
        signingKeyId = await registerSigningKey(trx, { id: userId, username: input.manager.username }, signingKey.publicKey, at)
      })
      const { data, recoveryKey } = await createVault({
        schoolId,
        dbKey: key,
        manager: { userId, username: input.manager.username, password: input.manager.password, signingKey },
        roleKeys,
        cost: this.cost(),
      })
      const slot = data.slots.find((s): s is UserSlot => s.kind === 'user')!
      await listSlot(db, userId, slot)
      writeVault(this.paths.dataDir, data)
      rmSync(this.paths.setupMarker, { force: true })
      this.open = {
        db,
        key,
        slotId: slot.id,
        lastActivity: this.now(),
        session: { userId, username: input.manager.username, displayName: input.manager.displayName, role: 'manager', mustChangePassword: false },
        signing: { key: signingKey, privateKey: privateKeyObject(signingKey), keyId: signingKeyId },
        roleKeys,
        keyCache: new Map(),
        opened: new Map(),
      }
      return recoveryKey
    } catch (err) {
      await db.destroy()
      key.fill(0)
      forgetKeys(roleKeys)
      throw err
    }
  }

  // ---- signing in and out ---------------------------------------------------------------

  async signIn(username: string, password: string): Promise<SignedInUser> {
    const { data: vault } = this.loadVault()
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
    const cost = this.cost()
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
      return await this.openAs(this.loadVault().data, current, opened, 'session.login', bucket)
    } catch (err) {
      if (err instanceof AppError && err.kind !== 'internal') throw err
    }
    opened.dbKey.fill(0)
    const slot = findUserSlot(next, username)
    if (!('found' in slot)) throw new AppError('validation', signInMismatch, 'password')
    const fromNext = await openUserSlot(slot.found, password)
    promoteNextVault(this, next)
    return this.openAs(next, slot.found, fromNext, 'session.login', bucket)
  }

  /** Opens the records with the recovery key and gives one account a new password. */
  async recover(recoveryKey: string, username: string, newPassword: string): Promise<SignedInUser> {
    const { data: vault } = this.loadVault()
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
    const user = (await db('users').whereRaw('username = ? COLLATE NOCASE', [username]).first()) as UserRow | undefined
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
    const slot = await makeUserSlot(vault, { userId: user.id, username: user.username, password: newPassword, dbKey: key, roleKeys, cost: this.cost(), signingKey })
    this.saveVault(withSlots(vault, (slots) => [...slots.filter((s) => !(s.kind === 'user' && s.userId === user.id)), slot]))
    await db.transaction(async (trx) => {
      await listSlot(trx, user.id, slot)
      await trx('users').where({ id: user.id }).update({ must_change_password: 0, password_changed_at: new Date(this.now()).toISOString() })
      await appendAudit(trx, { userId: user.id, username: user.username, action: 'session.recover', target: `user:${user.id}`, detail: 'new password set with the recovery key', at: new Date(this.now()).toISOString() })
    })
    await db.destroy()
    return this.openAs(this.loadVault().data, slot, { dbKey: key, signingKey, roleKeys, updated: null }, 'session.login', RECOVERY_BUCKET)
  }

  async lock(reason: 'user' | 'idle' | 'quit' | 'restore' | 'rekey' = 'user'): Promise<void> {
    const open = this.open
    if (!open) return
    this.open = null
    try {
      await appendAudit(open.db, { at: new Date(this.now()).toISOString(), userId: open.session.userId, username: open.session.username, action: 'session.lock', detail: reason })
      await this.hooks.beforeClose?.(open.db, reason)
    } catch (err) {
      this.logger.error('Could not finish locking tasks', err)
    } finally {
      await open.db.destroy()
      open.key.fill(0)
      open.signing.key.privateKeyDer.fill(0)
      forgetKeys(open.roleKeys)
      for (const k of open.keyCache.values()) k.fill(0)
      open.keyCache.clear()
      open.opened.clear()
    }
  }

  // ---- changes, always with their audit entry --------------------------------------------

  /** Runs a change and its audit entry in one transaction, as the signed-in user. */
  async change<T>(event: Omit<AuditEvent, 'userId' | 'username'>, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const { db, session } = this.requireOpen()
    return db.transaction(async (trx) => {
      const result = await work(trx)
      await appendAudit(trx, { at: new Date(this.now()).toISOString(), ...event, userId: session.userId, username: session.username })
      return result
    })
  }

  /**
   * One transaction that is several actions (a class's agreements recorded together): each event
   * is its own audit entry, all written with the work or not at all.
   */
  async changeEach<T>(events: Omit<AuditEvent, 'userId' | 'username'>[], work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const { db, session } = this.requireOpen()
    return db.transaction(async (trx) => {
      const result = await work(trx)
      const at = new Date(this.now()).toISOString()
      for (const event of events) await appendAudit(trx, { at, ...event, userId: session.userId, username: session.username })
      return result
    })
  }

  /**
   * Signs bytes as the signed-in user (their Ed25519 key, opened with their password at
   * sign-in); returns the signature and the `signing_keys` row that checks it.
   */
  sign(bytes: Buffer): { keyId: number; signature: string } {
    const { signing } = this.requireSigner()
    return { keyId: signing.keyId, signature: signBytes(signing.privateKey, bytes) }
  }

  /**
   * Another user's signing identity, opened with their password, for the demo: its history is
   * recorded by the staff who would have recorded it, each signing with their own key (entered
   * in the audit chain now, as at a sign-in). Null when the password does not open their slot.
   * The signed-in session is not changed.
   */
  async signerOf(username: string, password: string): Promise<{ session: Session; keyId: number; sign(bytes: Buffer): { keyId: number; signature: string } } | null> {
    const { db } = this.requireOpen()
    const search = findUserSlot(this.loadVault().data, username)
    if (!('found' in search)) return null
    let opened: OpenedSlot
    try {
      opened = await openUserSlot(search.found, password)
    } catch (err) {
      if (err instanceof WrongSecretError || err instanceof SlotAlteredError) return null
      throw err
    }
    opened.dbKey.fill(0)
    forgetKeys(opened.roleKeys)
    const user = (await db('users').where({ id: search.found.userId }).first()) as UserRow | undefined
    if (!user || user.disabled_at) return null
    const at = new Date(this.now()).toISOString()
    const keyId = await db.transaction((trx) => registerSigningKey(trx, user, opened.signingKey.publicKey, at))
    const privateKey = privateKeyObject(opened.signingKey)
    return {
      session: { userId: user.id, username: user.username, displayName: user.display_name, role: user.role },
      keyId,
      sign: (bytes) => ({ keyId, signature: signBytes(privateKey, bytes) }),
    }
  }

  /** The `signing_keys` row of the signed-in user's key: part of what a signed record covers. */
  get signingKeyId(): number {
    return this.requireSigner().signing.keyId
  }

  private requireSigner(): OpenState {
    if (!this.open) throw new AppError('locked', 'The register is locked. Please sign in again.')
    return this.open
  }

  async audit(event: Omit<AuditEvent, 'userId' | 'username'>): Promise<void> {
    const { db, session } = this.requireOpen()
    await appendAudit(db, { at: new Date(this.now()).toISOString(), ...event, userId: session.userId, username: session.username })
  }

  // ---- key slots -------------------------------------------------------------------------

  loadVault(): { data: VaultData; fromPreviousCopy: boolean } {
    const loaded = readVault(this.paths.dataDir)
    if (loaded.fromPreviousCopy) this.logger.error('vault.json was missing or damaged: the previous copy was used')
    return loaded
  }

  saveVault(data: VaultData): void {
    writeVault(this.paths.dataDir, data)
  }

  /**
   * A new slot for a user with a new password, replacing any they had (and any disabled mark),
   * and listed in the database as theirs. The slot is written first: if the listing then fails,
   * the slot opens nothing and "Reset password" finishes the job.
   */
  async setUserPassword(user: { id: number; username: string; role: Role }, password: string): Promise<void> {
    const { key, db } = this.requireOpen()
    const { data } = this.loadVault()
    const self = this.open!.session.userId === user.id
    // Changing one's own password keeps one's signing key and role keys; a reset by the business
    // manager cannot keep the signing key (it was wrapped by a password nobody else knows), so a
    // new one is made, and gives the role's keys from the manager's own.
    const own = self ? this.open!.signing.key : undefined
    const roleKeys = self ? this.open!.roleKeys : keysForRole(this.open!.roleKeys, user.role)
    const slot = await makeUserSlot(data, { userId: user.id, username: user.username, password, dbKey: key, roleKeys, cost: this.cost(), signingKey: own })
    this.saveVault({
      ...withSlots(data, (slots) => [...slots.filter((s) => !(s.kind === 'user' && s.userId === user.id)), slot]),
      disabledUsers: data.disabledUsers.filter((d) => d.userId !== user.id),
    })
    await listSlot(db, user.id, slot)
    if (this.open && this.open.session.userId === user.id) this.open.slotId = slot.id
  }

  /**
   * Removes a user's slot, so their password no longer opens the key, and marks them disabled:
   * from vault.json and from its previous copy (written twice, so the copy kept for a damaged
   * file holds no slot of theirs either). Backups made before keep the vault of their day.
   */
  async disableUserSlot(user: { id: number; username: string }): Promise<void> {
    const { db } = this.requireOpen()
    const { data } = this.loadVault()
    const next = {
      ...withSlots(data, (slots) => slots.filter((s) => !(s.kind === 'user' && s.userId === user.id))),
      disabledUsers: [...data.disabledUsers.filter((d) => d.userId !== user.id), { userId: user.id, lookup: lookupFor(data.vaultId, user.username) }],
    }
    this.saveVault(next)
    this.saveVault(next)
    await listSlot(db, user.id, null)
  }

  /**
   * Drops the slots the database does not list (after a restore: the accounts added since the
   * backup was made, whose ids the restored register may give to someone new).
   */
  async dropUnlistedSlots(db: Db): Promise<void> {
    const listed = await listedSlots(db)
    const { data } = this.loadVault()
    if (data.slots.every((s) => s.kind !== 'user' || listed(s))) return
    this.saveVault(withSlots(data, (slots) => slots.filter((s) => s.kind !== 'user' || listed(s))))
  }

  /**
   * Makes a user's slot hold exactly their role's keys: the ones it lacks are sealed to it from
   * the signed-in business manager's own (opened at the user's next sign-in), the others taken
   * out. Only a slot the register lists is touched.
   */
  async giveRoleKeys(user: { id: number; role: Role }): Promise<void> {
    const { db } = this.requireOpen()
    const { data } = this.loadVault()
    const listed = await listedSlots(db)
    const names = KEYS_OF_ROLE[user.role]
    let changed = false
    const next = withSlots(data, (slots) =>
      slots.map((s) => {
        if (s.kind !== 'user' || s.userId !== user.id || !listed(s)) return s
        const next = withRoleKeys(s, names, this.open!.roleKeys)
        if (JSON.stringify(next) !== JSON.stringify(s)) changed = true
        return next
      }),
    )
    if (changed) this.saveVault(next)
    if (this.open!.session.userId === user.id) {
      for (const name of [...this.open!.roleKeys.keys()]) {
        if (!names.includes(name)) {
          this.open!.roleKeys.get(name)!.fill(0)
          this.open!.roleKeys.delete(name)
        }
      }
    }
  }

  /** One of the signed-in user's role keys, or null when their slot does not hold it. */
  roleKey(name: RoleKeyName): Buffer | null {
    return this.requireOpen().roleKeys.get(name) ?? null
  }

  /** The signed-in user's role keys (for a new recovery slot: the business manager holds them all). */
  get heldRoleKeys(): RoleKeys {
    return this.requireOpen().roleKeys
  }

  /** A key opened during this session (an incident's data key), forgotten at lock. */
  cachedKey(name: string, open: () => Buffer): Buffer {
    const { keyCache } = this.requireOpen()
    let key = keyCache.get(name)
    if (!key) {
      key = open()
      keyCache.set(name, key)
    }
    return key
  }

  /**
   * A map a feature keeps what it opened in, for as long as the register stays open (the incident
   * log's words, so that a search does not open every entry again): emptied when it locks.
   */
  openedMap<K, V>(name: string): Map<K, V> {
    const { opened } = this.requireOpen()
    let map = opened.get(name)
    if (!map) {
      map = new Map()
      opened.set(name, map)
    }
    return map as Map<K, V>
  }

  forgetCachedKey(name: string): void {
    const { keyCache } = this.requireOpen()
    keyCache.get(name)?.fill(0)
    keyCache.delete(name)
  }

  enableUserSlot(userId: number): void {
    const { data } = this.loadVault()
    this.saveVault({ ...data, disabledUsers: data.disabledUsers.filter((d) => d.userId !== userId), updatedAt: new Date(this.now()).toISOString() })
  }

  /** Checks the signed-in user's own password against their slot. */
  async verifyOwnPassword(password: string, field = 'password'): Promise<void> {
    const { slotId } = this.requireOpen()
    const slot = this.loadVault().data.slots.find((s): s is UserSlot => s.id === slotId)
    try {
      if (!slot) throw new WrongSecretError()
      const { dbKey, roleKeys, signingKey } = await openUserSlot(slot, password)
      dbKey.fill(0)
      signingKey.privateKeyDer.fill(0)
      forgetKeys(roleKeys)
    } catch (err) {
      if (!(err instanceof WrongSecretError || err instanceof SlotAlteredError)) throw err
      throw new AppError('validation', 'That is not your current password. Please try again.', field)
    }
  }

  /** Swaps in a new database handle and key (after a key rotation or a restore). */
  replaceOpenDatabase(db: Db, key: Buffer, slotId: string): void {
    if (!this.open) throw new AppError('locked', 'The register is locked. Please sign in again.')
    this.open.key.fill(0)
    this.open = { ...this.open, db, key, slotId }
  }

  refreshSessionFlags(mustChangePassword: boolean, displayName?: string, role?: Role): void {
    if (!this.open) return
    this.open.session = {
      ...this.open.session,
      mustChangePassword,
      ...(displayName ? { displayName } : {}),
      ...(role ? { role } : {}),
    }
  }

  get kdfCost(): KdfCost {
    return this.cost()
  }

  // ---- internals -------------------------------------------------------------------------

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
      user = (await db('users').where({ id: slot.userId }).first()) as UserRow | undefined
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
      this.saveVault(withSlots(this.loadVault().data, (slots) => slots.map((s) => (s.id === slot.id ? updated : s))))
      if (slotDigest(updated) !== slotDigest(slot)) await listSlot(db, user.id, updated)
      current = updated
    }
    const checks = await roleKeyChecks(db)
    const { keys: roleKeys, refused } = checkedKeys(opened.roleKeys, checks)
    if (refused.length) this.logger.error(`A key slot held role keys that are not this register's (${refused.join(', ')}): not used`)
    const failures = this.guard.recordSuccess(this.loadVault().data, bucket)
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
    this.open = {
      db,
      key,
      slotId: current.id,
      lastActivity: this.now(),
      session: { userId: signedIn.id, username: signedIn.username, displayName: signedIn.display_name, role: signedIn.role, mustChangePassword: !!signedIn.must_change_password },
      signing: { key: signingKey, privateKey: privateKeyObject(signingKey), keyId: signingKeyId },
      roleKeys,
      keyCache: new Map(),
      opened: new Map(),
    }
    if (checks.size === 0) await this.makeRoleKeys(opened.roleKeys)
    return this.signedInUser!
  }

  /**
   * A register written before role keys: the first business manager, headteacher or DSL to sign
   * in makes them (reusing any their slot already holds from an attempt that stopped), gives each
   * listed slot its role's keys (sealed to it, this user's too), then encrypts in one transaction
   * what the keys protect, and rewrites the file so no page keeps the text it held before. The
   * vault is written first: a stop before the transaction leaves keys nothing uses yet.
   */
  private async makeRoleKeys(fromSlot: RoleKeys): Promise<void> {
    const open = this.open!
    if (!KEYS_OF_ROLE[open.session.role].includes('safeguarding')) return
    const keys: RoleKeys = new Map(ROLE_KEY_NAMES.map((name) => [name, Buffer.from(fromSlot.get(name) ?? newRoleKey())]))
    const roles = new Map(((await open.db('users').select('id', 'role')) as { id: number; role: Role }[]).map((u) => [u.id, u.role]))
    const listed = await listedSlots(open.db)
    const { data } = this.loadVault()
    this.saveVault(
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
      await this.hooks.encryptExisting?.(trx, keys)
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

export interface UserRow {
  id: number
  username: string
  display_name: string
  role: Role
  disabled_at: string | null
  must_change_password: number
  /** The slot of vault.json this user signs in with (slot-listing.ts); NO_SLOT when none, NULL before the first listing. */
  key_slot_id: string | null
  key_slot_digest: string | null
  created_at: string
  created_by: number | null
  last_sign_in_at: string | null
  password_changed_at: string | null
}

/**
 * Records a user's public signing key (once): signatures name the row, so a key replaced after
 * a password reset still checks what it signed. The key is also entered in the audit chain, with
 * the incident log's length at that moment: a key the chain does not know, or records numbered
 * before it came, fail verification (audit/chained-facts.ts).
 */
async function registerSigningKey(trx: Knex.Transaction, user: { id: number; username: string }, publicKey: string, at: string): Promise<number> {
  const known = (await trx('signing_keys').where({ user_id: user.id, public_key: publicKey }).first('id')) as { id: number } | undefined
  if (known) return known.id
  const [id] = await trx('signing_keys').insert({ user_id: user.id, public_key: publicKey, created_at: at })
  const after = await incidentLogHead(trx)
  await appendAudit(trx, { userId: user.id, username: user.username, at, ...signingKeyEvent({ id: Number(id), userId: user.id, publicKey, after }) })
  return Number(id)
}

/**
 * A new register's standard checks and incident categories start on set-up day as the store's
 * clock sees it (the migration that creates them has no clock of its own), so every due date
 * follows from the same "today" as everything else.
 */
async function startDefaultsOn(trx: Knex.Transaction, at: string): Promise<void> {
  await trx('check_rhythms').update({ from_on: ukDay(at) })
  await trx('check_templates').update({ created_at: at, updated_at: at })
  await trx('incident_categories').update({ created_at: at })
}
