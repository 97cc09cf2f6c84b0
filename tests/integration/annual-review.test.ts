import { openReferralAgency } from '../../electron/core/incidents/incident-keys'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { REFERRAL_STEPS } from '../../electron/core/annual-review/annual-figures'
import { DEMO_PASSWORD, DEMO_SEEDERS, seedDemo } from '../../electron/core/demo/index'
import { demoContext } from '../../electron/core/demo/demo'
import { seedIncidentsDemo } from '../../electron/core/incidents/demo-incidents'
import { academicYearContaining, OVERDUE_ACTION_DAYS, type AnnualFigures } from '../../shared/domain/annual-review'
import { MANAGER, newCore, ok, refused, setUpSchool, tempDir } from './helpers'
import { issueReport, pdfsig, pdftotext, qpdfCheck } from './pdf-tools'

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

const TODAY = Date.parse('2026-11-24T10:00:00Z')
/** Seeding the ten-year large school takes about a minute: OSR_LONG_TESTS=1 runs that variant. */
const LONG = process.env['OSR_LONG_TESTS'] === '1'
const DAY = 86_400_000
/** The school year the pack is tested on, and the year the small demo's incidents are centred in. */
const YEAR = 2025

/**
 * A small school with every record kind: the demo seeders (people, agreements, visits, reviews,
 * checks, filtering, permissions), and a year of incidents ending in June 2026 so that both 2025–26
 * and 2024–25 have entries (two years of 60), some still open and recorded long enough ago for their actions to be overdue.
 * (The bench builds the pack on the ten-year large school.)
 */
async function schoolWithRecords(): Promise<{ core: Core; dir: string }> {
  const t = tempDir('osr-annual-')
  let clock = TODAY
  const core = newCore(t.dir, { now: () => clock })
  cleanups.push(t.cleanup, () => core.close())
  await setUpSchool(core)
  const ctx = demoContext(core, 'small', DEMO_PASSWORD)
  for (const seeder of DEMO_SEEDERS) if (seeder.name !== 'Incident log') await seeder.seed(ctx)
  clock = Date.parse('2026-06-15T10:00:00Z')
  await seedIncidentsDemo(core.store, 'small', { now: clock, years: 2, perYear: 60 })
  clock = TODAY
  return { core, dir: t.dir }
}

type Row = Record<string, string | number | null>
async function rows(core: Core, sql: string, ...bindings: (string | number)[]): Promise<Row[]> {
  return (await core.store.requireOpen().db.raw(sql, bindings)) as Row[]
}
async function count(core: Core, sql: string, ...bindings: (string | number)[]): Promise<number> {
  return Number((await rows(core, sql, ...bindings))[0]!['n'])
}
const asMap = (list: Row[], key: string) => Object.fromEntries(list.map((r) => [String(r[key]), Number(r['n'])]))
const nonZero = <T extends { count: number }>(list: T[]) => list.filter((x) => x.count > 0)

/** Every figure counted again, each with its own query against the tables (not through the core's code). */
async function recount(core: Core, f: AnnualFigures) {
  const { from, to } = f.year
  const before = f.previousYear
  const i = f.incidents

  expect(i.total).toBe(await count(core, 'SELECT count(*) n FROM incidents WHERE occurred_on BETWEEN ? AND ?', from, to))
  expect(i.previousTotal).toBe(await count(core, 'SELECT count(*) n FROM incidents WHERE occurred_on BETWEEN ? AND ?', before.from, before.to))
  expect(i.onSite).toBe(await count(core, 'SELECT count(*) n FROM incidents WHERE on_site = 1 AND occurred_on BETWEEN ? AND ?', from, to))
  expect(i.offSite).toBe(await count(core, 'SELECT count(*) n FROM incidents WHERE on_site = 0 AND occurred_on BETWEEN ? AND ?', from, to))
  expect(i.imported).toBe(await count(core, 'SELECT count(*) n FROM incidents WHERE imported = 1 AND occurred_on BETWEEN ? AND ?', from, to))

  const byCategory = (a: string, b: string) => rows(core, 'SELECT c.name, count(*) n FROM incidents i JOIN incident_categories c ON c.id = i.category_id WHERE i.occurred_on BETWEEN ? AND ? GROUP BY c.name', a, b)
  expect(Object.fromEntries(nonZero(i.byCategory.map((c) => ({ label: c.label, count: c.count }))).map((c) => [c.label, c.count]))).toEqual(asMap(await byCategory(from, to), 'name'))
  expect(Object.fromEntries(i.byCategory.filter((c) => c.previous > 0).map((c) => [c.label, c.previous]))).toEqual(asMap(await byCategory(before.from, before.to), 'name'))

  const byMonth = asMap(await rows(core, "SELECT CAST(strftime('%m', occurred_on) AS INTEGER) month, count(*) n FROM incidents WHERE occurred_on BETWEEN ? AND ? GROUP BY month", from, to), 'month')
  const byMonthBefore = asMap(await rows(core, "SELECT CAST(strftime('%m', occurred_on) AS INTEGER) month, count(*) n FROM incidents WHERE occurred_on BETWEEN ? AND ? GROUP BY month", before.from, before.to), 'month')
  const months = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8]
  expect(i.byMonth.map((m) => m.count)).toEqual(months.map((m) => byMonth[m] ?? 0))
  expect(i.byMonth.map((m) => m.previous)).toEqual(months.map((m) => byMonthBefore[m] ?? 0))

  // Still open, and the steps still to do: the category's procedure less the steps marked done or not needed.
  const open = await rows(
    core,
    `SELECT i.reference, date(i.recorded_at) recorded,
            (SELECT count(*) FROM json_each(c.steps) s
              WHERE s.value NOT IN (SELECT step FROM incident_steps t WHERE t.incident_id = i.id AND t.state IN ('done', 'not-needed'))) n
       FROM incidents i JOIN incident_categories c ON c.id = i.category_id
      WHERE i.status = 'open' AND i.occurred_on BETWEEN ? AND ? ORDER BY i.occurred_on, i.id`,
    from,
    to,
  )
  expect(i.open.map((o) => [o.reference, o.stepsToDo])).toEqual(open.map((o) => [o['reference'], Number(o['n'])]))
  const overdue = open.filter((o) => (Date.parse(`${f.drawnOn}T00:00:00Z`) - Date.parse(`${o['recorded']}T00:00:00Z`)) / DAY > OVERDUE_ACTION_DAYS).reduce((s, o) => s + Number(o['n']), 0)
  expect(i.overdueActions).toBe(overdue)

  // The agency is encrypted with each incident's data key: opened, then counted.
  const made = await rows(core, 'SELECT r.incident_id, r.key, r.agency, i.reference, i.data_key FROM incident_referrals r JOIN incidents i ON i.id = r.incident_id WHERE r.made_on BETWEEN ? AND ?', from, to)
  const agencies: Record<string, number> = {}
  for (const r of made) {
    const agency = openReferralAgency(core.store, r as { incident_id: number; key: string; agency: string; reference: string; data_key: string })
    agencies[agency] = (agencies[agency] ?? 0) + 1
  }
  expect(Object.fromEntries(i.referrals.map((r) => [r.agency, r.count]))).toEqual(agencies)
  expect(i.referralsTotal).toBe(await count(core, 'SELECT count(*) n FROM incident_referrals WHERE made_on BETWEEN ? AND ?', from, to))
  const steps = REFERRAL_STEPS.map(() => '?').join(', ')
  expect(i.notReferredTotal).toBe(
    await count(core, `SELECT count(*) n FROM incident_steps s JOIN incidents i ON i.id = s.incident_id WHERE s.state = 'not-needed' AND s.step IN (${steps}) AND i.occurred_on BETWEEN ? AND ?`, ...REFERRAL_STEPS, from, to),
  )

  // Agreements: the people in each group, and who has agreed the version that applies to them now.
  const people = asMap(await rows(core, "SELECT CASE WHEN kind = 'pupil' THEN 'Year ' || year_group ELSE kind END g, count(*) n FROM people WHERE archived_at IS NULL AND kind <> 'visitor' GROUP BY g"), 'g')
  const kindGroup: Record<string, string> = { Staff: 'staff', Governors: 'governor', Volunteers: 'volunteer', Contractors: 'contractor' }
  expect(Object.fromEntries(f.aup.groups.map((g) => [kindGroup[g.group] ?? g.group.replace('Reception', 'Year R'), g.people]))).toEqual(people)
  for (const g of f.aup.groups) expect(g.agreed + g.due + g.never).toBe(g.people)
  const agreedCurrent = await count(
    core,
    `WITH cur AS (
       SELECT a.audience, v.id, v.effective_from FROM aup_versions v JOIN aup_version_audiences a ON a.version_id = v.id
        WHERE v.effective_from <= ? AND NOT EXISTS (SELECT 1 FROM aup_versions v2 JOIN aup_version_audiences a2 ON a2.version_id = v2.id
          WHERE a2.audience = a.audience AND v2.effective_from <= ? AND (v2.effective_from > v.effective_from OR (v2.effective_from = v.effective_from AND v2.id > v.id)))),
     who AS (
       SELECT p.id, CASE p.kind WHEN 'staff' THEN 'staff' WHEN 'governor' THEN 'governors' WHEN 'volunteer' THEN 'volunteers' WHEN 'contractor' THEN 'contractors'
              ELSE CASE WHEN p.year_group IN ('R', '1', '2') THEN 'pupils-eyfs-ks1' WHEN p.year_group IN ('3', '4', '5', '6') THEN 'pupils-ks2' ELSE 'pupils-ks3-5' END END audience
         FROM people p WHERE p.archived_at IS NULL AND p.kind <> 'visitor')
     SELECT count(*) n FROM who w JOIN cur ON cur.audience = w.audience
      WHERE EXISTS (SELECT 1 FROM agreements g JOIN aup_versions v ON v.id = g.version_id JOIN aup_version_audiences va ON va.version_id = v.id AND va.audience = w.audience
                     WHERE g.person_id = w.id AND g.state = 'agreed' AND NOT EXISTS (SELECT 1 FROM agreements c WHERE c.supersedes_id = g.id)
                       AND (v.effective_from > cur.effective_from OR (v.effective_from = cur.effective_from AND v.id >= cur.id))
                       AND g.agreed_on >= coalesce((SELECT max(from_date) FROM aup_renewals r WHERE r.audience = w.audience AND r.from_date <= ?), ''))`,
    f.drawnOn,
    f.drawnOn,
    f.drawnOn,
  )
  expect(f.aup.groups.reduce((s, g) => s + g.agreed, 0)).toBe(agreedCurrent)
  const { start, end } = { start: new Date(Date.parse(`${from}T00:00:00+01:00`)).toISOString(), end: new Date(Date.parse(`${to}T24:00:00+01:00`)).toISOString() }
  expect(f.aup.visitsUsingIct).toBe(await count(core, 'SELECT count(*) n FROM visits WHERE uses_ict = 1 AND signed_in_at >= ? AND signed_in_at < ?', start, end))
  expect(f.aup.visitsUsingIctWithAgreement).toBe(await count(core, 'SELECT count(*) n FROM visits WHERE uses_ict = 1 AND agreement_id IS NOT NULL AND signed_in_at >= ? AND signed_in_at < ?', start, end))

  expect(f.reviews.done.length).toBe(await count(core, 'SELECT count(*) n FROM policy_reviews WHERE reviewed_on BETWEEN ? AND ?', from, to))
  expect(f.reviews.policies).toBe(await count(core, 'SELECT count(*) n FROM policies'))
  expect(f.reviews.next.filter((r) => r.overdue).length).toBe(await count(core, 'SELECT count(*) n FROM policies WHERE next_review_on < ?', f.drawnOn))

  // Checks: a monthly check's done periods are the distinct months with a check recorded; every
  // expected period is either done or named as missed.
  for (const r of f.checks.rows) expect(r.done + r.missed.length).toBe(r.expected)
  expect(f.checks.done).toBe(f.checks.rows.reduce((s, r) => s + r.done, 0))
  const monthly = await rows(core, "SELECT t.id, t.name FROM check_templates t JOIN check_rhythms r ON r.template_id = t.id WHERE r.rhythm = 'monthly'")
  for (const t of monthly) {
    const done = await count(core, 'SELECT count(DISTINCT substr(done_on, 1, 7)) n FROM check_occurrences WHERE template_id = ? AND done_on BETWEEN ? AND ?', Number(t['id']), from, to)
    expect(f.checks.rows.find((r) => r.name === t['name'])?.done ?? 0).toBe(done)
  }

  expect(Object.fromEntries(f.filtering.byChange.filter((c) => c.count).map((c) => [c.label, c.count]))).toEqual(
    Object.fromEntries(Object.entries(asMap(await rows(core, 'SELECT change, count(*) n FROM filtering_changes WHERE changed_on BETWEEN ? AND ? GROUP BY change', from, to), 'change')).map(([k, v]) => [k === 'block' ? 'Blocked' : 'Allowed', v])),
  )
  expect(f.filtering.total).toBe(await count(core, 'SELECT count(*) n FROM filtering_changes WHERE changed_on BETWEEN ? AND ?', from, to))

  const d = f.permissions.asOf
  const inForce = 'starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) AND (revoked_on IS NULL OR revoked_on > ?)'
  expect(f.permissions.inForceTotal).toBe(await count(core, `SELECT count(*) n FROM permissions WHERE ${inForce}`, d, d, d))
  expect(f.permissions.grantedInYear).toBe(await count(core, 'SELECT count(*) n FROM permissions WHERE starts_on BETWEEN ? AND ?', from, to))
  expect(f.permissions.revokedInYear).toBe(await count(core, 'SELECT count(*) n FROM permissions WHERE revoked_on BETWEEN ? AND ?', from, to))
  expect(f.permissions.scansInYear).toBe(await count(core, 'SELECT count(*) n FROM device_scans WHERE scanned_on BETWEEN ? AND ?', from, to))
  expect(f.permissions.scansWithProblems).toBe(await count(core, "SELECT count(*) n FROM device_scans WHERE result <> 'clean' AND scanned_on BETWEEN ? AND ?", from, to))
  const interval = 30
  expect(f.permissions.devicesNotCleared).toBe(
    await count(
      core,
      `SELECT count(*) n FROM permissions p WHERE kind = 'portable-media' AND ${inForce.replace(/(starts_on|ends_on|revoked_on)/g, 'p.$1')}
         AND NOT EXISTS (SELECT 1 FROM device_scans s WHERE s.permission_id = p.id AND s.scanned_on <= ? AND s.scanned_on >= date(?, '-${interval} days') AND s.result <> 'refused'
                          AND s.id = (SELECT s2.id FROM device_scans s2 WHERE s2.permission_id = p.id ORDER BY s2.scanned_on DESC, s2.id DESC LIMIT 1))`,
      d,
      d,
      d,
      d,
      d,
    ),
  )
}

describe('the annual online safety review', () => {
  it('counts every figure again with its own query, for the year and the one before, and prints them in a signed pack', async () => {
    const { core, dir } = await schoolWithRecords()
    const figures = await ok(core, 'annualReview.figures', { startYear: YEAR })
    // Real records in every part, so the recount below compares numbers, not zeros.
    expect(figures.incidents.total).toBeGreaterThan(30)
    expect(figures.incidents.previousTotal).toBeGreaterThan(0)
    expect(figures.incidents.referralsTotal).toBeGreaterThan(0)
    expect(figures.incidents.notReferredTotal).toBeGreaterThan(0)
    expect(figures.incidents.open.length).toBeGreaterThan(0)
    expect(figures.incidents.overdueActions).toBeGreaterThan(0)
    expect(figures.aup.groups.length).toBeGreaterThan(4)
    await recount(core, figures)
    // The current school year too (the demo's checks, filtering changes and permissions fall in it).
    const current = await ok(core, 'annualReview.figures', { startYear: academicYearContaining('2026-11-24').startYear })
    expect(current.checks.expected).toBeGreaterThan(0)
    expect(current.permissions.inForceTotal).toBeGreaterThan(0)
    await recount(core, current)

    await ok(core, 'annualReview.saveCommentary', {
      startYear: YEAR,
      commentary: 'A steady year. Filtering breaches rose after the new tablets arrived.',
      priorities: 'Train Year 7 tutors on reporting; review the tablet filtering profile.',
      headName: 'Dafydd ap Rhys',
      chairName: 'Ярослава Коваль',
    })
    const { file, report } = await issueReport(core, { type: 'annual-review', from: `${YEAR}-09-01`, to: `${YEAR + 1}-08-31` }, dir)
    expect(report.fileName).toBe('Annual online safety review School year 2025–26.pdf')
    expect(pdfsig(file)).toContain('Signature is Valid.')
    qpdfCheck(file)
    const text = pdftotext(file)
    const i = figures.incidents
    for (const words of [
      'Annual online safety review',
      'School year 2025–26',
      'Contents',
      `Incidents recorded ${i.total.toLocaleString('en-GB')} ${i.previousTotal.toLocaleString('en-GB')}`,
      `Referrals made to other agencies ${i.referralsTotal} `,
      `Decisions not to refer (with reasons) ${i.notReferredTotal} `,
      `Recurring checks done / expected ${figures.checks.done}/${figures.checks.expected}`,
      `Filtering changes ${figures.filtering.total} `,
      ...i.byCategory.map((c) => `${c.label} ${c.count} ${c.previous}`),
      ...i.referrals.map((r) => `${r.agency} ${r.count}`),
      ...i.open.map((o) => o.reference),
      ...figures.aup.groups.map((g) => `${g.group} ${g.people} ${g.agreed}`),
      'Filtering breaches rose after the new tablets arrived.',
      'Train Year 7 tutors on reporting',
      'Chair of governors',
      'Ярослава Коваль',
    ]) {
      expect(text).toContain(words)
    }
  }, 120_000)

  it.runIf(LONG)('on the ten-year large school: every figure recounted for two years, and the pack signed', async () => {
    const t = tempDir('osr-annual-large-')
    const core = newCore(t.dir, { now: () => TODAY })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    await seedDemo(core, { scale: 'large' })
    for (const startYear of [YEAR, YEAR - 1]) {
      const figures = await ok(core, 'annualReview.figures', { startYear })
      expect(figures.incidents.total).toBeGreaterThan(200)
      await recount(core, figures)
    }
    // How long it takes is measured by the bench (npm run bench), not here.
    const { file, report } = await issueReport(core, { type: 'annual-review', from: `${YEAR}-09-01`, to: `${YEAR + 1}-08-31` }, t.dir)
    expect(report.pageCount).toBeGreaterThan(8)
    expect(pdfsig(file)).toContain('Signature is Valid.')
  }, 300_000)

  it('keeps the commentary per year for the headteacher and business manager, shows it to the DSL, and refuses anything else', async () => {
    const t = tempDir('osr-annual-')
    const core = newCore(t.dir, { now: () => TODAY })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const empty = await ok(core, 'annualReview.commentary', { startYear: YEAR })
    expect(empty).toEqual({ startYear: YEAR, commentary: '', priorities: '', headName: '', chairName: '', updatedAt: null, updatedBy: null })

    for (const [role, username] of [['head', 'dhead'], ['dsl', 'sdsl'], ['ict', 'lict'], ['office', 'zoffice']] as const) {
      await ok(core, 'users.create', { username, displayName: `The ${role}`, role, password: 'plum kestrel ribbon tuesday' })
    }
    const saved = await ok(core, 'annualReview.saveCommentary', { startYear: YEAR, commentary: '  Draft by the office.  ', priorities: '', headName: '', chairName: '' })
    expect(saved).toMatchObject({ commentary: 'Draft by the office.', updatedBy: MANAGER.displayName, updatedAt: new Date(TODAY).toISOString() })
    const audits = await ok(core, 'audit.list', { text: 'annualReview.commentary', offset: 0, limit: 10 })
    expect(audits.total).toBe(1)

    // Each new account must choose its own password at first sign-in.
    const passwords = new Map<string, string>()
    const signInAs = async (username: string) => {
      await ok(core, 'session.lock', {})
      const known = passwords.get(username)
      await ok(core, 'session.login', { username, password: known ?? 'plum kestrel ribbon tuesday' })
      if (!known) {
        passwords.set(username, `${username} walnut cobalt meadow`)
        await ok(core, 'account.changePassword', { currentPassword: 'plum kestrel ribbon tuesday', newPassword: passwords.get(username)! })
      }
    }
    await signInAs('dhead')
    const head = await ok(core, 'annualReview.saveCommentary', { startYear: YEAR, commentary: 'The head’s words.', priorities: 'Three priorities.', headName: 'The head', chairName: 'Mrs Chair' })
    expect(head.updatedBy).toBe('The head')
    expect(await ok(core, 'annualReview.commentary', { startYear: YEAR + 1 })).toMatchObject({ commentary: '', headName: 'The head' })

    await signInAs('sdsl')
    expect(await ok(core, 'annualReview.commentary', { startYear: YEAR })).toMatchObject({ commentary: 'The head’s words.', chairName: 'Mrs Chair' })
    expect((await refused(core, 'annualReview.saveCommentary', { startYear: YEAR, commentary: 'x', priorities: '', headName: '', chairName: '' })).kind).toBe('forbidden')
    await signInAs('lict')
    expect((await refused(core, 'annualReview.figures', { startYear: YEAR })).kind).toBe('forbidden')
    expect((await refused(core, 'reports.start', { type: 'annual-review', from: '2025-09-01', to: '2026-08-31', anonymised: false })).kind).toBe('forbidden')
    await signInAs('zoffice')
    expect((await refused(core, 'annualReview.commentary', { startYear: YEAR })).kind).toBe('forbidden')
    expect((await refused(core, 'dashboard.get', {})).kind).toBe('forbidden')

    // Bad input changes nothing, and says what is wrong in plain words.
    await signInAs('dhead')
    const tooLong = await refused(core, 'annualReview.saveCommentary', { startYear: YEAR, commentary: 'x'.repeat(20_001), priorities: '', headName: '', chairName: '' })
    expect(tooLong).toMatchObject({ kind: 'validation', field: 'commentary' })
    expect(tooLong.message).toContain('20,000')
    const secret = await refused(core, 'annualReview.saveCommentary', { startYear: YEAR, commentary: 'The wifi password: Tr0ub4dor&3', priorities: '', headName: '', chairName: '' })
    expect(secret).toMatchObject({ kind: 'validation', field: 'commentary' })
    expect((await refused(core, 'annualReview.figures', { startYear: 1999 })).field).toBe('startYear')
    expect((await refused(core, 'reports.start', { type: 'annual-review', from: '2025-09-02', to: '2026-08-31', anonymised: false })).message).toContain('1 September to 31 August')
    expect(await ok(core, 'annualReview.commentary', { startYear: YEAR })).toMatchObject({ commentary: 'The head’s words.' })
  })

  it('prints an anonymised copy for sharing outside the school: names in the commentary and on the sign-off become initials', async () => {
    const t = tempDir('osr-annual-')
    const core = newCore(t.dir, { now: () => TODAY })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const pupil = await ok(core, 'people.create', { kind: 'pupil', forename: 'Gruffudd', surname: 'Llŷr', dateOfBirth: '2013-03-02', yearGroup: '8', regClass: '8W' })
    expect(pupil.id).toBeGreaterThan(0)
    await ok(core, 'annualReview.saveCommentary', { startYear: YEAR, commentary: 'Gruffudd Llŷr led the digital leaders this year.', priorities: 'More digital leaders.', headName: 'Dafydd ap Rhys', chairName: 'Eleri Morgan' })
    const { file } = await issueReport(core, { type: 'annual-review', from: `${YEAR}-09-01`, to: `${YEAR + 1}-08-31`, anonymised: true }, t.dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const text = pdftotext(file)
    expect(text).toContain('Anonymised copy for sharing outside the school: people’s names are replaced by their initials.')
    expect(text).toContain('G.L. led the digital leaders this year.')
    expect(text).toContain('D.A.R.')
    expect(text).toContain('E.M.')
    for (const name of ['Gruffudd', 'Llŷr', 'Dafydd', 'Eleri Morgan']) expect(text).not.toContain(name)
    // An empty year prints whole, with its empty states said in words.
    expect(text).toContain('No online safety incidents were recorded in 2025–26 or 2024–25.')
    expect(text).toContain('Every entry from 2025–26 is closed.')
  })
})
