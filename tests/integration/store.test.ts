import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { MANAGER, newCore, ok, refused, SCHOOL, setUpSchool, tempDir } from './helpers'

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

describe('set-up', () => {
  it('sets up once, signs the manager in, and says so in app.status', async () => {
    const { core } = fresh()
    expect(await ok(core, 'app.status', {})).toMatchObject({ setUp: false, unlocked: false, user: null })
    const recoveryKey = await setUpSchool(core)
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/)
    const status = await ok(core, 'app.status', {})
    expect(status).toMatchObject({ setUp: true, unlocked: true, idleLockMinutes: 10, user: { username: 'bmanager', role: 'manager', mustChangePassword: false } })
    expect(await ok(core, 'school.get', {})).toEqual(SCHOOL)
    const again = await refused(core, 'setup.create', { school: SCHOOL, manager: MANAGER })
    expect(again.kind).toBe('conflict')
  })

  it('refuses a common password at set-up, naming the field, and sets nothing up', async () => {
    const { core, dir } = fresh()
    const err = await refused(core, 'setup.create', { school: SCHOOL, manager: { ...MANAGER, password: 'Password1234' } })
    expect(err).toMatchObject({ kind: 'validation', field: 'manager.password' })
    expect(err.message).toMatch(/too common or too easy to guess/)
    expect((await ok(core, 'app.status', {})).setUp).toBe(false)
    expect(existsSync(join(dir, 'vault.json'))).toBe(false)
  })

  it('refuses a bad URN with a message about URNs', async () => {
    const { core } = fresh()
    const err = await refused(core, 'setup.create', { school: { ...SCHOOL, urn: '12AB' }, manager: MANAGER })
    expect(err).toMatchObject({ kind: 'validation', field: 'school.urn' })
    expect(err.message).toMatch(/six-digit/)
  })
})

describe('signing in and locking', () => {
  it('locks, refuses calls while locked, and opens again with the password', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    await ok(core, 'session.lock', {})
    expect(await refused(core, 'school.get', {})).toMatchObject({ kind: 'locked' })
    expect((await ok(core, 'app.status', {})).unlocked).toBe(false)
    const user = await ok(core, 'session.login', { username: 'BManager', password: MANAGER.password })
    expect(user).toMatchObject({ username: 'bmanager', role: 'manager' })
    expect((await ok(core, 'school.get', {})).name).toBe(SCHOOL.name)
  })

  it('answers a wrong password and an unknown user with the same plain message', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    await ok(core, 'session.lock', {})
    const wrong = await refused(core, 'session.login', { username: 'bmanager', password: 'not the password at all' })
    const unknown = await refused(core, 'session.login', { username: 'nobody', password: 'whatever it is here' })
    expect(wrong).toEqual(unknown)
    expect(wrong).toMatchObject({ kind: 'validation', field: 'password' })
    expect(wrong.message).toMatch(/do not match/)
  })

  it('slows down repeated failures, across a restart, and audits them at the next sign-in', async () => {
    let clock = Date.parse('2026-11-24T09:00:00Z')
    const now = () => clock
    const t = tempDir()
    cleanups.push(t.cleanup)
    const first = newCore(t.dir, { now })
    await setUpSchool(first)
    await ok(first, 'session.lock', {})
    for (let i = 0; i < 3; i++) await refused(first, 'session.login', { username: 'bmanager', password: `wrong guess ${i}` })
    const waiting = await refused(first, 'session.login', { username: 'bmanager', password: MANAGER.password })
    expect(waiting.kind).toBe('locked')
    expect(waiting.message).toMatch(/wait \d+ seconds?/)
    await first.close()

    // A restart does not reset the count.
    const second = newCore(t.dir, { now })
    cleanups.push(() => second.close())
    expect((await refused(second, 'session.login', { username: 'bmanager', password: MANAGER.password })).kind).toBe('locked')
    clock += 60_000
    await ok(second, 'session.login', { username: 'bmanager', password: MANAGER.password })
    const trail = await ok(second, 'audit.list', { text: 'session.login', offset: 0, limit: 50 })
    expect(trail.rows.filter((r) => r.result === 'refused')).toHaveLength(3)
    expect(trail.rows.filter((r) => r.result === 'refused').every((r) => r.username === null && r.detail === 'wrong-password')).toBe(true)
  })

  it('locks by itself after the idle time', async () => {
    let clock = Date.parse('2026-11-24T09:00:00Z')
    const { core } = fresh({ now: () => clock })
    await setUpSchool(core)
    await ok(core, 'settings.update', { idleLockMinutes: 5 })
    clock += 4 * 60_000
    await ok(core, 'session.keepAlive', {})
    clock += 4 * 60_000
    await ok(core, 'school.get', {})
    clock += 6 * 60_000
    expect(await refused(core, 'school.get', {})).toMatchObject({ kind: 'locked' })
    expect((await ok(core, 'app.status', {})).unlocked).toBe(false)
  })

  it('opens with the recovery key when the password is forgotten, and sets a new one', async () => {
    const { core } = fresh()
    const recoveryKey = await setUpSchool(core)
    await ok(core, 'session.lock', {})
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ')
    const user = await ok(core, 'session.recover', { recoveryKey: typed, username: 'bmanager', newPassword: 'lantern maple orbit quietly' })
    expect(user.username).toBe('bmanager')
    await ok(core, 'session.lock', {})
    expect((await refused(core, 'session.login', { username: 'bmanager', password: MANAGER.password })).kind).toBe('validation')
    await ok(core, 'session.login', { username: 'bmanager', password: 'lantern maple orbit quietly' })
    const wrongKey = await refused(core, 'session.recover', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', username: 'bmanager', newPassword: 'lantern maple orbit quietly' })
    expect(wrongKey).toMatchObject({ kind: 'validation', field: 'recoveryKey' })
  })
})

describe('users and roles', () => {
  it('adds a user who must change the given password, and can then use their role', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    const head = await ok(core, 'users.create', { username: 'head', displayName: 'Dafydd ap Gruffudd', role: 'head', password: 'first given password here' })
    expect(head).toMatchObject({ role: 'head', mustChangePassword: true, disabled: false })
    await ok(core, 'session.lock', {})
    const signedIn = await ok(core, 'session.login', { username: 'head', password: 'first given password here' })
    expect(signedIn.mustChangePassword).toBe(true)
    expect(await refused(core, 'users.list', {})).toMatchObject({ kind: 'forbidden' })
    expect((await refused(core, 'account.changePassword', { currentPassword: 'wrong one entirely', newPassword: 'copper meadow sleepy anchor' })).field).toBe('currentPassword')
    await ok(core, 'account.changePassword', { currentPassword: 'first given password here', newPassword: 'copper meadow sleepy anchor' })
    expect((await ok(core, 'app.status', {})).user?.mustChangePassword).toBe(false)
    expect((await ok(core, 'audit.list', { offset: 0, limit: 10 })).total).toBeGreaterThan(3)
  })

  it('refuses a taken username, and never leaves the school without a manager', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    expect(await refused(core, 'users.create', { username: 'BMANAGER', displayName: 'Other', role: 'office', password: 'copper meadow sleepy anchor' })).toMatchObject({ field: 'username' })
    const me = (await ok(core, 'users.list', {})).rows[0]!
    expect((await refused(core, 'users.update', { id: me.id, displayName: 'Bethan', role: 'head' })).message).toMatch(/only business manager/)
    expect((await refused(core, 'users.setDisabled', { id: me.id, disabled: true })).message).toMatch(/your own account/)
  })

  it('a disabled user’s password opens nothing; enabling needs a new password', async () => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    const u = await ok(core, 'users.create', { username: 'reception', displayName: 'Rhian Office', role: 'office', password: 'first given password here' })
    await ok(core, 'users.setDisabled', { id: u.id, disabled: true })
    const vault = readFileSync(join(dir, 'vault.json'), 'utf8')
    expect(JSON.parse(vault).slots.filter((s: { userId?: number }) => s.userId === u.id)).toHaveLength(0)
    await ok(core, 'session.lock', {})
    const err = await refused(core, 'session.login', { username: 'reception', password: 'first given password here' })
    expect(err).toMatchObject({ kind: 'forbidden' })
    expect(err.message).toMatch(/disabled/)
    await ok(core, 'session.login', { username: 'bmanager', password: MANAGER.password })
    await ok(core, 'users.setDisabled', { id: u.id, disabled: false })
    await ok(core, 'users.resetPassword', { id: u.id, newPassword: 'copper meadow sleepy anchor' })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'reception', password: 'copper meadow sleepy anchor' })
  })
})

describe('the audit trail', () => {
  it('records changes and sign-ins, pages newest first, and verifies its chain', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    await ok(core, 'school.update', { ...SCHOOL, address: 'New address' })
    const page = await ok(core, 'audit.list', { offset: 0, limit: 2 })
    expect(page.total).toBeGreaterThanOrEqual(3)
    expect(page.rows[0]).toMatchObject({ action: 'school.update', username: 'bmanager', result: 'ok' })
    expect(page.rows).toHaveLength(2)
    const verify = await ok(core, 'audit.verify', {})
    expect(verify).toMatchObject({ ok: true, brokenAt: null })
    expect(verify.message).toMatch(/intact/)
  })

  it('pages the whole trail and a search by words the same way: newest first, with the right totals', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    for (let i = 0; i < 7; i++) await ok(core, 'school.update', { ...SCHOOL, address: `Address ${i}` })
    const all = await ok(core, 'audit.list', { offset: 0, limit: 500 })
    const ids = all.rows.map((r) => r.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(all.total).toBe(ids.length)
    expect((await ok(core, 'audit.list', { offset: 2, limit: 3 })).rows.map((r) => r.id)).toEqual(ids.slice(2, 5))

    const updates = all.rows.filter((r) => r.action === 'school.update').map((r) => r.id)
    expect(updates).toHaveLength(7)
    const found = await ok(core, 'audit.list', { text: 'school.upd', offset: 2, limit: 3 })
    expect(found.total).toBe(7)
    expect(found.rows.map((r) => r.id)).toEqual(updates.slice(2, 5))
    // The words are matched as they are: % and _ are not wildcards.
    expect((await ok(core, 'audit.list', { text: 'school_update', offset: 0, limit: 10 })).total).toBe(0)
    expect((await ok(core, 'audit.list', { text: '%', offset: 0, limit: 10 })).total).toBe(0)

    // Oldest first, on each of the three ways a page is read (whole trail, a period, words).
    const oldest = { key: 'when', order: 'asc' } as const
    const ascending = [...ids].reverse()
    expect((await ok(core, 'audit.list', { sort: oldest, offset: 2, limit: 3 })).rows.map((r) => r.id)).toEqual(ascending.slice(2, 5))
    expect((await ok(core, 'audit.list', { sort: oldest, from: '2000-01-01', offset: 0, limit: 500 })).rows.map((r) => r.id)).toEqual(ascending)
    expect((await ok(core, 'audit.list', { sort: oldest, text: 'school.upd', offset: 0, limit: 2 })).rows.map((r) => r.id)).toEqual([...updates].reverse().slice(0, 2))
    expect(await refused(core, 'audit.list', { sort: { key: 'detail', order: 'asc' }, offset: 0, limit: 5 })).toMatchObject({ kind: 'validation' })
  })
})

describe('backups', () => {
  it('backs up, checks and restores, keeping the replaced copy and locking', async () => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    const backup = await ok(core, 'backup.now', {})
    expect(readFileSync(backup.file).includes(Buffer.from(SCHOOL.name))).toBe(false)
    await ok(core, 'users.create', { username: 'added-later', displayName: 'Added Later', role: 'office', password: 'copper meadow sleepy anchor' })
    const check = await ok(core, 'backup.inspect', { file: backup.file })
    expect(check).toMatchObject({ schoolName: SCHOOL.name, sameSchool: true, records: { users: 1 } })
    expect((await refused(core, 'backup.restore', { file: backup.file, confirmSchoolName: 'wrong school' })).field).toBe('confirmSchoolName')
    const { replacedCopy } = await ok(core, 'backup.restore', { file: backup.file, confirmSchoolName: SCHOOL.name.toUpperCase() })
    expect(existsSync(replacedCopy)).toBe(true)
    expect((await ok(core, 'app.status', {})).unlocked).toBe(false)
    await ok(core, 'session.login', { username: 'bmanager', password: MANAGER.password })
    expect((await ok(core, 'users.list', {})).rows.map((u) => u.username)).toEqual(['bmanager'])
    expect((await ok(core, 'audit.list', { text: 'backup.restore', offset: 0, limit: 5 })).total).toBe(1)
    expect((await ok(core, 'audit.verify', {})).ok).toBe(true)
    expect(readdirSync(join(dir, 'backups')).some((f) => f.endsWith('.osrbackup'))).toBe(true)
  })

  it('refuses a backup from another school, a damaged file, and a file that is not a backup', async () => {
    const a = fresh()
    const b = fresh()
    await setUpSchool(a.core)
    await setUpSchool(b.core)
    const other = await ok(b.core, 'backup.now', {})
    expect((await refused(a.core, 'backup.inspect', { file: other.file })).message).toMatch(/another school/)

    const mine = await ok(a.core, 'backup.now', {})
    const bytes = readFileSync(mine.file)
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100)
    const damagedFile = join(a.dir, 'damaged.osrbackup')
    writeFileSync(damagedFile, bytes)
    expect((await refused(a.core, 'backup.restore', { file: damagedFile, confirmSchoolName: SCHOOL.name })).message).toMatch(/damaged/)
    const notBackup = join(a.dir, 'notes.txt')
    writeFileSync(notBackup, 'hello')
    expect((await refused(a.core, 'backup.inspect', { file: notBackup })).message).toMatch(/not an Online Safety Register backup/)
    expect((await ok(a.core, 'app.status', {})).unlocked).toBe(true)
  })

  it('refuses a chosen folder that is not there, or is a file, and creates nothing', async () => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    const missing = join(dir, 'usb-stick-not-plugged-in')
    const err = await refused(core, 'backup.now', { folder: missing })
    expect(err.kind).toBe('not-found')
    expect(err.message).toMatch(/USB stick is plugged in/)
    expect(existsSync(missing)).toBe(false)
    const file = join(dir, 'a-file.txt')
    writeFileSync(file, 'not a folder')
    expect(await refused(core, 'backup.now', { folder: file })).toMatchObject({ kind: 'validation', field: 'folder' })
  })

  it('makes an automatic backup on lock when something changed, and not when nothing did', async () => {
    let clock = Date.parse('2026-11-24T09:00:00Z')
    const { core } = fresh({ now: () => clock })
    await setUpSchool(core) // the daily backup at sign-in
    const kinds = async () => (await ok(core, 'backup.list', {})).backups.map((b) => `${b.kind} ${b.createdAt}`)
    expect(await kinds()).toEqual(['daily 2026-11-24T09:00:00.000Z'])
    clock += 60_000
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'bmanager', password: MANAGER.password })
    expect(await kinds()).toEqual(['daily 2026-11-24T09:00:00.000Z'])
    await ok(core, 'settings.update', { idleLockMinutes: 15 })
    clock += 60_000
    await ok(core, 'session.lock', {})
    // One automatic backup is kept per day: the newest, made at this lock.
    await ok(core, 'session.login', { username: 'bmanager', password: MANAGER.password })
    expect(await kinds()).toEqual(['on-lock 2026-11-24T09:02:00.000Z'])
  })

  it('keeps the newest automatic backup of each of the last 7 days, 4 weeks and 12 months', async () => {
    let clock = Date.parse('2025-01-01T12:00:00Z')
    const { core } = fresh({ now: () => clock })
    await setUpSchool(core)
    // Thirteen months and more of daily backups, one a day (past the 12 months kept).
    for (let day = 1; day <= 420; day++) {
      clock += 86_400_000
      await core.backups.make(core.store.requireOpen().db, 'daily')
    }
    expect(new Date(clock).toISOString().slice(0, 10)).toBe('2026-02-25')
    const kept = core.backups.list().map((b) => b.createdAt.slice(0, 10))
    expect(kept.slice(0, 7)).toEqual(['2026-02-25', '2026-02-24', '2026-02-23', '2026-02-22', '2026-02-21', '2026-02-20', '2026-02-19'])
    // 7 days + older weekly ones + older monthly ones, none older than 12 months.
    expect(kept.length).toBeGreaterThanOrEqual(7 + 2 + 10)
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12)
    expect(kept.at(-1)! >= '2025-02-25').toBe(true)
    expect(kept.at(-1)! < '2025-04-01').toBe(true)
  }, 120_000)
})

describe('key rotation', () => {
  it('re-keys the database; other users open their sealed slot at next sign-in; old recovery key stops working', async () => {
    const { core, dir } = fresh()
    const oldRecovery = await setUpSchool(core)
    await ok(core, 'users.create', { username: 'dsl', displayName: 'Siân Ŵyn', role: 'dsl', password: 'first given password here' })
    const before = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'))
    const { recoveryKey } = await ok(core, 'vault.rotateKey', { password: MANAGER.password })
    expect(recoveryKey).not.toBe(oldRecovery)
    const after = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'))
    const dslSlot = after.slots.find((s: { kind: string; userId?: number }) => s.kind === 'user' && s.userId !== 1)
    expect(dslSlot.wrap).toBeUndefined()
    expect(dslSlot.sealed).toBeDefined()
    expect(after.slots.find((s: { kind: string }) => s.kind === 'recovery').wrap).not.toEqual(before.slots.find((s: { kind: string }) => s.kind === 'recovery').wrap)
    expect((await ok(core, 'school.get', {})).name).toBe(SCHOOL.name)

    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'dsl', password: 'first given password here' })
    const settled = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'))
    const dslAfter = settled.slots.find((s: { kind: string; userId?: number }) => s.kind === 'user' && s.userId !== 1)
    expect(dslAfter.wrap).toBeDefined()
    expect(dslAfter.sealed).toBeUndefined()
    await ok(core, 'session.lock', {})
    expect((await refused(core, 'session.recover', { recoveryKey: oldRecovery, username: 'bmanager', newPassword: 'lantern maple orbit quietly' })).field).toBe('recoveryKey')
    await ok(core, 'session.recover', { recoveryKey, username: 'bmanager', newPassword: 'lantern maple orbit quietly' })
  })
})
