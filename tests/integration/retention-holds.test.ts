import { afterEach, describe, expect, it } from 'vitest'
import { ok, refused } from './helpers'
import { auditRows, clock, school, type School } from './people-fixtures'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

const NO_DBS = { status: 'not-needed' as const }

/** A school in 2019 whose office signs in three visitors, one of whom a DSL then names in an incident. */
async function schoolWithOldVisitors() {
  const time = clock('2019-05-01T09:00:00Z')
  const s = await school(time.now)
  open.push(s)
  const { core } = s
  const visit = async (forename: string) => {
    const p = await ok(core, 'visitors.register', { forename, surname: 'Old', dbs: NO_DBS })
    const v = await ok(core, 'visits.signIn', { personId: p.id, purpose: 'Visit', hostName: 'Office', usesIct: false })
    await ok(core, 'visits.signOut', { visitId: v.id })
    return p
  }
  const named = await visit('Named')
  const gone = await visit('Gone')
  const stuck = await visit('Stuck')
  const other = await visit('Other')
  await s.as('dsl')
  const category = (await ok(core, 'incidents.categories', {}))[0]!.id
  await ok(core, 'incidents.record', {
    entry: {
      occurredOn: '2019-05-01',
      occurredTime: '10:00',
      place: 'Main hall',
      onSite: true,
      device: 'personal',
      categoryId: category,
      description: 'A visitor photographed pupils on a phone during assembly.',
      actionTaken: 'Photos deleted in front of the head; visitor asked to leave.',
      childsWords: null,
      people: [{ personId: named.id, part: 'alleged' }],
      status: 'open',
      outcome: null,
    },
  })
  return { s, time, core, named, gone, stuck, other }
}

describe('retention and safeguarding records', () => {
  it('keeps a visitor named in an incident, deletes the other expired visitors, and says why in the count', async () => {
    const { s, time, core, named, gone, other } = await schoolWithOldVisitors()
    // The office sees that nothing about the incident is theirs to know; the flag is plain on the person.
    await s.as('manager')
    expect((await ok(core, 'people.get', { id: named.id })).namedInRecord).toBe(true)
    expect((await ok(core, 'people.get', { id: gone.id })).namedInRecord).toBe(false)

    // Signing in as the business manager in 2026 runs retention by itself: it no longer fails.
    const before = (await auditRows(core, 'retention.run')).length
    time.set('2026-06-16T09:00:00Z')
    await s.as('manager')
    expect((await auditRows(core, 'retention.run')).slice(before).map((a) => a.detail)).toEqual([
      'before 2020-01-01: 3 visitors, 3 visits, 0 agreements deleted; 0 kept on safeguarding hold; 1 kept as named in a safeguarding record',
    ])
    expect((await ok(core, 'people.get', { id: named.id })).namedInRecord).toBe(true)
    for (const id of [gone.id, other.id]) expect((await refused(core, 'people.get', { id })).kind).toBe('not-found')
    expect(await ok(core, 'retention.preview', {})).toMatchObject({ visitorsDeleted: 0, namedSkipped: 1, heldSkipped: 0, notDeleted: 0 })
  })

  it('holds the people named in incidents saved before the flag existed, at a key holder’s run', async () => {
    const { s, time, core, named, gone } = await schoolWithOldVisitors()
    // A register from before this version: the incident names the visitor, no flag is set.
    await core.store.requireOpen().db('people').update({ named_in_record: 0 })
    time.set('2026-06-16T09:00:00Z')
    await s.as('manager')
    expect((await ok(core, 'people.get', { id: named.id })).namedInRecord).toBe(true)
    expect((await refused(core, 'people.get', { id: gone.id })).kind).toBe('not-found')
  })

  it('one visitor whose record cannot be deleted is kept and counted; the others still go', async () => {
    const { s, time, core, stuck, gone, other } = await schoolWithOldVisitors()
    await s.as('manager')
    // A record the database refuses to delete (here a trigger stands in for whatever holds it).
    await core.store.requireOpen().db.raw(`CREATE TRIGGER stuck_visitor BEFORE DELETE ON people WHEN OLD.id = ${stuck.id} BEGIN SELECT RAISE(ABORT, 'kept'); END`)
    time.set('2026-06-16T09:00:00Z')
    await s.as('manager')
    const run = await ok(core, 'retention.run', {})
    // The automatic run at sign-in did the work; this manual one finds only the stuck record left.
    expect(run).toMatchObject({ visitorsDeleted: 0, notDeleted: 1, namedSkipped: 1 })
    const details = (await auditRows(core, 'retention.run')).map((a) => a.detail)
    expect(details.at(-2)).toBe(
      `before 2020-01-01: 2 visitors, 3 visits, 0 agreements deleted; 0 kept on safeguarding hold; 1 kept as named in a safeguarding record; 1 could not be deleted (person:${stuck.id})`,
    )
    expect((await ok(core, 'people.get', { id: stuck.id })).displayName).toBe('Stuck Old')
    for (const id of [gone.id, other.id]) expect((await refused(core, 'people.get', { id })).kind).toBe('not-found')
  })
})
