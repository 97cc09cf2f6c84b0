// Faults a school office can meet, part 2: the app killed (kill -9) in the middle of the long
// jobs — a large import, a key rotation, a backup, a restore — the key file or the records cut
// short, and the disk filling up while a record is saved. Each must end in a message a school
// secretary can act on and a register that is whole: nothing already saved lost or changed, and
// the checks (audit.verify, incidents.verify, SQLite's integrity check) pass or name the damage.
//
// About 40-60 s on a 2-core machine, most of it starting the nine child processes (the core takes
// ~2 s to load). OSR_LONG_TESTS=1 runs many more kills (several minutes). The disk-full test
// needs `mount` (a small tmpfs): run as root, or it is skipped with the reason printed.
import { execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { integrity, run, snapshot } from './fault-tools'
import { FAST_KDF, MANAGER, newCore, ok, refused, SCHOOL, setUpSchool, tempDir } from './helpers'
import { incidentCsv, incidentPlace, misNumber, pupilCsv } from './fixtures/kill-child'
import { dataKeyFrom, openField } from '../../electron/core/incidents/incident-keys'

const LONG = process.env.OSR_LONG_TESTS === '1'
const ROOT = resolve(import.meta.dirname, '../..')
const NODE = join(ROOT, 'node_modules/.bin/node')
const fixture = (name: string) => join(ROOT, 'tests/integration/fixtures', `${name}.ts`)
const SIGN_IN = { username: MANAGER.username, password: MANAGER.password }
const DSL = { username: 'sian.wyn', displayName: 'Siân Ŵyn', role: 'dsl' as const, password: 'copper meadow sleepy anchor' }
const DAMAGED_VAULT = /key file \(vault\.json\) is damaged and so is its previous copy.*Nothing has been deleted/
const DAMAGED_RECORDS = /damaged or is not a register file\. Nothing has been changed\. Restore the latest backup/
const DAMAGED_BACKUP = /That backup file is damaged or incomplete, so it cannot be used/

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

function folder(prefix = 'osr-heavy-'): string {
  const t = tempDir(prefix)
  cleanups.push(t.cleanup)
  return t.dir
}

/** A core on a folder (closed afterwards), as after a restart, with its log kept for the test. */
function restart(dir: string): { core: Core; log: string[] } {
  const log: string[] = []
  const core = createCore({ dataDir: dir, appVersion: '0.0.0-test', kdfCost: FAST_KDF, logger: { error: (m, d) => log.push(`${m} ${d instanceof Error ? d.message : ''}`) } })
  cleanups.push(() => core.close())
  return { core, log }
}

/** A register with the business manager (signed in) and a DSL, in a fresh folder. */
async function school(dir = folder()): Promise<{ core: Core; dir: string }> {
  const core = newCore(dir)
  cleanups.push(() => core.close())
  await setUpSchool(core)
  await ok(core, 'users.create', { ...DSL, password: 'first given password here' })
  // She chooses her own password: the core opens nothing else to her until she has.
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: DSL.username, password: 'first given password here' })
  await ok(core, 'account.changePassword', { currentPassword: 'first given password here', newPassword: DSL.password })
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', SIGN_IN)
  return { core, dir }
}

/** Every check the register has: SQLite's, the audit trail's chain, the incident log's signatures. */
async function expectVerified(core: Core, context: string): Promise<void> {
  expect(await integrity(core), context).toBe('ok')
  expect(await ok(core, 'audit.verify', {}), context).toMatchObject({ ok: true, brokenAt: null })
  expect(await ok(core, 'incidents.verify', {}), context).toMatchObject({ ok: true, problems: [] })
}

async function count(core: Core, sql: string, bindings: (string | number)[] = []): Promise<number> {
  const rows = (await core.store.requireOpen().db.raw(`SELECT count(*) AS n FROM ${sql}`, bindings)) as { n: number }[]
  return Number(rows[0]!.n)
}

const randomIn = ([from, to]: [number, number]) => from + Math.floor(Math.random() * Math.max(1, to - from))

// ---- a child process killed at a random moment ----------------------------------------------------

interface Done {
  k: number
  ms: number
  what: string
}

interface Killed {
  /** The last step the child began (-1: none): it may or may not have finished. */
  begun: number
  /** Steps whose call returned before the kill: these are committed. */
  done: Done[]
  killedAfterMs: number
  /** From the start of the process to its sign-in: most of a round's time on a busy machine. */
  readyAfterMs: number
}

/**
 * Runs a kill-* fixture and SIGKILLs it `delay()` ms after it printed `ready` (signed in). Only
 * whole lines count: a half-printed one was not reported.
 */
function killDuring(name: string, args: string[], delay: () => number): Promise<Killed> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(NODE, ['--import', 'tsx', fixture(name), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const started = performance.now()
    const result: Killed = { begun: -1, done: [], killedAfterMs: -1, readyAfterMs: -1 }
    let pending = ''
    let stderr = ''
    let killed = false
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${name} was not ready within 30 s. Its errors: ${stderr}`))
    }, 30_000)
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop()!
      for (const line of lines) {
        if (line === 'ready') {
          clearTimeout(giveUp)
          result.readyAfterMs = Math.round(performance.now() - started)
          result.killedAfterMs = delay()
          setTimeout(() => {
            killed = true
            child.kill('SIGKILL')
          }, result.killedAfterMs)
        }
        const begin = /^begin (\d+)$/.exec(line)
        if (begin) result.begun = Number(begin[1])
        const done = /^done (\d+) (\d+) (.+)$/.exec(line)
        if (done) result.done.push({ k: Number(done[1]), ms: Number(done[2]), what: done[3]! })
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(giveUp)
      if (killed && signal === 'SIGKILL') resolvePromise(result)
      else reject(new Error(`${name} stopped by itself (code ${code}, signal ${signal}): ${stderr}`))
    })
  })
}

/**
 * Kill moments spread over `steps` steps' length, learnt from the steps that finished: the first
 * or second step of a child that repeats its job, or within the only step of one that does not.
 */
function killWindow(firstGuessMs: number, steps = 1.8) {
  let stepMs = firstGuessMs
  return {
    next: () => randomIn([5, Math.round(stepMs * steps)]),
    learn: (k: Killed) => {
      if (k.done.length) stepMs = Math.max(...k.done.map((d) => d.ms))
    },
  }
}

/** How many kills landed inside a step: printed (never asserted: it depends on timing). */
function tally(what: string, kills: Killed[]): void {
  const during = kills.filter((k) => k.begun >= 0 && !k.done.some((d) => d.k === k.begun)).length
  const steps = kills.flatMap((k) => k.done.map((d) => d.ms))
  console.warn(`${what}: ${kills.length} kills, ${during} of them during the step, ${steps.length} steps finished in all (${steps.join(', ')} ms); ready after ${kills.map((k) => k.readyAfterMs).join(', ')} ms`)
}

/** How many incidents took place at `place`: the place is kept encrypted, so each is opened with its data key (the manager holds them). */
async function incidentsAt(core: Core, place: string): Promise<number> {
  const rows = (await core.store.requireOpen().db('incidents').select('id', 'reference', 'data_key', 'place')) as { id: number; reference: string; data_key: string | null; place: string }[]
  return rows.filter((r) => openField(dataKeyFrom(core.store, r), 'incidents', r.id, 'place', r.place) === place).length
}

// ---- 1. kill -9 during a large import -------------------------------------------------------------

describe('the app killed (kill -9) during a large import', () => {
  for (const kind of ['people', 'incidents'] as const) {
    const rows = kind === 'people' ? 2000 : 300
    const rounds = LONG ? 12 : 1
    it(`keeps each ${kind} import of ${rows} rows whole or leaves none of it, ${rounds} kills`, async () => {
      const { core, dir } = await school()
      await core.close()
      const window = killWindow(1500)
      const kills: Killed[] = []
      // Per round and batch: all rows there, or none.
      let wholeImports = 0
      for (let round = 1; round <= rounds; round++) {
        const killed = await killDuring('kill-importer', [dir, kind, String(round), String(rows)], window.next)
        kills.push(killed)
        window.learn(killed)
        const context = `round ${round}: killed ${killed.killedAfterMs} ms after sign-in, began batch ${killed.begun}, finished ${killed.done.map((d) => d.k).join(',') || 'none'}`

        const { core: after } = restart(dir)
        await ok(after, 'session.login', SIGN_IN)
        for (let k = 0; k <= killed.begun + 1; k++) {
          const saved =
            kind === 'people'
              ? await count(after, "people WHERE kind = 'pupil' AND CAST(mis_id AS INTEGER) BETWEEN ? AND ?", [misNumber(round, k, 0), misNumber(round, k, rows - 1)])
              : await incidentsAt(after, incidentPlace(round, k))
          const finished = killed.done.some((d) => d.k === k)
          if (finished) expect(saved, `${context}; batch ${k} was reported`).toBe(rows)
          else if (k > killed.begun) expect(saved, `${context}; batch ${k} never began`).toBe(0)
          else expect([0, rows], `${context}; batch ${k} was under way`).toContain(saved)
          if (saved === rows) wholeImports++
        }
        // Each import and its audit entry were saved together or not at all.
        expect(await count(after, 'audit_log WHERE action = ?', [kind === 'people' ? 'people.import' : 'incident.import']), context).toBe(wholeImports)
        await expectVerified(after, context)
        await after.close()
      }
      tally(`${kind} import`, kills)
    }, LONG ? 20 * 60_000 : 60_000)
  }
})

// ---- 2. kill -9 during key rotation ---------------------------------------------------------------

describe('the app killed (kill -9) while the database key is being changed', () => {
  const rounds = LONG ? 30 : 2

  it(`signs in with the same password, reads every record, and the recovery key in force works, ${rounds} kills`, async () => {
    const { core, dir } = await school()
    await ok(core, 'people.importApply', { type: 'pupils', csv: pupilCsv(0, 0, 200) })
    await ok(core, 'incidents.importApply', { csv: incidentCsv(0, 0, 20) })
    const rescue = await ok(core, 'users.create', { username: 'rescue.check', displayName: 'Rescue Check', role: 'office', password: 'first given password here' })
    let recoveryKey = (await ok(core, 'vault.newRecoveryKey', { password: MANAGER.password })).recoveryKey
    await core.close()

    // Rotations are short: kill anywhere in the first few.
    const window = killWindow(200, 4)
    const kills: Killed[] = []
    let unprintedKeys = 0
    for (let round = 1; round <= rounds; round++) {
      const killed = await killDuring('kill-rotator', [dir], window.next)
      kills.push(killed)
      window.learn(killed)
      const inFlight = killed.begun >= 0 && !killed.done.some((d) => d.k === killed.begun)
      recoveryKey = killed.done.at(-1)?.what ?? recoveryKey
      const context = `round ${round}: killed ${killed.killedAfterMs} ms after sign-in, ${killed.done.length} rotations finished, one under way: ${inFlight}`

      const { core: after } = restart(dir)
      expect((await ok(after, 'session.login', SIGN_IN)).username, context).toBe(MANAGER.username)
      expect(existsSync(join(dir, 'vault.next.json')), `${context}: the half-done rotation was settled at sign-in`).toBe(false)
      expect(await ok(after, 'school.get', {}), context).toEqual(SCHOOL)
      expect((await ok(after, 'people.list', { kind: 'pupil', offset: 0, limit: 1 })).total, context).toBe(200)
      expect((await ok(after, 'incidents.list', { limit: 1 })).total, context).toBe(20)
      await expectVerified(after, context)

      // The DSL's slot was sealed to the new key: her own password still opens the records.
      await ok(after, 'session.lock', {})
      expect((await ok(after, 'session.login', { username: DSL.username, password: DSL.password })).username, context).toBe(DSL.username)
      expect((await ok(after, 'incidents.list', { limit: 1 })).total, context).toBe(20)
      await ok(after, 'session.lock', {})

      // The recovery key printed last opens the register, unless the rotation under way finished
      // without showing its new one: then the business manager prints a new one, and that works.
      const recovered = await after.call('session.recover', { recoveryKey, username: 'rescue.check', newPassword: `rescued in round ${round} ok` })
      if (!recovered.ok) {
        unprintedKeys++
        expect(inFlight, `${context}: the last printed recovery key was refused: ${recovered.error.message}`).toBe(true)
        expect(recovered.error.message, context).toMatch(/recovery key does not open this register/)
        await ok(after, 'session.login', SIGN_IN)
        recoveryKey = (await ok(after, 'vault.newRecoveryKey', { password: MANAGER.password })).recoveryKey
        await ok(after, 'session.lock', {})
        await ok(after, 'session.recover', { recoveryKey, username: 'rescue.check', newPassword: `rescued in round ${round} ok` })
      }
      expect((await ok(after, 'app.status', {})).user?.id, context).toBe(rescue.id)
      await after.close()
    }
    tally('key rotation', kills)
    console.warn(`key rotation: ${unprintedKeys} kills came after a rotation finished and before its recovery key was shown`)
  }, LONG ? 20 * 60_000 : 60_000)
})

describe('a key rotation stopped after the database was re-keyed, before the new key file replaced the old', () => {
  // The state a kill after the re-keyed copy replaced register.db, before vault.next.json was
  // promoted, leaves, made exactly: the database and vault.next.json have the new key, vault.json
  // (and its previous copy) the old one.
  async function interruptedRotation() {
    const { core, dir } = await school()
    const oldRecoveryKey = (await ok(core, 'vault.newRecoveryKey', { password: MANAGER.password })).recoveryKey
    await core.close()
    const oldVault = readFileSync(join(dir, 'vault.json'))
    const oldPrevious = readFileSync(join(dir, 'vault.previous.json'))
    const { core: rotating } = restart(dir)
    await ok(rotating, 'session.login', SIGN_IN)
    const newRecoveryKey = (await ok(rotating, 'vault.rotateKey', { password: MANAGER.password })).recoveryKey
    await rotating.close()
    writeFileSync(join(dir, 'vault.next.json'), readFileSync(join(dir, 'vault.json')))
    writeFileSync(join(dir, 'vault.json'), oldVault)
    writeFileSync(join(dir, 'vault.previous.json'), oldPrevious)
    return { dir, oldRecoveryKey, newRecoveryKey }
  }

  it('finishes the rotation when the DSL signs in first, and her password still works', async () => {
    const { dir, oldRecoveryKey, newRecoveryKey } = await interruptedRotation()
    const { core } = restart(dir)
    expect((await ok(core, 'session.login', { username: DSL.username, password: DSL.password })).username).toBe(DSL.username)
    expect(existsSync(join(dir, 'vault.next.json'))).toBe(false)
    expect((await ok(core, 'incidents.list', { limit: 1 })).total).toBe(0)
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', SIGN_IN)
    await expectVerified(core, 'after the DSL finished the rotation')
    await ok(core, 'session.lock', {})
    expect((await refused(core, 'session.recover', { recoveryKey: oldRecoveryKey, username: DSL.username, newPassword: 'lantern maple orbit quietly' })).message).toMatch(/recovery key does not open this register/)
    await ok(core, 'session.recover', { recoveryKey: newRecoveryKey, username: DSL.username, newPassword: 'lantern maple orbit quietly' })
  })

  it('does not call the records damaged when the recovery key from before the rotation is used first', async () => {
    const { dir, oldRecoveryKey } = await interruptedRotation()
    const before = snapshot(dir)
    const { core } = restart(dir)
    const err = await refused(core, 'session.recover', { recoveryKey: oldRecoveryKey, username: MANAGER.username, newPassword: 'lantern maple orbit quietly' })
    expect(err.message).not.toMatch(/damaged/)
    expect(err.message).toMatch(/Nothing has been lost\. Sign in with a password first/)
    expect(snapshot(dir)).toEqual(before)
    // Signing in with a password finishes the rotation.
    await ok(core, 'session.login', SIGN_IN)
    expect(existsSync(join(dir, 'vault.next.json'))).toBe(false)
    await expectVerified(core, 'after the manager finished the rotation')
  })
})

// ---- 3. kill -9 during a backup -------------------------------------------------------------------

describe('the app killed (kill -9) while a backup is written', () => {
  const rounds = LONG ? 20 : 1

  it(`leaves no half-written file that passes as a backup, and the register untouched, ${rounds} kills`, async () => {
    const { core, dir } = await school()
    await ok(core, 'people.importApply', { type: 'pupils', csv: pupilCsv(0, 0, 2000) })
    const usb = folder('osr-usb-')
    await core.close()

    const window = killWindow(300)
    const kills: Killed[] = []
    let partials = 0
    let refusedPartials = 0
    for (let round = 1; round <= rounds; round++) {
      const { core: before } = restart(dir)
      await ok(before, 'session.login', SIGN_IN)
      const auditBefore = await count(before, 'audit_log')
      await before.close()

      const killed = await killDuring('kill-backup', [dir, usb], window.next)
      kills.push(killed)
      window.learn(killed)
      const context = `round ${round}: killed ${killed.killedAfterMs} ms after sign-in, ${killed.done.length} backups finished`

      const { core: after } = restart(dir)
      await ok(after, 'session.login', SIGN_IN)
      for (const d of killed.done) expect(existsSync(d.what), context).toBe(true)
      expect((await ok(after, 'backup.list', {})).backups.every((b) => b.file.endsWith('.osrbackup')), context).toBe(true)
      for (const name of readdirSync(usb)) {
        const file = join(usb, name)
        if (name.endsWith('.osrbackup')) {
          // A file with a backup's name is a whole backup.
          expect((await ok(after, 'backup.inspect', { file })).records.users, `${context}: ${name}`).toBe(2)
        } else {
          // Killed while writing (or after the last flush, before the rename): never listed as a
          // backup, and the check refuses it unless every byte is there and matches its hash.
          expect(name, context).toMatch(/\.osrbackup\.partial$/)
          partials++
          const r = await after.call('backup.inspect', { file })
          if (!r.ok) {
            expect(r.error, `${context}: ${name}`).toMatchObject({ kind: 'validation', field: 'file' })
            expect(r.error.message, `${context}: ${name}`).toMatch(/damaged or incomplete|not an Online Safety Register backup/)
            refusedPartials++
          }
        }
      }
      // The register: the child's sign-in, its finished backups and its on-lock trail, nothing else.
      expect(await count(after, 'audit_log'), context).toBeGreaterThan(auditBefore)
      expect((await ok(after, 'people.list', { kind: 'pupil', offset: 0, limit: 1 })).total, context).toBe(2000)
      expect((await ok(after, 'users.list', {})).rows.map((u) => u.username).sort(), context).toEqual([MANAGER.username, DSL.username].sort())
      await expectVerified(after, context)
      await after.close()
    }
    tally('backup', kills)
    const workFiles = () => readdirSync(dir).filter((f) => /^\.(snapshot|inspect|restore)-/.test(f)).sort()
    console.warn(`backup: ${partials} partial files left on the stick, ${refusedPartials} of them refused as incomplete; working files left in the data folder: ${workFiles().length}`)

    // What the killed backups left in the data folder (whole copies of the register) goes at the
    // next sign-in once it is an hour old; a snapshot being written right now stays.
    // So do half-written backups in the register's own backup folder (never listed as backups).
    const stale = join(dir, `.snapshot-${randomUUID()}.db`)
    const current = join(dir, `.snapshot-${randomUUID()}.db`)
    const halfBackup = join(dir, 'backups', 'register-20261123T101500Z-on-lock-a99.osrbackup.partial')
    writeFileSync(stale, 'a snapshot from a backup killed yesterday')
    writeFileSync(current, 'a snapshot being written now')
    writeFileSync(halfBackup, 'OSR-BACKUP\n')
    // Two hours before the file system's own "now" (the time it put on the file just written).
    const twoHoursAgo = new Date(statSync(current).mtimeMs - 2 * 3600_000)
    for (const f of [...workFiles().map((f) => join(dir, f)), halfBackup]) if (f !== current) utimesSync(f, twoHoursAgo, twoHoursAgo)
    const backupsBefore = readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.osrbackup'))
    const { core: later } = restart(dir)
    await ok(later, 'session.login', SIGN_IN)
    expect(workFiles()).toEqual([current.slice(dir.length + 1)])
    expect(existsSync(halfBackup)).toBe(false)
    // Whole backups are never taken for leftovers: each one is still there, or the day's retention
    // kept a newer one of the same day instead (the sign-in may back up what the killed session left).
    const backupsAfter = readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.osrbackup'))
    const dayOf = (f: string) => /^register-(\d{8})T/.exec(f)?.[1]
    for (const b of backupsBefore) expect(backupsAfter.includes(b) || backupsAfter.some((a) => dayOf(a) === dayOf(b) && a > b), b).toBe(true)
    await expectVerified(later, 'after removing the leftovers')
  }, LONG ? 20 * 60_000 : 60_000)
})

// ---- 4. kill -9 during a restore ------------------------------------------------------------------

describe('the app killed (kill -9) during a restore', () => {
  const rounds = LONG ? 16 : 1

  it(`leaves the old register or the restored one, whole, and keeps the replaced copy, ${rounds} kills`, async () => {
    const { core, dir: template } = await school()
    await ok(core, 'people.importApply', { type: 'pupils', csv: pupilCsv(0, 0, 2000) })
    const backup = (await ok(core, 'backup.now', {})).file
    // Made after the backup: present in the old register only.
    await ok(core, 'users.create', { username: 'after.backup', displayName: 'After Backup', role: 'office', password: 'first given password here' })
    await ok(core, 'incidents.importApply', { csv: incidentCsv(0, 0, 5) })
    await core.close()

    // The restore is one step: kill within it (or just after, now and then).
    const window = killWindow(150, 1.1)
    const kills: Killed[] = []
    for (let round = 1; round <= rounds; round++) {
      const dir = folder()
      cpSync(template, dir, { recursive: true })
      const backupHere = join(dir, 'backups', backup.slice(join(template, 'backups').length + 1))
      const killed = await killDuring('kill-restorer', [dir, backupHere, SCHOOL.name], window.next)
      kills.push(killed)
      window.learn(killed)
      const finished = killed.done.length > 0
      const context = `round ${round}: killed ${killed.killedAfterMs} ms after sign-in, restore began: ${killed.begun >= 0}, finished: ${finished}`

      const { core: after } = restart(dir)
      expect((await ok(after, 'session.login', SIGN_IN)).username, context).toBe(MANAGER.username)
      const users = (await ok(after, 'users.list', {})).rows.map((u) => u.username)
      const restored = !users.includes('after.backup')
      if (finished) expect(restored, context).toBe(true)
      expect(await count(after, 'incidents'), context).toBe(restored ? 0 : 5)
      expect((await ok(after, 'people.list', { kind: 'pupil', offset: 0, limit: 1 })).total, context).toBe(2000)
      await expectVerified(after, context)
      if (restored) {
        // The replaced register is kept whole beside the backups, and opens with the same key.
        const replaced = readdirSync(join(dir, 'backups', 'replaced')).filter((f) => f.endsWith('.db'))
        expect(replaced, context).toHaveLength(1)
        const raw = openRaw(join(dir, 'backups', 'replaced', replaced[0]!), after.store.requireOpen().key, { readonly: true, mustExist: true })
        try {
          expect(raw.pragma('integrity_check', { simple: true }), context).toBe('ok')
          expect(raw.prepare("SELECT count(*) AS n FROM users WHERE username = 'after.backup'").get(), context).toEqual({ n: 1 })
        } finally {
          raw.close()
        }
      }
      await after.close()
    }
    tally('restore', kills)
  }, LONG ? 20 * 60_000 : 60_000)

  it('says the records file is missing (and creates no empty one) when register.db is gone but the key file is there', async () => {
    const { core, dir } = await school()
    await core.close()
    rmSync(join(dir, 'register.db'))
    const before = snapshot(dir)

    const { core: after } = restart(dir)
    const err = await refused(after, 'session.login', SIGN_IN)
    expect(err.message).toMatch(/records file \(register\.db\) is missing.*Nothing has been deleted/)
    expect(snapshot(dir)).toEqual(before)
    expect(existsSync(join(dir, 'register.db'))).toBe(false)
  })
})

// ---- 5. files cut short ---------------------------------------------------------------------------

describe('the key file, the records or a backup cut short', () => {
  const cuts = [
    ['to 0 bytes', (f: string) => truncateSync(f, 0)],
    ['to half its length', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 2))],
  ] as const

  for (const [how, cut] of cuts) {
    it(`uses the previous copy when vault.json is cut ${how}, and says so plainly when the previous copy is too`, async () => {
      const { core, dir } = await school()
      await core.close()
      cut(join(dir, 'vault.json'))
      const { core: first, log } = restart(dir)
      expect((await ok(first, 'session.login', SIGN_IN)).username).toBe(MANAGER.username)
      expect(log.some((l) => l.startsWith('vault.json was missing or damaged: the previous copy was used'))).toBe(true)
      await expectVerified(first, `vault.json cut ${how}`)
      await first.close()

      cut(join(dir, 'vault.json'))
      cut(join(dir, 'vault.previous.json'))
      const before = snapshot(dir)
      const { core: second } = restart(dir)
      expect((await ok(second, 'app.status', {})).setUp).toBe(true)
      expect((await refused(second, 'session.login', SIGN_IN)).message).toMatch(DAMAGED_VAULT)
      expect((await refused(second, 'setup.create', { school: SCHOOL, manager: MANAGER })).kind).toBe('conflict')
      expect(snapshot(dir)).toEqual(before)
    })
  }

  it('refuses a register.db cut to half with the plain message, and changes nothing on disk', async () => {
    const { core, dir } = await school()
    await ok(core, 'people.importApply', { type: 'pupils', csv: pupilCsv(0, 0, 2000) })
    await core.close()
    truncateSync(join(dir, 'register.db'), Math.floor(statSync(join(dir, 'register.db')).size / 2))
    const before = snapshot(dir)
    const { core: after } = restart(dir)
    const err = await refused(after, 'session.login', SIGN_IN)
    expect(err.message).toMatch(DAMAGED_RECORDS)
    expect(snapshot(dir)).toEqual(before)
  })

  it('says a backup file cut short is damaged', async () => {
    const { core } = await school()
    await ok(core, 'people.importApply', { type: 'pupils', csv: pupilCsv(0, 0, 500) })
    const { file } = await ok(core, 'backup.now', {})
    const whole = readFileSync(file)
    expect((await ok(core, 'backup.inspect', { file })).schoolName).toBe(SCHOOL.name)
    for (const length of [Math.floor(whole.length / 2), whole.length - 1, 40]) {
      writeFileSync(file, whole.subarray(0, length))
      const err = await refused(core, 'backup.inspect', { file })
      expect(err, `cut to ${length} bytes`).toMatchObject({ kind: 'validation', field: 'file' })
      expect(err.message, `cut to ${length} bytes`).toMatch(DAMAGED_BACKUP)
    }
    writeFileSync(file, Buffer.alloc(0))
    expect((await refused(core, 'backup.inspect', { file })).message).toMatch(/damaged or incomplete|not an Online Safety Register backup/)
    await expectVerified(core, 'after inspecting damaged backups')
  })
})

// ---- 6. the disk fills up while a record is saved -------------------------------------------------

describe('the disk filling up while a record is saved', () => {
  it('says the disk is full, keeps every earlier record, and saves again once there is room', async (ctx) => {
    const dir = join(folder(), 'data')
    mkdirSync(dir)
    const refusedMount = run('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir])
    if (refusedMount) {
      console.warn(`Skipped the disk-full test: cannot mount a 6 MB tmpfs here (${refusedMount}).`)
      return ctx.skip(`no tmpfs: ${refusedMount}`)
    }
    cleanups.push(() => void run('umount', [dir]))
    const { core } = await school(dir)
    // Fill the disk, leaving 256 KB.
    const free = () => {
      const out = execFileSync('df', ['--output=avail', '-B1', dir]).toString().trim().split('\n').at(-1)!
      return Number(out)
    }
    writeFileSync(join(dir, 'holiday-photos.zip'), Buffer.alloc(Math.max(0, free() - 256 * 1024)))

    const saved: number[] = []
    let failure: { kind: string; message: string } | null = null
    for (let i = 0; i < 400 && !failure; i++) {
      const r = await core.call('people.create', {
        kind: 'staff',
        forename: `Ffion${i}`,
        surname: `Llewellyn-Jones ${i}`,
        jobTitle: `Teaching assistant ${'y'.repeat(80)}`,
        staffGroup: 'support',
      })
      if (r.ok) saved.push((r.value as { id: number }).id)
      else failure = r.error
    }
    expect(failure, 'the disk never filled').not.toBeNull()
    expect(failure!.message).toMatch(/disk is full/)
    expect(failure!.message).not.toMatch(/Something went wrong inside the app/)
    expect(saved.length).toBeGreaterThan(0)

    rmSync(join(dir, 'holiday-photos.zip'))
    const listed = await ok(core, 'people.list', { kind: 'staff', offset: 0, limit: 500 })
    expect(listed.rows.map((p) => p.id).sort((a, b) => a - b)).toEqual(saved)
    const again = await ok(core, 'people.create', { kind: 'staff', forename: 'Dafydd', surname: 'ap Rhys', jobTitle: 'Caretaker', staffGroup: 'support' })
    expect(again.id).toBeGreaterThan(0)
    await expectVerified(core, 'after the disk was full')

    // And after a restart, from the disk.
    await core.close()
    const { core: after } = restart(dir)
    await ok(after, 'session.login', SIGN_IN)
    expect((await ok(after, 'people.list', { kind: 'staff', offset: 0, limit: 1 })).total).toBe(saved.length + 1)
    await expectVerified(after, 'after a restart')
  })
})
