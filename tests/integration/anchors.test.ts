import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import knexFactory, { type Knex } from 'knex'
import Client_BetterSQLite3 from 'knex/lib/dialects/better-sqlite3/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { appendAudit, entryHash, verifyAudit } from '../../electron/core/audit/audit-trail'
import { roleDisagreements, signingKeyEvent } from '../../electron/core/audit/chained-facts'
import { readBackupHeader } from '../../electron/core/backup/backup-file'
import { openDatabase } from '../../electron/core/db/database'
import { MIGRATIONS, type Migration } from '../../electron/core/db/migrations/index'
import { chainedKeysAndRoles } from '../../electron/core/db/migrations/0009-chained-keys-and-roles'
import { dataKeyFrom, openField } from '../../electron/core/incidents/incident-keys'
import { Database, keyConnection, openRaw, type RawDatabase } from '../../electron/core/db/sqlcipher'
import { recordHash, recordProblem, signingKeys } from '../../electron/core/incidents/incident-chain'
import { newSigningKey, privateKeyObject, signBytes } from '../../electron/core/signing/signing-key'
import type { IncidentEntry } from '../../shared/domain/incidents'
import { MANAGER, newCore, ok, refused, setUpSchool, tempDir } from './helpers'
import { issueReport, pdftotext, qpdfCheck } from './pdf-tools'
import { clock } from './people-fixtures'
import type { IncidentRecordRow } from '../../electron/core/incidents/tables'

// Someone who holds the database key can rewrite the hash chains inside the database so that
// they agree with themselves again. These tests are that person: they open the real SQLCipher
// file with the register's key, tamper with SQL, and re-chain what a careful attacker would.
// What catches them is what they cannot reach: the anchor each backup and signed report keeps.

const DSL = { username: 'sian.dsl', displayName: 'Siân Ŵyn', password: 'copper meadow sleepy anchor' }
const MARCH = '2027-03-03T09:00:00Z'

const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

function folder(): string {
  const t = tempDir('osr-anchors-')
  cleanups.push(t.cleanup)
  return t.dir
}

function entry(categoryId: number, description: string): IncidentEntry {
  return {
    occurredOn: '2027-03-02',
    occurredTime: '13:10',
    place: 'ICT suite',
    onSite: true,
    device: 'school',
    categoryId,
    description,
    actionTaken: 'Form tutor told.',
    childsWords: null,
    people: [],
    status: 'open',
    outcome: null,
  }
}

interface Template {
  dir: string
  key: Buffer
  /** A manual backup and a signed report, kept outside the data folder (a USB stick, a governor's inbox). */
  keptBackup: string
  report: string
  auditEntries: number
  incidentRecords: number
  /** Each incident record's words as signed, opened with the keys of the business manager (who holds them all). */
  bodies: Map<number, string>
}

let template: Template
const time = clock(MARCH)

/** The DSL records three incidents; the business manager issues a report and backs up to a stick; every session ends locked. */
async function buildTemplate(): Promise<Template> {
  const dir = folder()
  const kept = folder()
  const core = newCore(dir, { now: time.now })
  cleanups.push(() => core.close())
  await setUpSchool(core)
  await ok(core, 'users.create', { username: DSL.username, displayName: DSL.displayName, role: 'dsl', password: 'first given password here' })
  await ok(core, 'session.lock', {})

  // The DSL chooses her own password at her first sign-in (the core opens nothing else before).
  time.advance(60_000)
  await ok(core, 'session.login', { username: DSL.username, password: 'first given password here' })
  await ok(core, 'account.changePassword', { currentPassword: 'first given password here', newPassword: DSL.password })
  const category = (await ok(core, 'incidents.categories', {})).find((c) => c.name.startsWith('Cyberbullying'))!.id
  for (const words of ['Unkind messages in a class chat.', 'A proxy site got past the filter.', 'A pupil shared a password.']) {
    time.advance(60_000)
    await ok(core, 'incidents.record', { entry: entry(category, words) })
  }
  await ok(core, 'session.lock', {})

  time.advance(60_000)
  await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
  const { file: report } = await issueReport(core, { type: 'users-and-roles' }, kept)
  time.advance(60_000)
  const { file: keptBackup } = await ok(core, 'backup.now', { folder: kept })
  const key = Buffer.from(core.store.requireOpen().key)
  // A key holder covering tracks opens the records' words with the role keys they hold.
  const bodies = new Map<number, string>()
  const { db } = core.store.requireOpen()
  for (const incident of (await db('incidents').select('id', 'reference', 'data_key')) as { id: number; reference: string; data_key: string | null }[]) {
    const dataKey = dataKeyFrom(core.store, incident)
    for (const r of (await db('incident_records').where({ incident_id: incident.id }).select('id', 'body')) as { id: number; body: string }[]) {
      bodies.set(r.id, openField(dataKey, 'incident_records', r.id, 'body', r.body))
    }
  }
  time.advance(60_000)
  await ok(core, 'session.lock', {})
  await core.close()

  const raw = openRaw(join(dir, 'register.db'), key, { readonly: true })
  const count = (table: string) => (raw.prepare(`SELECT max(id) AS n FROM ${table}`).get() as { n: number }).n
  const counts = { auditEntries: count('audit_log'), incidentRecords: count('incident_records') }
  raw.close()
  return { dir, key, keptBackup, report, bodies, ...counts }
}

/** A copy of the template register, tampered with by `attack` holding the key, then opened and signed in as the business manager. */
async function tampered(attack: (raw: RawDatabase) => void): Promise<Core> {
  const dir = folder()
  cpSync(template.dir, dir, { recursive: true })
  const raw = openRaw(join(dir, 'register.db'), template.key)
  try {
    raw.exec('PRAGMA foreign_keys = OFF')
    attack(raw)
    // A careful attacker leaves no dangling link and no damage for SQLite's own checks to find.
    expect(raw.pragma('foreign_key_check')).toEqual([])
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
  } finally {
    raw.close()
  }
  const core = newCore(dir, { now: time.now })
  cleanups.push(() => core.close())
  await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
  return core
}

function dropTriggers(raw: RawDatabase): void {
  const triggers = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]
  for (const t of triggers) raw.exec(`DROP TRIGGER ${t.name}`)
}

/** Recomputes every audit entry's link and hash from `from` on, as the app would have written them. */
function rechainAudit(raw: RawDatabase, from: number): void {
  const rows = raw.prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id').all(from) as Parameters<typeof entryHash>[0][]
  let prev = from > 1 ? (raw.prepare('SELECT hash FROM audit_log WHERE id = ?').get(from - 1) as { hash: string }).hash : ''
  const update = raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?')
  for (const row of rows) {
    const hash = entryHash({ ...row, prev_hash: prev })
    update.run(prev, hash, row.id)
    prev = hash
  }
}

/** Appends an audit entry as appendAudit does, chained to the last. */
function appendEntry(raw: RawDatabase, event: { action: string; target: string; detail: string; at: string }): void {
  const last = raw.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string }
  const row = { id: last.id + 1, at: event.at, user_id: null, username: null, action: event.action, target: event.target, result: 'ok' as const, detail: event.detail, prev_hash: last.hash }
  raw.prepare('INSERT INTO audit_log (id, at, user_id, username, action, target, result, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    row.id, row.at, row.user_id, row.username, row.action, row.target, row.result, row.detail, row.prev_hash, entryHash(row),
  )
}

/** A new Ed25519 key for the DSL, entered in signing_keys (and, by a thorough attacker, in the audit trail too). */
function forgeKeyForDsl(raw: RawDatabase, options: { enterInTrail: boolean }) {
  const dslId = (raw.prepare('SELECT id FROM users WHERE username = ?').get(DSL.username) as { id: number }).id
  const forged = newSigningKey()
  const id = Number(raw.prepare('INSERT INTO signing_keys (user_id, public_key, created_at) VALUES (?, ?, ?)').run(dslId, forged.publicKey, '2027-03-03T09:00:00.000Z').lastInsertRowid)
  if (options.enterInTrail) {
    appendEntry(raw, { at: '2027-03-03T09:00:00.000Z', ...signingKeyEvent({ id, userId: dslId, publicKey: forged.publicKey, after: 0 }) } as never)
  }
  return { dslId, keyId: id, privateKey: privateKeyObject(forged) }
}

/** Re-signs every record of the DSL with the forged key, and re-chains the log after them (all three are the DSL's). */
function resignDslRecords(raw: RawDatabase, forged: { dslId: number; keyId: number; privateKey: ReturnType<typeof privateKeyObject> }): void {
  const rows = raw.prepare('SELECT * FROM incident_records ORDER BY id').all() as IncidentRecordRow[]
  let prev = ''
  const update = raw.prepare('UPDATE incident_records SET key_id = ?, prev_hash = ?, hash = ?, signature = ? WHERE id = ?')
  for (const row of rows) {
    expect(row.user_id).toBe(forged.dslId)
    const unsigned = { ...row, body: template.bodies.get(row.id)!, key_id: forged.keyId, prev_hash: prev }
    const hash = recordHash(unsigned)
    update.run(forged.keyId, prev, hash, signBytes(forged.privateKey, Buffer.from(hash, 'hex')), row.id)
    prev = hash
  }
}

const ATTACKS: { name: string; attack: (raw: RawDatabase) => void; words: () => RegExp }[] = [
  {
    name: 'cutting the newest audit entries',
    attack: (raw) => {
      dropTriggers(raw)
      raw.prepare('DELETE FROM audit_log WHERE id > ?').run(template.auditEntries - 5)
    },
    // Signing in to check adds entries again (the sign-in, the day's retention run that was cut): the words say "or more".
    // Against an older copy the trail has grown past its length again, and the entries now at its place are newer than it.
    words: () =>
      /(The audit trail has \d+ entries but SOURCE knew [\d,]+|Entry [\d,]+ of the audit trail was written after SOURCE, which knew another entry [\d,]+): the last \d+ or more (it knew )?have been removed since then/,
  },
  {
    name: 'rewriting an audit entry and re-chaining everything after it',
    attack: (raw) => {
      dropTriggers(raw)
      // The DSL's user.create entry now says office: what a manager covering tracks might want.
      raw.prepare("UPDATE audit_log SET detail = 'role office' WHERE action = 'user.create' AND detail = 'role dsl'").run()
      const id = (raw.prepare("SELECT id FROM audit_log WHERE action = 'user.create' AND detail = 'role office'").get() as { id: number }).id
      rechainAudit(raw, id)
    },
    words: () => /Entry [\d,]+ of the audit trail is not the one SOURCE knew: the trail has been rewritten, at that entry or before it, since then\./,
  },
  {
    name: 'deleting the newest incident',
    attack: (raw) => {
      dropTriggers(raw)
      const newest = (raw.prepare('SELECT max(id) AS id FROM incidents').get() as { id: number }).id
      const linked = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
        .map((t) => t.name)
        .filter((table) => (raw.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === 'incident_id'))
      for (const table of linked) raw.prepare(`DELETE FROM ${table} WHERE incident_id = ?`).run(newest)
      raw.prepare('DELETE FROM incidents WHERE id = ?').run(newest)
    },
    words: () => new RegExp(`The incident log has ${template.incidentRecords - 1} signed records but SOURCE knew ${template.incidentRecords}: the last 1 or more have been removed since then\\.`),
  },
  {
    name: 'a forged signing key for the DSL, entered in the trail, re-signing her records',
    attack: (raw) => {
      dropTriggers(raw)
      resignDslRecords(raw, forgeKeyForDsl(raw, { enterInTrail: true }))
    },
    words: () => new RegExp(`Record ${template.incidentRecords} of the incident log is not the one SOURCE knew: the log has been rewritten, at that record or before it, since then\\.`),
  },
]

const source = (re: RegExp, what: string) => new RegExp(re.source.replaceAll('SOURCE', what))
const BACKUP = 'the backup of 3 March 2027 \\d\\d:\\d\\d'
const REPORT = 'the report “Users and roles” issued 3 March 2027 \\d\\d:\\d\\d'

beforeAll(async () => {
  template = await buildTemplate()
}, 60_000)

describe('tampering by someone who holds the database key', () => {
  it('every backup and every signed report records the heads of the audit trail and the incident log, readable by the documented layout and by qpdf', () => {
    // The backup as docs/vault-format.md describes it: magic, a big-endian length, the JSON header.
    const bytes = readFileSync(template.keptBackup)
    const length = bytes.readUInt32BE(11)
    const header = JSON.parse(bytes.subarray(15, 15 + length).toString('utf8')) as { auditHeadId: number; anchor: { audit: { seq: number; hash: string }; incidents: { seq: number; hash: string } } }
    const raw = openRaw(join(template.dir, 'register.db'), template.key, { readonly: true })
    const hashOf = (table: string, id: number) => (raw.prepare(`SELECT hash FROM ${table} WHERE id = ?`).get(id) as { hash: string }).hash
    expect(header.anchor).toMatchObject({
      audit: { seq: header.auditHeadId, hash: hashOf('audit_log', header.auditHeadId) },
      incidents: { seq: template.incidentRecords, hash: hashOf('incident_records', template.incidentRecords) },
    })
    // The report's document information, as qpdf (not this app) reads it.
    const objects = (JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', template.report], { encoding: 'utf8' })) as { qpdf: [unknown, Record<string, { value: Record<string, string> & string[] }>] }).qpdf[1]
    const info = objects[`obj:${objects.trailer!.value['/Info']}`]!.value
    const names = objects[`obj:${info['/OSRAnchor']}`]!.value
    expect(names.slice(2)).toEqual(['/audit', expect.stringMatching(/^\/\d+$/), expect.stringMatching(/^\/[0-9a-f]{64}$/), '/incidents', `/${template.incidentRecords}`, `/${hashOf('incident_records', template.incidentRecords)}`])
    expect(names[4]).toBe(`/${hashOf('audit_log', Number(names[3]!.slice(1)))}`)
    raw.close()
    // The newest automatic backup of the day is kept (the day's earlier ones agree with it, so they go).
    const automatic = readdirSync(join(template.dir, 'backups')).filter((f) => f.endsWith('.osrbackup'))
    expect(automatic).toHaveLength(1)
    expect(readBackupHeader(join(template.dir, 'backups', automatic[0]!)).anchor).toMatchObject({ audit: { seq: template.auditEntries } })
  })

  it('an untouched register agrees with its backups and with the kept backup and report', async () => {
    const core = await tampered(() => {})
    for (const against of [undefined, template.keptBackup, template.report]) {
      const v = await ok(core, 'audit.verify', against ? { against } : {})
      expect(v, against).toMatchObject({ ok: true, brokenAt: null, roles: { ok: true } })
      expect(v.anchors.every((a) => a.ok)).toBe(true)
      expect(v.anchors).toHaveLength(against ? 2 : 1)
    }
    const v = await ok(core, 'audit.verify', { against: template.report })
    expect(v.anchors[0]).toMatchObject({ given: true, ok: true, source: expect.stringMatching(new RegExp(`^${REPORT}$`)) })
    expect((await ok(core, 'incidents.verify', {})).ok).toBe(true)
  })

  for (const { name, attack, words } of ATTACKS) {
    it(`${name}: the chain still holds in itself, and the newest backup, a kept backup and a signed report each catch it`, async () => {
      const core = await tampered(attack)
      const alone = await ok(core, 'audit.verify', {})
      // Re-chained with care: the trail and the incident log each agree with themselves.
      expect(alone.brokenAt).toBeNull()
      expect((await ok(core, 'incidents.verify', {})).problems.filter((p) => !/key the audit trail never entered/.test(p.problem))).toEqual([])
      expect(alone.ok).toBe(false)
      const newest = alone.anchors[0]!
      expect(newest.given).toBe(false)
      expect(newest).toMatchObject({ ok: false, message: expect.stringMatching(source(words(), BACKUP)) })
      expect(alone.message).toMatch(source(words(), BACKUP))
      expect(alone.message).toMatch(/Keep this computer as it is and tell the headteacher and your IT support\.$/)

      for (const [against, what] of [
        [template.keptBackup, BACKUP],
        [template.report, REPORT],
      ] as const) {
        const v = await ok(core, 'audit.verify', { against })
        expect(v.ok).toBe(false)
        expect(v.anchors[0]).toMatchObject({ given: true, file: against, ok: false, message: expect.stringMatching(source(words(), what)) })
      }
    })
  }
})

describe('what the anchors allow, and the keys and roles the trail vouches for', () => {
  it('a restore from an earlier backup is not taken for tampering: newer backups are named as superseded by it', async () => {
    const core = await tampered(() => {})
    await ok(core, 'backup.restore', { file: template.keptBackup, confirmSchoolName: 'Ysgol Gymraeg Llanfair' })
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    const v = await ok(core, 'audit.verify', {})
    expect(v.ok).toBe(true)
    expect(v.anchors[0]!.message).toMatch(
      /^The backup of 3 March 2027 \d\d:\d\d was made before the register was restored from an earlier backup on 3 March 2027 \d\d:\d\d \(audit entry \d+\): what it knew after that earlier backup is in the replaced copy/,
    )
    // The restore's entry went in with the restored copy, naming the replaced copy that is kept.
    const restore = (await core.store.requireOpen().db('audit_log').where({ action: 'backup.restore' }).first()) as { id: number; target: string }
    expect(restore.id).toBe(readBackupHeader(template.keptBackup).auditHeadId + 1)
    expect(readdirSync(join(core.store.paths.backups, 'replaced'))).toContain(restore.target.replace(/^replaced:/, ''))
  })

  it('a backup the register no longer agrees with is never pruned, even when a newer one of the same day would replace it', async () => {
    const core = await tampered((raw) => {
      dropTriggers(raw)
      raw.prepare('DELETE FROM audit_log WHERE id > ?').run(template.auditEntries - 5)
    })
    const before = readdirSync(core.store.paths.backups).filter((f) => f.endsWith('.osrbackup'))
    await ok(core, 'settings.update', { ...(await ok(core, 'settings.get', {})), idleLockMinutes: 7 })
    await ok(core, 'session.lock', {})
    const after = readdirSync(core.store.paths.backups).filter((f) => f.endsWith('.osrbackup'))
    // The on-lock backup of the cut register, and the one that knew more.
    expect(after).toHaveLength(before.length + 1)
    expect(after).toEqual(expect.arrayContaining(before))
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    const v = await ok(core, 'audit.verify', {})
    expect(v.ok).toBe(false)
    expect(v.anchors.map((a) => a.ok)).toEqual([true, false])
  })

  it('the session a crash ended without its backup is backed up at the next sign-in', async () => {
    const dir = folder()
    cpSync(template.dir, dir, { recursive: true })
    const core = newCore(dir, { now: time.now })
    cleanups.push(() => core.close())
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    await ok(core, 'settings.update', { ...(await ok(core, 'settings.get', {})), idleLockMinutes: 9 })
    // The files as a power cut leaves them: no lock, no on-lock backup.
    const crashed = folder()
    cpSync(dir, crashed, { recursive: true })
    const before = readdirSync(join(crashed, 'backups')).filter((f) => f.endsWith('.osrbackup'))
    time.advance(60_000)
    const next = newCore(crashed, { now: time.now })
    cleanups.push(() => next.close())
    await ok(next, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    const after = readdirSync(join(crashed, 'backups')).filter((f) => f.endsWith('.osrbackup'))
    expect(after.filter((f) => !before.includes(f))).toEqual([expect.stringMatching(/-on-lock-a\d+\.osrbackup$/)])
  })

  it('a signing key missing from the trail, or swapped in place, or entered after the records it signed, fails the incident log’s check', async () => {
    const problemsAfter = async (attack: (raw: RawDatabase) => void) => (await ok(await tampered(attack), 'incidents.verify', {})).problems.map((p) => p.problem)

    // Added to signing_keys by hand only.
    const unentered = await problemsAfter((raw) => {
      dropTriggers(raw)
      resignDslRecords(raw, forgeKeyForDsl(raw, { enterInTrail: false }))
    })
    expect(unentered).toEqual(Array(template.incidentRecords).fill('It is signed with a key the audit trail never entered for the person named as recording it.'))

    // The DSL's own key row given another public key, the records re-signed: no hash changes, so no anchor sees it.
    const swapped = await tampered((raw) => {
      dropTriggers(raw)
      const forged = newSigningKey()
      const row = raw.prepare('SELECT key_id FROM incident_records LIMIT 1').get() as { key_id: number }
      raw.prepare('UPDATE signing_keys SET public_key = ? WHERE id = ?').run(forged.publicKey, row.key_id)
      const sign = raw.prepare('UPDATE incident_records SET signature = ? WHERE id = ?')
      for (const r of raw.prepare('SELECT id, hash FROM incident_records').all() as { id: number; hash: string }[]) {
        sign.run(signBytes(privateKeyObject(forged), Buffer.from(r.hash, 'hex')), r.id)
      }
    })
    expect((await ok(swapped, 'audit.verify', {})).ok).toBe(true)
    expect((await ok(swapped, 'incidents.verify', {})).problems.map((p) => p.problem)).toEqual(
      Array(template.incidentRecords).fill('It is signed with a key the audit trail never entered for the person named as recording it.'),
    )
    const detail = await ok(swapped, 'incidents.get', { id: 1 })
    expect(detail.current.signature.valid).toBe(false)

    // Entered honestly, at the end of the trail: it cannot have signed the records before it.
    const late = await problemsAfter((raw) => {
      dropTriggers(raw)
      const forged = forgeKeyForDsl(raw, { enterInTrail: false })
      appendEntry(raw, { at: '2027-03-03T09:30:00.000Z', ...signingKeyEvent({ id: forged.keyId, userId: forged.dslId, publicKey: publicOf(raw, forged.keyId), after: template.incidentRecords }) } as never)
      resignDslRecords(raw, forged)
    })
    expect(late).toEqual(Array(template.incidentRecords).fill('It is signed with a key that was entered in the audit trail only after this record.'))
  })

  it('a role changed in the database is not the one the trail gave; a role changed in the app is', async () => {
    const core = await tampered((raw) => {
      dropTriggers(raw)
      raw.prepare("UPDATE users SET role = 'head' WHERE username = ?").run(DSL.username)
    })
    const v = await ok(core, 'audit.verify', {})
    expect(v).toMatchObject({ ok: false, brokenAt: null })
    expect(v.roles).toEqual({
      ok: false,
      message:
        'sian.dsl has the role “Headteacher” in the register, but the audit trail last gave them “Designated safeguarding lead”: a role was changed outside the app. ' +
        'Keep this computer as it is and tell the headteacher and your IT support.',
    })
    expect(v.message).toBe(v.roles.message)

    const fixed = await tampered(() => {})
    const dsl = (await ok(fixed, 'users.list', {})).rows.find((u) => u.username === DSL.username)!
    await ok(fixed, 'users.update', { id: dsl.id, displayName: dsl.displayName, role: 'head' })
    const made = await ok(fixed, 'users.create', { username: 'new.office', displayName: 'New Office', role: 'office', password: 'first given password here' })
    expect((await ok(fixed, 'audit.verify', {})).roles.ok).toBe(true)
    const created = (await fixed.store.requireOpen().db('audit_log').where({ action: 'user.create' }).orderBy('id', 'desc').first()) as { target: string; detail: string }
    expect(created).toMatchObject({ target: `user:${made.id}`, detail: 'role office' })
  })

  it('a signed report prints the anchor and keeps it readable with a password; a changed, unsigned or foreign file is refused', async () => {
    const core = await tampered(() => {})
    const kept = folder()
    const { file: locked } = await issueReport(core, { type: 'users-and-roles', password: 'a password for governors' }, kept)
    expect(pdftotext(locked, 'a password for governors')).toMatch(/Chain heads at issue Audit trail to entry [\d,]+ \(([0-9a-f]{4} ){3}[0-9a-f]{4}\) Incident log to record 3 \(/)
    expect(qpdfCheck(locked, 'a password for governors')).toMatch(/No syntax or stream encoding errors/)
    const withPassword = await ok(core, 'audit.verify', { against: locked })
    expect(withPassword.anchors[0]).toMatchObject({ given: true, ok: true, source: expect.stringMatching(/^the report “Users and roles” issued 3 March 2027/) })

    const bytes = readFileSync(template.report)
    const at = bytes.indexOf('/OSRAnchor') - 4
    bytes.writeUInt8(bytes.readUInt8(at) ^ 1, at)
    const altered = join(kept, 'altered.pdf')
    writeFileSync(altered, bytes)
    const notes = join(kept, 'notes.txt')
    writeFileSync(notes, 'not a backup')
    const other = newCore(folder())
    cleanups.push(() => other.close())
    await setUpSchool(other)
    const { file: otherBackup } = await ok(other, 'backup.now', {})
    const { file: otherReport } = await issueReport(other, { type: 'users-and-roles' }, kept)
    const refusals: [string, RegExp][] = [
      [altered, /^That PDF has been changed since it was signed/],
      [notes, /^That file is neither a backup nor a PDF\.$/],
      [otherBackup, /^That backup belongs to another school’s register/],
      [otherReport, /^That PDF is signed with a certificate this register does not know/],
    ]
    for (const [file, words] of refusals) {
      const v = await ok(core, 'audit.verify', { against: file })
      expect(v.ok, file).toBe(false)
      expect(v.anchors[0], file).toMatchObject({ given: true, ok: false, message: expect.stringMatching(words) })
    }
    expect(await refused(core, 'audit.verify', { against: join(kept, 'missing.osrbackup') })).toMatchObject({ kind: 'not-found', field: 'against' })
    expect(await refused(core, 'audit.verify', { against: 'relative/path.pdf' })).toMatchObject({ kind: 'validation', field: 'against' })
  })
})

function publicOf(raw: RawDatabase, keyId: number): string {
  return (raw.prepare('SELECT public_key FROM signing_keys WHERE id = ?').get(keyId) as { public_key: string }).public_key
}

describe('upgrading a register made before signing keys and roles were entered in the trail', () => {
  it('enters each key (with the records it may have signed) and each role the trail did not give, after the existing entries', async () => {
    // Every migration before this one, as shipped before it.
    const BEFORE = MIGRATIONS.indexOf(chainedKeysAndRoles)
    expect(BEFORE).toBeGreaterThan(0)
    const file = join(folder(), 'register.db')
    const key = randomBytes(32)
    class CipherClient extends Client_BetterSQLite3 {
      _driver() {
        return Database
      }
    }
    const old = knexFactory({
      client: CipherClient,
      connection: { filename: file },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: RawDatabase, done: (e: Error | null, c: RawDatabase) => void) {
          keyConnection(conn, key)
          done(null, conn)
        },
      },
    })
    const before: Knex.MigrationSource<Migration> = {
      getMigrations: async () => MIGRATIONS.slice(0, BEFORE),
      getMigrationName: (m) => m.name,
      getMigration: async (m) => ({ up: m.up, down: async () => {} }),
    }
    await old.migrate.latest({ migrationSource: before })
    const at = '2026-11-24T10:00:00.000Z'
    await old('users').insert([
      { id: 1, username: 'bm', display_name: 'B M', role: 'manager', created_at: at },
      { id: 2, username: 'dsl', display_name: 'D S L', role: 'dsl', created_at: at },
    ])
    // As versions before this one wrote them: the set-up's entry names the manager, a later user.create names nobody.
    await appendAudit(old, { userId: 1, username: 'bm', action: 'user.create', target: 'user:1', detail: 'role manager', at })
    await appendAudit(old, { userId: 1, username: 'bm', action: 'user.create', detail: 'role dsl', at })
    const dslKey = newSigningKey()
    const bmKey = newSigningKey()
    await old('signing_keys').insert([
      { id: 1, user_id: 2, public_key: dslKey.publicKey, created_at: at },
      { id: 2, user_id: 1, public_key: bmKey.publicKey, created_at: at },
    ])
    const category = (await old('incident_categories').first('id')) as { id: number }
    await old('incidents').insert({
      id: 1, reference: 'INC-2026-0001', category_id: category.id, status: 'open', occurred_on: '2026-11-24', recorded_at: at, changed_at: at, version: 1,
      place: 'x', on_site: 1, device: 'school', description_start: 'x', search_text: 'x', created_by: 2, recorded_by_name: 'D S L',
    })
    const unsigned = { id: 1, incident_id: 1, kind: 'version' as const, body: '{}', at, user_id: 2, signer_name: 'D S L', key_id: 1, prev_hash: '' }
    const hash = recordHash(unsigned)
    await old('incident_records').insert({ ...unsigned, hash, signature: signBytes(privateKeyObject(dslKey), Buffer.from(hash, 'hex')) })
    await old.raw(`PRAGMA user_version = ${BEFORE}`)
    await old.destroy()

    const db = await openDatabase(file, key)
    try {
      const rows = (await db('audit_log').orderBy('id').select('id', 'at', 'user_id', 'action', 'target', 'detail')) as { id: number; action: string }[]
      expect(rows.slice(0, 2).map((r) => r.action)).toEqual(['user.create', 'user.create'])
      expect(rows.slice(2)).toEqual([
        { id: 3, at, user_id: null, action: 'signing-key.create', target: 'signing-key:1', detail: `user 2; Ed25519 public key ${dslKey.publicKey}; signs incident records after no. 0` },
        { id: 4, at, user_id: null, action: 'signing-key.create', target: 'signing-key:2', detail: `user 1; Ed25519 public key ${bmKey.publicKey}; signs incident records after no. 1` },
        { id: 5, at, user_id: null, action: 'user.role', target: 'user:2', detail: 'role dsl, as the register held it at the upgrade' },
      ])
      expect((await verifyAudit(db)).ok).toBe(true)
      expect(await roleDisagreements(db)).toEqual([])
      const keys = await signingKeys(db)
      const record = (await db('incident_records').first()) as IncidentRecordRow
      expect(recordProblem(record, '', keys)).toBeNull()
      expect(((await db.raw('PRAGMA user_version')) as { user_version: number }[])[0]!.user_version).toBe(MIGRATIONS.length)
    } finally {
      await db.destroy()
    }
  })
})
