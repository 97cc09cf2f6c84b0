import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { ok, refused } from './helpers'
import { auditRows, clock, school, SIGNATURE, type School } from './people-fixtures'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

const TEXT = 'Placeholder agreement text for the tests: the school pastes its own wording here.'
const ADULTS = ['staff', 'governors', 'volunteers', 'contractors', 'visitors'] as const

/** A school in June 2026 with this year's texts, three pupils and three staff. */
async function setUp() {
  const time = clock('2026-06-16T09:00:00Z')
  const s = await school(time.now)
  open.push(s)
  const { core } = s
  const adults = await ok(core, 'aup.publish', { title: 'Acceptable use: adults', versionLabel: '2025–26', audiences: [...ADULTS], effectiveFrom: '2025-09-01', body: TEXT })
  const pupils = await ok(core, 'aup.publish', { title: 'Acceptable use: pupils and parents', versionLabel: '2025–26', audiences: ['pupils-ks3-5'], effectiveFrom: '2025-09-01', body: TEXT })
  const pupil = (forename: string, yearGroup: '7' | '8', regClass: string, n: number) =>
    ok(core, 'people.create', { kind: 'pupil', forename, surname: 'Evans', dateOfBirth: '2013-01-0' + n, yearGroup, regClass, username: `p${n}` })
  const p1 = await pupil('Aled', '7', '7A', 1)
  const p2 = await pupil('Bea', '7', '7B', 2)
  const p3 = await pupil('Cai', '8', '8A', 3)
  const staff = (forename: string, staffGroup: 'teaching' | 'support') => ok(core, 'people.create', { kind: 'staff', forename, surname: 'Jones', staffGroup })
  const s1 = await staff('Dee', 'teaching')
  const s2 = await staff('Efa', 'teaching')
  const s3 = await staff('Fern', 'support')
  return { ...s, time, adults, pupils, p1, p2, p3, s1, s2, s3 }
}

const onScreen = (personId: number, versionId: number, agreedOn = '2025-09-10') => ({ personId, versionId, agreedOn, method: 'on-screen' as const, signaturePng: SIGNATURE })
const paper = (personId: number, versionId: number, agreedOn = '2025-09-05') => ({
  personId,
  versionId,
  agreedOn,
  method: 'paper' as const,
  paperReceivedOn: '2025-09-12',
  parentName: 'Gwen Evans',
  parentAgreedOn: agreedOn,
})

async function standings(core: Core) {
  const status = await ok(core, 'aup.status', { offset: 0, limit: 100 })
  return Object.fromEntries(status.rows.map((r) => [r.displayName, r.standing]))
}

describe('agreement texts', () => {
  it('keeps versions per audience, says which is current, and never takes one that slips in before it', async () => {
    const { core, adults } = await setUp()
    expect(adults).toMatchObject({ state: 'current', currentFor: [...ADULTS], body: TEXT, createdBy: 'Bethan Manager', agreementCount: 0 })
    const dup = await refused(core, 'aup.publish', { title: 'Again', versionLabel: '2025–26', audiences: ['visitors'], effectiveFrom: '2026-09-01', body: TEXT })
    expect(dup).toMatchObject({ field: 'versionLabel', message: 'There is already a version “2025–26” for visitors. Give this one a new label.' })
    const early = await refused(core, 'aup.publish', { title: 'Older', versionLabel: '2024–25', audiences: ['staff'], effectiveFrom: '2024-09-01', body: TEXT })
    expect(early.field).toBe('effectiveFrom')
    expect(early.message).toMatch(/takes effect on 01\/09\/2025/)
    const next = await ok(core, 'aup.publish', { title: 'Staff', versionLabel: '2026–27', audiences: ['staff'], effectiveFrom: '2026-09-01', body: TEXT })
    expect(next.state).toBe('scheduled')
    const list = await ok(core, 'aup.versions', { audience: 'staff' })
    expect(list.map((v) => [v.versionLabel, v.state])).toEqual([
      ['2026–27', 'scheduled'],
      ['2025–26', 'current'],
    ])
    expect(await refused(core, 'aup.publish', { title: 'Too short', versionLabel: 'x', audiences: ['staff'], effectiveFrom: '2026-09-01', body: 'hi' })).toMatchObject({ field: 'body' })
    // The database refuses to change a text people agreed to.
    await expect(core.store.requireOpen().db('aup_versions').where({ id: adults.id }).update({ body: 'changed' })).rejects.toThrow(/never changed/)
  })
})

describe('agreements', () => {
  it('records on-screen and paper agreements with the witness, and checks what each kind needs', async () => {
    const { core, adults, pupils, p1, s1 } = await setUp()
    const a = await ok(core, 'agreements.record', onScreen(s1.id, adults.id))
    expect(a).toMatchObject({ state: 'agreed', method: 'on-screen', hasSignature: true, witnessedBy: 'Bethan Manager', versionLabel: '2025–26', supersedesId: null, supersededById: null })
    const b = await ok(core, 'agreements.record', paper(p1.id, pupils.id))
    expect(b).toMatchObject({ method: 'paper', hasSignature: false, parentName: 'Gwen Evans', paperReceivedOn: '2025-09-12' })

    const fail = async (input: object, field: string, message: RegExp) => {
      const err = await refused(core, 'agreements.record', input)
      expect(err.field, JSON.stringify(input)).toBe(field)
      expect(err.message).toMatch(message)
    }
    await fail({ ...paper(p1.id, pupils.id), parentName: undefined }, 'parentName', /parent or carer who agreed for Aled Evans/)
    await fail({ ...paper(p1.id, pupils.id), paperReceivedOn: undefined }, 'paperReceivedOn', /date the signed paper copy reached the school/)
    await fail({ ...paper(p1.id, pupils.id), paperReceivedOn: '2025-09-01' }, 'paperReceivedOn', /cannot have arrived before it was signed/)
    await fail({ ...onScreen(s1.id, adults.id), signaturePng: undefined }, 'signaturePng', /Ask Dee Jones to sign in the box on screen/)
    await fail({ ...onScreen(s1.id, adults.id), parentName: 'X' }, 'parentName', /Only pupils’ agreements have a parent or carer/)
    await fail(onScreen(s1.id, pupils.id), 'versionId', /not the agreement for Dee Jones: they need the one for staff/)
    await fail(onScreen(s1.id, adults.id, '2026-07-01'), 'agreedOn', /in the future/)
    await fail(paper(p1.id, adults.id), 'versionId', /pupils in years 7 to 13/)
    // Only a real PNG of a sensible size is kept.
    await fail({ ...onScreen(s1.id, adults.id), signaturePng: 'data:image/jpeg;base64,/9j/4AAQ' }, 'signaturePng', /must be drawn on screen/)
    await fail({ ...onScreen(s1.id, adults.id), signaturePng: `data:image/png;base64,${Buffer.from('GIF89a not a png at all, sorry about that').toString('base64')}` }, 'signaturePng', /not a PNG image/)
    const huge = Buffer.concat([Buffer.from(SIGNATURE.split(',')[1]!, 'base64'), Buffer.alloc(210 * 1024)])
    await fail({ ...onScreen(s1.id, adults.id), signaturePng: `data:image/png;base64,${huge.toString('base64')}` }, 'signaturePng', /too large/)
  })

  it('gives the drawn signature back as it was drawn, and audits reading a person’s agreements', async () => {
    const s = await setUp()
    const a = await ok(s.core, 'agreements.record', onScreen(s.s1.id, s.adults.id))
    await s.as('head')
    expect(await ok(s.core, 'agreements.signature', { agreementId: a.id })).toEqual({ dataUrl: SIGNATURE })
    expect((await ok(s.core, 'agreements.forPerson', { personId: s.s1.id })).map((x) => x.id)).toEqual([a.id])
    expect((await refused(s.core, 'agreements.record', onScreen(s.s2.id, s.adults.id))).kind).toBe('forbidden')
    await s.as('manager')
    expect(await auditRows(s.core, 'agreement.read')).toEqual([expect.objectContaining({ target: `person:${s.s1.id}`, detail: '1 agreements' })])
    expect(await auditRows(s.core, 'agreement.signature')).toEqual([expect.objectContaining({ target: `agreement:${a.id}` })])
  })

  it('corrects by superseding: the old record stays readable and stops counting', async () => {
    const { core, adults, s1 } = await setUp()
    const first = await ok(core, 'agreements.record', onScreen(s1.id, adults.id, '2025-09-10'))
    const details = (agreedOn?: string) => {
      const { personId: _p, ...rest } = onScreen(s1.id, adults.id, agreedOn)
      return rest
    }
    const fixed = await ok(core, 'agreements.correct', { agreementId: first.id, reason: 'Wrong date typed', ...details('2025-09-11') })
    expect(fixed).toMatchObject({ supersedesId: first.id, correctionReason: 'Wrong date typed', agreedOn: '2025-09-11' })
    const history = await ok(core, 'agreements.forPerson', { personId: s1.id })
    expect(history.map((h) => [h.id, h.agreedOn, h.supersededById])).toEqual([
      [fixed.id, '2025-09-11', null],
      [first.id, '2025-09-10', fixed.id],
    ])
    expect((await refused(core, 'agreements.correct', { agreementId: first.id, reason: 'again', ...details() })).kind).toBe('conflict')
    expect((await standings(core))['Dee Jones']).toBe('current')

    const withdrawn = await ok(core, 'agreements.withdraw', { agreementId: fixed.id, reason: 'Signed by the wrong Jones' })
    expect(withdrawn).toMatchObject({ state: 'withdrawn', supersedesId: fixed.id, agreedOn: null })
    expect((await standings(core))['Dee Jones']).toBe('never')
    expect((await ok(core, 'aup.get', { id: adults.id })).agreementCount).toBe(0)
    // Never edited in place, by the app or anyone with the key.
    await expect(core.store.requireOpen().db('agreements').where({ id: first.id }).update({ agreed_on: '2025-01-01' })).rejects.toThrow(/never edited/)
    expect((await auditRows(core, 'agreement.correct'))[0]!.detail).toBe(`replaces agreement:${first.id}`)
  })
})

describe('who has agreed', () => {
  it('counts by year group, class and staff group, and lists the people by standing', async () => {
    const s = await setUp()
    const { core, adults, pupils } = s
    await ok(core, 'agreements.record', paper(s.p1.id, pupils.id))
    await ok(core, 'agreements.record', paper(s.p3.id, pupils.id))
    await ok(core, 'agreements.record', onScreen(s.s1.id, adults.id))
    await ok(core, 'agreements.record', onScreen(s.s3.id, adults.id))
    await ok(core, 'people.create', { kind: 'governor', forename: 'Gil', surname: 'Hart' })
    await ok(core, 'people.create', { kind: 'visitor', forename: 'Not', surname: 'Counted' })
    const status = await ok(core, 'aup.status', { offset: 0, limit: 100 })
    expect(status.totals).toEqual({ total: 7, current: 4, due: 0, never: 3, noVersion: 0 })
    expect(status.byYearGroup).toEqual([
      { yearGroup: '7', total: 2, current: 1, due: 0, never: 1, noVersion: 0 },
      { yearGroup: '8', total: 1, current: 1, due: 0, never: 0, noVersion: 0 },
    ])
    expect(status.byClass.map((c) => [c.regClass, c.current, c.never])).toEqual([
      ['7A', 1, 0],
      ['7B', 0, 1],
      ['8A', 1, 0],
    ])
    expect(status.byStaffGroup).toEqual([
      { staffGroup: 'teaching', total: 2, current: 1, due: 0, never: 1, noVersion: 0 },
      { staffGroup: 'support', total: 1, current: 1, due: 0, never: 0, noVersion: 0 },
    ])
    expect(status.byKind.map((k) => k.kind)).toEqual(['pupil', 'staff', 'governor'])
    const notYet = await ok(core, 'aup.status', { standing: 'never', offset: 0, limit: 10 })
    expect(notYet.rows.map((r) => r.displayName)).toEqual(['Bea Evans', 'Efa Jones', 'Gil Hart'])
    const year7 = await ok(core, 'aup.status', { yearGroup: '7', offset: 0, limit: 1 })
    expect([year7.total, year7.rows.length]).toEqual([2, 1])
    // The ICT manager sees who has agreed, with usernames, before granting access (section 7.3).
    await s.as('ict')
    const forIct = await ok(core, 'aup.status', { kind: 'pupil', text: 'ale', offset: 0, limit: 10 })
    expect(forIct.rows).toEqual([expect.objectContaining({ displayName: 'Aled Evans', username: 'p1', standing: 'current', lastAgreedOn: '2025-09-05', lastVersionLabel: '2025–26' })])
  })

  it('makes older agreements due when a new version takes effect, and after a renewal run', async () => {
    const s = await setUp()
    const { core, adults } = s
    // Weeks pass: the register has locked itself in the meantime, so sign in again.
    const jump = async (iso: string) => {
      s.time.set(iso)
      await s.as('manager')
    }
    await ok(core, 'agreements.record', onScreen(s.s1.id, adults.id))
    await ok(core, 'agreements.record', onScreen(s.s2.id, adults.id))
    const next = await ok(core, 'aup.publish', { title: 'Staff', versionLabel: '2026–27', audiences: ['staff'], effectiveFrom: '2026-09-01', body: TEXT })
    // Signed in advance in July; the other has not signed the new one.
    await jump('2026-07-10T09:00:00Z')
    await ok(core, 'agreements.record', onScreen(s.s2.id, next.id, '2026-07-10'))
    expect(await standings(core)).toMatchObject({ 'Dee Jones': 'current', 'Efa Jones': 'current' })
    await jump('2026-09-02T09:00:00Z')
    expect(await standings(core)).toMatchObject({ 'Dee Jones': 'due', 'Efa Jones': 'current', 'Fern Jones': 'never' })

    // The start-of-year renewal: everyone who agreed before 3 September is due again.
    const run = await ok(core, 'aup.startRenewal', { audiences: ['staff'], from: '2026-09-03' })
    expect(run).toEqual({ audiences: ['staff'], from: '2026-09-03' })
    expect((await standings(core))['Efa Jones']).toBe('current')
    await jump('2026-09-03T09:00:00Z')
    expect((await standings(core))['Efa Jones']).toBe('due')
    await ok(core, 'agreements.record', onScreen(s.s2.id, next.id, '2026-09-03'))
    const status = await ok(core, 'aup.status', { kind: 'staff', offset: 0, limit: 10 })
    expect(status.audiences.find((a) => a.audience === 'staff')).toEqual({ audience: 'staff', current: { id: next.id, versionLabel: '2026–27', effectiveFrom: '2026-09-01' }, renewalFrom: '2026-09-03' })
    expect(status.totals).toMatchObject({ current: 1, due: 1, never: 1 })
    expect((await auditRows(core, 'aup.renewal'))[0]!.detail).toBe('staff from 2026-09-03')
  })

  it('says when the school has not entered a text for a group yet', async () => {
    const time = clock()
    const s = await school(time.now)
    open.push(s)
    await ok(s.core, 'people.create', { kind: 'pupil', forename: 'Ann', surname: 'Ray', dateOfBirth: '2019-01-01', yearGroup: '2' })
    const status = await ok(s.core, 'aup.status', { offset: 0, limit: 10 })
    expect(status.rows[0]).toMatchObject({ audience: 'pupils-eyfs-ks1', standing: 'no-version' })
    expect(status.totals.noVersion).toBe(1)
  })
})
