// Key slots that cannot be edited, planted or outlive their user: the attacks are made on the
// files as someone with Notepad or a script would, then the app is asked to sign in or rekey.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { deriveKek, unwrapKey } from '../../electron/core/vault/key-wrap'
import { lookupFor, makeUserSlot } from '../../electron/core/vault/vault'
import { slotDigest } from '../../electron/core/vault/slot-binding'
import { runRegisterChecks } from '../../electron/core/health/register-checks'
import type { UserSlot, VaultData } from '../../electron/core/vault/vault-format'
import { databaseKey, makeLegacy, readVaultFile } from './legacy-vault'
import { FAST_KDF, MANAGER, newCore, ok, refused, setUpSchool, tempDir } from './helpers'

const DSL = { username: 'sian.dsl', displayName: 'Siân Ŵyn', role: 'dsl' as const, password: 'tŷ bach glas ŵyn hapus môr' }
const OFFICE = { username: 'rhys.office', displayName: 'Rhys Office', role: 'office' as const, password: 'desk lamp window orange' }

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

/** The tests' clock: each refused sign-in moves it on, so the back-off never answers in place of the check under test. */
let clock = Date.parse('2026-01-05T10:00:00Z')

async function tryLogin(core: Core, username: string, password: string) {
  clock += 3_600_000
  const err = await refused(core, 'session.login', { username, password })
  clock += 3_600_000
  return err
}

async function school(): Promise<{ core: Core; dir: string; dslId: number; officeId: number }> {
  const t = tempDir('osr-slots-')
  const core = newCore(t.dir, { now: () => clock })
  cleanups.push(t.cleanup, () => core.close())
  await setUpSchool(core)
  const dsl = await ok(core, 'users.create', DSL)
  const office = await ok(core, 'users.create', OFFICE)
  await ok(core, 'session.lock', {})
  return { core, dir: t.dir, dslId: dsl.id, officeId: office.id }
}

function writeVaultFile(dir: string, vault: VaultData): void {
  writeFileSync(join(dir, 'vault.json'), JSON.stringify(vault, null, 2))
}

function slotOf(vault: VaultData, username: string): UserSlot {
  const slot = vault.slots.find((s): s is UserSlot => s.kind === 'user' && s.lookup === lookupFor(vault.vaultId, username))
  if (!slot) throw new Error(`no slot for ${username}`)
  return slot
}

/** Whether a password opens any slot's database key in a vault file, tried the documented way for every user slot. */
async function passwordOpensAnything(vault: VaultData, password: string): Promise<boolean> {
  for (const slot of vault.slots) {
    if (slot.kind !== 'user' || !slot.wrap) continue
    const kek = await deriveKek(password, slot.kdf)
    for (const aad of [slot.id, `${slot.id}:${slot.digest ?? ''}`]) {
      try {
        unwrapKey(kek, slot.wrap, aad)
        return true
      } catch {
        // not this one
      }
    }
  }
  return false
}

describe('a slot edited in vault.json', () => {
  it('changing the user a slot belongs to signs nobody in as anyone else', async () => {
    const { core, dir, dslId } = await school()
    const original = readVaultFile(dir)
    // The business manager points their own slot at the DSL's account, as in Notepad.
    const edited = { ...original, slots: original.slots.map((s) => (s.kind === 'user' && s.userId === 1 ? { ...s, userId: dslId } : s)) }
    writeVaultFile(dir, edited)
    const err = await tryLogin(core, MANAGER.username, MANAGER.password)
    expect(err.kind).toBe('forbidden')
    expect(err.message).toMatch(/not the one the register knows for your account.*Ask the school business manager to reset your password/)
    expect((await ok(core, 'app.status', {})).user).toBeNull()

    // With its digest made to match the new user as well, the key no longer unwraps at all.
    const managerSlot = slotOf(original, MANAGER.username)
    const others = original.slots.filter((s) => s.id !== managerSlot.id)
    const toDsl = { ...managerSlot, userId: dslId }
    writeVaultFile(dir, { ...original, slots: [{ ...toDsl, digest: slotDigest(toDsl) }, ...others] })
    expect((await tryLogin(core, MANAGER.username, MANAGER.password)).field).toBe('password')

    // Both its user and its lookup pointed at the DSL, put first so the DSL's username finds it.
    const asDsl = { ...managerSlot, userId: dslId, lookup: lookupFor(original.vaultId, DSL.username) }
    writeVaultFile(dir, { ...original, slots: [asDsl, ...others] })
    expect((await tryLogin(core, DSL.username, MANAGER.password)).kind).toBe('forbidden')
    writeVaultFile(dir, { ...original, slots: [{ ...asDsl, digest: slotDigest(asDsl) }, ...others] })
    expect((await tryLogin(core, DSL.username, MANAGER.password)).field).toBe('password')
    expect((await ok(core, 'app.status', {})).user).toBeNull()

    // Put back, everyone signs in as themselves.
    writeVaultFile(dir, original)
    expect(await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })).toMatchObject({ role: 'manager', id: 1 })
    await ok(core, 'session.lock', {})
    expect(await ok(core, 'session.login', { username: DSL.username, password: DSL.password })).toMatchObject({ role: 'dsl', id: dslId })
  })

  it('in a vault from before binding, the same edits are refused once the register has listed its slots', async () => {
    const { core, dir, dslId } = await school()
    await makeLegacy(dir, { [MANAGER.username]: MANAGER.password, [DSL.username]: DSL.password, [OFFICE.username]: OFFICE.password })
    const legacy = readVaultFile(dir)
    expect(legacy.slots.some((s) => s.kind === 'user' && s.digest)).toBe(false)

    // The first sign-in with this version lists every slot and binds the one it opened.
    expect(await ok(core, 'session.login', { username: OFFICE.username, password: OFFICE.password })).toMatchObject({ role: 'office' })
    await ok(core, 'session.lock', {})
    const listed = readVaultFile(dir)
    expect(slotOf(listed, OFFICE.username).digest).toBeDefined()
    expect(slotOf(listed, MANAGER.username).digest).toBeUndefined()

    // The manager's slot, still unbound, pointed at the DSL (user and lookup): opens the key, but is not the DSL's slot.
    const edited = listed.slots.map((s) => (s.kind === 'user' && s.userId === 1 ? { ...s, userId: dslId, lookup: lookupFor(listed.vaultId, DSL.username) } : s))
    const managerSlot = edited.find((s) => s.kind === 'user' && s.id === slotOf(listed, MANAGER.username).id)!
    writeVaultFile(dir, { ...listed, slots: [managerSlot, ...edited.filter((s) => s !== managerSlot)] })
    const err = await tryLogin(core, DSL.username, MANAGER.password)
    expect(err).toMatchObject({ kind: 'forbidden' })
    expect((await ok(core, 'app.status', {})).user).toBeNull()
  })

  it('edited before any sign-in with this version, an account two slots claim is listed for neither', async () => {
    const { core, dir, dslId } = await school()
    await makeLegacy(dir, { [MANAGER.username]: MANAGER.password, [DSL.username]: DSL.password, [OFFICE.username]: OFFICE.password })
    const legacy = readVaultFile(dir)
    const managerSlot = slotOf(legacy, MANAGER.username)
    const edited = { ...managerSlot, userId: dslId, lookup: lookupFor(legacy.vaultId, DSL.username) }
    writeVaultFile(dir, { ...legacy, slots: [edited, ...legacy.slots.filter((s) => s.id !== managerSlot.id)] })
    expect((await tryLogin(core, DSL.username, MANAGER.password)).kind).toBe('forbidden')
    expect((await tryLogin(core, DSL.username, DSL.password)).kind).toBe('validation')
    // The office user is unaffected.
    expect(await ok(core, 'session.login', { username: OFFICE.username, password: OFFICE.password })).toMatchObject({ role: 'office' })
  })
})

describe('a slot planted in vault.json', () => {
  it('opens nothing, and is not given the new key at rekey', async () => {
    const { core, dir, dslId } = await school()
    // The office user, with their own password, has the database key: they write a slot of their
    // own making for the DSL's account, with a password only they know.
    const dbKey = await databaseKey(dir, OFFICE.username, OFFICE.password)
    const vault = readVaultFile(dir)
    const planted = await makeUserSlot(vault, { userId: dslId, username: 'dsl.spare', password: 'planted slot password one', dbKey, roleKeys: new Map(), cost: FAST_KDF })
    writeVaultFile(dir, { ...vault, slots: [...vault.slots, planted] })
    dbKey.fill(0)

    const err = await tryLogin(core, 'dsl.spare', 'planted slot password one')
    expect(err.kind).toBe('forbidden')
    expect((await ok(core, 'app.status', {})).user).toBeNull()

    // The manager's health check names it.
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    const keyFile = (await runRegisterChecks(core)).find((r) => r.name === 'Key file')!
    expect(keyFile).toMatchObject({ ok: false })
    expect(keyFile.detail).toMatch(/1 key slot\(s\) that the register does not list/)

    // Rekey: every listed slot gets the new key; the planted one is left out.
    await ok(core, 'vault.rotateKey', { password: MANAGER.password })
    const after = readVaultFile(dir)
    expect(after.slots.some((s) => s.id === planted.id)).toBe(false)
    expect(after.slots.filter((s) => s.kind === 'user').map((s) => (s as UserSlot).userId).sort()).toEqual([1, dslId, dslId + 1])
    expect(await passwordOpensAnything(after, 'planted slot password one')).toBe(false)
    await ok(core, 'session.lock', {})
    expect((await tryLogin(core, 'dsl.spare', 'planted slot password one')).kind).toBe('validation')
    // The listed users still open their slots (sealed to them by the rotation).
    expect(await ok(core, 'session.login', { username: DSL.username, password: DSL.password })).toMatchObject({ id: dslId })
  })
})

describe('disabling a user', () => {
  it('removes their slot from vault.json and vault.previous.json', async () => {
    const { core, dir, dslId } = await school()
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    // A change first, so vault.previous.json holds the DSL's slot before the disabling.
    await ok(core, 'users.resetPassword', { id: dslId, newPassword: 'another given password here' })
    expect(readVaultFile(dir, 'vault.previous.json').slots.some((s) => s.kind === 'user' && s.userId === dslId)).toBe(true)

    await ok(core, 'users.setDisabled', { id: dslId, disabled: true })
    for (const file of ['vault.json', 'vault.previous.json']) {
      expect(existsSync(join(dir, file))).toBe(true)
      const vault = readVaultFile(dir, file)
      expect(vault.slots.some((s) => s.kind === 'user' && s.userId === dslId), file).toBe(false)
      expect(await passwordOpensAnything(vault, 'another given password here'), file).toBe(false)
      expect(await passwordOpensAnything(vault, DSL.password), file).toBe(false)
    }
    await ok(core, 'session.lock', {})
    expect((await tryLogin(core, DSL.username, 'another given password here')).kind).toBe('forbidden')
  })
})

describe('a vault from before binding', () => {
  it('keeps opening; each slot is bound and listed at its user’s next sign-in, with a signing key if it had none', async () => {
    const { core, dir, dslId } = await school()
    await makeLegacy(dir, { [MANAGER.username]: MANAGER.password, [DSL.username]: DSL.password, [OFFICE.username]: OFFICE.password }, { withoutSigning: true })
    expect(await ok(core, 'session.login', { username: DSL.username, password: DSL.password })).toMatchObject({ id: dslId })
    const slot = slotOf(readVaultFile(dir), DSL.username)
    expect(slot.digest).toBeDefined()
    expect(slot.signing).toBeDefined()
    await ok(core, 'session.lock', {})
    const dbKey = await databaseKey(dir, MANAGER.username, MANAGER.password)
    const raw = openRaw(join(dir, 'register.db'), dbKey)
    const rows = raw.prepare('SELECT id, key_slot_id, key_slot_digest FROM users ORDER BY id').all() as { id: number; key_slot_id: string; key_slot_digest: string }[]
    raw.close()
    expect(rows.find((r) => r.id === dslId)).toEqual({ id: dslId, key_slot_id: slot.id, key_slot_digest: slotDigest(slot) })
    expect(rows.every((r) => r.key_slot_id !== null)).toBe(true)
    // Again, and the others too.
    expect(await ok(core, 'session.login', { username: DSL.username, password: DSL.password })).toMatchObject({ id: dslId })
    await ok(core, 'session.lock', {})
    expect(await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })).toMatchObject({ id: 1 })
  })
})

describe('a restore over the register', () => {
  it('keeps the slots of today (a password changed since the backup still works) and drops accounts added since', async () => {
    const { core, dir, dslId } = await school()
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    const backup = await ok(core, 'backup.now', {})
    await ok(core, 'account.changePassword', { currentPassword: MANAGER.password, newPassword: 'lantern maple orbit quietly' })
    await ok(core, 'users.create', { username: 'later.user', displayName: 'Later User', role: 'office', password: 'added after the backup' })
    await ok(core, 'backup.restore', { file: backup.file, confirmSchoolName: 'Ysgol Gymraeg Llanfair' })
    const vault = readVaultFile(dir)
    expect(vault.slots.filter((s) => s.kind === 'user').map((s) => (s as UserSlot).userId).sort()).toEqual([1, dslId, dslId + 1])
    expect(await ok(core, 'session.login', { username: MANAGER.username, password: 'lantern maple orbit quietly' })).toMatchObject({ id: 1 })
    expect((await runRegisterChecks(core)).find((r) => r.name === 'Key file')).toMatchObject({ ok: true })
  })
})
