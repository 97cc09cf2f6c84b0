import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/index'
import type { DemoScale } from '../../electron/core/demo/demo'
import { isSchoolDay } from '../../electron/core/demo/phase'
import { newCore, ok, setUpSchool, tempDir } from './helpers'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

// A Tuesday in term (UK time is GMT in November).
const NOW = Date.parse('2026-11-24T10:30:00Z')
/** Words with no place in each phase's records. */
const FOREIGN: Record<DemoScale, RegExp> = { small: /\bYear (?:[7-9]|1[0-3])\b|sixth form|Key Stage [345]\b|form tutor|GCSE/i, large: /\bYear [1-6]\b|Key Stage [12]\b|class teacher|iPads|phonics/i }

// The small school only: the large one takes minutes to seed here, and the seeder's words are the same for both.
describe.each(['small'] as const)('the %s demo school’s governor oversight', (scale) => {
  it('holds a meeting each term with the governor named for filtering and monitoring, actions done or still due, and an annual review priority', async () => {
    const t = tempDir()
    const core = newCore(t.dir, { now: () => NOW })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    await seedDemo(core, { scale, password: DEMO_PASSWORD })
    const view = await ok(core, 'oversight.overview', {})
    const governor = (await ok(core, 'fm.overview', {})).roles.find((r) => r.role === 'governor')!.name
    expect(view.meetings.map((m) => m.metOn.slice(0, 7))).toEqual(['2026-11', '2026-06', '2026-03', '2025-11'])
    for (const m of view.meetings) {
      expect(isSchoolDay(m.metOn), m.metOn).toBe(true)
      expect(m.governor).toBe(governor)
      expect(m.notes).not.toMatch(FOREIGN[scale])
    }
    // Everything due more than a week ago is done; nothing is done before it was set or after today.
    const { db } = core.store.requireOpen()
    const recount = Number(((await db('oversight_actions').count({ n: '*' })) as { n: number }[])[0]!.n)
    expect(view.actions).toHaveLength(recount)
    for (const a of view.actions) {
      expect(a.action).not.toMatch(FOREIGN[scale])
      if (a.dueOn < '2026-11-17') expect(a.doneOn, a.action).not.toBeNull()
      if (a.doneOn) expect(a.doneOn >= (a.meetingOn ?? '2026-11-24') || a.source !== 'meeting').toBe(true)
      if (a.doneOn) expect(a.doneOn <= '2026-11-24').toBe(true)
    }
    expect(view.actions.filter((a) => a.source === 'annual-pack').map((a) => a.packYear)).toEqual([2025])
    expect(view.actions.some((a) => a.doneOn === null)).toBe(true)
  }, 300_000)
})
