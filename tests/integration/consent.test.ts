import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { newCore, ok, refused, setUpSchool, tempDir } from './helpers'
import { issueReport, pdfsig, pdftotext, qpdfCheck } from './pdf-tools'

// A Thursday in October: the register's clock, never the computer's.
let clock = Date.parse('2026-10-15T10:00:00Z')
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function school(): Promise<{ core: Core; pupils: Record<string, number> }> {
  clock = Date.parse('2026-10-15T10:00:00Z')
  const t = tempDir()
  const core = newCore(t.dir, { now: () => clock })
  cleanups.push(t.cleanup, () => core.close())
  await setUpSchool(core)
  const pupils: Record<string, number> = {}
  const add = async (forename: string, surname: string, yearGroup: '4' | '9', regClass: string, misId: string, dateOfBirth: string) => {
    pupils[forename] = (await ok(core, 'people.create', { kind: 'pupil', forename, surname, dateOfBirth, yearGroup, regClass, misId })).id
  }
  await add('Amara', 'Okafor', '4', '4B', 'A100', '2017-03-02')
  await add('Ben', 'Hughes', '4', '4B', 'A101', '2017-05-11')
  await add('Chloe', 'Patel', '4', '4B', 'A102', '2016-12-30')
  await add('Dylan', 'Evans', '4', '4S', 'A103', '2017-01-20')
  await add('Erin', 'Walsh', '9', '9K', 'A104', '2012-02-14')
  return { core, pupils }
}

const parent = { givenBy: 'parent' as const, givenByName: 'Grace Okafor', method: 'paper' as const }

async function addUser(core: Core, role: 'office' | 'head' | 'dsl' | 'ict'): Promise<void> {
  await ok(core, 'users.create', { username: `user-${role}`, displayName: `A ${role}`, role, password: 'first given password here' })
}
/** Signs in as a new user and chooses their own password, as they would at first sign-in. */
const signInAs = async (core: Core, username: string) => {
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username, password: 'first given password here' })
  await ok(core, 'account.changePassword', { currentPassword: 'first given password here', newPassword: 'copper meadow sleepy anchor' })
}

describe('photo, video and publishing consent', () => {
  it('records and withdraws consent per pupil and purpose, keeping every answer as history and auditing each', async () => {
    const { core, pupils } = await school()
    const given = await ok(core, 'consent.record', { personId: pupils.Amara!, purpose: 'website', answer: 'yes', givenOn: '2026-09-08', ...parent })
    expect(given).toMatchObject({ purpose: 'website', answer: 'yes', givenBy: 'parent', givenByName: 'Grace Okafor', givenOn: '2026-09-08', method: 'paper', recordedBy: 'Bethan Manager' })
    await ok(core, 'consent.record', { personId: pupils.Amara!, purpose: 'press', answer: 'no', givenOn: '2026-09-08', ...parent })
    await ok(core, 'consent.withdraw', { personId: pupils.Amara!, purpose: 'website', givenOn: '2026-10-14', ...parent, method: 'screen', note: 'Phoned the office' })

    const full = await ok(core, 'consent.forPupil', { personId: pupils.Amara! })
    expect(full.pupil).toMatchObject({ name: 'Amara Okafor', classLabel: '4B, Year 4' })
    expect(Object.fromEntries(full.standings.map((s) => [s.purpose, s.state]))).toEqual({ website: 'withdrawn', newsletter: 'none', 'social-media': 'none', press: 'refused', recording: 'none' })
    expect(full.history.map((h) => [h.purpose, h.answer])).toEqual([
      ['website', 'withdrawn'],
      ['press', 'no'],
      ['website', 'yes'],
    ])
    const { db } = core.store.requireOpen()
    expect(await db('audit_log').whereLike('action', 'consent.%').orderBy('id').pluck('action')).toEqual(['consent.record', 'consent.record', 'consent.withdraw', 'consent.read'])
  })

  it('answers reception with the name, class and yes / no / not known per purpose, and nothing else', async () => {
    const { core, pupils } = await school()
    await ok(core, 'consent.record', { personId: pupils.Amara!, purpose: 'website', answer: 'yes', givenOn: '2026-09-08', ...parent })
    await ok(core, 'consent.record', { personId: pupils.Amara!, purpose: 'newsletter', answer: 'no', givenOn: '2026-09-08', ...parent })
    await addUser(core, 'office')
    await signInAs(core, 'user-office')
    const answers = await ok(core, 'consent.check', { text: 'amar oka' })
    expect(answers).toEqual([
      { personId: pupils.Amara!, name: 'Amara Okafor', classLabel: '4B, Year 4', answers: { website: 'yes', newsletter: 'no', 'social-media': 'not-known', press: 'not-known', recording: 'not-known' } },
    ])
    // The full records, the class sheet, the coverage and every write are not reception's.
    for (const method of ['consent.forPupil', 'consent.classStates', 'consent.coverage', 'consent.forms', 'consent.record', 'consent.withdraw', 'consent.recordClass', 'consent.import', 'consent.addForm'] as const) {
      expect((await refused(core, method, {})).kind, method).toBe('forbidden')
    }
    expect((await refused(core, 'consent.check', { text: 'a' })).message).toBe('Type at least two letters of the pupil’s name.')
  })

  it('lists who must not appear for a class, a year group or a chosen list: refused, withdrawn, lapsed or no answer', async () => {
    const { core, pupils } = await school()
    // Given last school year, entered today from an old form.
    await ok(core, 'consent.record', { personId: pupils.Chloe!, purpose: 'website', answer: 'yes', givenOn: '2025-09-09', ...parent })
    await ok(core, 'consent.record', { personId: pupils.Amara!, purpose: 'website', answer: 'yes', givenOn: '2026-09-08', ...parent })
    await ok(core, 'consent.record', { personId: pupils.Ben!, purpose: 'website', answer: 'no', givenOn: '2026-09-08', ...parent })
    await ok(core, 'consent.record', { personId: pupils.Dylan!, purpose: 'website', answer: 'yes', givenOn: '2026-09-08', ...parent })

    const cls = await ok(core, 'consent.mustNotAppear', { purpose: 'website', group: { yearGroup: '4', regClass: '4B' } })
    // Chloe's answer was last school year's: lapsed, so not known.
    expect(cls).toEqual({
      purpose: 'website',
      listLabel: '4B, Year 4',
      checked: 3,
      pupils: [
        { personId: pupils.Ben!, name: 'Ben Hughes', classLabel: '4B, Year 4', answer: 'no' },
        { personId: pupils.Chloe!, name: 'Chloe Patel', classLabel: '4B, Year 4', answer: 'not-known' },
      ],
    })
    const year = await ok(core, 'consent.mustNotAppear', { purpose: 'website', group: { yearGroup: '4' } })
    expect(year.checked).toBe(4)
    expect(year.pupils.map((p) => p.name)).toEqual(['Ben Hughes', 'Chloe Patel'])
    const trip = await ok(core, 'consent.mustNotAppear', { purpose: 'press', personIds: [pupils.Amara!, pupils.Erin!] })
    expect(trip.listLabel).toBe('2 chosen pupils')
    expect(trip.pupils.map((p) => [p.name, p.answer])).toEqual([
      ['Amara Okafor', 'not-known'],
      ['Erin Walsh', 'not-known'],
    ])
    expect((await refused(core, 'consent.mustNotAppear', { purpose: 'website', group: { yearGroup: '4', regClass: '4Z' } })).message).toBe('No pupil on roll is in 4Z, Year 4. Check the class or year group.')
    expect((await refused(core, 'consent.mustNotAppear', { purpose: 'website' })).message).toBe('Choose a class or year group, or a list of pupils.')
  })

  it('makes earlier answers lapse when a new form wording comes into force', async () => {
    const { core, pupils } = await school()
    await ok(core, 'consent.record', { personId: pupils.Amara!, purpose: 'website', answer: 'yes', givenOn: '2026-09-08', ...parent })
    await ok(core, 'consent.addForm', { version: 'October 2026', inForceFrom: '2026-10-12' })
    let standing = await ok(core, 'consent.forPupil', { personId: pupils.Amara! })
    expect(standing.standings.find((s) => s.purpose === 'website')!.state).toBe('lapsed')
    const again = await ok(core, 'consent.record', { personId: pupils.Amara!, purpose: 'website', answer: 'yes', givenOn: '2026-10-14', ...parent })
    expect(again.formVersion).toBe('October 2026')
    standing = await ok(core, 'consent.forPupil', { personId: pupils.Amara! })
    expect(standing.standings.find((s) => s.purpose === 'website')!.state).toBe('given')
    expect((await refused(core, 'consent.addForm', { version: 'october 2026', inForceFrom: '2026-10-13' })).kind).toBe('conflict')
  })

  it('records a class’s paper forms in one go, or nothing when one row is wrong', async () => {
    const { core, pupils } = await school()
    const { db } = core.store.requireOpen()
    const count = async () => Number(((await db('consent_answers').count({ n: '*' })) as { n: number }[])[0]!.n)
    const group = { yearGroup: '4' as const, regClass: '4B' }
    const wrong = await refused(core, 'consent.recordClass', {
      group,
      givenOn: '2026-09-10',
      method: 'paper',
      entries: [
        { personId: pupils.Amara!, givenByName: 'Grace Okafor', answers: { website: 'yes', press: 'no' } },
        { personId: pupils.Dylan!, givenByName: 'Tom Evans', answers: { website: 'yes' } },
      ],
    })
    expect(wrong).toMatchObject({ kind: 'validation', field: 'entries.1.personId', message: 'One of the pupils is not in 4B, Year 4 any more. Refresh the list and fill it in again.' })
    expect(await count()).toBe(0)
    const future = await refused(core, 'consent.recordClass', { group, givenOn: '2026-10-16', method: 'paper', entries: [{ personId: pupils.Amara!, givenByName: 'Grace Okafor', answers: { website: 'yes' } }] })
    expect(future.message).toBe('Amara Okafor: The answer cannot be dated after today (15/10/2026). Check the date on the form.')
    const done = await ok(core, 'consent.recordClass', {
      group,
      givenOn: '2026-09-10',
      method: 'paper',
      entries: [
        { personId: pupils.Amara!, givenByName: 'Grace Okafor', answers: { website: 'yes', press: 'no' } },
        { personId: pupils.Ben!, givenByName: 'Sam Hughes', answers: { website: 'yes', newsletter: 'yes', 'social-media': 'yes', press: 'yes', recording: 'yes' } },
      ],
    })
    expect(done).toEqual({ recorded: 7, pupils: 2 })
    expect(await count()).toBe(7)
    expect(await db('audit_log').where({ action: 'consent.record' }).count({ n: '*' })).toEqual([{ n: 7 }])
    const sheet = await ok(core, 'consent.classStates', { group })
    expect(sheet.map((r) => [r.name, r.states.website, r.states.press])).toEqual([
      ['Ben Hughes', 'given', 'given'],
      ['Amara Okafor', 'given', 'refused'],
      ['Chloe Patel', 'none', 'none'],
    ].sort((a, b) => a[0]!.split(' ')[1]!.localeCompare(b[0]!.split(' ')[1]!)))
  })

  it('refuses bad answers with a plain reason and changes nothing', async () => {
    const { core, pupils } = await school()
    const { db } = core.store.requireOpen()
    const young = await refused(core, 'consent.record', { personId: pupils.Amara!, purpose: 'website', answer: 'yes', givenOn: '2026-09-08', givenBy: 'pupil', givenByName: 'Amara Okafor', method: 'screen' })
    expect(young.message).toBe('Amara Okafor is too young to answer for themselves: a parent or carer gives consent until Year 8.')
    // A Year 9 pupil may answer for themselves.
    await ok(core, 'consent.record', { personId: pupils.Erin!, purpose: 'website', answer: 'yes', givenOn: '2026-09-08', givenBy: 'pupil', givenByName: 'Erin Walsh', method: 'screen' })
    expect((await refused(core, 'consent.record', { personId: pupils.Ben!, purpose: 'blog', answer: 'yes', givenOn: '2026-09-08', ...parent })).message).toBe(
      'Please choose what the consent is for: website, newsletter, social media, press or recording.',
    )
    expect((await refused(core, 'consent.record', { personId: pupils.Ben!, purpose: 'website', answer: 'yes', givenOn: '2026-02-30', ...parent })).message).toBe('2026-02-30 is not a day of the calendar. Check the date on the form.')
    expect((await refused(core, 'consent.withdraw', { personId: pupils.Ben!, purpose: 'press', givenOn: '2026-10-01', ...parent })).message).toBe(
      'Ben Hughes has no consent to withdraw for press: the register already says they must not appear.',
    )
    const manager = await db('people').where({ kind: 'pupil' }).count({ n: '*' })
    expect(manager).toEqual([{ n: 5 }])
    expect(await db('consent_answers').count({ n: '*' })).toEqual([{ n: 1 }])
    expect(await db('audit_log').whereLike('action', 'consent.%').count({ n: '*' })).toEqual([{ n: 1 }])
  })

  it('counts coverage per purpose for pupils on roll, leaving out pupils who have left', async () => {
    const { core, pupils } = await school()
    await ok(core, 'consent.record', { personId: pupils.Amara!, purpose: 'website', answer: 'yes', givenOn: '2026-09-08', ...parent })
    await ok(core, 'consent.record', { personId: pupils.Ben!, purpose: 'website', answer: 'no', givenOn: '2026-09-08', ...parent })
    await ok(core, 'consent.record', { personId: pupils.Erin!, purpose: 'website', answer: 'yes', givenOn: '2026-09-08', ...parent })
    await core.store.requireOpen().db('people').where({ id: pupils.Erin! }).update({ archived_at: '2026-10-01T00:00:00.000Z', left_on: '2026-09-30' })
    const website = (await ok(core, 'consent.coverage', {})).find((c) => c.purpose === 'website')
    expect(website).toEqual({ purpose: 'website', onRoll: 4, given: 1, refused: 1, withdrawn: 0, lapsed: 0, none: 2 })
    expect(await ok(core, 'consent.classes', {})).toEqual([
      { yearGroup: '4', regClass: '4B', label: '4B, Year 4', pupils: 3 },
      { yearGroup: '4', regClass: '4S', label: '4S, Year 4', pupils: 1 },
    ])
  })
})

describe('the consent reports', () => {
  it('prints who must not appear, class by class, signed (pdfsig valid), and the register summary', async () => {
    const { core, pupils } = await school()
    await ok(core, 'consent.recordClass', {
      group: { yearGroup: '4', regClass: '4B' },
      givenOn: '2026-09-10',
      method: 'paper',
      entries: [
        { personId: pupils.Amara!, givenByName: 'Grace Okafor', answers: { website: 'yes', newsletter: 'yes', 'social-media': 'yes', press: 'no', recording: 'yes' } },
        { personId: pupils.Ben!, givenByName: 'Sam Hughes', answers: { website: 'yes', newsletter: 'yes', 'social-media': 'yes', press: 'yes', recording: 'yes' } },
      ],
    })
    const t = tempDir()
    cleanups.push(t.cleanup)
    const out = join(t.dir, 'reports')
    const { file } = await issueReport(core, { type: 'consent-must-not-appear' }, out)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    qpdfCheck(file)
    const text = pdftotext(file).replace(/\s+/g, ' ')
    expect(text).toContain('4B, Year 4: 2 of 3 pupils must not appear for one use or more')
    expect(text).toMatch(/Amara Okafor Yes Yes Yes NO Yes/)
    expect(text).toMatch(/Chloe Patel Not known Not known Not known Not known Not known/)
    expect(text).not.toMatch(/Ben Hughes/)
    expect(text).toContain('4S, Year 4: 1 of 1 pupils must not appear')
    const onlyOne = await issueReport(core, { type: 'consent-must-not-appear', group: { kind: 'class', yearGroup: '4', regClass: '4S' } }, out)
    expect(pdftotext(onlyOne.file)).not.toContain('4B, Year 4')

    const register = await issueReport(core, { type: 'consent-register' }, out)
    expect(pdfsig(register.file)).toContain('Signature is Valid.')
    const summary = pdftotext(register.file).replace(/\s+/g, ' ')
    expect(summary).toContain('Pupils on roll on 15 October 2026: 5.')
    expect(summary).toMatch(/School website 2 0 0 0 3/)
    expect(summary).toMatch(/Press 1 1 0 0 3/)
    expect(summary).toMatch(/4B, Year 4 3 2 2 2 1 2/)
  })
})
