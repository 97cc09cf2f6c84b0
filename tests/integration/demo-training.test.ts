import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, type DemoScale } from '../../electron/core/demo/index'
import { demoContext } from '../../electron/core/demo/demo'
import { newCore, ok, setUpSchool, tempDir } from './helpers'

// The demo school's training must read true to governors: worked out here from the overview the
// screen shows, not from the seeder's own choices.

const NOW = Date.parse('2026-11-24T10:30:00Z')
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe.each(['small', 'large'] as DemoScale[])('the %s demo school’s training', (scale) => {
  it('has most staff up to date, a few overdue, a new starter without induction, the DSL’s two-yearly course and governors trained; seeding again adds nothing', async () => {
    const t = tempDir(`osr-demo-training-${scale}-`)
    const core = newCore(t.dir, { now: () => NOW })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const ctx = demoContext(core, scale, DEMO_PASSWORD)
    const seeders = core.features.demo.filter((s) => ['Users', 'People, agreements and visits', 'Training'].includes(s.name))
    expect(seeders.map((s) => s.name)).toEqual(['Users', 'People, agreements and visits', 'Training'])
    for (const seeder of seeders) await seeder.seed(ctx)

    const { people } = await ok(core, 'training.overview', {})
    const staff = people.filter((p) => p.kind === 'staff')
    const refresher = staff.map((p) => p.needs.find((n) => n.requirement === 'refresher')!)
    const overdue = refresher.filter((n) => n.state === 'overdue').length
    expect(overdue).toBeGreaterThan(0)
    expect(overdue / staff.length).toBeLessThan(0.25)
    expect(refresher.filter((n) => n.state === 'up-to-date').length / staff.length).toBeGreaterThan(0.6)

    const starters = people.filter((p) => p.needs.some((n) => n.requirement === 'induction' && n.lastOn === null))
    expect(starters).toHaveLength(1)
    const dsl = people.filter((p) => p.designation === 'dsl')
    expect(dsl).toHaveLength(1)
    const dslTraining = dsl[0]!.needs.find((n) => n.requirement === 'dsl-training')!
    expect(dslTraining.state).toBe('up-to-date')
    // The course two years apart: last done between one and two years ago.
    expect(dslTraining.lastOn! < '2025-11-24' && dslTraining.lastOn! > '2024-11-24').toBe(true)

    const governors = people.filter((p) => p.kind === 'governor').map((p) => p.needs.find((n) => n.requirement === 'governor')!)
    expect(governors.filter((n) => n.state !== 'overdue').length).toBeGreaterThan(governors.length / 2)

    // Every session on a weekday, none in the future.
    const days = (await core.store.requireOpen().db('training_records').distinct('completed_on').pluck('completed_on')) as string[]
    for (const day of days) {
      expect(day <= '2026-11-24').toBe(true)
      expect([0, 6]).not.toContain(new Date(`${day}T12:00:00Z`).getUTCDay())
    }
    const before = Number(((await core.store.requireOpen().db('training_records').count({ n: '*' })) as { n: number }[])[0]!.n)
    expect(await seeders[2]!.seed(ctx)).toEqual(['Training already there, left as it was.'])
    expect(Number(((await core.store.requireOpen().db('training_records').count({ n: '*' })) as { n: number }[])[0]!.n)).toBe(before)
  })
})
