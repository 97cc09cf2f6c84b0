import { cpSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { entryHash } from '../../electron/core/audit/audit-trail'
import { signingKeyEvent } from '../../electron/core/audit/chained-facts'
import { readBackupHeader } from '../../electron/core/backup/backup-file'
import { openRaw, type RawDatabase } from '../../electron/core/db/sqlcipher'
import { recordHash, type IncidentRecordRow } from '../../electron/core/incidents/incident-chain'
import { newSigningKey, privateKeyObject, signBytes } from '../../electron/core/signing/signing-key'
import type { IncidentEntry } from '../../shared/domain/incidents'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'
import { issueReport } from './pdf-tools'
import { clock } from './people-fixtures'

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
  const dsl = await ok(core, 'users.create', { username: DSL.username, displayName: DSL.displayName, role: 'dsl', password: 'first given password here' })
  await ok(core, 'users.resetPassword', { id: dsl.id, newPassword: DSL.password })
  await ok(core, 'session.lock', {})

  time.advance(60_000)
  await ok(core, 'session.login', { username: DSL.username, password: DSL.password })
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
  time.advance(60_000)
  await ok(core, 'session.lock', {})
  await core.close()

  const raw = openRaw(join(dir, 'register.db'), key, { readonly: true })
  const count = (table: string) => (raw.prepare(`SELECT max(id) AS n FROM ${table}`).get() as { n: number }).n
  const counts = { auditEntries: count('audit_log'), incidentRecords: count('incident_records') }
  raw.close()
  return { dir, key, keptBackup, report, ...counts }
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
    const unsigned = { ...row, key_id: forged.keyId, prev_hash: prev }
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
  it('every backup and every signed report records the heads of the audit trail and the incident log', () => {
    const header = readBackupHeader(template.keptBackup)
    expect(header.anchor).toMatchObject({ audit: { seq: header.auditHeadId }, incidents: { seq: template.incidentRecords } })
    expect(header.anchor!.audit.hash).toMatch(/^[0-9a-f]{64}$/)
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
