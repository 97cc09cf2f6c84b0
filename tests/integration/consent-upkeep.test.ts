import { afterEach, describe, expect, it } from 'vitest'
import type { Role } from '../../shared/domain/roles'
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../shared/features/consent/consent'
import { consentFeature } from '../../electron/core/consent/feature'
import { ok, refused } from './helpers'
import { auditRows, clock, school, type School } from './people-fixtures'

// What falls due in the consent register (the dashboard's items, the calendar's renewal) and what
// the daily retention run does with a leaver's answers. The register's clock, never the computer's.

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

const parent = { givenBy: 'parent' as const, givenByName: 'A parent', method: 'paper' as const }

async function classOfThree(start: string) {
  const time = clock(start)
  const s = await school(time.now)
  open.push(s)
  const pupil = async (forename: string) => (await ok(s.core, 'people.create', { kind: 'pupil', forename, surname: 'Pryce', yearGroup: '4', regClass: '4B', dateOfBirth: '2017-02-01' })).id
  const p = { amara: await pupil('Amara'), ben: await pupil('Ben'), cai: await pupil('Cai') }
  const answer = async (personId: number, givenOn: string, purposes: readonly ConsentPurpose[] = CONSENT_PURPOSES) => {
    for (const purpose of purposes) await ok(s.core, 'consent.record', { personId, purpose, answer: 'yes', givenOn, ...parent })
  }
  return { s, time, p, answer }
}

const consentItems = async (s: School) => (await ok(s.core, 'dashboard.get', {})).attention.filter((a) => a.kind === 'consent')

describe('consent on the dashboard and the calendar', () => {
  it('shows the forms not back, a new wording to ask again for, and from July the renewal, to the roles that read consent only', async () => {
    const { s, time, p, answer } = await classOfThree('2026-09-14T09:00:00Z')
    await ok(s.core, 'consent.addForm', { version: 'September 2026', inForceFrom: '2026-09-01' })
    await answer(p.amara, '2026-09-08')
    await answer(p.ben, '2026-09-09', ['website', 'newsletter'])

    // September: Ben's form is half done and Cai's has not come back; due back by the end of the month.
    expect(await consentItems(s)).toEqual([
      {
        kind: 'consent',
        status: 'due',
        title: 'Photo consent: forms not back',
        detail: '2 pupils on roll have no answer for this school year for one use or more, so must not appear in photographs or recordings for it (forms due back by 30/09/2026).',
        dueBy: '2026-09-30',
        to: '/consent',
      },
    ])
    for (const role of ['head', 'dsl'] as Role[]) {
      await s.as(role)
      expect((await consentItems(s)).map((a) => a.title), role).toEqual(['Photo consent: forms not back'])
    }
    // The ICT manager does not read consent; reception asks yes or no and chases nothing (nor has a dashboard).
    await s.as('ict')
    expect(await consentItems(s)).toEqual([])
    await s.as('office')
    expect((await refused(s.core, 'dashboard.get', {})).kind).toBe('forbidden')
    expect(await consentFeature.attention!({ store: s.core.store, now: time.now }, 'office')).toEqual([])

    // A new wording from November: Amara's and Ben's answers were given on the old one.
    time.set('2026-11-10T09:00:00Z')
    await s.as('manager')
    await ok(s.core, 'consent.addForm', { version: 'November 2026', inForceFrom: '2026-11-02' })
    const november = await consentItems(s)
    expect(november.map((a) => [a.title, a.dueBy])).toEqual([
      ['Photo consent: forms not back', null],
      ['Photo consent: new form wording', null],
    ])
    expect(november[1]!.detail).toBe('The form “November 2026” is in force from 02/11/2026: 2 pupils answered on an earlier wording and must be asked again before they appear.')
    expect(november[0]!.detail).toMatch(/^1 pupil on roll has no answer/)

    // July: everything recorded this school year lapses at the end of August.
    await answer(p.amara, '2026-11-09')
    time.set('2027-07-05T09:00:00Z')
    await s.as('manager')
    const july = await consentItems(s)
    expect(july.find((a) => a.title === 'Photo consent: renewal due')).toEqual({
      kind: 'consent',
      status: 'due',
      title: 'Photo consent: renewal due',
      detail: 'The answers of 1 pupil lapse after 31/08/2027: send the new school year’s forms home.',
      dueBy: '2027-08-31',
      to: '/consent',
    })
    await s.as('ict')
    expect(await consentItems(s)).toEqual([])
  })

  it('puts each school year’s renewal on the calendar: upcoming, due, done once forms come back, overdue when none have', async () => {
    const { s, time, p, answer } = await classOfThree('2026-08-20T09:00:00Z')
    const renewals = async (from: string, to: string) => (await ok(s.core, 'calendar.items', { from, to })).filter((i) => i.kind === 'consent-renewal')
    expect(await renewals('2025-10-01', '2026-09-30')).toMatchObject([
      { key: 'consent-renewal:2026', date: '2026-09-01', dueBy: '2026-09-30', status: 'upcoming', title: 'Photo consent forms for 2026–27', to: '/consent', responsible: 'School business manager' },
    ])
    expect((await renewals('2027-08-01', '2027-09-30')).map((i) => [i.key, i.status])).toEqual([['consent-renewal:2027', 'upcoming']])
    // Within the dashboard's horizon, the coming renewal is due soon.
    time.set('2026-08-25T09:00:00Z')
    await s.as('manager')
    expect((await ok(s.core, 'calendar.dashboard', {})).dueSoon.filter((i) => i.kind === 'consent-renewal').map((i) => [i.key, i.status])).toEqual([['consent-renewal:2026', 'due']])

    // No form back by October: overdue.
    time.set('2026-10-02T09:00:00Z')
    await s.as('manager')
    const calendar = await ok(s.core, 'calendar.dashboard', {})
    expect(calendar.overdue.filter((i) => i.kind === 'consent-renewal')).toMatchObject([{ key: 'consent-renewal:2026', status: 'overdue', detail: 'Send the consent forms home: answers from 2025–26 have lapsed. Due back by 30/09/2026.' }])
    await answer(p.ben, '2026-10-01', ['website'])
    expect(await renewals('2026-09-01', '2026-09-30')).toMatchObject([{ status: 'done', detail: 'Forms came back: 1 answer recorded for 2026–27.' }])
    expect((await ok(s.core, 'calendar.dashboard', {})).overdue.filter((i) => i.kind === 'consent-renewal')).toEqual([])

    // A year gone by with no forms at all stays missed.
    time.set('2028-10-02T09:00:00Z')
    await s.as('manager')
    expect((await renewals('2027-09-01', '2027-09-30')).map((i) => i.status)).toEqual(['missed'])
    // The calendar's renewal is for the roles that read consent: not the ICT manager.
    await s.as('ict')
    expect(await renewals('2026-08-01', '2027-07-31')).toEqual([])
  })
})

describe('consent retention', () => {
  it('deletes a leaver’s answers three school years after the one they left in, keeps those on hold or named, and audits the run', async () => {
    const { s, time, p, answer } = await classOfThree('2022-09-12T09:00:00Z')
    await answer(p.amara, '2022-09-08', ['website', 'press'])
    await answer(p.ben, '2022-09-08', ['website'])
    await answer(p.cai, '2022-09-08', ['website'])
    // Amara and Ben left in July 2023; Cai is still here. Ben's records are on safeguarding hold.
    time.set('2023-07-21T14:00:00Z')
    await s.as('manager')
    await ok(s.core, 'people.archive', { id: p.amara, leftOn: '2023-07-21' })
    await ok(s.core, 'people.archive', { id: p.ben, leftOn: '2023-07-21' })
    await s.as('dsl')
    await ok(s.core, 'people.setSafeguardingHold', { id: p.ben, hold: true, reason: 'Asked by the local authority' })
    const count = async () => Number(((await s.core.store.requireOpen().db('consent_answers').count({ n: '*' })) as { n: number }[])[0]!.n)
    const runs = async () => (await auditRows(s.core, 'consent.retention')).map((a) => a.detail)

    // The last day of the third school year after the one they left in: kept.
    time.set('2026-08-31T09:00:00Z')
    await s.as('manager')
    expect(await count()).toBe(4)
    expect((await runs()).at(-1)).toBe('consent answers of pupils who left before 2022-09-01: 0 deleted; 0 kept on safeguarding hold or as named in a safeguarding record')

    // The next day's run (the business manager's first sign-in of the day) deletes Amara's.
    time.set('2026-09-01T10:00:00Z')
    await s.as('manager')
    expect((await runs()).at(-1)).toBe('consent answers of pupils who left before 2023-09-01: 2 deleted; 1 kept on safeguarding hold or as named in a safeguarding record')
    const left = (await s.core.store.requireOpen().db('consent_answers').orderBy('id').pluck('person_id')) as number[]
    expect(left).toEqual([p.ben, p.cai])
  })
})
