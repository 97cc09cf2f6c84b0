import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import knexFactory, { type Knex } from 'knex'
import Client_BetterSQLite3 from 'knex/lib/dialects/better-sqlite3/index.js'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/core/db/database'
import { MIGRATIONS, type Migration } from '../../electron/core/db/migrations/index'
import { Database, keyConnection, type RawDatabase } from '../../electron/core/db/sqlcipher'
import { seedPeopleDemo } from '../../electron/core/people/demo-people'
import { ok, refused, tempDir } from './helpers'
import { auditRows, clock, school, type School } from './people-fixtures'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})
async function fresh(now?: () => number) {
  const s = await school(now)
  open.push(s)
  return s
}

const pupil = {
  kind: 'pupil' as const,
  forename: 'Siôn',
  surname: "O'Brien",
  dateOfBirth: '2013-10-04',
  yearGroup: '7' as const,
  regClass: '7A',
  misId: '10001',
  upn: 'h80120000001a',
  username: '25obriens',
}

describe('the people directory', () => {
  it('adds each kind of person, keeping only the fields their kind needs', async () => {
    const { core } = await fresh(clock().now)
    const p = await ok(core, 'people.create', { ...pupil, preferredForename: 'Siôn' })
    expect(p).toMatchObject({
      kind: 'pupil',
      displayName: 'Siôn O\'Brien',
      sortName: "O'Brien, Siôn",
      keyStage: 'KS3',
      upn: 'H80120000001A',
      preferredForename: null, // the same as the legal name adds nothing
      dbs: null,
      archived: false,
      source: 'manual',
    })
    const staff = await ok(core, 'people.create', { kind: 'staff', forename: 'Łukasz', surname: 'Kowalski', staffGroup: 'teaching', jobTitle: 'Teacher of Computing' })
    expect(staff).toMatchObject({ staffGroup: 'teaching', dateOfBirth: null, yearGroup: null })
    const visitor = await ok(core, 'people.create', { kind: 'visitor', forename: 'Zoë', surname: 'Llewellyn-Jones', organisation: 'NSPCC', dbs: { status: 'checked', checkedBy: 'Ffion Hughes' } })
    expect(visitor.dbs).toEqual({ status: 'checked', checkedBy: 'Ffion Hughes', checkedOn: '2026-06-16' })

    // A visitor has no date of birth; a pupil no DBS: the contract refuses, naming the field.
    const dob = await refused(core, 'people.create', { kind: 'visitor', forename: 'A', surname: 'B', dateOfBirth: '2000-01-01' })
    expect(dob).toMatchObject({ kind: 'validation', field: 'dateOfBirth' })
    const noKind = await refused(core, 'people.create', { forename: 'A', surname: 'B' })
    expect(noKind).toMatchObject({ kind: 'validation', field: 'kind', message: 'Please choose what kind of person this is.' })
    const noGroup = await refused(core, 'people.create', { kind: 'staff', forename: 'A', surname: 'B' })
    expect(noGroup).toMatchObject({ field: 'staffGroup' })
    expect(noGroup.message).toMatch(/staff group/)
  })

  it('refuses impossible dates of birth, duplicate usernames and duplicate MIS ids with plain sentences', async () => {
    const { core } = await fresh(clock().now)
    await ok(core, 'people.create', pupil)
    expect(await refused(core, 'people.create', { ...pupil, misId: '10002', username: 'other', dateOfBirth: '2013-02-30' })).toMatchObject({
      field: 'dateOfBirth',
      message: 'That date of birth is not a real date. Check the day and the month.',
    })
    expect((await refused(core, 'people.create', { ...pupil, misId: '10002', username: 'other', dateOfBirth: '1990-01-01' })).message).toMatch(/about 36/)
    const taken = await refused(core, 'people.create', { ...pupil, misId: '10002', username: '25OBRIENS' })
    expect(taken).toMatchObject({ field: 'username' })
    expect(taken.message).toBe('The username “25OBRIENS” already belongs to Siôn O\'Brien (Pupil). Each username is unique.')
    expect(await refused(core, 'people.create', { ...pupil, username: 'another' })).toMatchObject({ field: 'misId' })
    // An admission number and a staff code may coincide.
    await ok(core, 'people.create', { kind: 'staff', forename: 'A', surname: 'Teacher', staffGroup: 'teaching', misId: '10001' })
    expect(await refused(core, 'people.create', { ...pupil, upn: 'X123' })).toMatchObject({ field: 'upn' })
  })

  it('finds people by a few letters of any name, without caring about case, accents or apostrophes', async () => {
    const { core } = await fresh(clock().now)
    const names: [string, string][] = [
      ['Siôn', "O'Brien"],
      ['Łukasz', 'Kowalski'],
      ['Zoë', 'Llewellyn-Jones'],
      ['Mairéad', 'Ní Bhriain'],
      ['Aoife', 'O’Connor'],
      ['Simon', 'Obi'],
    ]
    for (const [forename, surname] of names) await ok(core, 'people.create', { kind: 'visitor', forename, surname })
    const find = async (text: string) => (await ok(core, 'people.list', { text, archived: 'active', offset: 0, limit: 50 })).rows.map((r) => r.displayName).sort()
    expect(await find('sio')).toEqual(["Siôn O'Brien"])
    expect(await find('SI')).toEqual(['Simon Obi', "Siôn O'Brien"])
    expect(await find('obr')).toEqual(["Siôn O'Brien"])
    expect(await find("o'br")).toEqual(["Siôn O'Brien"])
    expect(await find('brien')).toEqual(["Siôn O'Brien"])
    expect(await find('ob')).toEqual(['Simon Obi', "Siôn O'Brien"])
    expect(await find('lukasz')).toEqual(['Łukasz Kowalski'])
    expect(await find('zoe jones')).toEqual(['Zoë Llewellyn-Jones'])
    expect(await find('llewellyn-jo')).toEqual(['Zoë Llewellyn-Jones'])
    expect(await find('ni bh')).toEqual(['Mairéad Ní Bhriain'])
    expect(await find('oconn')).toEqual(['Aoife O’Connor'])
    expect(await find('xyz')).toEqual([])
  })

  it('changes details, never the kind, and keeps the search keys in step', async () => {
    const { core } = await fresh(clock().now)
    const p = await ok(core, 'people.create', pupil)
    const changed = await ok(core, 'people.update', { id: p.id, person: { ...pupil, surname: 'Ap Rhys', yearGroup: '8', regClass: '8C' } })
    expect(changed).toMatchObject({ surname: 'Ap Rhys', keyStage: 'KS3', regClass: '8C' })
    expect((await ok(core, 'people.list', { text: 'obr', archived: 'all', offset: 0, limit: 10 })).total).toBe(0)
    expect((await ok(core, 'people.list', { text: 'rhys', archived: 'all', offset: 0, limit: 10 })).total).toBe(1)
    const kind = await refused(core, 'people.update', { id: p.id, person: { kind: 'staff', forename: 'Siôn', surname: 'Ap Rhys', staffGroup: 'support' } })
    expect(kind).toMatchObject({ kind: 'validation', field: 'person.kind' })
    expect(kind.message).toMatch(/cannot be changed/)
    const update = await auditRows(core, 'person.update')
    expect(update).toHaveLength(1)
    expect(update[0]!.detail).toBe('surname, year_group, reg_class')
    expect(update[0]!.target).toBe(`person:${p.id}`)
  })

  it('archives leavers instead of deleting them, and brings them back', async () => {
    const { core } = await fresh(clock().now)
    const p = await ok(core, 'people.create', pupil)
    const archived = await ok(core, 'people.archive', { id: p.id, leftOn: '2026-06-01' })
    expect(archived).toMatchObject({ archived: true, leftOn: '2026-06-01' })
    expect((await ok(core, 'people.list', { archived: 'active', offset: 0, limit: 10 })).total).toBe(0)
    expect((await ok(core, 'people.list', { archived: 'archived', offset: 0, limit: 10 })).rows[0]!.id).toBe(p.id)
    expect(await refused(core, 'people.archive', { id: 999 })).toMatchObject({ kind: 'not-found' })
    expect((await ok(core, 'people.unarchive', { id: p.id })).archived).toBe(false)
    // The database itself refuses to delete anyone but a visitor.
    const { db } = core.store.requireOpen()
    await expect(db('people').where({ id: p.id }).delete()).rejects.toThrow(/archived, not deleted/)
  })

  it('lets the DSL set a safeguarding hold (with a reason) but not the headteacher', async () => {
    const s = await fresh(clock().now)
    const p = await ok(s.core, 'people.create', { kind: 'visitor', forename: 'Sam', surname: 'Ward' })
    await s.as('dsl')
    expect(await refused(s.core, 'people.setSafeguardingHold', { id: p.id, hold: true })).toMatchObject({ field: 'reason' })
    const held = await ok(s.core, 'people.setSafeguardingHold', { id: p.id, hold: true, reason: 'CP file 2026/14' })
    expect(held).toMatchObject({ safeguardingHold: true, holdReason: 'CP file 2026/14' })
    await s.as('head')
    expect(await refused(s.core, 'people.setSafeguardingHold', { id: p.id, hold: false })).toMatchObject({ kind: 'forbidden' })
    expect((await ok(s.core, 'people.get', { id: p.id })).safeguardingHold).toBe(true)
    await s.as('manager')
    const holds = await auditRows(s.core, 'person.hold')
    expect(holds[0]).toMatchObject({ target: `person:${p.id}`, detail: null }) // the reason stays out of the trail
    expect((await auditRows(s.core, 'person.read')).length).toBe(1)
  })

  it('gives reception staff names only, and nothing else about staff or pupils', async () => {
    const s = await fresh(clock().now)
    await ok(s.core, 'people.create', { kind: 'staff', forename: 'Bethan', surname: 'Evans', staffGroup: 'teaching', jobTitle: 'SENCO', misId: 'S1' })
    await ok(s.core, 'people.create', { kind: 'staff', forename: 'Gone', surname: 'Away', staffGroup: 'support' }).then((p) => ok(s.core, 'people.archive', { id: p.id }))
    await ok(s.core, 'people.create', pupil)
    await s.as('office')
    expect(await ok(s.core, 'people.hosts', {})).toEqual([{ id: expect.any(Number), name: 'Bethan Evans' }])
    expect(await ok(s.core, 'people.hosts', { text: 'ev' })).toHaveLength(1)
    for (const method of ['people.list', 'people.get', 'people.groups', 'aup.status', 'agreements.forPerson', 'visits.list'] as const) {
      expect((await refused(s.core, method, {})).kind, method).toBe('forbidden')
    }
    await s.as('ict')
    expect((await refused(s.core, 'people.list', {})).kind).toBe('forbidden')
  })

  it('counts year groups, classes and staff groups for the filters', async () => {
    const { core } = await fresh(clock().now)
    await ok(core, 'people.create', pupil)
    await ok(core, 'people.create', { ...pupil, forename: 'B', misId: '2', username: 'b2', regClass: '7B' })
    await ok(core, 'people.create', { ...pupil, forename: 'C', misId: '3', username: 'c3', regClass: '7B' })
    await ok(core, 'people.create', { kind: 'staff', forename: 'A', surname: 'B', staffGroup: 'support' })
    const groups = await ok(core, 'people.groups', {})
    expect(groups.yearGroups).toEqual([
      {
        yearGroup: '7',
        keyStage: 'KS3',
        count: 3,
        classes: [
          { regClass: '7A', count: 1 },
          { regClass: '7B', count: 2 },
        ],
      },
    ])
    expect(groups.staffGroups).toEqual([{ staffGroup: 'support', count: 1 }])
    expect(groups.kinds).toEqual(expect.arrayContaining([{ kind: 'pupil', count: 3, archived: 0 }]))
  })

  it('sorts the whole directory by name, kind, group or username before paging it; year groups in school order', async () => {
    const { core } = await fresh(clock().now)
    await ok(core, 'people.create', { ...pupil, forename: 'Ann', surname: 'Young', misId: '1', username: 'ayoung', yearGroup: '10', regClass: '10A' })
    await ok(core, 'people.create', { ...pupil, forename: 'Ben', surname: 'Adams', misId: '2', username: 'badams', yearGroup: '2', regClass: '2B' })
    await ok(core, 'people.create', { ...pupil, forename: 'Cai', surname: 'Morgan', misId: '3', username: 'cmorgan', yearGroup: 'R', regClass: 'RC' })
    await ok(core, 'people.create', { kind: 'staff', forename: 'Dee', surname: 'Baker', staffGroup: 'support' })
    const names = async (sort?: { key: 'name' | 'kind' | 'group' | 'username'; order: 'asc' | 'desc' }, offset = 0, limit = 50) =>
      (await ok(core, 'people.list', { archived: 'active', offset, limit, ...(sort ? { sort } : {}) })).rows.map((r) => r.displayName)
    expect(await names()).toEqual(['Ben Adams', 'Dee Baker', 'Cai Morgan', 'Ann Young'])
    expect(await names({ key: 'name', order: 'desc' })).toEqual(['Ann Young', 'Cai Morgan', 'Dee Baker', 'Ben Adams'])
    // Reception, Year 2, Year 10 (not "10" before "2"), then those with no year group; pages continue.
    const byGroup = { key: 'group', order: 'asc' } as const
    expect([...(await names(byGroup, 0, 2)), ...(await names(byGroup, 2, 2))]).toEqual(['Cai Morgan', 'Ben Adams', 'Ann Young', 'Dee Baker'])
    expect(await names({ key: 'username', order: 'asc' })).toEqual(['Ann Young', 'Ben Adams', 'Cai Morgan', 'Dee Baker'])
    expect((await names({ key: 'kind', order: 'desc' }))[0]).toBe('Dee Baker')
    expect(await refused(core, 'people.list', { archived: 'active', offset: 0, limit: 5, sort: { key: 'dateOfBirth', order: 'asc' } })).toMatchObject({ kind: 'validation' })
  })
})

describe('upgrading a register made before the people directory existed', () => {
  it('adds the new tables and leaves every existing row as it was', async () => {
    const t = tempDir()
    try {
      const file = join(t.dir, 'register.db')
      const key = randomBytes(32)
      class CipherClient extends Client_BetterSQLite3 {
        _driver() {
          return Database
        }
      }
      // Version 2, as shipped before this migration, with rows in every table.
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
        getMigrations: async () => MIGRATIONS.slice(0, 2),
        getMigrationName: (m) => m.name,
        getMigration: async (m) => ({ up: m.up, down: async () => {} }),
      }
      await old.migrate.latest({ migrationSource: before })
      await old('users').insert({ id: 1, username: 'bm', display_name: 'B M', role: 'manager', created_at: 'x' })
      await old('audit_log').insert({ id: 1, at: 'x', user_id: 1, action: 'setup.create', result: 'ok', prev_hash: '', hash: 'h' })
      await old('reports').insert({ type: 'audit-trail', title: 'T', parameters: '{}', produced_by: 1, produced_by_name: 'B M', produced_at: 'x', page_count: 1, sha256: 's', content_sha256: 'c', certificate_fingerprint: 'f', file_name: 'f.pdf' })
      await old.raw('PRAGMA user_version = 2')
      await old.destroy()

      const db = await openDatabase(file, key)
      expect(await db('users').select('username')).toEqual([{ username: 'bm' }])
      // The entry is kept as it was; a later upgrade (0009) enters the user's role after it.
      expect(await db('audit_log').orderBy('id').select('id', 'action', 'hash')).toEqual([
        { id: 1, action: 'setup.create', hash: 'h' },
        { id: 2, action: 'user.role', hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ])
      expect(await db('reports').count({ n: '*' })).toEqual([{ n: 1 }])
      expect(await db('people').count({ n: '*' })).toEqual([{ n: 0 }])
      expect(((await db.raw('PRAGMA user_version')) as { user_version: number }[])[0]!.user_version).toBe(MIGRATIONS.length)
      await db.destroy()
    } finally {
      t.cleanup()
    }
  })
})

describe('demonstration records', () => {
  it('small: a primary school’s people, agreements and visits, added once', async () => {
    const time = clock()
    const s = await fresh(time.now)
    const lines = await seedPeopleDemo(s.core.store, 'small', { now: time.now() })
    expect(lines[0]).toBe('112 pupils (and 48 who have left), 20 staff, 8 governors, 4 volunteers, 3 contractors, 40 visitors')
    expect(await seedPeopleDemo(s.core.store, 'small', { now: time.now() })).toEqual(['Demo people are already there, left as they were.'])
    const status = await ok(s.core, 'aup.status', { offset: 0, limit: 10 })
    expect(status.byYearGroup.map((y) => y.yearGroup)).toEqual(['R', '1', '2', '3', '4', '5', '6'])
    expect(status.totals.current).toBeGreaterThan(status.totals.total / 2)
    expect(status.totals.noVersion).toBe(0)
    const versions = await ok(s.core, 'aup.versions', {})
    expect(versions.every((v) => v.title.endsWith('(demonstration)'))).toBe(true)
    expect((await ok(s.core, 'aup.get', { id: versions[0]!.id })).body).toMatch(/^Demonstration text only: this is not a policy/)
    const visits = await ok(s.core, 'visits.list', { from: '2025-01-01', to: '2026-06-16', offset: 0, limit: 1 })
    expect(visits.total).toBeGreaterThan(150)
    const someone = visits.rows[0]!
    await s.as('office')
    const found = await ok(s.core, 'visitors.search', { text: someone.visitorName.split(' ')[0]!.slice(0, 3), limit: 50 })
    expect(found.map((f) => f.id)).toContain(someone.personId)
    expect(await auditRows(s.core, 'people.demo')).toHaveLength(1)
  })
})
