import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/index'
import { ROLES } from '../../shared/domain/roles'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

// Seeding the large school (ten years of every record kind) takes 30-60 s: it runs with
// OSR_LONG_TESTS=1. Each feature's own test seeds its records at both sizes, and `npm run bench`
// seeds the large people and incidents.
const LONG = process.env['OSR_LONG_TESTS'] === '1'

describe('demo records', () => {
  it.runIf(LONG)('large: a realistic office of every role, through the API; seeding again adds nothing twice', async () => {
    const t = tempDir()
    const core = newCore(t.dir)
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)

    const report = await seedDemo(core, { scale: 'large' })
    expect(report.password).toBe(DEMO_PASSWORD)
    const users = (await ok(core, 'users.list', {})).rows
    const count = (role: string) => users.filter((u) => u.role === role).length
    expect(Object.fromEntries(ROLES.map((r) => [r, count(r)]))).toEqual({ manager: 2, head: 2, dsl: 3, ict: 2, office: 6 })
    expect(users.map((u) => u.displayName)).toEqual(expect.arrayContaining(['Siân Griffiths', 'Łukasz Kowalski', 'Zoë Fairbairn', "Seán O'Brien", 'Aoife O’Connor']))
    expect(users.filter((u) => u.username !== MANAGER.username).every((u) => u.mustChangePassword)).toBe(true)
    expect((await ok(core, 'audit.list', { text: 'user.create', offset: 0, limit: 50 })).total).toBe(1 + 14)

    const again = await seedDemo(core, { scale: 'large' })
    expect(again.sections[0]!.lines).toEqual(['14 demo user(s) already there, left as they were.'])
    expect((await ok(core, 'users.list', {})).rows).toHaveLength(users.length)

    // A demo user signs in with the shared password (and must then choose their own).
    await ok(core, 'session.lock', {})
    expect(await ok(core, 'session.login', { username: 'l.kowalski', password: DEMO_PASSWORD })).toMatchObject({ role: 'ict', mustChangePassword: true })
  })
})
