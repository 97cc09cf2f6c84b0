// Faults a school office can meet: the app killed mid-save, a damaged or missing key file, a
// damaged records file, a full USB stick, a read-only data folder. Each must end in a message a
// school secretary can act on, and nothing already saved may be lost or changed.
//
// About 30-60 s. OSR_LONG_TESTS=1 runs the long variant (many more kills, wider kill windows).
// Some faults need `mount` (tmpfs, read-only bind mounts): run as root, or those tests are
// skipped with the reason printed.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { integrity, run, snapshot } from './fault-tools'
import { FAST_KDF, MANAGER, newCore, ok, refused, SCHOOL, setUpSchool, tempDir } from './helpers'

const LONG = process.env.OSR_LONG_TESTS === '1'
const ROOT = resolve(import.meta.dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')
const WRITER = join(ROOT, 'tests/integration/fixtures/kill-writer.ts')
const SIGN_IN = { username: MANAGER.username, password: MANAGER.password }
const DAMAGED_VAULT = /key file \(vault\.json\) is damaged and so is its previous copy/
const DAMAGED_RECORDS = /damaged or is not a register file\. Nothing has been changed\. Restore the latest backup/

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

/** A data folder (removed afterwards) and a core on it (closed afterwards). */
function fresh(): { core: Core; dir: string } {
  const t = tempDir('osr-fault-')
  const core = newCore(t.dir)
  cleanups.push(t.cleanup, () => core.close())
  return { core, dir: t.dir }
}

/** A second core on the same folder, as after a restart, with its log kept for the test to read. */
function restart(dir: string): { core: Core; log: string[] } {
  const log: string[] = []
  const core = createCore({ dataDir: dir, appVersion: '0.0.0-test', kdfCost: FAST_KDF, logger: { error: (m) => log.push(m) } })
  cleanups.push(() => core.close())
  return { core, log }
}

async function schoolWithAUser(): Promise<{ core: Core; dir: string }> {
  const { core, dir } = fresh()
  await setUpSchool(core)
  await ok(core, 'users.create', { username: 'sian.wyn', displayName: 'Siân Ŵyn', role: 'dsl', password: 'first given password here' })
  await ok(core, 'session.lock', {})
  return { core, dir }
}

/** What a secretary would see after signing in: the school, the users, and a sound database. */
async function expectRecordsIntact(core: Core, usernames: string[]): Promise<void> {
  expect(await ok(core, 'school.get', {})).toEqual(SCHOOL)
  expect((await ok(core, 'users.list', {})).rows.map((u) => u.username).sort()).toEqual([...usernames].sort())
  expect(await integrity(core)).toBe('ok')
  expect(await ok(core, 'audit.verify', {})).toMatchObject({ ok: true, brokenAt: null })
}

/**
 * Makes a folder read-only. `chmod -R a-w` is enough for an ordinary user; root ignores
 * permissions, so for root the folder is bind-mounted onto itself and remounted read-only.
 * Returns how to undo it, or the reason it could not be done.
 */
function makeReadOnly(dir: string): { undo: () => void } | { reason: string } {
  let undone = false
  const once = (fn: () => void) => () => {
    if (undone) return
    undone = true
    fn()
  }
  const chmodAll = (mode: number) => {
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) chmodSync(join(dir, name), statSync(join(dir, name)).isDirectory() ? mode | 0o111 : mode)
    chmodSync(dir, mode | 0o111)
  }
  chmodAll(0o444)
  const probe = join(dir, '.write-probe')
  try {
    writeFileSync(probe, 'x')
    rmSync(probe)
  } catch {
    return { undo: once(() => chmodAll(0o644)) }
  }
  chmodAll(0o644)
  // Root: permissions are not enforced.
  const bind = run('mount', ['--bind', dir, dir])
  if (bind) return { reason: `chmod is ignored for root and a read-only bind mount was refused: ${bind}` }
  const ro = run('mount', ['-o', 'remount,bind,ro', dir])
  if (ro) {
    run('umount', [dir])
    return { reason: `chmod is ignored for root and remounting read-only was refused: ${ro}` }
  }
  return { undo: once(() => void run('umount', [dir])) }
}

// ---- kill -9 while saving ---------------------------------------------------------------------

interface Reported {
  index: number
  kind: 'user' | 'school' | 'settings'
  value: string
}

const kindOf = (index: number): Reported['kind'] => (['user', 'school', 'settings'] as const)[index % 3]!

/** Runs the writer child and SIGKILLs it at a random moment after its first committed change. */
function writeUntilKilled(dir: string, round: number, windowMs: [number, number]): Promise<{ reported: Reported[]; killedAfterMs: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(NODE, ['--import', 'tsx', WRITER, dir, String(round)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const reported: Reported[] = []
    let pending = ''
    let stderr = ''
    let killedAfterMs = -1
    let killed = false
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the writer made no change within 30 s. Its errors: ${stderr}`))
    }, 30_000)
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop()! // only whole lines count: a half-printed one was not reported
      for (const line of lines) {
        const m = /^(\d+) (user|school|settings) (.+)$/.exec(line)
        if (!m) continue
        reported.push({ index: Number(m[1]), kind: m[2] as Reported['kind'], value: m[3]! })
        if (reported.length === 1) {
          clearTimeout(giveUp)
          killedAfterMs = windowMs[0] + Math.floor(Math.random() * (windowMs[1] - windowMs[0]))
          setTimeout(() => {
            killed = true
            child.kill('SIGKILL')
          }, killedAfterMs)
        }
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(giveUp)
      if (killed && signal === 'SIGKILL') resolvePromise({ reported, killedAfterMs })
      else reject(new Error(`the writer stopped by itself (code ${code}, signal ${signal}): ${stderr}`))
    })
  })
}

describe('the app killed (kill -9) while saving', () => {
  const rounds = LONG ? 40 : 3
  const windowMs: [number, number] = LONG ? [20, 3000] : [100, 600]

  it(`loses no reported change and stays sound, ${rounds} kills in a row`, async () => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    await core.close()

    const users = new Set([MANAGER.username])
    let address = SCHOOL.address
    let minutes = 10
    let totalReported = 0
    for (let round = 1; round <= rounds; round++) {
      const { reported, killedAfterMs } = await writeUntilKilled(dir, round, windowMs)
      totalReported += reported.length
      const last = reported.at(-1)!
      // Killed after printing change `last` at the earliest: at most the next change may also have
      // been saved (after its commit, before its line was printed).
      const next = { index: last.index + 1, kind: kindOf(last.index + 1) }
      const context = `round ${round}, killed ${killedAfterMs} ms after the first change, last reported: ${last.index} ${last.kind} ${last.value}`

      const { core: after } = restart(dir)
      await ok(after, 'session.login', SIGN_IN)
      const listed = (await ok(after, 'users.list', {})).rows.map((u) => u.username)
      for (const r of reported) if (r.kind === 'user') users.add(r.value)
      const unexpected = listed.filter((u) => !users.has(u))
      expect(listed, context).toEqual(expect.arrayContaining([...users]))
      if (next.kind === 'user') expect(unexpected.every((u) => u === `kr${round}-${next.index}`), context).toBe(true)
      else expect(unexpected, context).toEqual([])
      unexpected.forEach((u) => users.add(u))

      const lastOf = (kind: Reported['kind']) => reported.filter((r) => r.kind === kind).at(-1)?.value
      const allowedAddresses = [lastOf('school') ?? address, ...(next.kind === 'school' ? [`Kill test r${round}-${next.index}`] : [])]
      address = (await ok(after, 'school.get', {})).address
      expect(allowedAddresses, context).toContain(address)
      const allowedMinutes = [Number(lastOf('settings') ?? minutes), ...(next.kind === 'settings' ? [1 + (next.index % 120)] : [])]
      minutes = (await ok(after, 'settings.get', {})).idleLockMinutes
      expect(allowedMinutes, context).toContain(minutes)

      expect(await integrity(after), context).toBe('ok')
      expect(await ok(after, 'audit.verify', {}), context).toMatchObject({ ok: true })
      // Each user and the audit entry of their creation were saved together or not at all.
      expect((await ok(after, 'audit.list', { text: 'user.create', offset: 0, limit: 1 })).total, context).toBe(listed.length)

      // The vault survived too: the last user the writer reported can sign in with their password.
      const lastUser = reported.filter((r) => r.kind === 'user').at(-1)
      if (lastUser) {
        await ok(after, 'session.lock', {})
        expect((await ok(after, 'session.login', { username: lastUser.value, password: 'copper meadow sleepy anchor' })).username, context).toBe(lastUser.value)
      }
      await after.close()
    }
    expect(totalReported).toBeGreaterThanOrEqual(rounds)
  }, LONG ? 20 * 60_000 : 90_000)
})

// ---- the key file ---------------------------------------------------------------------------------

describe('a damaged or missing key file (vault.json)', () => {
  it('falls back to the previous copy when vault.json is garbage, and signs in', async () => {
    const { dir } = await schoolWithAUser()
    expect(existsSync(join(dir, 'vault.previous.json'))).toBe(true)
    writeFileSync(join(dir, 'vault.json'), randomBytes(700))

    const { core, log } = restart(dir)
    expect((await ok(core, 'app.status', {})).setUp).toBe(true)
    expect((await ok(core, 'session.login', SIGN_IN)).username).toBe(MANAGER.username)
    expect(log).toContain('vault.json was missing or damaged: the previous copy was used')
    await expectRecordsIntact(core, [MANAGER.username, 'sian.wyn'])

    // The previous copy is one change behind: it predates Siân's key slot, so her password opens
    // nothing until the business manager gives her a new one (her records and account are intact).
    await ok(core, 'session.lock', {})
    expect((await refused(core, 'session.login', { username: 'sian.wyn', password: 'first given password here' })).message).toMatch(/do not match/)
    await ok(core, 'session.login', SIGN_IN)
    const sian = (await ok(core, 'users.list', {})).rows.find((u) => u.username === 'sian.wyn')!
    await ok(core, 'users.resetPassword', { id: sian.id, newPassword: 'copper meadow sleepy anchor' })
    // That write replaced the damaged vault.json, and did not copy the garbage over the good previous copy.
    expect(() => JSON.parse(readFileSync(join(dir, 'vault.previous.json'), 'utf8'))).not.toThrow()
    expect(() => JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'))).not.toThrow()
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'sian.wyn', password: 'copper meadow sleepy anchor' })
  })

  it('says so plainly when vault.json and its previous copy are both damaged, and changes nothing', async () => {
    const { dir } = await schoolWithAUser()
    writeFileSync(join(dir, 'vault.json'), randomBytes(700))
    writeFileSync(join(dir, 'vault.previous.json'), '{"format": "online-safety-register/vault", "version": 1, "slo')
    const before = snapshot(dir)

    const { core } = restart(dir)
    expect((await ok(core, 'app.status', {})).setUp).toBe(true)
    const err = await refused(core, 'session.login', SIGN_IN)
    expect(err.message).toMatch(DAMAGED_VAULT)
    expect(err.message).toMatch(/Nothing has been deleted\. Restore a backup, or ask your IT support\./)
    expect((await refused(core, 'setup.create', { school: SCHOOL, manager: MANAGER })).kind).toBe('conflict')
    expect(snapshot(dir)).toEqual(before)
  })

  it('never offers set-up over existing records when vault.json is missing, and says the key file is missing', async () => {
    const { dir } = await schoolWithAUser()
    rmSync(join(dir, 'vault.json'))
    rmSync(join(dir, 'vault.previous.json'))
    const before = snapshot(dir)

    const { core } = restart(dir)
    expect(await ok(core, 'app.status', {})).toMatchObject({ setUp: true, unlocked: false })
    const err = await refused(core, 'session.login', SIGN_IN)
    expect(err.kind).toBe('not-found')
    expect(err.message).toMatch(/The key file \(vault\.json\) is missing from the data folder, so the records cannot be opened\. Nothing has been deleted\./)
    const setup = await refused(core, 'setup.create', { school: { ...SCHOOL, name: 'Another School' }, manager: MANAGER })
    expect(setup).toMatchObject({ kind: 'conflict' })
    expect(setup.message).toMatch(/already holds a school’s register\. Sign in instead/)
    expect(snapshot(dir)).toEqual(before)
  })
})

// ---- the records file -------------------------------------------------------------------------------

describe('a damaged records file (register.db)', () => {
  for (const [what, damage] of [
    ['cut to half its size', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 2))],
    ['overwritten with random bytes', (f: string) => writeFileSync(f, randomBytes(statSync(f).size))],
  ] as const) {
    it(`refuses to sign in when it is ${what}, asks for the latest backup, and leaves the file as it is`, async () => {
      const { dir } = await schoolWithAUser()
      damage(join(dir, 'register.db'))
      const before = snapshot(dir)

      const { core } = restart(dir)
      const err = await refused(core, 'session.login', SIGN_IN)
      expect(err.message).toMatch(DAMAGED_RECORDS)
      expect((await ok(core, 'app.status', {})).unlocked).toBe(false)
      // A second try says the same, and neither attempt touched a byte (nor added a file).
      expect((await refused(core, 'session.login', SIGN_IN)).message).toMatch(DAMAGED_RECORDS)
      expect(snapshot(dir)).toEqual(before)
    })
  }
})

// ---- a full disk ------------------------------------------------------------------------------------

describe('a backup to a full USB stick', () => {
  it('fails with "the disk or USB stick is full", leaves no partial file, and changes nothing else', async (ctx) => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    await ok(core, 'users.create', { username: 'sian.wyn', displayName: 'Siân Ŵyn', role: 'dsl', password: 'first given password here' })
    const stick = join(dir, 'usb-stick')
    mkdirSync(stick)
    const refusedMount = run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', stick])
    if (refusedMount) {
      console.warn(`Skipped the full-disk backup test: cannot mount a 1 MB tmpfs here (${refusedMount}).`)
      ctx.skip(`no tmpfs: ${refusedMount}`)
    }
    cleanups.push(() => void run('umount', [stick]))
    // Fill the stick, leaving 16 KB: less than any backup.
    writeFileSync(join(stick, 'holiday-photos.zip'), Buffer.alloc(1024 * 1024 - 16 * 1024))
    const backupsBefore = readdirSync(join(dir, 'backups')).sort()
    const trailBefore = (await ok(core, 'audit.list', { offset: 0, limit: 1 })).total

    const err = await refused(core, 'backup.now', { folder: stick })
    expect(err.message).toMatch(/The backup could not be written because the disk or USB stick is full\. Nothing else was changed\./)
    expect(readdirSync(stick)).toEqual(['holiday-photos.zip'])
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(backupsBefore)
    expect(readdirSync(dir).filter((f) => f.startsWith('.snapshot-'))).toEqual([])
    expect((await ok(core, 'audit.list', { offset: 0, limit: 1 })).total).toBe(trailBefore)
    await expectRecordsIntact(core, [MANAGER.username, 'sian.wyn'])

    // With room on the stick, the same backup works.
    rmSync(join(stick, 'holiday-photos.zip'))
    const made = await ok(core, 'backup.now', { folder: stick })
    expect(readdirSync(stick)).toEqual([made.file.slice(stick.length + 1)])
  })
})

// ---- a read-only data folder ------------------------------------------------------------------------

describe('a read-only data folder', () => {
  it('says the folder must not be read-only at sign-in, and changes nothing', async (ctx) => {
    const { dir } = await schoolWithAUser()
    const before = snapshot(dir)
    const ro = makeReadOnly(dir)
    if ('reason' in ro) {
      console.warn(`Skipped the read-only folder test: ${ro.reason}`)
      return ctx.skip(ro.reason)
    }
    cleanups.push(ro.undo)

    const { core } = restart(dir)
    expect(await ok(core, 'app.status', {})).toMatchObject({ setUp: true, unlocked: false })
    const err = await refused(core, 'session.login', SIGN_IN)
    expect(err.message).toMatch(/The records file is missing or cannot be read\. Check that the data folder is there and not read-only\./)
    ro.undo()
    expect(snapshot(dir)).toEqual(before)

    await ok(core, 'session.login', SIGN_IN)
    await expectRecordsIntact(core, [MANAGER.username, 'sian.wyn'])
  })

  it('keeps the records sound when the folder turns read-only while someone is signed in', async (ctx) => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    const ro = makeReadOnly(dir)
    if ('reason' in ro) {
      console.warn(`Skipped the read-only folder test: ${ro.reason}`)
      return ctx.skip(ro.reason)
    }
    cleanups.push(ro.undo)

    // A password change writes the key file first: it fails cleanly.
    const password = await refused(core, 'account.changePassword', { currentPassword: MANAGER.password, newPassword: 'lantern maple orbit quietly' })
    expect(password.message).toMatch(/Nothing was changed/)
    // A new user: the row is saved through the open database, the key slot cannot be written.
    await refused(core, 'users.create', { username: 'sian.wyn', displayName: 'Siân Ŵyn', role: 'dsl', password: 'first given password here' })
    // A backup needs a snapshot in the data folder: the message says that folder cannot be written.
    expect((await refused(core, 'backup.now', {})).message).toMatch(/register’s own folder on this computer cannot be written/)

    ro.undo()
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', SIGN_IN) // the old password still opens the records
    expect(await integrity(core)).toBe('ok')
    expect((await ok(core, 'audit.verify', {})).ok).toBe(true)
    // "Reset password" finishes the half-made user, as the core's comment promises.
    const sian = (await ok(core, 'users.list', {})).rows.find((u) => u.username === 'sian.wyn')
    expect(sian).toBeDefined()
    expect((await ok(core, 'audit.list', { text: 'user.create', offset: 0, limit: 5 })).total).toBe(2)
    await ok(core, 'users.resetPassword', { id: sian!.id, newPassword: 'copper meadow sleepy anchor' })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'sian.wyn', password: 'copper meadow sleepy anchor' })
  })

  // The user row and its audit entry are committed before the key slot is written; when writing
  // vault.json then fails, the message must say the user exists and how to finish (not "Nothing
  // was changed", which a retry would contradict with "the username is taken").
  it('does not claim "Nothing was changed" when a new user was in fact saved', async (ctx) => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    const ro = makeReadOnly(dir)
    if ('reason' in ro) return ctx.skip(ro.reason)
    cleanups.push(ro.undo)
    const err = await refused(core, 'users.create', { username: 'sian.wyn', displayName: 'Siân Ŵyn', role: 'dsl', password: 'first given password here' })
    ro.undo()
    const saved = (await ok(core, 'users.list', {})).rows.some((u) => u.username === 'sian.wyn')
    expect(saved).toBe(true)
    expect(err.message).toMatch(/was added, but their password could not be saved.*Reset password/)
  })

  // A wrong password while the folder is read-only cannot update sign-in-attempts.json: the
  // secretary must still read "do not match", not a generic failure.
  it('answers a wrong password in a read-only folder with a message about the password or the folder', async (ctx) => {
    const { dir } = await schoolWithAUser()
    const ro = makeReadOnly(dir)
    if ('reason' in ro) return ctx.skip(ro.reason)
    cleanups.push(ro.undo)
    const { core } = restart(dir)
    const err = await refused(core, 'session.login', { username: MANAGER.username, password: 'not the password at all' })
    expect(err.message).toMatch(/do not match|read-only/)
  })
})
