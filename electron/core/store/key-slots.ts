import type { Role } from '../../../shared/domain/roles'
import { AppError } from '../api/app-error'
import type { Logger, Session } from '../api/dispatcher'
import type { Db } from '../db/database'
import { findUserSlot, lookupFor, makeUserSlot, openUserSlot, withRoleKeys, withSlots, WrongSecretError, type KdfCost, type OpenedSlot } from '../vault/vault'
import type { UserSlot, VaultData } from '../vault/vault-format'
import { forgetKeys, KEYS_OF_ROLE, keysForRole } from '../vault/role-keys'
import { readVault, writeVault } from '../vault/vault-file'
import { SlotAlteredError } from '../vault/slot-binding'
import { privateKeyObject, signBytes } from '../signing/signing-key'
import { listedSlots, listSlot } from './slot-listing'
import type { DataPaths } from './paths'
import type { OpenRegister } from './open-register'
import { registerSigningKey } from './audit-writer'

/**
 * The key file (vault.json) and the users' slots in it: each opens the database key, the user's
 * signing key and their role's keys with their password. Every change to a slot is listed in the
 * database too (slot-listing.ts), so a slot the register does not know opens nothing.
 */
export class KeySlots {
  constructor(
    readonly paths: DataPaths,
    private readonly register: OpenRegister,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly cost: () => KdfCost,
  ) {}

  /** The scrypt cost for new slots: the one given, or calibrated to this computer. */
  get kdfCost(): KdfCost {
    return this.cost()
  }

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
    const open = this.register.state()
    const { key, db } = open
    const { data } = this.loadVault()
    const self = open.session.userId === user.id
    // Changing one's own password keeps one's signing key and role keys; a reset by the business
    // manager cannot keep the signing key (it was wrapped by a password nobody else knows), so a
    // new one is made, and gives the role's keys from the manager's own.
    const own = self ? open.signing.key : undefined
    const roleKeys = self ? open.roleKeys : keysForRole(open.roleKeys, user.role)
    const slot = await makeUserSlot(data, { userId: user.id, username: user.username, password, dbKey: key, roleKeys, cost: this.cost(), signingKey: own })
    this.saveVault({
      ...withSlots(data, (slots) => [...slots.filter((s) => !(s.kind === 'user' && s.userId === user.id)), slot]),
      disabledUsers: data.disabledUsers.filter((d) => d.userId !== user.id),
    })
    await listSlot(db, user.id, slot)
    const current = this.register.ifOpen()
    if (current && current.session.userId === user.id) current.slotId = slot.id
  }

  /**
   * Removes a user's slot, so their password no longer opens the key, and marks them disabled:
   * from vault.json and from its previous copy (written twice, so the copy kept for a damaged
   * file holds no slot of theirs either). Backups made before keep the vault of their day.
   */
  async disableUserSlot(user: { id: number; username: string }): Promise<void> {
    const { db } = this.register.state()
    const { data } = this.loadVault()
    const next = {
      ...withSlots(data, (slots) => slots.filter((s) => !(s.kind === 'user' && s.userId === user.id))),
      disabledUsers: [...data.disabledUsers.filter((d) => d.userId !== user.id), { userId: user.id, lookup: lookupFor(data.vaultId, user.username) }],
    }
    this.saveVault(next)
    this.saveVault(next)
    await listSlot(db, user.id, null)
  }

  enableUserSlot(userId: number): void {
    const { data } = this.loadVault()
    this.saveVault({ ...data, disabledUsers: data.disabledUsers.filter((d) => d.userId !== userId), updatedAt: new Date(this.now()).toISOString() })
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
    const { db } = this.register.state()
    const { data } = this.loadVault()
    const listed = await listedSlots(db)
    const names = KEYS_OF_ROLE[user.role]
    const open = this.register.state()
    let changed = false
    const next = withSlots(data, (slots) =>
      slots.map((s) => {
        if (s.kind !== 'user' || s.userId !== user.id || !listed(s)) return s
        const next = withRoleKeys(s, names, open.roleKeys)
        if (JSON.stringify(next) !== JSON.stringify(s)) changed = true
        return next
      }),
    )
    if (changed) this.saveVault(next)
    if (open.session.userId === user.id) {
      for (const name of [...open.roleKeys.keys()]) {
        if (!names.includes(name)) {
          open.roleKeys.get(name)!.fill(0)
          open.roleKeys.delete(name)
        }
      }
    }
  }

  /** Checks the signed-in user's own password against their slot. */
  async verifyOwnPassword(password: string, field = 'password'): Promise<void> {
    const { slotId } = this.register.state()
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

  /**
   * Another user's signing identity, opened with their password, for the demo: its history is
   * recorded by the staff who would have recorded it, each signing with their own key (entered
   * in the audit chain now, as at a sign-in). Null when the password does not open their slot.
   * The signed-in session is not changed.
   */
  async signerOf(username: string, password: string): Promise<{ session: Session; keyId: number; sign(bytes: Buffer): { keyId: number; signature: string } } | null> {
    const { db } = this.register.state()
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
    const user = await db('users').where({ id: search.found.userId }).first()
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
}
