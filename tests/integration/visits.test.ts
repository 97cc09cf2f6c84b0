import { afterEach, describe, expect, it } from 'vitest'
import { MANAGER, ok, refused } from './helpers'
import { auditRows, clock, school, SIGNATURE, type School } from './people-fixtures'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

const TEXT = 'Placeholder visitor agreement for the tests: the school pastes its own wording here.'
const NO_DBS = { status: 'not-needed' as const }

/** A school with a visitor agreement and one member of staff, with the office signed in. */
async function reception(start = '2026-06-16T09:00:00Z') {
  const time = clock(start)
  const s = await school(time.now)
  open.push(s)
  const aup = await ok(s.core, 'aup.publish', { title: 'Visitors', versionLabel: 'v1', audiences: ['visitors', 'contractors'], effectiveFrom: '2025-09-01', body: TEXT })
  const host = await ok(s.core, 'people.create', { kind: 'staff', forename: 'Bethan', surname: 'Evans', staffGroup: 'teaching', jobTitle: 'SENCO' })
  await s.as('office')
  /** Moves the clock; a long jump finds the register locked, so the office signs in again. */
  const jump = async (iso: string) => {
    time.set(iso)
    await s.as('office')
  }
  return { ...s, time, aup, host, jump }
}

describe('the reception desk', () => {
  it('registers a new visitor, takes their signature when they will use school ICT, signs them in and out', async () => {
    const { core, aup, host, jump } = await reception()
    expect(await ok(core, 'visitors.search', { text: 'ama', limit: 10 })).toEqual([])
    const visitor = await ok(core, 'visitors.register', { forename: 'Amara', surname: "O'Neill", organisation: 'NHS Kent and Medway', dbs: { status: 'checked', checkedBy: 'Ffion Hughes' } })
    expect(visitor).toMatchObject({ kind: 'visitor', displayName: "Amara O'Neill", agreementCurrent: false, lastVisit: null, onSite: null, dbs: { status: 'checked', checkedBy: 'Ffion Hughes', checkedOn: '2026-06-16' } })

    const signIn = { personId: visitor.id, purpose: 'Meeting with the SENCO', hostId: host.id, carRegistration: 'ab12 cde', usesIct: true }
    const needsAgreement = await refused(core, 'visits.signIn', signIn)
    expect(needsAgreement).toMatchObject({ kind: 'validation', field: 'agreement' })
    expect(needsAgreement.message).toBe(
      "Amara O'Neill will use the school’s computers or wifi and has not agreed to the current acceptable use agreement. Show them the agreement and ask them to sign on screen.",
    )
    const shown = await ok(core, 'visitors.currentAup', { personId: visitor.id })
    expect(shown).toMatchObject({ id: aup.id, body: TEXT })
    const visit = await ok(core, 'visits.signIn', { ...signIn, agreement: { versionId: shown!.id, signaturePng: SIGNATURE } })
    expect(visit).toMatchObject({ visitorName: "Amara O'Neill", hostName: 'Bethan Evans', carRegistration: 'AB12 CDE', usesIct: true, agreementId: expect.any(Number), signedOutAt: null })
    expect(await auditRows(core, 'visit.signIn')).toEqual([expect.objectContaining({ target: `visit:${visit.id}`, detail: 'with a new agreement signed on screen' })])

    const roll = await ok(core, 'visits.onSite', {})
    expect(roll.visits.map((v) => v.visitorName)).toEqual(["Amara O'Neill"])
    expect((await refused(core, 'visits.signIn', { ...signIn, usesIct: false })).message).toBe("Amara O'Neill is already signed in (since 10:00). Sign them out first.")

    await jump('2026-06-16T10:30:00Z')
    const out = await ok(core, 'visits.signOut', { visitId: visit.id })
    expect(out).toMatchObject({ signedOutAt: '2026-06-16T10:30:00.000Z', signedOutHow: 'desk' })
    expect(await ok(core, 'visits.signOut', { visitId: visit.id })).toEqual(out) // a second tap changes nothing
    expect((await ok(core, 'visits.onSite', {})).visits).toEqual([])
  })

  it('signs a returning visitor with a current agreement in with one call', async () => {
    const { core, time } = await reception()
    const visitor = await ok(core, 'visitors.register', { forename: 'Łukasz', surname: 'Nowak', organisation: 'Southern Water', dbs: NO_DBS })
    const first = await ok(core, 'visits.signIn', { personId: visitor.id, purpose: 'Maintenance', hostName: 'Site team', usesIct: true, agreement: { versionId: (await ok(core, 'visitors.currentAup', { personId: visitor.id }))!.id, signaturePng: SIGNATURE } })
    await ok(core, 'visits.signOut', { visitId: first.id })
    time.advance(2 * 60_000)

    // Next time: three letters, one tap.
    const [match] = await ok(core, 'visitors.search', { text: 'luk', limit: 10 })
    expect(match).toMatchObject({ id: visitor.id, organisation: 'Southern Water', agreementCurrent: true, onSite: null, lastVisit: { purpose: 'Maintenance', hostName: 'Site team', hostId: null } })
    const again = await ok(core, 'visits.signIn', { personId: match!.id, purpose: match!.lastVisit!.purpose, hostName: match!.lastVisit!.hostName, usesIct: true })
    expect(again.agreementId).toBeNull()
    expect((await ok(core, 'visitors.search', { text: 'NOWAK', limit: 10 }))[0]!.onSite).toEqual({ visitId: again.id, signedInAt: again.signedInAt })
    expect((await ok(core, 'visits.onSite', {})).visits).toHaveLength(1)
  })

  it('refuses what reception should not do, each with a plain sentence', async () => {
    const s = await reception()
    const { core, aup } = s
    const v = await ok(core, 'visitors.register', { forename: 'Sam', surname: 'Ward', dbs: NO_DBS })
    expect(await refused(core, 'visits.signIn', { personId: v.id, purpose: 'Meeting', usesIct: false })).toMatchObject({ field: 'hostId', message: 'Please choose who they are here to see.' })
    expect(await refused(core, 'visits.signIn', { personId: v.id, purpose: '', hostName: 'x', usesIct: false })).toMatchObject({ field: 'purpose' })
    expect(await refused(core, 'visitors.register', { forename: 'A', surname: 'B', dbs: { status: 'checked' } })).toMatchObject({ field: 'dbs.checkedBy', message: 'Say who checked the DBS certificate.' })
    // A stale screen: the agreement shown is not the current one any more.
    await s.as('manager')
    await ok(core, 'aup.publish', { title: 'Visitors', versionLabel: 'v2', audiences: ['visitors'], effectiveFrom: '2026-06-01', body: TEXT })
    const pupil = await ok(core, 'people.create', { kind: 'pupil', forename: 'Ann', surname: 'Ray', dateOfBirth: '2013-01-01', yearGroup: '7' })
    await s.as('office')
    const stale = await refused(core, 'visits.signIn', { personId: v.id, purpose: 'Meeting', hostName: 'Office', usesIct: true, agreement: { versionId: aup.id, signaturePng: SIGNATURE } })
    expect(stale).toMatchObject({ kind: 'conflict' })
    expect(stale.message).toMatch(/changed while this screen was open/)
    // Reception learns nothing about a pupil, not even that the id is one.
    expect(await refused(core, 'visits.signIn', { personId: pupil.id, purpose: 'x', hostName: 'y', usesIct: false })).toMatchObject({ field: 'personId', message: 'That visitor is not in the register. Search for them again, or register them.' })
    expect((await refused(core, 'visitors.currentAup', { personId: pupil.id })).message).toMatch(/not in the register/)
    for (const method of ['people.list', 'agreements.record', 'aup.publish', 'retention.run', 'visits.list', 'visits.updateSettings', 'people.setSafeguardingHold'] as const) {
      expect((await refused(core, method, {})).kind, method).toBe('forbidden')
    }
    // Other roles may call the roll in an evacuation but not sign visitors in.
    await s.as('dsl')
    expect((await ok(core, 'visits.onSite', {})).visits).toEqual([])
    expect((await refused(core, 'visits.signIn', {})).kind).toBe('forbidden')
  })

  it('will not let a visitor use school ICT before the school has entered a visitor agreement', async () => {
    const time = clock()
    const s = await school(time.now)
    open.push(s)
    const v = await ok(s.core, 'visitors.register', { forename: 'Ivy', surname: 'Lee', dbs: NO_DBS })
    expect(await ok(s.core, 'visitors.currentAup', { personId: v.id })).toBeNull()
    expect(await refused(s.core, 'visits.signIn', { personId: v.id, purpose: 'x', hostName: 'y', usesIct: true })).toMatchObject({ field: 'usesIct' })
    expect((await ok(s.core, 'visits.signIn', { personId: v.id, purpose: 'x', hostName: 'y', usesIct: false })).usesIct).toBe(false)
  })
})

describe('automatic sign-out', () => {
  it('signs out everyone still in at the set time, marks them so, and does it once', async () => {
    const { core, jump } = await reception('2026-06-16T09:00:00Z') // 10:00 BST
    const a = await ok(core, 'visitors.register', { forename: 'Ann', surname: 'Early', dbs: NO_DBS })
    const b = await ok(core, 'visitors.register', { forename: 'Ben', surname: 'Late', dbs: NO_DBS })
    const va = await ok(core, 'visits.signIn', { personId: a.id, purpose: 'Meeting', hostName: 'Office', usesIct: false })
    expect(await ok(core, 'visits.settings', {})).toEqual({ autoSignOutAt: '18:00', visitorRetentionYears: 6 })

    await jump('2026-06-16T16:00:00Z') // 17:00 BST: not yet
    expect(await ok(core, 'visits.autoSignOut', {})).toEqual({ signedOut: 0 })
    await jump('2026-06-16T18:00:00Z') // 19:00 BST
    expect(await ok(core, 'visits.autoSignOut', {})).toEqual({ signedOut: 1 })
    expect(await ok(core, 'visits.autoSignOut', {})).toEqual({ signedOut: 0 })
    // A parents' evening visitor arrives after the set time: they stay signed in until midnight.
    const vb = await ok(core, 'visits.signIn', { personId: b.id, purpose: 'Parents’ evening', hostName: 'Year 9 team', usesIct: false })
    expect(await ok(core, 'visits.autoSignOut', {})).toEqual({ signedOut: 0 })
    expect((await ok(core, 'visits.onSite', {})).visits.map((v) => v.id)).toEqual([vb.id])

    // Next morning: the late arrival was signed out at midnight, and the roll call is empty.
    await jump('2026-06-17T07:00:00Z')
    expect((await ok(core, 'visits.onSite', {})).visits).toEqual([])
    await open[0]!.as('manager')
    const day = await ok(core, 'visits.list', { from: '2026-06-16', to: '2026-06-16', offset: 0, limit: 10 })
    expect(day.rows.map((v) => [v.visitorName, v.signedOutAt, v.signedOutHow])).toEqual([
      ['Ben Late', '2026-06-16T23:00:00.000Z', 'auto'],
      ['Ann Early', '2026-06-16T17:00:00.000Z', 'auto'],
    ])
    expect(va.id).toBeLessThan(vb.id)
    const log = await auditRows(core, 'visit.autoSignOut')
    expect(log.map((l) => l.detail)).toEqual(['1 signed out at the set time (18:00)', '1 signed out at the set time (18:00)'])
    // The setting can be turned off.
    expect(await ok(core, 'visits.updateSettings', { autoSignOutAt: null, visitorRetentionYears: 6 })).toEqual({ autoSignOutAt: null, visitorRetentionYears: 6 })
    expect(await refused(core, 'visits.updateSettings', { autoSignOutAt: '6pm', visitorRetentionYears: 6 })).toMatchObject({ field: 'autoSignOutAt', message: 'Give the time as HH:MM, for example 18:00.' })
  })
})

describe('retention', () => {
  it('deletes visitor records past the period, keeps those on hold, and audits the counts', async () => {
    const time = clock('2019-05-01T09:00:00Z')
    const s = await school(time.now)
    open.push(s)
    const { core } = s
    const jump = async (iso: string) => {
      time.set(iso)
      await s.as('manager')
    }
    await ok(core, 'aup.publish', { title: 'Visitors', versionLabel: '2019', audiences: ['visitors'], effectiveFrom: '2019-01-01', body: TEXT })
    const visit = async (forename: string, kind: 'visitor' | 'contractor' = 'visitor', ict = false) => {
      const p = await ok(core, 'visitors.register', { kind, forename, surname: 'Old', dbs: NO_DBS })
      const agreement = ict ? { versionId: (await ok(core, 'visitors.currentAup', { personId: p.id }))!.id, signaturePng: SIGNATURE } : undefined
      const v = await ok(core, 'visits.signIn', { personId: p.id, purpose: 'Visit', hostName: 'Office', usesIct: ict, ...(agreement ? { agreement } : {}) })
      await ok(core, 'visits.signOut', { visitId: v.id })
      return p
    }
    const gone = await visit('Gone', 'visitor', true)
    const back = await visit('Back')
    const held = await visit('Held')
    const contractor = await visit('Fixer', 'contractor')
    await ok(core, 'people.setSafeguardingHold', { id: held.id, hold: true, reason: 'Open safeguarding matter' })
    await jump('2025-03-03T10:00:00Z')
    await ok(core, 'visits.signOut', { visitId: (await ok(core, 'visits.signIn', { personId: back.id, purpose: 'Visit', hostName: 'Office', usesIct: false })).id })

    // Before the period is up, a preview finds nothing to delete.
    expect(await ok(core, 'retention.preview', {})).toMatchObject({ visitorsDeleted: 0, visitsDeleted: 0 })
    const runsBefore = (await auditRows(core, 'retention.run')).length

    // Signing in as the business manager in 2026 runs retention by itself, audited with the counts.
    await jump('2026-06-16T09:00:00Z')
    const automatic = (await auditRows(core, 'retention.run')).slice(runsBefore).map((a) => a.detail)
    expect(automatic).toEqual(['before 2020-01-01: 1 visitors, 3 visits, 1 agreements deleted; 1 kept on safeguarding hold; 0 kept as named in a safeguarding record'])
    const preview = await ok(core, 'retention.preview', {})
    expect(preview).toEqual({ cutoff: '2020-01-01', dryRun: true, visitorsDeleted: 0, visitsDeleted: 0, agreementsDeleted: 0, heldSkipped: 1, namedSkipped: 0, notDeleted: 0 })
    expect((await refused(core, 'people.get', { id: gone.id })).kind).toBe('not-found')
    expect((await ok(core, 'people.get', { id: held.id })).safeguardingHold).toBe(true)
    expect((await ok(core, 'people.get', { id: contractor.id })).archived).toBe(false)
    const log = await ok(core, 'visits.list', { from: '2019-01-01', to: '2026-12-31', offset: 0, limit: 10 })
    expect(log.rows.map((v) => [v.visitorName, v.signedInAt.slice(0, 4)])).toEqual([
      ['Back Old', '2025'],
      ['Held Old', '2019'],
    ])
    // A manual run afterwards finds nothing left, and is audited too.
    expect((await ok(core, 'retention.run', {})).visitorsDeleted).toBe(0)
    expect((await auditRows(core, 'retention.run')).slice(runsBefore).map((a) => a.detail)).toEqual([
      'before 2020-01-01: 1 visitors, 3 visits, 1 agreements deleted; 1 kept on safeguarding hold; 0 kept as named in a safeguarding record',
      'before 2020-01-01: 0 visitors, 0 visits, 0 agreements deleted; 1 kept on safeguarding hold; 0 kept as named in a safeguarding record',
    ])
    // A longer period keeps more.
    await ok(core, 'visits.updateSettings', { autoSignOutAt: '18:00', visitorRetentionYears: 10 })
    expect((await ok(core, 'retention.preview', {})).cutoff).toBe('2016-01-01')
  })
})

describe('retention runs by itself', () => {
  it('once a day, when a business manager signs in, and says so in the audit trail', async () => {
    const time = clock()
    const s = await school(time.now)
    try {
      const runs = async () => (await auditRows(s.core, 'retention.run')).length
      expect(await runs()).toBe(0) // not at set-up
      await ok(s.core, 'session.lock', {})
      await ok(s.core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
      expect(await runs()).toBe(1)
      await ok(s.core, 'session.lock', {})
      await ok(s.core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
      expect(await runs()).toBe(1) // the same day: not again
      time.advance(25 * 3600_000)
      await ok(s.core, 'session.lock', {})
      await ok(s.core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
      expect(await runs()).toBe(2)
    } finally {
      await s.close()
    }
  })
})
