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
  withSlots,
  WrongSecretError,
  type KdfCost,
} from '../vault/vault'
import type { UserSlot, VaultData } from '../vault/vault-format'
import { readVault, writeVault } from '../vault/vault-file'
import { openRaw } from '../db/sqlcipher'
import { join } from 'node:path'
import { pendingRotation, promoteNextVault, VAULT_NEXT_FILE } from './key-rotation'
import { dataPaths, holdsRegister, type DataPaths } from './paths'
import { ukDay } from '../people/uk-time'
import { newSigningKey, privateKeyObject, signBytes, type SigningKey } from '../signing/signing-key'

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
}

const signInMismatch =
  'That username and password do not match. Check the username and that Caps Lock is off, then try again.'

/** Things that must happen around locking (backups), registered by the core. */
export interface LockHooks {
  /** Runs with the database still open, after the session is gone. */
  beforeClose?: (db: Db, reason: string) => Promise<void>
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

  get session(): Session | null {
    return this.open?.session ?? null
  }

  get signedInUser(): SignedInUser | null {
    const s = this.open?.session
    return s ? { id: s.userId, username: s.username, displayName: s.displayName, role: s.role, mustChangePassword: s.mustChangePassword } : null
  }

  /** The open database and who is using it; throws "locked" when closed. */
  requireOpen(): { db: Db; session: Session; key: Buffer; slotId: string } {
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
  }): Promise<string> {
    if (this.isSetUp()) {
      throw new AppError('conflict', 'This computer already holds a school’s register. Sign in instead; set-up runs only once.')
    }
    checkNewPassword(input.manager.password, [input.manager.username, input.manager.displayName, input.school.name], 'manager.password')

    // A previous set-up that stopped half way left a database and no vault: start again.
    rmSync(this.paths.database, { force: true })
    rmSync(`${this.paths.database}-wal`, { force: true })
    rmSync(`${this.paths.database}-shm`, { force: true })
    writeFileSync(this.paths.setupMarker, new Date(this.now()).toISOString())

    const key = newDatabaseKey()
    const signingKey = newSigningKey()
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
        cost: this.cost(),
      })
      writeVault(this.paths.dataDir, data)
      rmSync(this.paths.setupMarker, { force: true })
      const slot = data.slots.find((s) => s.kind === 'user')!
      this.open = {
        db,
        key,
        slotId: slot.id,
        lastActivity: this.now(),
        session: { userId, username: input.manager.username, displayName: input.manager.displayName, role: 'manager', mustChangePassword: false },
        signing: { key: signingKey, privateKey: privateKeyObject(signingKey), keyId: signingKeyId },
      }
      return recoveryKey
    } catch (err) {
      await db.destroy()
      key.fill(0)
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
    let opened: Awaited<ReturnType<typeof openUserSlot>>
    try {
      opened = await openUserSlot(search.found, password)
    } catch (err) {
      if (!(err instanceof WrongSecretError)) throw err
      this.guard.recordFailure(vault, bucket, 'wrong-password')
      throw new AppError('validation', signInMismatch, 'password')
    }
    const next = pendingRotation(this.paths.dataDir)
    const stronger = next ? null : await this.strengthened(vault, search.found, username, password, opened.dbKey, opened.signingKey)
    const slot = stronger ?? opened.updated
    if (slot) this.saveVault(withSlots(vault, (slots) => slots.map((s) => (s.id === search.found.id ? slot : s))))
    if (next) return this.finishRotation(next, username, password, opened.dbKey, opened.signingKey, bucket)
    return this.openAs(slot ?? search.found, opened.dbKey, 'session.login', opened.signingKey, bucket)
  }

  /**
   * A slot made before the scrypt floor was raised (or on a slower computer) is made again with
   * this computer's cost once its password is known, at its user's sign-in; the signing key is
   * kept. Null when the slot is already as strong.
   */
  private async strengthened(vault: VaultData, slot: UserSlot, username: string, password: string, dbKey: Buffer, signingKey: SigningKey): Promise<UserSlot | null> {
    if (slot.kdf.N >= SCRYPT_MIN_N) return null
    const cost = this.cost()
    if (cost.N <= slot.kdf.N) return null
    return makeUserSlot(vault, { userId: slot.userId, username, password, dbKey, cost, signingKey })
  }

  /**
   * A key rotation stopped part way: the database has either the old key or the new one.
   * Try the current vault's key first; if it no longer opens the database, the re-key
   * happened, so the new vault becomes current.
   */
  private async finishRotation(next: VaultData, username: string, password: string, currentKey: Buffer, signingKey: SigningKey, bucket: string): Promise<SignedInUser> {
    try {
      const probe = openRaw(this.paths.database, currentKey, { mustExist: true })
      probe.close()
      rmSync(join(this.paths.dataDir, VAULT_NEXT_FILE), { force: true })
      const slot = findUserSlot(this.loadVault().data, username)
      if (!('found' in slot)) throw new AppError('validation', signInMismatch, 'password')
      return await this.openAs(slot.found, currentKey, 'session.login', signingKey, bucket)
    } catch (err) {
      if (err instanceof AppError && err.kind !== 'internal') throw err
    }
    currentKey.fill(0)
    const slot = findUserSlot(next, username)
    if (!('found' in slot)) throw new AppError('validation', signInMismatch, 'password')
    const opened = await openUserSlot(slot.found, password)
    const settled = opened.updated ? withSlots(next, (slots) => slots.map((s) => (s.id === opened.updated!.id ? opened.updated! : s))) : next
    promoteNextVault(this, settled)
    return this.openAs(slot.found, opened.dbKey, 'session.login', opened.signingKey, bucket)
  }

  /** Opens the records with the recovery key and gives one account a new password. */
  async recover(recoveryKey: string, username: string, newPassword: string): Promise<SignedInUser> {
    const { data: vault } = this.loadVault()
    this.refuseWhileWaiting(vault, RECOVERY_BUCKET)
    let key: Buffer
    try {
      key = await openRecoverySlot(vault, recoveryKey)
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
    const slot = await makeUserSlot(vault, { userId: user.id, username: user.username, password: newPassword, dbKey: key, cost: this.cost(), signingKey })
    this.saveVault(withSlots(vault, (slots) => [...slots.filter((s) => !(s.kind === 'user' && s.userId === user.id)), slot]))
    await db.transaction(async (trx) => {
      await trx('users').where({ id: user.id }).update({ must_change_password: 0, password_changed_at: new Date(this.now()).toISOString() })
      await appendAudit(trx, { userId: user.id, username: user.username, action: 'session.recover', target: `user:${user.id}`, detail: 'new password set with the recovery key', at: new Date(this.now()).toISOString() })
    })
    await db.destroy()
    return this.openAs(slot, key, 'session.login', signingKey, RECOVERY_BUCKET)
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
   * Signs bytes as the signed-in user (their Ed25519 key, opened with their password at
   * sign-in); returns the signature and the `signing_keys` row that checks it.
   */
  sign(bytes: Buffer): { keyId: number; signature: string } {
    const { signing } = this.requireSigner()
    return { keyId: signing.keyId, signature: signBytes(signing.privateKey, bytes) }
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

  /** A new slot for a user with a new password, replacing any they had (and any disabled mark). */
  async setUserPassword(user: { id: number; username: string }, password: string): Promise<void> {
    const { key } = this.requireOpen()
    const { data } = this.loadVault()
    // Changing one's own password keeps one's signing key; a reset by the business manager
    // cannot (the key was wrapped by a password nobody else knows), so a new one is made.
    const own = this.open && this.open.session.userId === user.id ? this.open.signing.key : undefined
    const slot = await makeUserSlot(data, { userId: user.id, username: user.username, password, dbKey: key, cost: this.cost(), signingKey: own })
    this.saveVault({
      ...withSlots(data, (slots) => [...slots.filter((s) => !(s.kind === 'user' && s.userId === user.id)), slot]),
      disabledUsers: data.disabledUsers.filter((d) => d.userId !== user.id),
    })
    if (this.open && this.open.session.userId === user.id) this.open.slotId = slot.id
  }

  /** Removes a user's slot, so their password no longer opens the key, and marks them disabled. */
  disableUserSlot(user: { id: number; username: string }): void {
    const { data } = this.loadVault()
    this.saveVault({
      ...withSlots(data, (slots) => slots.filter((s) => !(s.kind === 'user' && s.userId === user.id))),
      disabledUsers: [...data.disabledUsers.filter((d) => d.userId !== user.id), { userId: user.id, lookup: lookupFor(data.vaultId, user.username) }],
    })
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
      const { dbKey } = await openUserSlot(slot, password)
      dbKey.fill(0)
    } catch (err) {
      if (!(err instanceof WrongSecretError)) throw err
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

  private async openAs(slot: UserSlot, key: Buffer, action: string, signingKey: SigningKey, bucket: string): Promise<SignedInUser> {
    let db: Db
    try {
      db = await this.openExisting(key)
    } catch (err) {
      key.fill(0)
      throw err
    }
    const user = (await db('users').where({ id: slot.userId }).first()) as UserRow | undefined
    if (!user || user.disabled_at) {
      await db.destroy()
      key.fill(0)
      throw new AppError('forbidden', 'This account has been disabled. Ask the school business manager if you still need to use the register.')
    }
    const failures = this.guard.recordSuccess(this.loadVault().data, bucket)
    const at = new Date(this.now()).toISOString()
    let signingKeyId = 0
    await db.transaction(async (trx) => {
      for (const f of failures) {
        await appendAudit(trx, { userId: null, username: null, action: 'session.login', result: 'refused', detail: f.reason, target: null, at: f.at })
      }
      await trx('users').where({ id: user.id }).update({ last_sign_in_at: at })
      await appendAudit(trx, { userId: user.id, username: user.username, action, target: `user:${user.id}`, at })
      signingKeyId = await registerSigningKey(trx, user, signingKey.publicKey, at)
    })
    this.open = {
      db,
      key,
      slotId: slot.id,
      lastActivity: this.now(),
      session: { userId: user.id, username: user.username, displayName: user.display_name, role: user.role, mustChangePassword: !!user.must_change_password },
      signing: { key: signingKey, privateKey: privateKeyObject(signingKey), keyId: signingKeyId },
    }
    return this.signedInUser!
  }
}

export interface UserRow {
  id: number
  username: string
  display_name: string
  role: Role
  disabled_at: string | null
  must_change_password: number
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
