// Keys per role: what the database key alone (any password, reception's too) opens, and what only
// the slots of the roles allowed to read it open. Checked on the files, with the keys a user's
// own slot gives them.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { IncidentEntry } from '../../shared/domain/incidents'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { findUserSlot, openUserSlot } from '../../electron/core/vault/vault'
import { MANAGER, ok, refused } from './helpers'
import { readVaultFile } from './legacy-vault'
import { clock, PASSWORD, school, type School } from './people-fixtures'
import { toPreviousVersion } from './previous-version'
import { issueReport, pdfsig } from './pdf-tools'
import forge from 'node-forge'
import { everyPageWithDatabaseKey } from './plain-pages'
import { runRegisterChecks } from '../../electron/core/health/register-checks'

let s: School | null = null
afterEach(async () => {
  await s?.close()
  s = null
})

/** Words that appear only in the incidents below: none may be found with the database key alone. */
const SECRET = {
  place: 'Quenby Pavilion',
  description: 'Zephyrine was sent threatening voice notes by Oswin.',
  action: 'Marlowe telephoned the family straight away.',
  childsWords: 'I feel scared walking past the bandstand.',
  note: 'Discussed with Ruthveni at the strategy meeting.',
  referenceNumber: 'CRN-778812',
  outcome: 'Youngblood case closed by the police.',
  evidence: 'Screenshot showing Thistlewood’s message.',
  fileText: 'Vantongeren said meet me after school',
}
const NEEDLES = ['Quenby', 'Zephyrine', 'Oswin', 'Marlowe', 'bandstand', 'Ruthveni', 'CRN-778812', 'Youngblood', 'Thistlewood', 'Vantongeren']

async function categoryId(core: School['core'], name: string): Promise<number> {
  const found = (await ok(core, 'incidents.categories', {})).find((c) => c.name.startsWith(name))
  if (!found) throw new Error(`no category ${name}`)
  return found.id
}

function entry(categoryId: number, extra: Partial<IncidentEntry> = {}): IncidentEntry {
  return {
    occurredOn: '2026-06-15',
    occurredTime: '13:10',
    place: SECRET.place,
    onSite: true,
    device: 'personal',
    categoryId,
    description: SECRET.description,
    actionTaken: SECRET.action,
    childsWords: SECRET.childsWords,
    people: [],
    status: 'open',
    outcome: null,
    ...extra,
  }
}

/** A school with a cyberbullying entry (checklist note, referral, evidence) and a filtering breach, signed in as the manager. */
async function schoolWithIncidents(): Promise<{ s: School; bullying: number; filtering: number; pupil: number }> {
  s = await school(clock().now)
  const { core } = s
  const person = await ok(core, 'people.create', { kind: 'pupil', forename: 'Tegwen', surname: 'Marchbanks', yearGroup: '8', regClass: '8M', dateOfBirth: '2013-03-04' })
  const bullying = (await ok(core, 'incidents.record', { entry: entry(await categoryId(core, 'Cyberbullying'), { people: [{ personId: person.id, part: 'affected' }] }) })).id
  await ok(core, 'incidents.setStep', { incidentId: bullying, step: 'police', state: 'not-needed', note: SECRET.note })
  await ok(core, 'incidents.addReferral', { incidentId: bullying, agency: 'Police', madeOn: '2026-06-15', referenceNumber: SECRET.referenceNumber, outcome: SECRET.outcome })
  await ok(core, 'incidents.attach', { incidentId: bullying, fileName: 'notes.txt', fileBase64: Buffer.from(SECRET.fileText).toString('base64'), description: SECRET.evidence })
  const filtering = (await ok(core, 'incidents.record', { entry: entry(await categoryId(core, 'Filtering breach'), { description: 'A proxy site got past the filter in ICT suite 2.' }) })).id
  return { s, bullying, filtering, pupil: person.id }
}


/** Whether the stored PKCS#12 opens with the stored passphrase, with the database key alone. */
function certificateOpens(dir: string, dbKey: Buffer): boolean {
  const raw = openRaw(join(dir, 'register.db'), dbKey)
  const rows = raw.prepare('SELECT p12, passphrase FROM signing_certificates').all() as { p12: Buffer; passphrase: string }[]
  raw.close()
  expect(rows.length).toBeGreaterThan(0)
  return rows.some((r) => {
    try {
      forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(r.p12.toString('binary'))), false, r.passphrase)
      return true
    } catch {
      return false
    }
  })
}

function found(bytes: Buffer): string[] {
  return NEEDLES.filter((n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n.toLowerCase(), 'utf8')))
}

async function keysOf(dir: string, username: string, password: string) {
  const search = findUserSlot(readVaultFile(dir), username)
  if (!('found' in search)) throw new Error(`no slot for ${username}`)
  return openUserSlot(search.found, password)
}

describe('the database key alone', () => {
  it('opens visitors and people but no incident text: not in any row, free page or the write-ahead log', async () => {
    const { s } = await schoolWithIncidents()
    const { core, dir } = s
    // The canary: the words are in the register, and a decrypted page would show them.
    expect((await ok(core, 'incidents.list', { text: 'zephyrine', offset: 0, limit: 10 })).total).toBe(1)
    await s.as('office')
    const office = await keysOf(dir, 'user-office', PASSWORD)
    expect(office.roleKeys.size).toBe(0)
    const pages = everyPageWithDatabaseKey(dir, office.dbKey)
    expect(pages.includes(Buffer.from('SQLite format 3'))).toBe(true)
    expect(pages.includes(Buffer.from('Marchbanks'))).toBe(true) // the people table is reception's to read
    expect(found(pages)).toEqual([])
    // The report-signing certificate's private key: its file and its passphrase are encrypted too.
    await ok(core, 'session.lock', {})
    expect(certificateOpens(dir, office.dbKey)).toBe(false)
    expect((await ok(core, 'app.status', {})).upgradePending).toBe(false)
  })

  it('a changed role column grants no key: reception made DSL in the database reads nothing', async () => {
    const { s, bullying } = await schoolWithIncidents()
    const { core, dir } = s
    await s.as('office')
    const office = await keysOf(dir, 'user-office', PASSWORD)
    await ok(core, 'session.lock', {})
    const raw = openRaw(join(dir, 'register.db'), office.dbKey)
    expect(raw.prepare("UPDATE users SET role = 'dsl' WHERE username = 'user-office'").run().changes).toBe(1)
    raw.close()
    expect(await ok(core, 'session.login', { username: 'user-office', password: PASSWORD })).toMatchObject({ role: 'dsl' })
    const err = await refused(core, 'incidents.get', { id: bullying })
    expect(err.kind).toBe('forbidden')
    expect(err.message).toMatch(/does not hold the key to the incident log’s contents/)
    expect((await refused(core, 'incidents.list', { text: 'zephyrine', offset: 0, limit: 10 })).kind).toBe('forbidden')
    // Metadata stays readable, as it is to anyone holding the database key.
    expect((await ok(core, 'incidents.waiting', {})).count).toBe(2)
  })
})

describe('keys follow the role the business manager gives', () => {
  it('reception made DSL reads the log from their next sign-in; made reception again, their slot holds no key', async () => {
    const { s, bullying } = await schoolWithIncidents()
    const { core, dir } = s
    await s.as('office')
    await s.as('manager')
    const officeUser = (await ok(core, 'users.list', {})).rows.find((u) => u.username === 'user-office')!
    await ok(core, 'users.update', { id: officeUser.id, displayName: officeUser.displayName, role: 'dsl' })
    const sealed = readVaultFile(dir).slots.find((x) => x.kind === 'user' && x.userId === officeUser.id)!
    expect(Object.keys((sealed as { sealedKeys?: object }).sealedKeys ?? {}).sort()).toEqual(['ict', 'safeguarding'])
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'user-office', password: PASSWORD })
    expect((await ok(core, 'incidents.get', { id: bullying })).current.entry.description).toBe(SECRET.description)
    const settled = readVaultFile(dir).slots.find((x) => x.kind === 'user' && x.userId === officeUser.id)!
    expect(Object.keys((settled as { keys?: object }).keys ?? {}).sort()).toEqual(['ict', 'safeguarding'])

    await s.as('manager')
    await ok(core, 'users.update', { id: officeUser.id, displayName: officeUser.displayName, role: 'office' })
    const taken = readVaultFile(dir).slots.find((x) => x.kind === 'user' && x.userId === officeUser.id)!
    expect(taken).not.toHaveProperty('keys')
    expect(taken).not.toHaveProperty('sealedKeys')
    expect((await keysOf(dir, 'user-office', PASSWORD)).roleKeys.size).toBe(0)
  })

  it('a password reset by the manager, the recovery key and a key rotation all keep the keys of the role', async () => {
    const { s, bullying } = await schoolWithIncidents()
    const { core, dir } = s
    await s.as('dsl')
    await s.as('manager')
    const dsl = (await ok(core, 'users.list', {})).rows.find((u) => u.username === 'user-dsl')!
    await ok(core, 'users.resetPassword', { id: dsl.id, newPassword: 'a brand new first password' })
    const { recoveryKey } = await ok(core, 'vault.rotateKey', { password: MANAGER.password })
    await ok(core, 'session.lock', {})
    expect(await ok(core, 'session.login', { username: 'user-dsl', password: 'a brand new first password' })).toMatchObject({ role: 'dsl' })
    // The core opens nothing else until she has chosen her own password.
    await ok(core, 'account.changePassword', { currentPassword: 'a brand new first password', newPassword: 'heather lantern copper mill' })
    expect((await ok(core, 'incidents.get', { id: bullying })).referrals[0]!.reference).toBe(SECRET.referenceNumber)
    await ok(core, 'session.lock', {})
    await ok(core, 'session.recover', { recoveryKey, username: MANAGER.username, newPassword: 'lantern maple orbit quietly' })
    expect((await ok(core, 'incidents.get', { id: bullying })).current.entry.childsWords).toBe(SECRET.childsWords)
    expect((await ok(core, 'incidents.verify', {})).ok).toBe(true)
    expect(readVaultFile(dir).slots.find((x) => x.kind === 'recovery')).toHaveProperty('keys')
  })
})

describe('the ICT manager’s key', () => {
  it('opens the ICT categories only; an entry moved out of them, or a category no longer marked, is closed to it', async () => {
    const { s, bullying, filtering } = await schoolWithIncidents()
    const { core, dir } = s
    await s.as('ict')
    const ict = await keysOf(dir, 'user-ict', PASSWORD)
    expect([...ict.roleKeys.keys()]).toEqual(['ict'])
    expect((await ok(core, 'incidents.get', { id: filtering })).current.entry.place).toBe(SECRET.place)
    expect((await refused(core, 'incidents.get', { id: bullying })).kind).toBe('not-found')
    const wrappedWith = (id: number) => {
      const raw = openRaw(join(dir, 'register.db'), ict.dbKey)
      const row = raw.prepare('SELECT data_key FROM incidents WHERE id = ?').get(id) as { data_key: string }
      raw.close()
      return row.data_key.split(':')[0]
    }
    expect([wrappedWith(bullying), wrappedWith(filtering)]).toEqual(['safeguarding', 'ict'])

    // The DSL moves the filtering entry to "Other": its key is wrapped with the safeguarding key.
    await s.as('dsl')
    const current = (await ok(core, 'incidents.get', { id: filtering })).current.entry
    await ok(core, 'incidents.amend', { id: filtering, entry: { ...current, categoryId: await categoryId(core, 'Other') }, reason: 'Not a filtering matter after all.' })
    expect(wrappedWith(filtering)).toBe('safeguarding')
    // The manager marks "Cyberbullying" for the ICT manager: its entries' keys are wrapped with the ICT key.
    await s.as('manager')
    const cyber = (await ok(core, 'incidents.categories', {})).find((c) => c.name === 'Cyberbullying')!
    await ok(core, 'incidents.saveCategory', { id: cyber.id, name: cyber.name, steps: cyber.steps, noFiles: cyber.noFiles, ict: true })
    expect(wrappedWith(bullying)).toBe('ict')
    await s.as('ict')
    expect((await ok(core, 'incidents.get', { id: bullying })).current.entry.description).toBe(SECRET.description)
    expect((await refused(core, 'incidents.verify', {})).kind).toBe('forbidden') // checking the log is not the ICT manager's
    await s.as('manager')
    expect(await ok(core, 'incidents.verify', {})).toMatchObject({ ok: true })
  })
})

describe('a register from before role keys', () => {
  it('is encrypted at the first sign-in of a key holder, leaves no readable page behind, and still verifies', async () => {
    const { s, bullying } = await schoolWithIncidents()
    const { core, dir } = s
    await s.as('office')
    await s.as('ict')
    await s.as('dsl')
    await ok(core, 'session.lock', {})
    await toPreviousVersion(dir, { [MANAGER.username]: MANAGER.password, 'user-office': PASSWORD, 'user-ict': PASSWORD, 'user-dsl': PASSWORD })
    const office = await keysOf(dir, 'user-office', PASSWORD)
    expect(found(everyPageWithDatabaseKey(dir, office.dbKey)).length).toBeGreaterThan(5)
    expect(certificateOpens(dir, office.dbKey)).toBe(true)

    // The sign-in screen can say, before anyone signs in, that the first key holder's sign-in will take a while.
    expect(await ok(core, 'app.status', {})).toMatchObject({ unlocked: false, upgradePending: true })

    // Reception signs in first: nothing can be encrypted yet, and nothing breaks.
    await ok(core, 'session.login', { username: 'user-office', password: PASSWORD })
    expect(await ok(core, 'visits.onSite', {})).toBeDefined()
    await ok(core, 'session.lock', {})
    // Nor can the ICT manager: their log waits for a key holder, and says so.
    expect((await ok(core, 'app.status', {})).upgradePending).toBe(true)
    await ok(core, 'session.login', { username: 'user-ict', password: PASSWORD })
    const waiting = await refused(core, 'incidents.list', { offset: 0, limit: 10 })
    expect(waiting).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/opens once the business manager, the headteacher or the DSL has signed in/) })
    await ok(core, 'session.lock', {})

    // The DSL is the first key holder: the keys are made and the log encrypted.
    await ok(core, 'session.login', { username: 'user-dsl', password: PASSWORD })
    expect((await ok(core, 'incidents.get', { id: bullying })).current.entry.description).toBe(SECRET.description)
    expect(await ok(core, 'incidents.verify', {})).toMatchObject({ ok: true, checked: 5, problems: [] })
    expect((await ok(core, 'incidents.list', { text: 'marlowe', offset: 0, limit: 10 })).total).toBe(2)
    await ok(core, 'session.lock', {})
    expect(statSync(join(dir, 'register.db-wal'), { throwIfNoEntry: false })?.size ?? 0).toBeLessThan(1_000_000)
    expect(found(everyPageWithDatabaseKey(dir, office.dbKey))).toEqual([])
    expect(certificateOpens(dir, office.dbKey)).toBe(false)

    // The manager, whose slot the DSL's sign-in sealed the keys to, reads and reports.
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    expect((await ok(core, 'incidents.get', { id: bullying })).files[0]!.description).toBe(SECRET.evidence)
    const manager = await keysOf(dir, MANAGER.username, MANAGER.password)
    expect([...manager.roleKeys.keys()].sort()).toEqual(['ict', 'reports', 'safeguarding'])
    // Reception's slot was given nothing, the ICT manager's the ICT key.
    expect((await keysOf(dir, 'user-office', PASSWORD)).roleKeys.size).toBe(0)
    expect([...(await keysOf(dir, 'user-ict', PASSWORD)).roleKeys.keys()]).toEqual(['ict'])
    // The manager's reports are still signed with the certificate the register had.
    const signed = await issueReport(core, { type: 'users-and-roles' }, dir)
    expect(pdfsig(signed.file)).toContain('Signature is Valid.')

    // The recovery key printed before could not be given the keys: the health check says so, and a new one has them.
    const keyFile = async () => (await runRegisterChecks(core)).find((r) => r.name === 'Key file')!
    expect(await keyFile()).toMatchObject({ ok: false, detail: expect.stringMatching(/Issue a new recovery key/) })
    const { recoveryKey } = await ok(core, 'vault.newRecoveryKey', { password: MANAGER.password })
    expect(await keyFile()).toMatchObject({ ok: true })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.recover', { recoveryKey, username: 'user-dsl', newPassword: 'a new password for the dsl' })
    expect((await ok(core, 'incidents.get', { id: bullying })).current.entry.actionTaken).toBe(SECRET.action)
  })
})
