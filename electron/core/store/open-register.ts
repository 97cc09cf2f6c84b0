import type { KeyObject } from 'node:crypto'
import type { Knex } from 'knex'
import type { SignedInUser } from '../../../shared/domain/users'
import type { Role } from '../../../shared/domain/roles'
import { AppError } from '../api/app-error'
import type { Logger, Session } from '../api/dispatcher'
import { appendAudit } from '../audit/audit-trail'
import type { Db } from '../db/database'
import { forgetKeys, type RoleKeyName, type RoleKeys } from '../vault/role-keys'
import type { SigningKey } from '../signing/signing-key'

/** Everything the register holds while it is open; none of it outlives the lock. */
export interface OpenState {
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

/** What the register's callers see of the open state. */
export type OpenRegisterView = Pick<OpenState, 'db' | 'session' | 'key' | 'slotId' | 'roleKeys' | 'keyCache' | 'opened'>

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

export type LockReason = 'user' | 'idle' | 'quit' | 'restore' | 'rekey'

const lockedMessage = 'The register is locked. Please sign in again.'

/**
 * The open register's life: from the moment a sign-in (or set-up) hands it a database, a key and
 * a session, through the idle clock, to the lock that forgets every key it held. While locked it
 * holds nothing.
 */
export class OpenRegister {
  private open: OpenState | null = null
  readonly hooks: LockHooks = {}

  constructor(
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** Opens the register as a signed-in user (the sign-in has already checked who they are). */
  begin(state: Omit<OpenState, 'lastActivity' | 'keyCache' | 'opened'>): void {
    this.open = { ...state, lastActivity: this.now(), keyCache: new Map(), opened: new Map() }
  }

  /** The whole open state, for the store's own parts (the signing key, the slot); throws "locked" when closed. */
  state(): OpenState {
    if (!this.open) throw new AppError('locked', lockedMessage)
    return this.open
  }

  /** The open state, or null while locked. */
  ifOpen(): OpenState | null {
    return this.open
  }

  get session(): Session | null {
    return this.open?.session ?? null
  }

  get signedInUser(): SignedInUser | null {
    const s = this.open?.session
    return s ? { id: s.userId, username: s.username, displayName: s.displayName, role: s.role, mustChangePassword: s.mustChangePassword } : null
  }

  /** The open database and who is using it; throws "locked" when closed. */
  requireOpen(): OpenRegisterView {
    return this.state()
  }

  touch(): void {
    if (this.open) this.open.lastActivity = this.now()
  }

  /** True when the register was open and has been idle too long (the caller then locks it). */
  async isIdleFor(minutes: () => Promise<number>): Promise<boolean> {
    if (!this.open) return false
    return this.now() - this.open.lastActivity > (await minutes()) * 60_000
  }

  async lock(reason: LockReason = 'user'): Promise<void> {
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

  /** One of the signed-in user's role keys, or null when their slot does not hold it. */
  roleKey(name: RoleKeyName): Buffer | null {
    return this.state().roleKeys.get(name) ?? null
  }

  /** The signed-in user's role keys (for a new recovery slot: the business manager holds them all). */
  get heldRoleKeys(): RoleKeys {
    return this.state().roleKeys
  }

  /** A key opened during this session (an incident's data key), forgotten at lock. */
  cachedKey(name: string, open: () => Buffer): Buffer {
    const { keyCache } = this.state()
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
    const { opened } = this.state()
    let map = opened.get(name)
    if (!map) {
      map = new Map()
      opened.set(name, map)
    }
    return map as Map<K, V>
  }

  forgetCachedKey(name: string): void {
    const { keyCache } = this.state()
    keyCache.get(name)?.fill(0)
    keyCache.delete(name)
  }

  /** Swaps in a new database handle and key (after a key rotation or a restore). */
  replaceOpenDatabase(db: Db, key: Buffer, slotId: string): void {
    const open = this.state()
    open.key.fill(0)
    this.open = { ...open, db, key, slotId }
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
}
