// An independent check of the encrypted store: the school is set up with the core, then the
// vault is opened with code written here from docs/vault-format.md alone (node:crypto; nothing
// from electron/core/vault) and the database is read with the official SQLCipher 4 library
// (@journeyapps/sqlcipher), not with the driver the app uses. If the documentation, the vault
// code and the database format drift apart, this test says so.
import { createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, randomBytes, scrypt } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { MANAGER, newCore, ok, SCHOOL, setUpSchool, tempDir } from './helpers'

// The official library compiles native code, so it is not one of the app's dependencies: `npm test`
// installs it into tests/official-sqlcipher/ (scripts/official-sqlcipher.mjs). Where that could not
// happen (no C++ toolchain, or Windows, which the package does not build on) these tests are skipped
// and say why; under CI a missing library fails the run instead, so the cross-check is never lost.
const OFFICIAL_DIR = join(import.meta.dirname, '../official-sqlcipher')
/** The part of @journeyapps/sqlcipher (node-sqlite3's API) this file uses. */
interface OfficialDb {
  run(sql: string, callback: (err: Error | null) => void): void
  all(sql: string, callback: (err: Error | null, rows: unknown[]) => void): void
  close(callback: (err: Error | null) => void): void
}
interface SqlCipher {
  OPEN_READWRITE: number
  Database: new (file: string, mode: number, callback: (err: Error | null) => void) => OfficialDb
}
function loadOfficial(): { sqlcipher: SqlCipher | null; missing: string } {
  try {
    return { sqlcipher: createRequire(join(OFFICIAL_DIR, 'package.json'))('@journeyapps/sqlcipher') as SqlCipher, missing: '' }
  } catch (err) {
    return { sqlcipher: null, missing: (err as Error).message.split('\n')[0] ?? 'not installed' }
  }
}
const official = loadOfficial()
if (!official.sqlcipher) {
  const why = `official SQLCipher is not installed in tests/official-sqlcipher (${official.missing}): the cross-check with it is skipped. Run \`npm run --silent v && node scripts/official-sqlcipher.mjs\` to install it (needs a C++ toolchain and OpenSSL headers).`
  if (process.env['CI']) throw new Error(why)
  console.warn(why)
}
const sqlcipher = official.sqlcipher as SqlCipher

// ---- the vault format, from docs/vault-format.md ---------------------------------------------

interface Kdf { name: string; N: number; r: number; p: number; salt: string }
interface Wrap { alg: string; iv: string; tag: string; ciphertext: string }
interface DocSlot {
  id: string
  kind: 'user' | 'recovery'
  userId?: number
  lookup?: string
  digest?: string
  kdf: Kdf
  wrap?: Wrap
  box?: { publicKey: string; privateKey: Wrap }
  signing?: { publicKey: string; privateKey: Wrap }
  keys?: Record<string, Wrap>
  sealedKeys?: Record<string, Wrap & { alg: string; epk: string }>
}
interface DocVault {
  format: string
  version: number
  vaultId: string
  schoolId: string
  createdAt: string
  updatedAt: string
  slots: DocSlot[]
  disabledUsers: { userId: number; lookup: string }[]
}

/** kek = scrypt(secret as UTF-8 after NFC, base64decode(salt), 32, {N, r, p}) */
function kek(secret: string, kdf: Kdf, normalise = true): Promise<Buffer> {
  const input = Buffer.from(normalise ? secret.normalize('NFC') : secret, 'utf8')
  return new Promise((resolve, reject) =>
    scrypt(input, Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + (16 << 20) }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** AES-256-GCM-decrypt(kek, iv, ciphertext, tag, additionalData = UTF-8 of the AAD); throws on a wrong key. */
function unwrap(key: Buffer, w: Wrap, aad: string): Buffer {
  expect(w.alg).toBe('A256GCM')
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(w.iv, 'base64'))
  d.setAAD(Buffer.from(aad, 'utf8'))
  d.setAuthTag(Buffer.from(w.tag, 'base64'))
  return Buffer.concat([d.update(Buffer.from(w.ciphertext, 'base64')), d.final()])
}

/** lookup = base64(sha256(vaultId + ':' + lower-case username)) */
function lookup(vaultId: string, username: string): string {
  return createHash('sha256').update(`${vaultId}:${username.toLowerCase()}`).digest('base64')
}

/** The recovery key's canonical form: upper case, no spaces or dashes, O as 0, I and L as 1. */
function canonicalRecovery(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

/** digest = base64(sha256(JSON array of the public fields)), recomputed, never read from the file. */
function digestOf(slot: DocSlot): string {
  const fields = ['online-safety-register/slot', slot.id, slot.kind, slot.userId, slot.lookup, slot.box!.publicKey, slot.signing?.publicKey ?? null]
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('base64')
}

/** The binding: id + ':' + digest for a user slot with a digest; the id alone otherwise. */
function binding(slot: DocSlot): string {
  return slot.kind === 'user' && slot.digest !== undefined ? `${slot.id}:${digestOf(slot)}` : slot.id
}

function userSlot(vault: DocVault, username: string): DocSlot {
  const slot = vault.slots.find((s) => s.kind === 'user' && s.lookup === lookup(vault.vaultId, username))
  if (!slot?.wrap) throw new Error(`no user slot for ${username}`)
  return slot
}

async function databaseKeyForUser(vault: DocVault, username: string, password: string): Promise<Buffer> {
  const slot = userSlot(vault, username)
  return unwrap(await kek(password, slot.kdf), slot.wrap!, binding(slot))
}

/**
 * A role key from a user's slot: wrapped under the kek (additional data id:digest:name), or sealed
 * to the slot's box key by the business manager (X25519, HKDF-SHA256 with salt epk ‖ box public
 * and info "online-safety-register/vault-seal", then AES-256-GCM with the same additional data).
 */
async function roleKeyForUser(vault: DocVault, username: string, password: string, name: string): Promise<Buffer | null> {
  const slot = userSlot(vault, username)
  const key = await kek(password, slot.kdf)
  const aad = `${slot.id}:${digestOf(slot)}:${name}`
  const wrapped = slot.keys?.[name]
  if (wrapped) return unwrap(key, wrapped, aad)
  const sealed = slot.sealedKeys?.[name]
  if (!sealed) return null
  expect(sealed.alg).toBe('X25519-HKDF-SHA256-A256GCM')
  const boxPrivate = createPrivateKey({ key: unwrap(key, slot.box!.privateKey, `${slot.id}:box`), format: 'der', type: 'pkcs8' })
  const epk = Buffer.from(sealed.epk, 'base64')
  const shared = diffieHellman({ privateKey: boxPrivate, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: epk.toString('base64url') }, format: 'jwk' }) })
  const aes = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, Buffer.from(slot.box!.publicKey, 'base64')]), 'online-safety-register/vault-seal', 32))
  return unwrap(aes, { alg: 'A256GCM', iv: sealed.iv, tag: sealed.tag, ciphertext: sealed.ciphertext }, aad)
}

/** A field: "e1:" + base64(iv ‖ ciphertext ‖ tag) (text) or the raw bytes (BLOB); additional data "<table>:<row id>:<column>". */
function openField(key: Buffer, table: string, rowId: number | string, column: string, value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from((expect(value.startsWith('e1:')).toBe(true), value.slice(3)), 'base64') : value
  const d = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12))
  d.setAAD(Buffer.from(`${table}:${rowId}:${column}`, 'utf8'))
  d.setAuthTag(bytes.subarray(bytes.length - 16))
  return Buffer.concat([d.update(bytes.subarray(12, bytes.length - 16)), d.final()])
}

// ---- the official library, promisified --------------------------------------------------------

function openOfficial(file: string): Promise<OfficialDb> {
  return new Promise((resolve, reject) => {
    const db: OfficialDb = new sqlcipher.Database(file, sqlcipher.OPEN_READWRITE, (err) => (err ? reject(err) : resolve(db)))
  })
}
function run(db: OfficialDb, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, (err) => (err ? reject(err) : resolve())))
}
function all<T>(db: OfficialDb, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as T[]))))
}
function closeOfficial(db: OfficialDb): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())))
}

/**
 * Opens with the official library and only the key pragma (as the doc says), or none.
 * `quiet` silences SQLCipher's own log for the attempts that are meant to fail.
 */
async function withOfficial<T>(file: string, key: Buffer | null, work: (db: OfficialDb) => Promise<T>, quiet = false): Promise<T> {
  const db = await openOfficial(file)
  try {
    if (quiet) await run(db, 'PRAGMA cipher_log_level = NONE')
    if (key) await run(db, `PRAGMA key = "x'${key.toString('hex')}'"`)
    return await work(db)
  } finally {
    await closeOfficial(db)
  }
}

interface SchoolRow { school_id: string; name: string; address: string; urn: string; dsl_name: string; deputy_dsl_names: string; online_safety_governor: string }
interface UserRow { id: number; username: string; display_name: string; role: string }

async function readRecords(file: string, key: Buffer): Promise<{ school: SchoolRow; users: UserRow[]; cipherVersion: string; integrity: string }> {
  return withOfficial(file, key, async (db) => {
    const [version] = await all<{ cipher_version: string }>(db, 'PRAGMA cipher_version')
    const [school] = await all<SchoolRow>(db, 'SELECT * FROM school WHERE id = 1')
    const users = await all<UserRow>(db, 'SELECT id, username, display_name, role FROM users ORDER BY id')
    const [check] = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check')
    return { school: school!, users, cipherVersion: version!.cipher_version, integrity: check!.integrity_check }
  })
}

// ---- the school -------------------------------------------------------------------------------

const SIAN = { username: 'sian.wyn', displayName: 'Siân Ŵyn', role: 'dsl' as const, password: 'tŷ bach glas ŵyn hapus môr' }
const LUKASZ = { username: 'lukasz.oconnor', displayName: 'Łukasz O\'Connor', role: 'head' as const, password: 'źrebię łąka gęś żółw' }
/** Every name that must never appear in a file on disk, with some distinctive parts of them. */
const NAMES = [
  SCHOOL.name, SCHOOL.address, SCHOOL.dslName, ...SCHOOL.deputyDslNames, SCHOOL.onlineSafetyGovernor,
  MANAGER.displayName, SIAN.displayName, LUKASZ.displayName, SIAN.username, LUKASZ.username, MANAGER.username,
  'Llanfair', 'Gymraeg', 'Bethan', 'Łukasz', 'Connor', 'Ярослава',
]

function leaks(file: string): string[] {
  const bytes = readFileSync(file)
  const found: string[] = []
  for (const name of NAMES) {
    const forms = [
      Buffer.from(name.normalize('NFC'), 'utf8'),
      Buffer.from(name.normalize('NFD'), 'utf8'),
      Buffer.from(name, 'utf16le'),
      Buffer.from(name.toLowerCase(), 'utf8'),
    ]
    if (forms.some((form) => bytes.includes(form))) found.push(`${name} in ${file}`)
  }
  return found
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
}

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

async function schoolWithUsers(): Promise<{ core: Core; dir: string; recoveryKey: string; ids: { sian: number; lukasz: number } }> {
  const t = tempDir('osr-official-')
  const core = newCore(t.dir)
  cleanups.push(t.cleanup, () => core.close())
  const recoveryKey = await setUpSchool(core)
  // Siân's password is given in decomposed form (NFD), as some keyboards and pastes produce it:
  // the doc says it is normalised to NFC before scrypt, so the composed form must open it too.
  const sian = await ok(core, 'users.create', { ...SIAN, password: SIAN.password.normalize('NFD') })
  const lukasz = await ok(core, 'users.create', LUKASZ)
  return { core, dir: t.dir, recoveryKey, ids: { sian: sian.id, lukasz: lukasz.id } }
}

describe.skipIf(!official.sqlcipher)('the register, read back with the official SQLCipher library', () => {
  it('opens with a key derived from the manager’s password as docs/vault-format.md describes', async () => {
    const { core, dir, ids } = await schoolWithUsers()
    await ok(core, 'session.lock', {})
    expect(existsSync(join(dir, 'register.db-wal'))).toBe(false)

    const vault = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as DocVault
    expect(vault).toMatchObject({ format: 'online-safety-register/vault', version: 1 })
    expect(vault.slots.filter((s) => s.kind === 'user')).toHaveLength(3)
    expect(vault.slots.filter((s) => s.kind === 'recovery').map((s) => s.id)).toEqual(['recovery'])
    for (const slot of vault.slots) {
      expect(slot.kdf).toMatchObject({ name: 'scrypt', r: 8, p: 1 })
      expect(Buffer.from(slot.kdf.salt, 'base64')).toHaveLength(16)
      expect(Buffer.from(slot.wrap!.iv, 'base64')).toHaveLength(12)
      expect(Buffer.from(slot.wrap!.tag, 'base64')).toHaveLength(16)
      expect(Buffer.from(slot.wrap!.ciphertext, 'base64')).toHaveLength(32)
    }

    const key = await databaseKeyForUser(vault, MANAGER.username, MANAGER.password)
    expect(key).toHaveLength(32)
    const { school, users, cipherVersion, integrity } = await readRecords(join(dir, 'register.db'), key)
    expect(cipherVersion).toMatch(/^4\./)
    expect(integrity).toBe('ok')
    expect(school).toMatchObject({
      school_id: vault.schoolId,
      name: SCHOOL.name,
      address: SCHOOL.address,
      urn: SCHOOL.urn,
      dsl_name: SCHOOL.dslName,
      online_safety_governor: SCHOOL.onlineSafetyGovernor,
    })
    expect(JSON.parse(school.deputy_dsl_names)).toEqual(SCHOOL.deputyDslNames)
    expect(users).toEqual([
      { id: 1, username: MANAGER.username, display_name: MANAGER.displayName, role: 'manager' },
      { id: ids.sian, username: SIAN.username, display_name: SIAN.displayName, role: 'dsl' },
      { id: ids.lukasz, username: LUKASZ.username, display_name: LUKASZ.displayName, role: 'head' },
    ])
    // The register lists each user's slot: its id and the digest of its public fields.
    const listing = await withOfficial(join(dir, 'register.db'), key, (db) => all<{ id: number; key_slot_id: string; key_slot_digest: string }>(db, 'SELECT id, key_slot_id, key_slot_digest FROM users ORDER BY id'))
    const slots = vault.slots.filter((s) => s.kind === 'user')
    expect(listing).toEqual(
      [...slots].sort((a, b) => a.userId! - b.userId!).map((s) => ({ id: s.userId, key_slot_id: s.id, key_slot_digest: digestOf(s) })),
    )
  })

  it('every slot opens the same key: other users’ passwords (NFC), the recovery key as typed, and the box key', async () => {
    const { core, dir, recoveryKey } = await schoolWithUsers()
    await ok(core, 'session.lock', {})
    const vault = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as DocVault
    const managerKey = await databaseKeyForUser(vault, MANAGER.username, MANAGER.password)

    // Siân's slot was made from the NFD password: the NFC form opens it, the raw NFD bytes do not.
    expect(SIAN.password.normalize('NFD')).not.toBe(SIAN.password)
    expect((await databaseKeyForUser(vault, 'SIAN.WYN', SIAN.password)).equals(managerKey)).toBe(true)
    const sianSlot = vault.slots.find((s) => s.lookup === lookup(vault.vaultId, SIAN.username))!
    const rawNfd = await kek(SIAN.password.normalize('NFD'), sianSlot.kdf, false)
    expect(() => unwrap(rawNfd, sianSlot.wrap!, binding(sianSlot))).toThrow()
    expect((await databaseKeyForUser(vault, LUKASZ.username, LUKASZ.password)).equals(managerKey)).toBe(true)

    // The binding is the additional data: the right kek with another slot's binding fails, and so
    // does the slot's own once a public field is changed (here: the user it belongs to).
    const managerSlot = vault.slots.find((s) => s.lookup === lookup(vault.vaultId, MANAGER.username))!
    const managerKek = await kek(MANAGER.password, managerSlot.kdf)
    expect(managerSlot.digest).toBe(digestOf(managerSlot))
    expect(() => unwrap(managerKek, managerSlot.wrap!, binding(sianSlot))).toThrow()
    expect(() => unwrap(managerKek, managerSlot.wrap!, binding({ ...managerSlot, userId: sianSlot.userId }))).toThrow()
    expect(() => unwrap(managerKek, managerSlot.wrap!, managerSlot.id)).toThrow()
    // A wrong password fails the GCM tag check.
    await expect(databaseKeyForUser(vault, MANAGER.username, 'kettle violet harbour jumps')).rejects.toThrow()

    // box.privateKey: PKCS#8 DER of an X25519 key, wrapped under the kek with AAD id + ':box'.
    const der = unwrap(managerKek, managerSlot.box!.privateKey, `${managerSlot.id}:box`)
    const pub = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' })
    expect(pub.crv).toBe('X25519')
    expect(Buffer.from(pub.x!, 'base64url').toString('base64')).toBe(managerSlot.box!.publicKey)

    // The recovery key as someone might type it: lower case, spaces, O for 0 and l for 1.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')
    const recovery = vault.slots.find((s) => s.kind === 'recovery')!
    expect(canonicalRecovery(typed)).toHaveLength(32)
    const fromRecovery = unwrap(await kek(canonicalRecovery(typed), recovery.kdf), recovery.wrap!, 'recovery')
    expect(fromRecovery.equals(managerKey)).toBe(true)
  })

  it('reception’s password opens visitors and people but no incident text; the DSL’s opens the safeguarding key and a description', async () => {
    const { core, dir, ids } = await schoolWithUsers()
    const words = { description: 'Gwenllian received threatening messages from Ysbaddaden.', note: 'Discussed with Cadwaladr.', reference: 'POL-4471-XQ', file: 'Rhydderch said meet me' }
    const pupil = await ok(core, 'people.create', { kind: 'pupil', forename: 'Tegwen', surname: 'Marchbanks', yearGroup: '8', regClass: '8M', dateOfBirth: '2013-03-04' })
    const visitor = await ok(core, 'visitors.register', { forename: 'Zoë', surname: 'Cadogan', organisation: 'Fire safety checks Ltd', dbs: { status: 'not-needed' } })
    await ok(core, 'visits.signIn', { personId: visitor.id, purpose: 'Fire alarm service', hostName: 'Site manager', usesIct: false })
    const cyber = (await ok(core, 'incidents.categories', {})).find((c) => c.name === 'Cyberbullying')!
    const { id } = await ok(core, 'incidents.record', {
      entry: { occurredOn: '2025-06-02', occurredTime: '10:00', place: 'Llyfrgell', onSite: true, device: 'personal', categoryId: cyber.id, description: words.description, actionTaken: 'Parents told.', childsWords: null, people: [{ personId: pupil.id, part: 'affected' }], status: 'open', outcome: null },
      // Whatever the computer's date: an entry over a year old is saved once confirmed.
      oldDateConfirmed: true,
    })
    await ok(core, 'incidents.setStep', { incidentId: id, step: 'police', state: 'not-needed', note: words.note })
    await ok(core, 'incidents.addReferral', { incidentId: id, agency: 'Police', madeOn: '2025-06-02', referenceNumber: words.reference })
    await ok(core, 'incidents.attach', { incidentId: id, fileName: 'chat.txt', fileBase64: Buffer.from(words.file).toString('base64'), description: 'The chat' })
    const office = await ok(core, 'users.create', { username: 'rhian.desk', displayName: 'Rhian Desk', role: 'office', password: 'desk lamp window orange' })
    // Bryn starts at reception and is made a DSL by the manager: the keys are sealed to his slot.
    const bryn = await ok(core, 'users.create', { username: 'bryn.office', displayName: 'Bryn Office', role: 'office', password: 'copper meadow sleepy anchor' })
    await ok(core, 'users.update', { id: bryn.id, displayName: bryn.displayName, role: 'dsl' })
    expect(ids.lukasz).toBeGreaterThan(0)
    await ok(core, 'session.lock', {})
    const vault = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as DocVault
    const file = join(dir, 'register.db')

    // Reception: the database opens; visitors, visits and people are there; no table holds incident text.
    const officeKey = await databaseKeyForUser(vault, 'rhian.desk', 'desk lamp window orange')
    expect(await roleKeyForUser(vault, 'rhian.desk', 'desk lamp window orange', 'safeguarding')).toBeNull()
    expect(office.id).toBeGreaterThan(0)
    const seen = await withOfficial(file, officeKey, async (db) => {
      const visitors = await all<{ surname: string }>(db, "SELECT surname FROM people WHERE kind = 'visitor'")
      const visits = await all<{ purpose: string }>(db, 'SELECT purpose FROM visits')
      const pupils = await all<{ surname: string }>(db, "SELECT surname FROM people WHERE kind = 'pupil'")
      const tables = await all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
      const values: string[] = []
      for (const { name } of tables) {
        for (const row of await all<Record<string, unknown>>(db, `SELECT * FROM "${name}"`)) {
          for (const v of Object.values(row)) values.push(Buffer.isBuffer(v) ? v.toString('latin1') : String(v))
        }
      }
      return { visitors, visits, pupils, values: values.join('\n') }
    })
    expect(seen.visitors.map((v) => v.surname)).toContain('Cadogan')
    expect(seen.visits.map((v) => v.purpose)).toContain('Fire alarm service')
    expect(seen.pupils.map((p) => p.surname)).toContain('Marchbanks')
    expect(seen.values).toContain('INC-') // the entry is there: its reference and dates are not secret
    for (const w of ['Gwenllian', 'Ysbaddaden', 'Cadwaladr', 'POL-4471-XQ', 'Rhydderch', 'Llyfrgell']) expect(seen.values, w).not.toContain(w)

    // The DSL: the safeguarding key from her slot, the entry's data key, then its words.
    const dslKey = await databaseKeyForUser(vault, SIAN.username, SIAN.password)
    const safeguarding = (await roleKeyForUser(vault, SIAN.username, SIAN.password, 'safeguarding'))!
    const read = await withOfficial(file, dslKey, async (db) => {
      const [incident] = await all<{ id: number; data_key: string; description_start: string }>(db, `SELECT id, data_key, description_start FROM incidents WHERE id = ${id}`)
      const [check] = await all<{ check_value: string }>(db, "SELECT check_value FROM role_keys WHERE name = 'safeguarding'")
      const records = await all<{ id: number; kind: string; body: string }>(db, `SELECT id, kind, body FROM incident_records WHERE incident_id = ${id} ORDER BY id`)
      const [evidence] = await all<{ id: number; content: Buffer }>(db, `SELECT id, content FROM incident_files WHERE incident_id = ${id}`)
      return { incident: incident!, check: check!.check_value, records, evidence: evidence! }
    })
    expect(openField(safeguarding, 'role_keys', 'safeguarding', 'check_value', read.check).toString('utf8')).toBe('online-safety-register/role-key-check/safeguarding')
    const [keyName, wrapped] = [read.incident.data_key.slice(0, read.incident.data_key.indexOf(':')), read.incident.data_key.slice(read.incident.data_key.indexOf(':') + 1)]
    expect(keyName).toBe('safeguarding')
    const dataKey = openField(safeguarding, 'incidents', id, 'data_key', wrapped)
    expect(openField(dataKey, 'incidents', id, 'description_start', read.incident.description_start).toString('utf8')).toBe(words.description)
    const version = read.records.find((r) => r.kind === 'version')!
    expect((JSON.parse(openField(dataKey, 'incident_records', version.id, 'body', version.body).toString('utf8')) as { entry: { description: string } }).entry.description).toBe(words.description)
    const step = read.records.find((r) => r.kind === 'step')!
    expect(openField(dataKey, 'incident_records', step.id, 'body', step.body).toString('utf8')).toContain(words.note)
    expect(openField(dataKey, 'incident_files', read.evidence.id, 'content', read.evidence.content).toString('utf8')).toBe(words.file)
    // The row id is in the additional data: the body of one record does not open as another's.
    expect(() => openField(dataKey, 'incident_records', step.id, 'body', version.body)).toThrow()

    // Bryn, made DSL by the manager: the key was sealed to his slot's box key, and is the same key.
    expect(userSlot(vault, 'bryn.office').sealedKeys).toHaveProperty('safeguarding')
    const sealed = (await roleKeyForUser(vault, 'bryn.office', 'copper meadow sleepy anchor', 'safeguarding'))!
    expect(sealed.equals(safeguarding)).toBe(true)
    // The reports key: the manager's slot holds it; the DSL's does not.
    expect(await roleKeyForUser(vault, SIAN.username, SIAN.password, 'reports')).toBeNull()
    expect(await roleKeyForUser(vault, MANAGER.username, MANAGER.password, 'reports')).not.toBeNull()
  })

  it('refuses to open without the key or with a wrong key', async () => {
    const { core, dir } = await schoolWithUsers()
    await ok(core, 'session.lock', {})
    const file = join(dir, 'register.db')
    const before = readFileSync(file)
    await expect(withOfficial(file, null, (db) => all(db, 'SELECT count(*) FROM sqlite_master'), true)).rejects.toThrow(/SQLITE_NOTADB|not a database/)
    await expect(withOfficial(file, randomBytes(32), (db) => all(db, 'SELECT name FROM school'), true)).rejects.toThrow(/SQLITE_NOTADB|not a database/)
    // A passphrase (SQLCipher's own PBKDF2) made from the password is not the key either.
    await expect(
      withOfficial(file, null, async (db) => {
        await run(db, `PRAGMA key = '${MANAGER.password}'`)
        return all(db, 'SELECT name FROM school')
      }, true),
    ).rejects.toThrow(/SQLITE_NOTADB|not a database/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('no file in the data folder holds a name: the database, its -wal, the vault, a backup', async () => {
    const { core, dir } = await schoolWithUsers()
    // The search itself works: a plain-text file with a name in it is caught.
    const canary = join(tempDir('osr-canary-').dir, 'canary.txt')
    writeFileSync(canary, `note about ${LUKASZ.displayName}`, 'utf8')
    expect(leaks(canary)).toEqual([`${LUKASZ.displayName} in ${canary}`, `Łukasz in ${canary}`, `Connor in ${canary}`])
    rmSync(dirname(canary), { recursive: true, force: true })
    await ok(core, 'school.update', { ...SCHOOL, address: `${SCHOOL.address}, Ynys Môn` })
    await ok(core, 'school.update', SCHOOL)
    const backup = await ok(core, 'backup.now', {})

    // While open: the recent changes sit in the write-ahead log.
    const wal = join(dir, 'register.db-wal')
    expect(existsSync(wal)).toBe(true)
    expect(statSync(wal).size).toBeGreaterThan(0)
    const whileOpen = filesUnder(dir)
    expect(whileOpen).toEqual(expect.arrayContaining([join(dir, 'register.db'), wal, join(dir, 'vault.json'), backup.file]))
    expect(whileOpen.flatMap(leaks)).toEqual([])
    expect(readFileSync(join(dir, 'register.db')).includes(Buffer.from('SQLite format 3'))).toBe(false)

    await ok(core, 'session.lock', {})
    const afterLock = filesUnder(dir)
    expect(afterLock.some((f) => f.endsWith('.osrbackup') && f !== backup.file)).toBe(true) // the on-lock backup
    expect(afterLock.flatMap(leaks)).toEqual([])
  })

  it('a backup file is the doc’s layout, and its database part opens with the official library', async () => {
    const { core, dir } = await schoolWithUsers()
    const backup = await ok(core, 'backup.now', {})
    await ok(core, 'session.lock', {})

    const bytes = readFileSync(backup.file)
    const magic = Buffer.from('OSR-BACKUP\n', 'ascii')
    expect(bytes.subarray(0, magic.length).equals(magic)).toBe(true)
    const headerLength = bytes.readUInt32BE(magic.length)
    const header = JSON.parse(bytes.subarray(magic.length + 4, magic.length + 4 + headerLength).toString('utf8')) as {
      format: string
      kind: string
      schoolId: string
      dbBytes: number
      dbSha256: string
      vault: DocVault
    }
    expect(header).toMatchObject({ format: 'online-safety-register/backup', kind: 'manual' })
    const database = bytes.subarray(magic.length + 4 + headerLength)
    expect(database).toHaveLength(header.dbBytes)
    expect(createHash('sha256').update(database).digest('hex')).toBe(header.dbSha256)
    const extracted = join(dir, 'extracted.db')
    writeFileSync(extracted, database)

    // A backup alone rebuilds a lost computer: its own copy of the vault opens it.
    const key = await databaseKeyForUser(header.vault, LUKASZ.username, LUKASZ.password)
    const { school, users, integrity } = await readRecords(extracted, key)
    expect(integrity).toBe('ok')
    expect(school).toMatchObject({ school_id: header.schoolId, name: SCHOOL.name })
    expect(users.map((u) => u.display_name)).toEqual([MANAGER.displayName, SIAN.displayName, LUKASZ.displayName])
  })
})
