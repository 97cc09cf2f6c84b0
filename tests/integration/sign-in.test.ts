import { createHook } from 'node:async_hooks'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { attemptKey } from '../../electron/core/auth/login-guard'
import { standInKdf } from '../../electron/core/auth/stand-in-kdf'
import { parseVault } from '../../electron/core/vault/vault-file'
import { contract, type MethodSpec } from '../../shared/api/contract'
import { METHOD_NAMES } from '../../shared/api/contract'
import type { Core } from '../../electron/core/core'
import { FAST_KDF, MANAGER, newCore, ok, refused, setUpSchool, tempDir } from './helpers'
import { createCore } from '../../electron/core/core'

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

function fresh(extra: { now?: () => number } = {}): { core: Core; dir: string } {
  const t = tempDir()
  const core = newCore(t.dir, extra)
  cleanups.push(t.cleanup, () => core.close())
  return { core, dir: t.dir }
}

const GIVEN = 'first given password here'
const OWN = 'copper meadow sleepy anchor'

async function auditCount(core: Core): Promise<number> {
  const { db } = core.store.requireOpen()
  return Number(((await db('audit_log').count({ n: '*' })) as { n: number }[])[0]!.n)
}

describe('a password someone else set', () => {
  it('opens nothing but the password change, locking and the sign-in screen until the user chooses their own', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    // A second business manager: the role that may call the most methods.
    await ok(core, 'users.create', { username: 'deputy', displayName: 'Deputy Manager', role: 'manager', password: GIVEN })
    await ok(core, 'session.lock', {})
    expect((await ok(core, 'session.login', { username: 'deputy', password: GIVEN })).mustChangePassword).toBe(true)
    const before = await auditCount(core)

    const open = new Set(['app.status', 'setup.create', 'session.login', 'session.recover', 'session.lock', 'session.keepAlive', 'account.changePassword'])
    const closed = METHOD_NAMES.filter((m) => {
      const access = (contract[m] as MethodSpec).access
      return !open.has(m) && access !== 'anyone' && access.includes('manager')
    })
    expect(closed.length).toBeGreaterThan(100)
    for (const method of closed) {
      // The input is never looked at: the refusal comes first, whatever was sent.
      const error = await refused(core, method, {})
      expect(error.kind, method).toBe('forbidden')
      expect(error.message, method).toMatch(/choose your own password before you can use the register/)
    }
    expect(await auditCount(core)).toBe(before)

    // What the window needs meanwhile still answers.
    expect((await ok(core, 'app.status', {})).user).toMatchObject({ username: 'deputy', mustChangePassword: true })
    await ok(core, 'session.keepAlive', {})

    await ok(core, 'account.changePassword', { currentPassword: GIVEN, newPassword: OWN })
    expect((await ok(core, 'users.list', {})).rows.map((u) => u.username)).toContain('deputy')
  })

  it('is still closed after locking and signing in again, and after a reset by the business manager', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    const office = await ok(core, 'users.create', { username: 'reception', displayName: 'Rhian Office', role: 'office', password: GIVEN })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'reception', password: GIVEN })
    expect((await refused(core, 'visits.onSite', {})).message).toMatch(/choose your own password/)
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'reception', password: GIVEN })
    expect((await refused(core, 'visits.onSite', {})).message).toMatch(/choose your own password/)
    await ok(core, 'account.changePassword', { currentPassword: GIVEN, newPassword: OWN })
    await ok(core, 'visits.onSite', {})

    // The business manager gives a new password: it is theirs to replace again.
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    await ok(core, 'users.resetPassword', { id: office.id, newPassword: 'lantern maple orbit quietly' })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'reception', password: 'lantern maple orbit quietly' })
    expect((await refused(core, 'visitors.search', { text: 'Jones' })).message).toMatch(/choose your own password/)
  })

  it('does not hold back the business manager who set up the school, or one who reset their own password', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    await ok(core, 'users.list', {})
    const me = (await ok(core, 'users.list', {})).rows.find((u) => u.username === MANAGER.username)!
    await ok(core, 'users.resetPassword', { id: me.id, newPassword: OWN })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: MANAGER.username, password: OWN })
    await ok(core, 'users.list', {})
  })
})

const T0 = Date.parse('2026-11-24T09:00:00Z')

/** A school with a reception user who has chosen their own password; locked. The clock is the test's. */
async function schoolWithReception(): Promise<{ core: Core; dir: string; clock: { now: number } }> {
  const clock = { now: T0 }
  const { core, dir } = fresh({ now: () => clock.now })
  await setUpSchool(core)
  await ok(core, 'users.create', { username: 'reception', displayName: 'Rhian Office', role: 'office', password: GIVEN })
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: 'reception', password: GIVEN })
  await ok(core, 'account.changePassword', { currentPassword: GIVEN, newPassword: OWN })
  await ok(core, 'session.lock', {})
  return { core, dir, clock }
}

const vaultIn = (dir: string, file = 'vault.json') => parseVault(readFileSync(join(dir, file), 'utf8'))!

describe('the sign-in back-off', () => {
  it('counts each name on its own: one person’s guesses do not stop a colleague signing in', async () => {
    const { core } = await schoolWithReception()
    for (let i = 0; i < 3; i++) await refused(core, 'session.login', { username: 'bmanager', password: `wrong guess ${i}` })
    const waiting = await refused(core, 'session.login', { username: 'bmanager', password: MANAGER.password })
    expect(waiting).toMatchObject({ kind: 'locked' })
    expect(waiting.message).toMatch(/Too many unsuccessful attempts\. For safety, please wait \d+ seconds? before trying again\./)
    // Reception signs in at once, and that does not start the business manager's count again.
    await ok(core, 'session.login', { username: 'reception', password: OWN })
    await ok(core, 'session.lock', {})
    expect(await refused(core, 'session.login', { username: 'BManager ', password: MANAGER.password })).toMatchObject({ kind: 'locked' })
  })

  it('treats a name with no account exactly like one with an account, and keeps no list of which is which', async () => {
    const { core, dir } = await schoolWithReception()
    const answers = async (username: string) => {
      const got: string[] = []
      for (let i = 0; i < 4; i++) {
        const e = await refused(core, 'session.login', { username, password: `wrong guess ${i}` })
        got.push(`${e.kind}: ${e.message.replace(/\d+ seconds?/, 'N seconds')}`)
      }
      return got
    }
    const known = await answers('reception')
    const unknown = await answers('no.such.person')
    expect(unknown).toEqual(known)
    expect(known.at(-1)).toMatch(/^locked: Too many/)

    const vault = vaultIn(dir)
    const counted = Object.keys((vault.signInAttempts as { names: Record<string, unknown> }).names)
    expect(counted.sort()).toEqual([attemptKey(vault.vaultId, 'reception'), attemptKey(vault.vaultId, 'no.such.person')].sort())
    // The keys are not the slots' lookups: the counts do not say which names have an account.
    const lookups = vault.slots.flatMap((s) => (s.kind === 'user' ? [s.lookup] : []))
    expect(counted.some((k) => lookups.includes(k))).toBe(false)
    expect(JSON.stringify(vault.signInAttempts)).not.toMatch(/reception|no\.such\.person/)
  })

  it('is kept in vault.json and its previous copy: deleting either does not start the count again', async () => {
    const { core, dir, clock } = await schoolWithReception()
    for (let i = 0; i < 3; i++) await refused(core, 'session.login', { username: 'bmanager', password: `wrong guess ${i}` })
    expect(existsSync(join(dir, 'sign-in-attempts.json'))).toBe(false)
    for (const file of ['vault.json', 'vault.previous.json']) {
      expect((vaultIn(dir, file).signInAttempts as { names: Record<string, { failures: number }> }).names[attemptKey(vaultIn(dir).vaultId, 'bmanager')]?.failures, file).toBe(3)
    }
    await core.close()

    const saved = readFileSync(join(dir, 'vault.json'))
    rmSync(join(dir, 'vault.json'))
    const afterDelete = newCore(dir, { now: () => clock.now })
    cleanups.push(() => afterDelete.close())
    expect(await refused(afterDelete, 'session.login', { username: 'bmanager', password: MANAGER.password })).toMatchObject({ kind: 'locked' })
    await afterDelete.close()

    writeFileSync(join(dir, 'vault.json'), saved)
    rmSync(join(dir, 'vault.previous.json'))
    const other = newCore(dir, { now: () => clock.now })
    cleanups.push(() => other.close())
    expect(await refused(other, 'session.login', { username: 'bmanager', password: MANAGER.password })).toMatchObject({ kind: 'locked' })
    // Once the wait is over the right password opens the register, and the count starts again.
    clock.now += 10 * 60_000
    await ok(other, 'session.login', { username: 'bmanager', password: MANAGER.password })
    expect((vaultIn(dir).signInAttempts as { names: Record<string, unknown> }).names).toEqual({})
    const refusedEntries = (await ok(other, 'audit.list', { text: 'session.login', offset: 0, limit: 50 })).rows.filter((r) => r.result === 'refused')
    expect(refusedEntries.map((r) => r.detail)).toEqual(['wrong-password', 'wrong-password', 'wrong-password'])
  })

  it('slows down guesses spread over many names: after twenty failures in an hour every name waits', async () => {
    const { core, clock } = await schoolWithReception()
    for (let i = 0; i < 20; i++) {
      clock.now += 1000
      expect((await refused(core, 'session.login', { username: `guess${i}`, password: 'summer2026!' })).kind).toBe('validation')
    }
    clock.now += 100
    expect(await refused(core, 'session.login', { username: 'reception', password: OWN })).toMatchObject({ kind: 'locked' })
    // An hour later the spray no longer counts.
    clock.now += 3600_000
    await ok(core, 'session.login', { username: 'reception', password: OWN })
  })

  it('reads a damaged count as strict for an hour, without losing the vault', async () => {
    const { core, dir, clock } = await schoolWithReception()
    await core.close()
    for (const file of ['vault.json', 'vault.previous.json']) {
      const vault = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>
      writeFileSync(join(dir, file), JSON.stringify({ ...vault, signInAttempts: { names: 'edited by hand' } }))
    }
    const again = newCore(dir, { now: () => clock.now })
    cleanups.push(() => again.close())
    // Strict: the next failure already waits.
    await refused(again, 'session.login', { username: 'reception', password: 'wrong guess here' })
    expect(await refused(again, 'session.login', { username: 'reception', password: OWN })).toMatchObject({ kind: 'locked' })
    clock.now += 3600_000 + 1000
    await ok(again, 'session.login', { username: 'reception', password: OWN })
  })

  it('counts wrong recovery keys on their own', async () => {
    const { core } = await schoolWithReception()
    const key = { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', username: 'bmanager', newPassword: 'lantern maple orbit quietly' }
    for (let i = 0; i < 3; i++) expect((await refused(core, 'session.recover', key)).field).toBe('recoveryKey')
    expect(await refused(core, 'session.recover', key)).toMatchObject({ kind: 'locked' })
    await ok(core, 'session.login', { username: 'reception', password: OWN })
  })
})

/** How many scrypt derivations node:crypto ran while `work` did (its async resources, seen from outside). */
async function scryptsDuring(work: () => Promise<unknown>): Promise<number> {
  let n = 0
  const hook = createHook({
    init(_id, type) {
      if (type === 'SCRYPTREQUEST') n += 1
    },
  }).enable()
  try {
    await work()
  } finally {
    hook.disable()
  }
  return n
}

describe('the answer for a name with no account', () => {
  it('does the same scrypt work as a wrong password for a real name, disabled names too', async () => {
    const { core } = await schoolWithReception()
    await ok(core, 'session.login', { username: 'bmanager', password: MANAGER.password })
    const disabled = await ok(core, 'users.create', { username: 'leaver', displayName: 'Left Last Year', role: 'office', password: GIVEN })
    await ok(core, 'users.setDisabled', { id: disabled.id, disabled: true })
    await ok(core, 'session.lock', {})

    expect(await scryptsDuring(() => refused(core, 'session.login', { username: 'reception', password: 'wrong guess here' }))).toBe(1)
    expect(await scryptsDuring(() => refused(core, 'session.login', { username: 'no.such.person', password: 'wrong guess here' }))).toBe(1)
    expect(await scryptsDuring(() => refused(core, 'session.login', { username: 'leaver', password: GIVEN }))).toBe(1)
  })

  it('takes its cost from the vault’s own user slots, the same one for the same name, with a salt of its own', async () => {
    const { dir } = await schoolWithReception()
    const vault = vaultIn(dir)
    const users = vault.slots.filter((s) => s.kind === 'user')
    const salts = vault.slots.map((s) => s.kdf.salt)
    for (const name of ['no.such.person', 'guest', 'admin', 'Ms Jones']) {
      const kdf = standInKdf(vault, name)
      expect(users.some((s) => s.kdf.N === kdf.N && s.kdf.r === kdf.r && s.kdf.p === kdf.p)).toBe(true)
      expect(salts).not.toContain(kdf.salt)
      expect(standInKdf(vault, ` ${name.toUpperCase()} `)).toEqual(kdf)
    }
    // With slots of different costs, names are spread over them.
    const mixed = { ...vault, slots: vault.slots.map((s, i) => (s.kind === 'user' ? { ...s, kdf: { ...s.kdf, N: FAST_KDF.N << i } } : s)) }
    const costs = new Set(Array.from({ length: 40 }, (_, i) => standInKdf(mixed, `name${i}`).N))
    expect(costs.size).toBe(2)
  })
})

describe('key slots below the scrypt floor', () => {
  it('are made again with this computer’s cost at their user’s next sign-in, keeping the signing key', async () => {
    const { core, dir } = await schoolWithReception()
    await core.close()
    const before = vaultIn(dir).slots.find((s) => s.kind === 'user' && s.userId === 1)!
    expect(before.kdf.N).toBe(FAST_KDF.N)
    const stronger = createCore({ dataDir: dir, appVersion: '0.0.0-test', kdfCost: { ...FAST_KDF, N: FAST_KDF.N * 2 }, logger: { error: () => {} } })
    cleanups.push(() => stronger.close())
    await ok(stronger, 'session.login', { username: 'bmanager', password: MANAGER.password })
    const after = vaultIn(dir).slots.find((s) => s.kind === 'user' && s.userId === 1)!
    expect(after.kdf.N).toBe(FAST_KDF.N * 2)
    expect(after.kdf.salt).not.toBe(before.kdf.salt)
    expect(after.kind === 'user' && before.kind === 'user' && after.signing?.publicKey).toBe(before.kind === 'user' && before.signing?.publicKey)
    // The other user's slot is theirs to strengthen, with their own password.
    expect(vaultIn(dir).slots.find((s) => s.kind === 'user' && s.userId !== 1)!.kdf.N).toBe(FAST_KDF.N)
    await ok(stronger, 'session.lock', {})
    await ok(stronger, 'session.login', { username: 'bmanager', password: MANAGER.password })
    expect((await ok(stronger, 'audit.verify', {})).ok).toBe(true)
  })
})
