import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/index'
import type { DemoScale } from '../../electron/core/demo/demo'
import { newCore, ok, setUpSchool, tempDir } from './helpers'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

// A Tuesday in term (UK time is GMT in November).
const NOW = Date.parse('2026-11-24T10:30:00Z')
/** Words with no place in each phase's records. */
const FOREIGN: Record<DemoScale, RegExp> = { small: /\bYear (?:[7-9]|1[0-3])\b|sixth form|Key Stage [345]\b|form tutor/i, large: /\bYear [1-6]\b|Key Stage [12]\b|class teacher|iPads/i }

// The small school only: the large one takes about four minutes to seed here. Its alert words come from the same list, its review's from SCHOOL.secondary in demo-fm.ts.
describe.each(['small'] as const)('the %s demo school’s filtering and monitoring', (scale) => {
  it('names the four responsibilities, holds an October review each year with its actions, and has a term of alerts that fit the phase', async () => {
    const t = tempDir()
    const core = newCore(t.dir, { now: () => NOW })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    await seedDemo(core, { scale, password: DEMO_PASSWORD })
    const view = await ok(core, 'fm.overview', {})
    expect(view.roles.map((r) => r.role)).toEqual(['slt', 'governor', 'dsl', 'it-provider'])
    const people = await ok(core, 'people.get', { id: view.roles[0]!.personId! })
    expect(people.jobTitle).toBe('Deputy Headteacher')
    expect((await ok(core, 'people.get', { id: view.roles[1]!.personId! })).kind).toBe('governor')
    expect(view.reviews.map((r) => r.reviewedOn)).toEqual(['2026-10-14', '2025-10-14'])
    // Last year's actions are all done; this year's first is done, the later ones are not yet due.
    expect(view.reviews.map((r) => [r.actions, r.actionsOpen])).toEqual([[4, 3], [2, 0]])
    expect(view.nextReviewOn).toBe('2027-10-14')
    const alerts = await ok(core, 'fm.alerts', { limit: 500 })
    const { db } = core.store.requireOpen()
    const recount = Number(((await db('fm_alerts').count({ n: '*' })) as { n: number }[])[0]!.n)
    expect(alerts.total).toBe(recount)
    expect(alerts.total).toBeGreaterThan(scale === 'small' ? 7 : 23)
    for (const a of alerts.rows) {
      expect(a.alertedOn <= '2026-11-24' && a.alertedOn >= '2026-08-16').toBe(true)
      expect(`${a.source} ${a.what} ${a.deviceOrUser} ${a.closedReason ?? ''}`).not.toMatch(FOREIGN[scale])
      if (a.state === 'incident') expect(a.incidentReference).toMatch(/^INC-/)
      if (a.state === 'open') expect(a.alertedOn >= '2026-11-21').toBe(true)
    }
    const texts = [...view.roles.map((r) => r.responsibilities), ...(await Promise.all(view.reviews.map(async (r) => JSON.stringify(await ok(core, 'fm.review', { id: r.id })))))]
    for (const text of texts) expect(text).not.toMatch(FOREIGN[scale])
  }, 300_000)
})
