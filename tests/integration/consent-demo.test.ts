import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, type DemoScale } from '../../electron/core/demo/index'
import { demoContext } from '../../electron/core/demo/demo'
import { newCore, ok, setUpSchool, tempDir } from './helpers'

// The demo schools' consent must read true to governors: checked here against the directory and
// what the register's own screens answer, not against the seeder's choices.

/** A Tuesday in term, half past ten (UK time is GMT in November). */
const NOW = Date.parse('2026-11-24T10:30:00Z')
const TODAY = '2026-11-24'
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface Answer {
  person_id: number
  purpose: string
  answer: string
  given_by: string
  given_on: string
  year_group: string
  left_on: string | null
  archived_at: string | null
  kind: string
}

const yearNumber = (y: string) => (y === 'R' ? 0 : Number(y))
const schoolYearOf = (day: string) => Number(day.slice(0, 4)) - (day.slice(5) < '09-01' ? 1 : 0)

describe.each(['small', 'large'] as DemoScale[])('the %s demo school’s photo consent', (scale) => {
  it('asks every family each September, most say yes, some refuse the press or social media, a few withdraw; older pupils answer for themselves; seeding again adds nothing', async () => {
    const t = tempDir(`osr-demo-consent-${scale}-`)
    const core = newCore(t.dir, { now: () => NOW })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const ctx = demoContext(core, scale, DEMO_PASSWORD)
    const seeders = core.features.demo.filter((s) => ['Users', 'People, agreements and visits', 'Photo consent'].includes(s.name))
    expect(seeders.map((s) => s.name)).toEqual(['Users', 'People, agreements and visits', 'Photo consent'])
    for (const seeder of seeders) await seeder.seed(ctx)

    const { db } = core.store.requireOpen()
    const answers = (await db('consent_answers as c')
      .join('people as p', 'p.id', 'c.person_id')
      .select('c.person_id', 'c.purpose', 'c.answer', 'c.given_by', 'c.given_on', 'p.year_group', 'p.left_on', 'p.archived_at', 'p.kind')
      .orderBy(['c.person_id', 'c.purpose', 'c.given_on', 'c.id'])) as Answer[]
    expect(answers.length).toBeGreaterThan(100)
    for (const a of answers) {
      expect(a.kind).toBe('pupil')
      // On a weekday of the autumn term (or a withdrawal later), never in the future, and before a leaver left.
      expect(a.given_on <= TODAY).toBe(true)
      if (a.answer !== 'withdrawn') {
        expect(a.given_on.slice(5, 7)).toBe('09')
        expect([0, 6]).not.toContain(new Date(`${a.given_on}T12:00:00Z`).getUTCDay())
      }
      if (a.left_on) expect(a.given_on < a.left_on).toBe(true)
      // Only pupils old enough answer for themselves, in the year group they were in then.
      if (a.given_by === 'pupil') {
        const yearsAgo = a.left_on ? schoolYearOf(a.left_on) - schoolYearOf(a.given_on) : schoolYearOf(TODAY) - schoolYearOf(a.given_on)
        expect(yearNumber(a.year_group) - yearsAgo).toBeGreaterThanOrEqual(8)
      }
    }
    // A primary's families answer for their children; a secondary's oldest pupils often answer for themselves.
    const own = answers.filter((a) => a.given_by === 'pupil').length
    if (scale === 'small') expect(own).toBe(0)
    else expect(own).toBeGreaterThan(0)
    // A few withdrawals, each following a yes for the same use.
    expect(answers.filter((a) => a.answer === 'withdrawn').length).toBeGreaterThan(0)
    for (const [i, a] of answers.entries()) {
      if (a.answer !== 'withdrawn') continue
      const before = answers[i - 1]!
      expect([before.person_id, before.purpose, before.answer]).toEqual([a.person_id, a.purpose, 'yes'])
      expect(a.given_on > before.given_on).toBe(true)
    }

    // What the register shows: most pupils may appear on the website, fewer in the press, and some forms are not back.
    const coverage = Object.fromEntries((await ok(core, 'consent.coverage', {})).map((c) => [c.purpose, c]))
    const share = (purpose: string, state: 'given' | 'none' | 'refused') => coverage[purpose]![state] / coverage[purpose]!.onRoll
    expect(share('website', 'given')).toBeGreaterThan(0.65)
    expect(share('press', 'given')).toBeLessThan(share('website', 'given'))
    expect(share('website', 'none')).toBeGreaterThan(0.03)
    expect(share('press', 'refused')).toBeGreaterThan(0.1)
    // Last year's answers are history: lapsed now, and not deleted.
    expect(answers.some((a) => schoolYearOf(a.given_on) === schoolYearOf(TODAY) - 1)).toBe(true)

    const before = answers.length
    expect(await seeders[2]!.seed(ctx)).toEqual(['Consent answers are already there, left as they were.'])
    expect(Number(((await db('consent_answers').count({ n: '*' })) as { n: number }[])[0]!.n)).toBe(before)
  })
})
