import { afterEach, describe, expect, it } from 'vitest'
import { seedDemo } from '../../electron/core/demo/index'
import type { Core } from '../../electron/core/core'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'

/** Late in the school year 2025–26: the small demo's incidents fall in the twelve months before. */
const TODAY = Date.parse('2026-07-20T10:00:00Z')

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/**
 * Every forename and surname of the demo school's people and users, read from the register: each
 * part of a name on its own ("Llewellyn-Jones" gives "Llewellyn" and "Jones"), whole names too.
 * Particles printed in lower case ("ap") and the two-letter "St" of "St John" are not names on
 * their own; the whole names that carry them are still looked for.
 */
async function namesInRegister(core: Core): Promise<string[]> {
  const { db } = core.store.requireOpen()
  const people = (await db('people').select('forename', 'surname', 'preferred_forename', 'preferred_surname')) as Record<string, string | null>[]
  const users = (await db('users').pluck('display_name')) as string[]
  const whole = [...people.flatMap((p) => [p['forename'], p['surname'], p['preferred_forename'], p['preferred_surname']]), ...users].filter((x): x is string => !!x)
  const parts = whole.flatMap((name) => name.split(/[\s-]+/)).filter((part) => /^\p{Lu}/u.test(part) && part !== 'St' && part.replace(/\P{L}/gu, '').length >= 2)
  return [...new Set([...whole, ...parts])]
}

/** The names found in a report's text, each as a word of its own (case as written: "Hall" is a name, "hall" a room). */
function namesIn(text: string, names: readonly string[]): string[] {
  return names.filter((name) => new RegExp(`(?<![\\p{L}’'])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(text))
}

describe('anonymised copies of the demo school’s reports', () => {
  it('the annual pack, the Appendix 4 log and an incident record name nobody: not the pupils, staff, the producer or any head; small counts say “fewer than 5”', async () => {
    const t = tempDir('osr-anon-')
    const core = newCore(t.dir, { now: () => TODAY })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    await seedDemo(core, { scale: 'small' })

    // Free text that names people in the directory and the users, as a head might write it.
    const pupil = ((await core.store.requireOpen().db('people').where({ kind: 'pupil' }).orderBy('id').first('forename', 'surname')) as { forename: string; surname: string })
    const staff = ((await core.store.requireOpen().db('people').where({ kind: 'staff' }).orderBy('id').first('forename', 'surname')) as { forename: string; surname: string })
    const head = ((await core.store.requireOpen().db('users').where({ role: 'head' }).first('display_name')) as { display_name: string }).display_name
    await ok(core, 'annualReview.saveCommentary', {
      startYear: 2025,
      commentary: `${pupil.forename} ${pupil.surname} led the digital leaders; ${staff.forename} ran the parents’ evening with ${head}.`,
      priorities: `Train every tutor; ${pupil.forename} to help.`,
      headName: '',
      chairName: 'Eleri Morgan',
    })
    const names = [...(await namesInRegister(core)), 'Eleri', 'Morgan']
    expect(names).toContain(MANAGER.displayName)
    expect(names).toContain(head)

    const pack = await issueReport(core, { type: 'annual-review', from: '2025-09-01', to: '2026-08-31', anonymised: true }, t.dir)
    const log = await issueReport(core, { type: 'incident-log', from: '2024-09-01', to: '2026-07-20', anonymised: true }, t.dir)
    // The incident that names the most people.
    const { rows } = await ok(core, 'incidents.list', { limit: 200 })
    const named = [...rows].sort((a, b) => b.peopleNames.length - a.peopleNames.length)[0]!
    expect(named.peopleNames.length).toBeGreaterThan(0)
    const record = await issueReport(core, { type: 'incident-record', recordId: named.id, anonymised: true }, t.dir)

    for (const copy of [pack, log, record]) {
      expect(copy.report.anonymised).toBe(true)
      expect(pdfsig(copy.file)).toContain('Signature is Valid.')
      const text = pdftotext(copy.file)
      expect(namesIn(text, names), copy.report.title).toEqual([])
      // Signed by the school, entered in its register: the block names no person.
      expect(text).toContain('the business manager')
    }

    // The register and the audit trail say each copy was anonymised.
    const register = await ok(core, 'reports.register', { offset: 0, limit: 10 })
    expect(register.rows.filter((r) => r.anonymised).map((r) => r.type).sort()).toEqual(['annual-review', 'incident-log', 'incident-record'])
    const trail = await ok(core, 'audit.list', { offset: 0, limit: 50 })
    expect(trail.rows.filter((r) => r.action === 'report.issueAnonymised').map((r) => r.target)).toEqual([`incident-record:${named.id}`, 'incident-log', 'annual-review'])

    const packText = pdftotext(pack.file)
    expect(packText).toMatch(/a (Year \d+|Reception) pupil led the digital leaders/)
    // Counts under 5 say so; none of the small ones is printed as a number.
    const figures = await ok(core, 'annualReview.figures', { startYear: 2025 })
    const small = figures.incidents.byYearGroup.filter((g) => g.count > 0 && g.count < 5)
    expect(small.length + figures.incidents.referrals.filter((r) => r.count > 0 && r.count < 5).length).toBeGreaterThan(0)
    for (const g of small) {
      expect(packText).toContain(`${g.yearGroup} fewer than 5`)
      expect(packText).not.toContain(`${g.yearGroup} ${g.count} `)
    }
    for (const r of figures.incidents.referrals.filter((x) => x.count > 0 && x.count < 5)) expect(packText).toContain(`${r.agency} fewer than 5`)
  }, 180_000)
})
