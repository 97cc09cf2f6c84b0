import { mkdirSync } from 'node:fs'
import type { Knex } from 'knex'
import type { SignedInUser } from '../../../shared/domain/users'
import type { Role } from '../../../shared/domain/roles'
import type { Logger, Session } from '../api/dispatcher'
import type { Db } from '../db/database'
import { calibrateScrypt } from '../vault/key-wrap'
import type { KdfCost } from '../vault/vault'
import type { VaultData } from '../vault/vault-format'
import type { RoleKeyName, RoleKeys } from '../vault/role-keys'
import { dataPaths, type DataPaths } from './paths'
import { OpenRegister, type LockHooks, type LockReason, type OpenRegisterView } from './open-register'
import { AuditWriter, type StoreEvent } from './audit-writer'
import { KeySlots } from './key-slots'
import { Unlock } from './unlock'
import type { SetUpInput } from './set-up'

export type { LockHooks } from './open-register'
export type { UserRow } from '../users/tables'

export interface StoreOptions {
  dataDir: string
  logger: Logger
  /** scrypt cost for new key slots; calibrated to this machine when not given. */
  kdfCost?: KdfCost
  now?: () => number
}

/**
 * The encrypted store: the vault, the open database, the database key and who is signed in.
 * While locked it holds no key and no open database; unlocking needs a password (or the
 * recovery key), and locking forgets the key again. Each job is a part of its own; the store
 * puts them together and answers for them, so the features ask one object.
 */
export class RegisterStore {
  readonly paths: DataPaths
  /** The store's clock: the computer's, or the one a test or the bench injects. */
  readonly now: () => number
  /** The open register's life: session, keys held, idle clock, lock. */
  readonly openRegister: OpenRegister
  /** Set-up, sign-in and recovery. */
  readonly unlock: Unlock
  /** vault.json and the users' key slots. */
  readonly slots: KeySlots
  /** Audit entries (with their change) and signatures, as the signed-in user. */
  readonly auditWriter: AuditWriter

  constructor(options: StoreOptions) {
    this.paths = dataPaths(options.dataDir)
    mkdirSync(this.paths.dataDir, { recursive: true })
    this.now = options.now ?? Date.now
    const cost = () => options.kdfCost ?? calibrateScrypt()
    this.openRegister = new OpenRegister(this.now, options.logger)
    this.slots = new KeySlots(this.paths, this.openRegister, options.logger, this.now, cost)
    this.unlock = new Unlock(this.paths, this.openRegister, this.slots, options.logger, this.now, options.now)
    this.auditWriter = new AuditWriter(this.openRegister, this.now)
  }

  // ---- getting in (Unlock) --------------------------------------------------------------

  /** Set up = a vault exists, or a database does that is not a half-finished set-up. */
  isSetUp(): boolean {
    return this.unlock.isSetUp()
  }
  roleKeysPending(): boolean {
    return this.unlock.roleKeysPending()
  }
  setUp(input: SetUpInput): Promise<string> {
    return this.unlock.setUp(input)
  }
  signIn(username: string, password: string): Promise<SignedInUser> {
    return this.unlock.signIn(username, password)
  }
  recover(recoveryKey: string, username: string, newPassword: string): Promise<SignedInUser> {
    return this.unlock.recover(recoveryKey, username, newPassword)
  }

  // ---- the open register (OpenRegister) ---------------------------------------------------

  get hooks(): LockHooks {
    return this.openRegister.hooks
  }
  get session(): Session | null {
    return this.openRegister.session
  }
  get signedInUser(): SignedInUser | null {
    return this.openRegister.signedInUser
  }
  get heldRoleKeys(): RoleKeys {
    return this.openRegister.heldRoleKeys
  }
  /** The open database and who is using it; throws "locked" when closed. */
  requireOpen(): OpenRegisterView {
    return this.openRegister.requireOpen()
  }
  touch(): void {
    return this.openRegister.touch()
  }
  isIdleFor(minutes: () => Promise<number>): Promise<boolean> {
    return this.openRegister.isIdleFor(minutes)
  }
  lock(reason?: LockReason): Promise<void> {
    return this.openRegister.lock(reason)
  }
  roleKey(name: RoleKeyName): Buffer | null {
    return this.openRegister.roleKey(name)
  }
  cachedKey(name: string, open: () => Buffer): Buffer {
    return this.openRegister.cachedKey(name, open)
  }
  openedMap<K, V>(name: string): Map<K, V> {
    return this.openRegister.openedMap<K, V>(name)
  }
  forgetCachedKey(name: string): void {
    return this.openRegister.forgetCachedKey(name)
  }
  replaceOpenDatabase(db: Db, key: Buffer, slotId: string): void {
    return this.openRegister.replaceOpenDatabase(db, key, slotId)
  }
  refreshSessionFlags(mustChangePassword: boolean, displayName?: string, role?: Role): void {
    return this.openRegister.refreshSessionFlags(mustChangePassword, displayName, role)
  }

  // ---- the audit trail and signatures (AuditWriter) ---------------------------------------

  audit(event: StoreEvent): Promise<void> {
    return this.auditWriter.audit(event)
  }
  /** Runs a change and its audit entry in one transaction, as the signed-in user. */
  change<T>(event: StoreEvent, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.auditWriter.change(event, work)
  }
  changeEach<T>(events: StoreEvent[], work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.auditWriter.changeEach(events, work)
  }
  sign(bytes: Buffer): { keyId: number; signature: string } {
    return this.auditWriter.sign(bytes)
  }
  get signingKeyId(): number {
    return this.auditWriter.signingKeyId
  }

  // ---- key slots (KeySlots) ---------------------------------------------------------------

  get kdfCost(): KdfCost {
    return this.slots.kdfCost
  }
  loadVault(): { data: VaultData; fromPreviousCopy: boolean } {
    return this.slots.loadVault()
  }
  saveVault(data: VaultData): void {
    return this.slots.saveVault(data)
  }
  setUserPassword(user: { id: number; username: string; role: Role }, password: string): Promise<void> {
    return this.slots.setUserPassword(user, password)
  }
  disableUserSlot(user: { id: number; username: string }): Promise<void> {
    return this.slots.disableUserSlot(user)
  }
  enableUserSlot(userId: number): void {
    return this.slots.enableUserSlot(userId)
  }
  dropUnlistedSlots(db: Db): Promise<void> {
    return this.slots.dropUnlistedSlots(db)
  }
  giveRoleKeys(user: { id: number; role: Role }): Promise<void> {
    return this.slots.giveRoleKeys(user)
  }
  verifyOwnPassword(password: string, field?: string): Promise<void> {
    return this.slots.verifyOwnPassword(password, field)
  }
  signerOf(username: string, password: string): ReturnType<KeySlots['signerOf']> {
    return this.slots.signerOf(username, password)
  }
}
