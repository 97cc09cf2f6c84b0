import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { MANAGER, ok, refused } from './helpers'
import { clock, school, SIGNATURE, type School } from './people-fixtures'
import { AUDIT_SORTABLE_ENTRIES } from '../../shared/domain/audit'

// The lists the core pages and sorts: each sorted both ways, a page of two then the next page
// carrying on the same order, and an unknown column refused in plain words.

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

const TEXT = 'Placeholder agreement text for the tests: the school pastes its own wording here.'

/** Reads a whole list two rows at a time, as a table's pages would. */
async function inPagesOfTwo<T>(total: number, page: (offset: number, limit: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = []
  for (let offset = 0; offset < total; offset += 2) all.push(...(await page(offset, 2)))
  return all
}

async function expectRefusedColumn(core: Core, method: Parameters<typeof refused>[1], input: object, key: string): Promise<void> {
  const error = await refused(core, method, { ...input, sort: { key, order: 'asc' } })
  expect(error).toMatchObject({ kind: 'validation', message: expect.stringContaining('That column cannot be sorted.') })
}

describe('lists sorted by the core, keeping their paging', () => {
  it('sorts the agreement status list by name, group, username, standing and last agreed, both ways', async () => {
    const time = clock('2026-06-16T09:00:00Z')
    const s = await school(time.now)
    open.push(s)
    const { core } = s
    const adults = await ok(core, 'aup.publish', { title: 'Adults', versionLabel: '2025–26', audiences: ['staff', 'governors'], effectiveFrom: '2025-09-01', body: TEXT })
    const pupils = await ok(core, 'aup.publish', { title: 'Pupils', versionLabel: '2025–26', audiences: ['pupils-ks3-5'], effectiveFrom: '2025-09-01', body: TEXT })
    const pupil = (forename: string, surname: string, yearGroup: '7' | '9', username?: string) =>
      ok(core, 'people.create', { kind: 'pupil', forename, surname, dateOfBirth: '2012-01-05', yearGroup, regClass: `${yearGroup}A`, ...(username ? { username } : {}) })
    const zara = await pupil('Zara', 'Adams', '9', 'zadams')
    const ben = await pupil('Ben', 'Young', '7', 'byoung')
    await pupil('Cai', 'Morgan', '7')
    const dee = await ok(core, 'people.create', { kind: 'staff', forename: 'Dee', surname: 'Brown', staffGroup: 'teaching', username: 'dbrown' })
    await ok(core, 'agreements.record', { personId: dee.id, versionId: adults.id, agreedOn: '2025-09-10', method: 'on-screen', signaturePng: SIGNATURE })
    await ok(core, 'agreements.record', { personId: ben.id, versionId: pupils.id, agreedOn: '2025-10-01', method: 'paper', paperReceivedOn: '2025-10-02', parentName: 'Gwen Young', parentAgreedOn: '2025-10-01' })

    const names = async (sort: { key: 'name' | 'group' | 'username' | 'standing' | 'lastAgreedOn'; order: 'asc' | 'desc' }) => {
      const { total } = await ok(core, 'aup.status', { sort, offset: 0, limit: 1 })
      return inPagesOfTwo(total, async (offset, limit) => (await ok(core, 'aup.status', { sort, offset, limit })).rows.map((r) => r.displayName))
    }
    // Unsorted: by group (pupils by year, then staff), then name.
    expect((await ok(core, 'aup.status', { offset: 0, limit: 10 })).rows.map((r) => r.displayName)).toEqual(['Cai Morgan', 'Ben Young', 'Zara Adams', 'Dee Brown'])
    expect(await names({ key: 'name', order: 'asc' })).toEqual(['Zara Adams', 'Dee Brown', 'Cai Morgan', 'Ben Young'])
    expect(await names({ key: 'name', order: 'desc' })).toEqual(['Ben Young', 'Cai Morgan', 'Dee Brown', 'Zara Adams'])
    expect(await names({ key: 'group', order: 'desc' })).toEqual(['Dee Brown', 'Zara Adams', 'Cai Morgan', 'Ben Young'])
    // Nobody's username comes last either way.
    expect(await names({ key: 'username', order: 'asc' })).toEqual(['Ben Young', 'Dee Brown', 'Zara Adams', 'Cai Morgan'])
    expect(await names({ key: 'username', order: 'desc' })).toEqual(['Zara Adams', 'Dee Brown', 'Ben Young', 'Cai Morgan'])
    // Current, then never agreed; ties by group then name.
    expect(await names({ key: 'standing', order: 'asc' })).toEqual(['Ben Young', 'Dee Brown', 'Cai Morgan', 'Zara Adams'])
    expect(await names({ key: 'standing', order: 'desc' })).toEqual(['Cai Morgan', 'Zara Adams', 'Ben Young', 'Dee Brown'])
    expect(await names({ key: 'lastAgreedOn', order: 'asc' })).toEqual(['Dee Brown', 'Ben Young', 'Cai Morgan', 'Zara Adams'])
    expect(await names({ key: 'lastAgreedOn', order: 'desc' })).toEqual(['Ben Young', 'Dee Brown', 'Cai Morgan', 'Zara Adams'])
    // The counts do not move with the sort.
    expect((await ok(core, 'aup.status', { sort: { key: 'name', order: 'desc' }, offset: 0, limit: 1 })).totals).toEqual((await ok(core, 'aup.status', { offset: 0, limit: 1 })).totals)
    expect(zara.id).toBeGreaterThan(0)

    await expectRefusedColumn(core, 'aup.status', { offset: 0, limit: 10 }, 'dateOfBirth')
  })

  it('sorts the visitor log by when, visitor, organisation, host and signed out, both ways', async () => {
    const time = clock('2026-06-16T08:00:00Z')
    const s = await school(time.now)
    open.push(s)
    const { core } = s
    const host = await ok(core, 'people.create', { kind: 'staff', forename: 'Bethan', surname: 'Evans', staffGroup: 'teaching' })
    await s.as('office')
    const visitor = (forename: string, surname: string, organisation?: string) => ok(core, 'visitors.register', { forename, surname, ...(organisation ? { organisation } : {}), dbs: { status: 'not-needed' } })
    const arrive = async (person: { id: number }, at: string, hostName?: string) => {
      time.set(at)
      await s.as('office')
      return ok(core, 'visits.signIn', { personId: person.id, purpose: 'A meeting', ...(hostName ? { hostName } : { hostId: host.id }), usesIct: false })
    }
    const cara = await visitor('Cara', 'Lewis', 'NHS Kent')
    const aled = await visitor('Aled', 'Price', 'Acme Heating')
    const dai = await visitor('Dai', 'Hughes')
    const visitA = await arrive(cara, '2026-06-16T08:10:00Z', 'Mr Zed')
    await arrive(aled, '2026-06-16T08:20:00Z')
    await arrive(dai, '2026-06-16T08:30:00Z', 'Ms Alwyn')
    time.set('2026-06-16T09:00:00Z')
    await s.as('office')
    await ok(core, 'visits.signOut', { visitId: visitA.id })
    await s.as('manager')

    type Key = 'signedInAt' | 'visitor' | 'organisation' | 'host' | 'signedOutAt'
    const period = { from: '2026-06-16', to: '2026-06-16' }
    const who = async (sort?: { key: Key; order: 'asc' | 'desc' }) => {
      const { total } = await ok(core, 'visits.list', { ...period, ...(sort ? { sort } : {}), offset: 0, limit: 1 })
      return inPagesOfTwo(total, async (offset, limit) => (await ok(core, 'visits.list', { ...period, ...(sort ? { sort } : {}), offset, limit })).rows.map((r) => r.visitorName))
    }
    expect(await who()).toEqual(['Dai Hughes', 'Aled Price', 'Cara Lewis'])
    expect(await who({ key: 'signedInAt', order: 'asc' })).toEqual(['Cara Lewis', 'Aled Price', 'Dai Hughes'])
    expect(await who({ key: 'signedInAt', order: 'desc' })).toEqual(['Dai Hughes', 'Aled Price', 'Cara Lewis'])
    expect(await who({ key: 'visitor', order: 'asc' })).toEqual(['Dai Hughes', 'Cara Lewis', 'Aled Price'])
    expect(await who({ key: 'visitor', order: 'desc' })).toEqual(['Aled Price', 'Cara Lewis', 'Dai Hughes'])
    // A visitor with no organisation comes last either way.
    expect(await who({ key: 'organisation', order: 'asc' })).toEqual(['Aled Price', 'Cara Lewis', 'Dai Hughes'])
    expect(await who({ key: 'organisation', order: 'desc' })).toEqual(['Cara Lewis', 'Aled Price', 'Dai Hughes'])
    // Bethan Evans, Mr Zed, Ms Alwyn: by the host's name as written.
    expect(await who({ key: 'host', order: 'asc' })).toEqual(['Aled Price', 'Cara Lewis', 'Dai Hughes'])
    expect(await who({ key: 'host', order: 'desc' })).toEqual(['Dai Hughes', 'Cara Lewis', 'Aled Price'])
    // Still on site comes after everyone who has left, then newest first.
    expect(await who({ key: 'signedOutAt', order: 'asc' })).toEqual(['Cara Lewis', 'Dai Hughes', 'Aled Price'])
    expect(await who({ key: 'signedOutAt', order: 'desc' })).toEqual(['Cara Lewis', 'Dai Hughes', 'Aled Price'])

    await expectRefusedColumn(core, 'visits.list', { ...period, offset: 0, limit: 10 }, 'purpose')
  })

  it('pages and sorts the users by name, username, role, status and last sign-in, both ways', async () => {
    const time = clock('2026-06-16T08:00:00Z')
    const s = await school(time.now)
    open.push(s)
    const { core } = s
    // user-dsl, user-office and user-ict sign in at 09:00, 09:30 and 10:00; a fourth never does.
    for (const [role, at] of [
      ['dsl', '2026-06-16T09:00:00Z'],
      ['office', '2026-06-16T09:30:00Z'],
      ['ict', '2026-06-16T10:00:00Z'],
    ] as const) {
      time.set(at)
      await s.as(role)
    }
    time.set('2026-06-16T10:30:00Z')
    await s.as('manager')
    const never = await ok(core, 'users.create', { username: 'aaron', displayName: 'Zed Never', role: 'head', password: 'first given password here' })
    const ict = (await ok(core, 'users.list', {})).rows.find((u) => u.username === 'user-ict')!
    await ok(core, 'users.setDisabled', { id: ict.id, disabled: true })

    type Key = 'name' | 'username' | 'role' | 'status' | 'lastSignInAt'
    const usernames = async (sort?: { key: Key; order: 'asc' | 'desc' }) => {
      const { total } = await ok(core, 'users.list', { ...(sort ? { sort } : {}), offset: 0, limit: 1 })
      expect(total).toBe(5)
      return inPagesOfTwo(total, async (offset, limit) => (await ok(core, 'users.list', { ...(sort ? { sort } : {}), offset, limit })).rows.map((u) => u.username))
    }
    // Unsorted: those who can sign in, by name; then the disabled.
    expect(await usernames()).toEqual(['user-dsl', 'user-office', MANAGER.username, 'aaron', 'user-ict'])
    expect(await usernames({ key: 'name', order: 'asc' })).toEqual(['user-dsl', 'user-ict', 'user-office', MANAGER.username, 'aaron'])
    expect(await usernames({ key: 'name', order: 'desc' })).toEqual(['aaron', MANAGER.username, 'user-office', 'user-ict', 'user-dsl'])
    expect(await usernames({ key: 'username', order: 'asc' })).toEqual(['aaron', MANAGER.username, 'user-dsl', 'user-ict', 'user-office'])
    expect(await usernames({ key: 'username', order: 'desc' })).toEqual(['user-office', 'user-ict', 'user-dsl', MANAGER.username, 'aaron'])
    // By the words: Designated safeguarding lead, Headteacher, ICT manager, Office staff, School business manager.
    expect(await usernames({ key: 'role', order: 'asc' })).toEqual(['user-dsl', 'aaron', 'user-ict', 'user-office', MANAGER.username])
    expect(await usernames({ key: 'role', order: 'desc' })).toEqual([MANAGER.username, 'user-office', 'user-ict', 'aaron', 'user-dsl'])
    // Active, must choose a password, disabled.
    expect(await usernames({ key: 'status', order: 'asc' })).toEqual(['user-dsl', 'user-office', MANAGER.username, 'aaron', 'user-ict'])
    expect(await usernames({ key: 'status', order: 'desc' })).toEqual(['user-ict', 'aaron', 'user-dsl', 'user-office', MANAGER.username])
    // Never signed in comes last either way; the manager signed in last (just now).
    expect(await usernames({ key: 'lastSignInAt', order: 'asc' })).toEqual(['user-dsl', 'user-office', 'user-ict', MANAGER.username, 'aaron'])
    expect(await usernames({ key: 'lastSignInAt', order: 'desc' })).toEqual([MANAGER.username, 'user-ict', 'user-office', 'user-dsl', 'aaron'])
    expect(never.mustChangePassword).toBe(true)

    await expectRefusedColumn(core, 'users.list', { offset: 0, limit: 10 }, 'password_hash')
  })

  it('sorts the audit trail by who, what and which record, both ways, over the whole trail and a filtered one', async () => {
    const time = clock('2026-06-16T08:00:00Z')
    const s = await school(time.now)
    open.push(s)
    const { core } = s
    for (const forename of ['Aled', 'Bea', 'Cai']) await ok(core, 'people.create', { kind: 'staff', forename, surname: 'Jones', staffGroup: 'teaching' })
    await s.as('dsl')
    await s.as('manager')

    type Key = 'when' | 'who' | 'action' | 'record'
    const trail = async (sort: { key: Key; order: 'asc' | 'desc' }, filter: { text?: string; from?: string } = {}) => {
      const { total } = await ok(core, 'audit.list', { ...filter, sort, offset: 0, limit: 1 })
      return inPagesOfTwo(total, async (offset, limit) => (await ok(core, 'audit.list', { ...filter, sort, offset, limit })).rows)
    }
    const all = await trail({ key: 'when', order: 'desc' })
    expect(all.length).toBeGreaterThan(8)

    const byWho = await trail({ key: 'who', order: 'asc' })
    // "A dsl" before "Bethan Manager"; entries made by nobody signed in come last.
    const whoNames = byWho.map((e) => e.displayName ?? e.username ?? '~')
    expect(whoNames).toEqual([...whoNames].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' })))
    expect(whoNames[0]).toBe('A dsl')
    expect(byWho.map((e) => e.id).sort((a, b) => a - b)).toEqual(all.map((e) => e.id).sort((a, b) => a - b))
    const byWhoDown = await trail({ key: 'who', order: 'desc' })
    expect(byWhoDown[0]!.displayName).toBe(MANAGER.displayName)
    // Ties keep newest first, across the page boundary.
    const managers = byWhoDown.filter((e) => e.username === MANAGER.username).map((e) => e.id)
    expect(managers).toEqual([...managers].sort((a, b) => b - a))

    const byAction = await trail({ key: 'action', order: 'asc' })
    const { AUDIT_ACTION_LABELS } = await import('../../shared/domain/audit-actions')
    const labels = byAction.map((e) => AUDIT_ACTION_LABELS[e.action] ?? e.action)
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en-GB')))
    const labelsDown = (await trail({ key: 'action', order: 'desc' })).map((e) => AUDIT_ACTION_LABELS[e.action] ?? e.action)
    expect(labelsDown).toEqual([...labels].sort((a, b) => b.localeCompare(a, 'en-GB')))

    // Records of a kind together, in number order; entries about no record last.
    const byRecord = (await trail({ key: 'record', order: 'asc' }, { text: 'person' })).map((e) => e.target)
    expect(byRecord.length).toBeGreaterThanOrEqual(3)
    const people = byRecord.filter((t) => t?.startsWith('person:')).map((t) => Number(t!.slice(7)))
    expect(people).toEqual([...people].sort((a, b) => a - b))
    const byRecordDown = (await trail({ key: 'record', order: 'desc' }, { text: 'person' })).map((e) => e.target)
    const peopleDown = byRecordDown.filter((t) => t?.startsWith('person:')).map((t) => Number(t!.slice(7)))
    expect(peopleDown).toEqual([...people].reverse())
    const whole = (await trail({ key: 'record', order: 'asc' })).map((e) => e.target ?? '')
    expect(whole.findIndex((t) => t === '')).toBeGreaterThan(whole.findLastIndex((t) => t !== ''))
    // A dated filter sorts the same way.
    expect((await trail({ key: 'who', order: 'asc' }, { from: '2026-06-16' })).map((e) => e.id)).toEqual(byWho.map((e) => e.id))

    await expectRefusedColumn(core, 'audit.list', { offset: 0, limit: 10 }, 'detail')
  })

  it('sorts the audit trail by who, what or which record only when the entries shown are few enough to sort in a moment', async () => {
    const s = await school(clock('2026-06-16T08:00:00Z').now)
    open.push(s)
    const { core } = s
    // A busy term's trail, a month before today (appended as the register appends: after the last entry).
    const { db } = core.store.requireOpen()
    const last = Number(((await db('audit_log').max({ id: 'id' })) as { id: number }[])[0]!.id)
    const filler = Array.from({ length: AUDIT_SORTABLE_ENTRIES }, (_, i) => ({ id: last + 1 + i, at: '2026-05-05T09:00:00.000Z', username: MANAGER.username, action: 'person.view', target: `person:${i + 1}`, result: 'ok' as const, prev_hash: '', hash: '' }))
    for (let i = 0; i < filler.length; i += 500) await db('audit_log').insert(filler.slice(i, i + 500))

    const whole = await refused(core, 'audit.list', { sort: { key: 'who', order: 'asc' }, offset: 0, limit: 10 })
    expect(whole).toMatchObject({ kind: 'validation', field: 'sort' })
    expect(whole.message).toMatch(/^The trail shows [\d,]+ entries: too many to sort by who, action or record\. Choose a period or words that leave 20,000 or fewer, then sort\.$/)
    // When and newest first still page through all of it; a period of a day sorts by who.
    expect((await ok(core, 'audit.list', { sort: { key: 'when', order: 'asc' }, offset: 0, limit: 10 })).total).toBeGreaterThan(AUDIT_SORTABLE_ENTRIES)
    const today = await ok(core, 'audit.list', { from: '2026-06-16', to: '2026-06-16', sort: { key: 'who', order: 'asc' }, offset: 0, limit: 10 })
    expect(today.total).toBeGreaterThan(0)
    expect(today.total).toBeLessThan(AUDIT_SORTABLE_ENTRIES)
  })
})
