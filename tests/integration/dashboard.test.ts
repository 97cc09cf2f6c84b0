import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { Dashboard } from '../../shared/domain/annual-review'
import type { IncidentEntry } from '../../shared/domain/incidents'
import type { Role } from '../../shared/domain/roles'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ok, refused } from './helpers'
import { PNG } from './outside-files'
import { clock, school, type School } from './people-fixtures'

let open: School | null = null
afterEach(async () => {
  await open?.close()
  open = null
})

/** Tuesday 24 November 2026, 10:00 in London: the autumn term, three months in. */
const TODAY = '2026-11-24T10:00:00Z'

async function count(core: Core, sql: string, ...bindings: (string | number)[]): Promise<number> {
  const rows = (await core.store.requireOpen().db.raw(sql, bindings)) as { n: number }[]
  return Number(rows[0]!.n)
}

function entry(categoryId: number, occurredOn: string): IncidentEntry {
  return {
    occurredOn,
    occurredTime: '09:15',
    place: 'Library',
    onSite: true,
    device: 'school',
    categoryId,
    description: 'Unkind messages about a classmate in a group chat.',
    actionTaken: 'Form tutor told; messages described in the log.',
    childsWords: null,
    people: [],
    status: 'open',
    outcome: null,
  }
}

/**
 * A register with one of each thing the dashboard watches: an overdue policy review, a weekly
 * ICT check missed for two weeks, a USB stick never scanned whose permission ends within 30 days,
 * and incidents this autumn term and last.
 */
async function register() {
  // Set up on Monday 2 November.
  const time = clock('2026-11-02T08:00:00Z')
  const s = await school(time.now)
  open = s
  const { core } = s
  /** Moves the clock and signs in again (a long jump finds the register locked). */
  const at = async (iso: string, role: Role = 'manager') => {
    time.set(iso)
    await s.as(role)
  }

  await at('2026-11-02T09:00:00Z')
  await ok(core, 'policies.create', { title: 'Anti-bullying policy', owner: 'Headteacher', version: 'v3', writtenOn: '2025-09-01', reviewIntervalMonths: 12, nextReviewOn: '2026-10-01' })
  await ok(core, 'policies.create', { title: 'Data protection policy', owner: 'Business manager', version: 'v2', writtenOn: '2025-09-01', reviewIntervalMonths: 12, nextReviewOn: '2027-06-01' })
  // A check of the school's own beside the standard ones (which start on set-up day by the test's clock).
  const filter = await ok(core, 'checks.createTemplate', { name: 'Weekly filter test', rhythm: 'weekly', responsibleRole: 'ict', startsOn: '2026-11-02' })
  await ok(core, 'checks.createTemplate', { name: 'Safeguarding governor visit', rhythm: 'termly', responsibleRole: 'head', startsOn: '2026-09-01' })
  const teacher = await ok(core, 'people.create', { kind: 'staff', forename: 'Seán', surname: "O'Brien", staffGroup: 'teaching', jobTitle: 'Teacher of Computing' })
  await ok(core, 'aup.publish', {
    title: 'Acceptable use: staff',
    versionLabel: '2026–27',
    audiences: ['staff'],
    effectiveFrom: '2026-09-01',
    body: 'I will use the school’s computers and accounts for my work, keep my password to myself and report anything that worries me to the DSL.',
  })
  await at('2026-11-03T15:00:00Z', 'ict')
  await ok(core, 'checks.record', { templateId: filter.id, doneOn: '2026-11-03', doneBy: 'Łukasz Nowak', result: 'pass' })
  await ok(core, 'permissions.grant', {
    kind: 'portable-media',
    personId: teacher.id,
    deviceMake: 'Kingston DataTraveler 32GB',
    deviceSerial: 'AA12345678',
    authorisedBy: 'Mrs Jasmine Patel (Headteacher)',
    startsOn: '2026-11-03',
    endsOn: '2026-12-11',
  })

  await s.as('manager')
  const categories = await ok(core, 'incidents.categories', {})
  const cyber = categories.find((c) => c.name.startsWith('Cyberbullying'))!.id
  // Last year: the same months (September to November 2025), and December, which is not compared yet.
  const days = ['2025-09-10', '2025-10-01', '2025-10-15', '2025-11-20', '2025-11-25', '2025-12-02', '2026-03-04', '2026-09-08', '2026-09-30', '2026-11-10', '2026-11-24']
  // Recorded today, as a school does when it starts keeping its log here (entries backdated).
  await at(TODAY)
  // Those more than a year back are confirmed as the form asks.
  for (const day of days) await ok(core, 'incidents.record', { entry: entry(cyber, day), oldDateConfirmed: true })
  return { ...s, time, at, teacher, filter }
}

const parts = (d: Dashboard) => ({ waiting: d.incidentsWaiting !== null, trend: d.trend !== null, onSite: d.onSite !== null })

describe('the dashboard', () => {
  it('shows each role exactly the parts it may see, and refuses reception', async () => {
    const s = await register()
    const { core } = s
    const manager = await ok(core, 'dashboard.get', {})
    expect(manager.today).toBe('2026-11-24')
    expect(parts(manager)).toEqual({ waiting: true, trend: true, onSite: true })
    // The teacher has not agreed to the staff agreement: the roles that see agreements are told.
    expect(manager.attention).toContainEqual(expect.objectContaining({ kind: 'aup', status: 'due', to: '/agreements' }))

    for (const role of ['head', 'dsl'] as const) {
      await s.as(role)
      const d = await ok(core, 'dashboard.get', {})
      expect(parts(d), role).toEqual({ waiting: true, trend: true, onSite: false })
      expect(d.attention).toEqual(manager.attention)
    }

    await s.as('ict')
    const ict = await ok(core, 'dashboard.get', {})
    expect(parts(ict)).toEqual({ waiting: false, trend: false, onSite: false })
    // The ICT manager's own checks and the permission register; no policy reviews, no agreements, no head's checks.
    expect(new Set(ict.attention.map((i) => i.kind))).toEqual(new Set(['check', 'scan', 'permission']))
    expect(ict.attention.map((i) => i.title)).not.toContain('Safeguarding governor visit')
    expect(new Set(ict.attention.filter((i) => i.kind === 'check').map((i) => i.title))).toEqual(new Set(['Weekly filter test', 'Web filter check', 'Firewall security check']))

    await s.as('office')
    expect((await refused(core, 'dashboard.get', {})).kind).toBe('forbidden')
  })

  it('lists an overdue review and a missed weekly check as overdue, then a stick to scan and a permission ending soon', async () => {
    const s = await register()
    const { filter } = s
    const d = await ok(s.core, 'dashboard.get', {})
    const overdue = d.attention.filter((i) => i.status === 'overdue')
    const due = d.attention.filter((i) => i.status === 'due')
    // Overdue first, whatever the dates.
    expect(d.attention.slice(0, overdue.length)).toEqual(overdue)

    const policies = await ok(s.core, 'policies.list', {})
    const antiBullying = policies.find((p) => p.title === 'Anti-bullying policy')!
    expect(overdue).toContainEqual(expect.objectContaining({ kind: 'review', title: 'Policy review: Anti-bullying policy', to: `/policies/${antiBullying.id}` }))
    expect(d.attention.map((i) => i.title)).not.toContain('Policy review: Data protection policy')

    // Done in the week of 2 November, then not recorded: the week just ended is overdue, this week's is due.
    const checks = d.attention.filter((i) => i.title === 'Weekly filter test')
    expect(checks.map((i) => [i.kind, i.status, i.detail, i.to])).toEqual([
      ['check', 'overdue', 'Week beginning 16/11/2026: not recorded', `/checks/${filter.id}`],
      ['check', 'due', 'Week beginning 23/11/2026: due by 29/11/2026', `/checks/${filter.id}`],
    ])

    expect(overdue).toContainEqual(expect.objectContaining({ kind: 'scan', to: '/permissions?attention=not-cleared', detail: expect.stringContaining('1 permitted device has no clean scan') }))
    expect(due).toContainEqual(expect.objectContaining({ kind: 'permission', to: '/permissions?attention=expiring', detail: expect.stringContaining('1 permission ends in the next 30 days') }))
    // The count carries no names: the detail never says whose stick it is.
    expect(JSON.stringify(d.attention)).not.toContain('Seán')

    // Once the stick is scanned clean, it is no longer listed.
    await s.as('ict')
    const [permission] = (await ok(s.core, 'permissions.list', { offset: 0, limit: 10 })).rows
    await ok(s.core, 'permissions.recordScan', { permissionId: permission!.id, scannedOn: '2026-11-24', scannedBy: 'Łukasz Nowak', tool: 'Sophos Endpoint', result: 'clean' })
    expect((await ok(s.core, 'dashboard.get', {})).attention.map((i) => i.kind)).not.toContain('scan')
  })

  it('counts the incidents waiting for the DSL, and this term month by month against the same months a year before', async () => {
    const s = await register()
    const { core } = s
    const d = await ok(core, 'dashboard.get', {})

    const waiting = await count(core, 'SELECT count(*) n FROM incidents WHERE waiting_for_dsl = 1')
    expect(waiting).toBeGreaterThan(0)
    expect(d.incidentsWaiting).toBe(waiting)
    expect(d.incidentsWaiting).toBe((await ok(core, 'incidents.waiting', {})).count)

    const trend = d.trend!
    expect([trend.term, trend.previousTerm]).toEqual(['Autumn term 2026', 'Autumn term 2025'])
    expect(trend.months.map((m) => m.label)).toEqual(['September', 'October', 'November'])
    const byMonth = async (from: string, to: string) => {
      const n: number[] = []
      for (const [a, b] of [['09-01', '09-30'], ['10-01', '10-31'], ['11-01', '11-30']]) n.push(await count(core, 'SELECT count(*) n FROM incidents WHERE occurred_on BETWEEN ? AND ?', `${from}-${a}`, `${to}-${b}`))
      return n
    }
    expect(trend.months.map((m) => m.count)).toEqual(await byMonth('2026', '2026'))
    expect(trend.months.map((m) => m.previous)).toEqual(await byMonth('2025', '2025'))
    expect(trend.months.map((m) => [m.count, m.previous])).toEqual([[2, 1], [0, 2], [2, 2]])
    expect(trend.total).toBe(await count(core, "SELECT count(*) n FROM incidents WHERE occurred_on BETWEEN '2026-09-01' AND '2026-11-24'"))
    expect(trend.previousTotal).toBe(await count(core, "SELECT count(*) n FROM incidents WHERE occurred_on BETWEEN '2025-09-01' AND '2025-11-30'"))

    // In March the spring term is compared with the spring term a year before.
    await s.at('2026-03-20T10:00:00Z')
    const spring = (await ok(core, 'dashboard.get', {})).trend!
    expect([spring.term, spring.previousTerm]).toEqual(['Spring term 2026', 'Spring term 2025'])
    expect(spring.months.map((m) => [m.label, m.count, m.previous])).toEqual([['January', 0, 0], ['February', 0, 0], ['March', 1, 0]])
  })

  it('counts the visitors on site for the business manager', async () => {
    const s = await register()
    const { core } = s
    expect((await ok(core, 'dashboard.get', {})).onSite).toBe(0)
    const visitor = await ok(core, 'visitors.register', { forename: 'Amara', surname: "O'Neill", organisation: 'NHS Kent and Medway', dbs: { status: 'checked', checkedBy: 'Ffion Hughes' } })
    await ok(core, 'visits.signIn', { personId: visitor.id, purpose: 'Meeting', hostId: s.teacher.id, usesIct: false })
    const d = await ok(core, 'dashboard.get', {})
    expect(d.onSite).toBe(1)
    expect(d.onSite).toBe(await count(core, 'SELECT count(*) n FROM visits WHERE signed_out_at IS NULL'))
  })

  it('walks a new school’s business manager through the first steps, each found done in the register, and goes once all are done', async () => {
    const time = clock('2026-11-02T08:00:00Z')
    const s = await school(time.now)
    open = s
    const { core } = s
    const steps = async () => (await ok(core, 'dashboard.get', {})).gettingStarted
    const done = async () => Object.fromEntries((await steps())!.map((x) => [x.key, x.done]))

    const first = (await steps())!
    expect(first.map((x) => x.key)).toEqual(['people', 'agreements', 'policies', 'checks', 'logo', 'certificate', 'backup'])
    expect(first.every((x) => !x.done)).toBe(true)
    expect(first.find((x) => x.key === 'people')).toMatchObject({ title: 'Bring in your pupils and staff', to: '/people' })

    await ok(core, 'people.create', { kind: 'staff', forename: 'Seán', surname: "O'Brien", staffGroup: 'teaching', jobTitle: 'Teacher of Computing' })
    await ok(core, 'policies.create', { title: 'Online safety policy', owner: 'DSL', version: 'v1', writtenOn: '2026-09-01', reviewIntervalMonths: 12, nextReviewOn: '2027-09-01' })
    expect(await done()).toEqual({ people: true, agreements: false, policies: true, checks: false, logo: false, certificate: false, backup: false })
    expect((await steps())!.find((x) => x.key === 'people')!.detail).toBe('1 person is in the register.')

    // A backup in the usual folder on this PC is not one kept away from it.
    await ok(core, 'backup.now', {})
    expect((await done())['backup']).toBe(false)

    await ok(core, 'aup.publish', { title: 'Acceptable use: staff', versionLabel: '2026–27', audiences: ['staff'], effectiveFrom: '2026-09-01', body: 'I will keep my password to myself and report anything that worries me to the DSL.' })
    const check = (await ok(core, 'checks.templates', {}))[0]!
    await ok(core, 'checks.record', { templateId: check.id, doneOn: '2026-11-02', doneBy: 'Łukasz Nowak', result: 'pass' })
    await ok(core, 'school.setLogo', { imageBase64: PNG.toString('base64') })
    await ok(core, 'certificate.export', { file: join(s.dir, 'school.cer'), replace: false })
    const stick = join(s.dir, 'usb-stick')
    mkdirSync(stick)
    expect(await done()).toEqual({ people: true, agreements: true, policies: true, checks: true, logo: true, certificate: true, backup: false })
    await ok(core, 'backup.now', { folder: stick })
    expect(await steps()).toBeNull()

    // Only the business manager is walked through it.
    for (const role of ['head', 'dsl', 'ict'] as const) {
      await s.as(role)
      expect(await steps(), role).toBeNull()
    }
  })

  it('tells the headteacher, and only the headteacher, of each review waiting to be ratified', async () => {
    const s = await register()
    const { core } = s
    const policy = (await ok(core, 'policies.list', {})).find((p) => p.title === 'Data protection policy')!
    await ok(core, 'policies.review', { policyId: policy.id, reviewedOn: '2026-11-20', reviewedBy: 'Priya Shah (DSL)', changes: 'Retention periods brought up to date.', newVersion: 'v3' })
    const ratify = (d: Dashboard) => d.attention.filter((i) => i.kind === 'ratification')

    await s.as('head')
    expect(ratify(await ok(core, 'dashboard.get', {}))).toEqual([
      { kind: 'ratification', status: 'due', title: 'Ratify: Data protection policy', detail: 'A review of this policy is waiting for you to ratify it.', dueBy: null, to: `/policies/${policy.id}` },
    ])
    for (const role of ['manager', 'dsl', 'ict'] as const) {
      await s.as(role)
      expect(ratify(await ok(core, 'dashboard.get', {})), role).toEqual([])
    }

    await s.as('head')
    await ok(core, 'policies.ratify', { reviewId: (await ok(core, 'policies.get', { id: policy.id })).reviews.at(-1)!.id, ratifiedOn: '2026-11-24' })
    expect(ratify(await ok(core, 'dashboard.get', {}))).toEqual([])
  })
})
