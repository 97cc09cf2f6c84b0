import { dataKeyFrom, indexKeyFrom, openField, openReferralAgency } from '../../electron/core/incidents/incident-keys'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { REFERRAL_STEPS } from '../../electron/core/annual-review/annual-figures'
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/index'
import { demoContext } from '../../electron/core/demo/demo'
import { seedIncidentsDemo } from '../../electron/core/incidents/demo-incidents'
import { OVERDUE_ACTION_DAYS, type AnnualFigures, type AnnualSpan } from '../../shared/domain/annual-review'
import { defineFeature } from '../../electron/core/feature-kit/feature'
import { defineKind } from '../../shared/api/contract-kit'
import { FEATURES } from '../../electron/core/features'
import { MANAGER, newCore, ok, refused, setUpSchool, tempDir } from './helpers'
import { blankPages, issueReport, pdfsig, pdftotext, qpdfCheck } from './pdf-tools'
import { academicYearContaining } from '../../shared/dates/school-year'

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
  for (const seeder of core.features.demo) if (seeder.name !== 'Incident log') await seeder.seed(ctx)
  clock = Date.parse('2026-06-15T10:00:00Z')
  await seedIncidentsDemo(core.store, 'small', { now: clock, years: 2, perYear: 60 })
  clock = TODAY
  return { core, dir: t.dir }
}

/** Moves the clock on and signs in again (a jump of months locks the register, as it would). */
async function signInAt(core: Core, iso: string, set: (t: number) => void): Promise<void> {
  set(Date.parse(iso))
  await core.call('session.lock', {})
  await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
}

type Row = Record<string, string | number | null>
async function rows(core: Core, sql: string, ...bindings: (string | number)[]): Promise<Row[]> {
  return (await core.store.requireOpen().db.raw(sql, bindings)) as Row[]
}
async function count(core: Core, sql: string, ...bindings: (string | number)[]): Promise<number> {
  return Number((await rows(core, sql, ...bindings))[0]!['n'])
}
/**
 * Who was involved in each entry and the body of each signed version are encrypted (role and data
 * keys): the recounts open them once into two temporary tables (in memory, this connection only,
 * gone when the register closes) and then count with plain SQL, as for every other figure.
 */
async function openForRecount(core: Core): Promise<void> {
  const { db } = core.store.requireOpen()
  await db.raw('CREATE TEMP TABLE IF NOT EXISTS opened_people (incident_id INTEGER, person_id INTEGER, part TEXT)')
  await db.raw('CREATE TEMP TABLE IF NOT EXISTS opened_versions (id INTEGER, incident_id INTEGER, at TEXT, body TEXT)')
  await db.raw('DELETE FROM opened_people')
  await db.raw('DELETE FROM opened_versions')
  const incidents = (await db('incidents').select('id', 'reference', 'data_key', 'people')) as { id: number; reference: string; data_key: string; people: string }[]
  for (const r of incidents) {
    const people = JSON.parse(openField(indexKeyFrom(core.store, r), 'incidents', r.id, 'people', r.people)) as { personId: number; part: string }[]
    for (const p of people) await db.raw('INSERT INTO opened_people VALUES (?, ?, ?)', [r.id, p.personId, p.part])
    const versions = (await db('incident_records').where({ incident_id: r.id, kind: 'version' }).select('id', 'at', 'body')) as { id: number; at: string; body: string }[]
    for (const v of versions) await db.raw('INSERT INTO opened_versions VALUES (?, ?, ?, ?)', [v.id, r.id, v.at, openField(dataKeyFrom(core.store, r), 'incident_records', v.id, 'body', v.body)])
  }
}
const asMap = (list: Row[], key: string) => Object.fromEntries(list.map((r) => [String(r[key]), Number(r['n'])]))
const nonZero = <T extends { count: number }>(list: T[]) => list.filter((x) => x.count > 0)

/** Every figure counted again, each with its own query against the tables (not through the core's code). */
/** The UK calendar day of an instant, worked out here rather than by the core's code. */
const ukDayOf = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(iso))
const daysFrom = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY)
/** A year group's place in school (Reception 0 … Year 13), moved back to the year counted: SQL for the recounts. */
const SHIFTED = (startYear: number, drawnOn: string) =>
  `((CASE p.year_group WHEN 'R' THEN 0 ELSE CAST(p.year_group AS INTEGER) END) - ((CAST(substr(coalesce(p.left_on, date(p.archived_at), '${drawnOn}'), 1, 4) AS INTEGER) - (substr(coalesce(p.left_on, date(p.archived_at), '${drawnOn}'), 6) < '09-01')) - ${startYear}))`
const STAGE = (index: number) => (index === 0 ? 'EYFS' : index <= 2 ? 'KS1' : index <= 6 ? 'KS2' : index <= 9 ? 'KS3' : index <= 11 ? 'KS4' : 'KS5')

async function recount(core: Core, f: AnnualFigures) {
  await openForRecount(core)
  // A year not over is counted to the day drawn, and compared with the same days a year before.
  const { from, to } = f.counted
  const before = f.previousCounted
  expect(from).toBe(f.year.from)
  expect(to).toBe(f.drawnOn < f.year.to ? f.drawnOn : f.year.to)
  expect(before.to).toBe(to === f.year.to ? f.previousYear.to : `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`)
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

  // Agreements as at the last day counted: the people on roll then, pupils in their year group then
  // (the directory's year group moved back a year for each school year since), against the versions then.
  const asOf = f.aup.asOf
  expect(asOf).toBe(to)
  // People added by that day count, or everyone added by the register's set-up if that came later.
  const setUp = ukDayOf(String((await rows(core, 'SELECT at FROM audit_log ORDER BY id LIMIT 1'))[0]!['at']))
  const nextMidnight = Date.parse(`${asOf > setUp ? asOf : setUp}T00:00:00Z`) + DAY
  const londonHour = Number(new Date(nextMidnight).toLocaleString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hour12: false }))
  const dayAfter = new Date(nextMidnight - londonHour * 3_600_000).toISOString()
  const index = SHIFTED(f.year.startYear, f.drawnOn)
  const dayAfterAsOf = new Date(Date.parse(`${asOf}T00:00:00Z`) + DAY - Number(new Date(Date.parse(`${asOf}T00:00:00Z`) + DAY).toLocaleString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hour12: false })) * 3_600_000).toISOString()
  // A pupil counts from the school's youngest year group today: below it they were at another school.
  const youngest = `coalesce((SELECT min(CASE year_group WHEN 'R' THEN 0 ELSE CAST(year_group AS INTEGER) END) FROM people WHERE kind = 'pupil' AND year_group IS NOT NULL AND left_on IS NULL AND archived_at IS NULL), 0)`
  const onRoll = `p.kind <> 'visitor' AND p.created_at < '${dayAfter}' AND (p.archived_at IS NULL OR p.archived_at >= '${dayAfterAsOf}') AND (p.kind <> 'pupil' OR ${index} BETWEEN ${youngest} AND 13)`
  const people = asMap(await rows(core, `SELECT CASE WHEN p.kind = 'pupil' THEN 'Year ' || (CASE ${index} WHEN 0 THEN 'R' ELSE ${index} END) ELSE p.kind END g, count(*) n FROM people p WHERE ${onRoll} GROUP BY g`), 'g')
  const kindGroup: Record<string, string> = { Staff: 'staff', Governors: 'governor', Volunteers: 'volunteer', Contractors: 'contractor' }
  expect(Object.fromEntries(f.aup.groups.map((g) => [kindGroup[g.group] ?? g.group.replace('Reception', 'Year R'), g.people]))).toEqual(people)
  for (const g of f.aup.groups) expect(g.agreed + g.due + g.never).toBe(g.people)
  const agreedThen = await count(
    core,
    `WITH cur AS (
       SELECT a.audience, v.id, v.effective_from FROM aup_versions v JOIN aup_version_audiences a ON a.version_id = v.id
        WHERE v.effective_from <= ? AND NOT EXISTS (SELECT 1 FROM aup_versions v2 JOIN aup_version_audiences a2 ON a2.version_id = v2.id
          WHERE a2.audience = a.audience AND v2.effective_from <= ? AND (v2.effective_from > v.effective_from OR (v2.effective_from = v.effective_from AND v2.id > v.id)))),
     who AS (
       SELECT p.id, CASE p.kind WHEN 'staff' THEN 'staff' WHEN 'governor' THEN 'governors' WHEN 'volunteer' THEN 'volunteers' WHEN 'contractor' THEN 'contractors'
              ELSE CASE WHEN ${index} <= 2 THEN 'pupils-eyfs-ks1' WHEN ${index} <= 6 THEN 'pupils-ks2' ELSE 'pupils-ks3-5' END END audience
         FROM people p WHERE ${onRoll})
     SELECT count(*) n FROM who w JOIN cur ON cur.audience = w.audience
      WHERE EXISTS (SELECT 1 FROM agreements g JOIN aup_versions v ON v.id = g.version_id JOIN aup_version_audiences va ON va.version_id = v.id AND va.audience = w.audience
                     WHERE g.person_id = w.id AND g.state = 'agreed' AND g.agreed_on <= ? AND NOT EXISTS (SELECT 1 FROM agreements c WHERE c.supersedes_id = g.id)
                       AND (v.effective_from > cur.effective_from OR (v.effective_from = cur.effective_from AND v.id >= cur.id))
                       AND g.agreed_on >= coalesce((SELECT max(from_date) FROM aup_renewals r WHERE r.audience = w.audience AND r.from_date <= ?), ''))`,
    asOf,
    asOf,
    asOf,
    asOf,
  )
  expect(f.aup.groups.reduce((s, g) => s + g.agreed, 0)).toBe(agreedThen)
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

  // Outcomes by category: still open, closed with a referral made, closed without one.
  const outcomes = await rows(
    core,
    `SELECT c.name category, sum(i.status = 'open') open,
            sum(i.status = 'closed' AND EXISTS (SELECT 1 FROM incident_referrals r WHERE r.incident_id = i.id)) referred,
            sum(i.status = 'closed' AND NOT EXISTS (SELECT 1 FROM incident_referrals r WHERE r.incident_id = i.id)) school
       FROM incidents i JOIN incident_categories c ON c.id = i.category_id WHERE i.occurred_on BETWEEN ? AND ? GROUP BY c.name`,
    from,
    to,
  )
  expect(Object.fromEntries(i.outcomesByCategory.map((o) => [o.category, [o.open, o.closedAfterReferral, o.closedInSchool]]))).toEqual(
    Object.fromEntries(outcomes.map((o) => [o['category'], [Number(o['open']), Number(o['referred']), Number(o['school'])]])),
  )

  // Year groups (in that school year) and key stages of the pupils named: each incident once per group.
  const named = await rows(
    core,
    `SELECT DISTINCT ip.incident_id incident, ip.person_id person, ${index} idx FROM opened_people ip JOIN incidents i ON i.id = ip.incident_id JOIN people p ON p.id = ip.person_id
      WHERE p.kind = 'pupil' AND i.occurred_on BETWEEN ? AND ?`,
    from,
    to,
  )
  const known = (r: Row) => r['idx'] !== null && Number(r['idx']) >= 0 && Number(r['idx']) <= 13
  const perGroup = new Map<string, Set<number>>()
  const perStage = new Map<string, Set<number>>()
  for (const r of named) {
    const group = known(r) ? (Number(r['idx']) === 0 ? 'Reception' : `Year ${r['idx']}`) : 'Year group not known'
    perGroup.set(group, (perGroup.get(group) ?? new Set()).add(Number(r['incident'])))
    const stage = known(r) ? STAGE(Number(r['idx'])) : 'Not known'
    perStage.set(stage, (perStage.get(stage) ?? new Set()).add(Number(r['incident'])))
  }
  expect(Object.fromEntries(i.byYearGroup.map((g) => [g.yearGroup, g.count]))).toEqual(Object.fromEntries([...perGroup].map(([g, set]) => [g, set.size])))
  expect(Object.fromEntries(i.byKeyStage.map((k) => [k.keyStage, k.count]))).toEqual(Object.fromEntries([...perStage].map(([k, set]) => [k, set.size])))
  expect(i.noPupilNamed).toBe(i.total - new Set(named.map((r) => Number(r['incident']))).size)

  // Repeat involvement: pupils by how many of the year's entries name them.
  const perPupil = asMap(await rows(core, "SELECT ip.person_id, count(DISTINCT ip.incident_id) n FROM opened_people ip JOIN incidents i ON i.id = ip.incident_id JOIN people p ON p.id = ip.person_id WHERE p.kind = 'pupil' AND i.occurred_on BETWEEN ? AND ? GROUP BY ip.person_id", from, to), 'person_id')
  const times = Object.values(perPupil)
  expect(i.repeatInvolvement).toEqual({ once: times.filter((x) => x === 1).length, twice: times.filter((x) => x === 2).length, threeOrMore: times.filter((x) => x >= 3).length })

  // Time to close: from the day recorded to the day of the version that closed it last (after its last open version).
  const closed = await rows(
    core,
    `SELECT i.recorded_at recorded, (SELECT min(r.at) FROM opened_versions r WHERE r.incident_id = i.id AND json_extract(r.body, '$.entry.status') = 'closed'
              AND r.id > coalesce((SELECT max(o.id) FROM opened_versions o WHERE o.incident_id = i.id AND json_extract(o.body, '$.entry.status') = 'open'), 0)) closed_at
       FROM incidents i WHERE i.status = 'closed' AND i.occurred_on BETWEEN ? AND ?`,
    from,
    to,
  )
  const days = closed.map((r) => daysFrom(ukDayOf(String(r['recorded'])), ukDayOf(String(r['closed_at'])))).sort((a, b) => a - b)
  const middle = days.length % 2 ? days[days.length >> 1] : days.length ? (days[days.length / 2 - 1]! + days[days.length / 2]!) / 2 : null
  expect(i.timeToClose).toEqual({ closed: closed.length, medianDays: middle ?? null, longestDays: days.length ? days.at(-1) : null })

  // Training: the recurring checks that record training, with the last time each was recorded by the last day counted.
  const training = await rows(
    core,
    "SELECT t.name, (SELECT max(o.done_on) FROM check_occurrences o WHERE o.template_id = t.id AND o.done_on <= ?) last FROM check_templates t WHERE t.name LIKE '%training%' OR t.name LIKE '%refresher%' OR t.description LIKE '%training%' OR t.description LIKE '%refresher%'",
    to,
  )
  const counted = new Set(f.checks.rows.map((r) => r.name))
  expect(Object.fromEntries(f.training.rows.map((r) => [r.name, r.lastDoneOn]))).toEqual(Object.fromEntries(training.filter((t) => counted.has(String(t['name']))).map((t) => [t['name'], t['last']])))
  for (const r of f.training.rows) expect(f.checks.rows.find((c) => c.name === r.name)).toMatchObject({ done: r.done, expected: r.expected })

  // The online safety policy: its last review by the last day counted.
  const osPolicy = (await rows(core, "SELECT id, title, written_on FROM policies WHERE lower(title) LIKE '%online safety%' ORDER BY id LIMIT 1"))[0]
  if (osPolicy) {
    const last = (await rows(core, 'SELECT max(reviewed_on) d FROM policy_reviews WHERE policy_id = ? AND reviewed_on <= ?', Number(osPolicy['id']), to))[0]!['d']
    expect(f.reviews.onlineSafetyPolicy).toMatchObject({ policy: osPolicy['title'], lastReviewedOn: last ?? null })
  } else expect(f.reviews.onlineSafetyPolicy).toMatchObject({ policy: null, missed: true })
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
    // The figures added for governors have something to count too.
    expect(figures.incidents.outcomesByCategory.length).toBeGreaterThan(2)
    expect(figures.incidents.byYearGroup.length).toBeGreaterThan(2)
    expect(figures.incidents.timeToClose.closed).toBeGreaterThan(5)
    expect(figures.incidents.repeatInvolvement.twice + figures.incidents.repeatInvolvement.threeOrMore).toBeGreaterThan(0)
    await recount(core, figures)
    // The current school year too (the demo's checks, filtering changes and permissions fall in it).
    const current = await ok(core, 'annualReview.figures', { startYear: academicYearContaining('2026-11-24').startYear })
    expect(current.checks.expected).toBeGreaterThan(0)
    expect(current.training.rows.length).toBeGreaterThan(0)
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
    expect(blankPages(file), 'pages with nothing on them').toEqual([])
    const i = figures.incidents
    for (const words of [
      'Annual online safety review',
      'School year 2025–26',
      'Contents',
      `Incidents recorded ${i.total.toLocaleString('en-GB')} ${i.previousTotal.toLocaleString('en-GB')}`,
      `Referrals made to other agencies ${i.referralsTotal} `,
      `Decisions not to refer (with reasons) ${i.notReferredTotal} `,
      `Recurring checks done / expected ${figures.checks.done} / ${figures.checks.expected}`,
      `Filtering changes ${figures.filtering.total} `,
      ...i.byCategory.map((c) => `${c.label} ${c.count} ${c.previous}`),
      ...i.referrals.map((r) => `${r.agency} ${r.count}`),
      ...i.open.map((o) => o.reference),
      ...figures.aup.groups.map((g) => `${g.group} ${g.people} ${g.agreed}`),
      ...i.outcomesByCategory.map((o) => `${o.category} ${o.open} ${o.closedAfterReferral} ${o.closedInSchool}`),
      ...i.byYearGroup.map((g) => `${g.yearGroup} ${g.count}`),
      `median ${Number.isInteger(i.timeToClose.medianDays!) ? i.timeToClose.medianDays : i.timeToClose.medianDays!.toFixed(1)} day`,
      `Two entries ${i.repeatInvolvement.twice} Three or more entries ${i.repeatInvolvement.threeOrMore}`,
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

  it('a part year printed in December is labelled and compared with the same months; the first year recorded is compared with nothing; coverage is as at the last day of the year', async () => {
    // The register was set up on 1 September 2024: 2023–24 came before it.
    const t = tempDir('osr-annual-part-')
    let clock = Date.parse('2024-09-01T09:00:00Z')
    const core = newCore(t.dir, { now: () => clock })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const at = (iso: string) => signInAt(core, iso, (t) => (clock = t))
    const category = (await ok(core, 'incidents.categories', {}))[0]!.id
    const record = (occurredOn: string) =>
      ok(core, 'incidents.record', { entry: { occurredOn, occurredTime: null, place: 'ICT suite', onSite: true, device: 'school', categoryId: category, description: 'Messages in a class chat.', actionTaken: 'Talked to the class.', childsWords: null, people: [], status: 'open', outcome: null } })
    const staff = await ok(core, 'people.create', { kind: 'staff', forename: 'Ffion', surname: 'Hughes', staffGroup: 'teaching' })
    const pupil = await ok(core, 'people.create', { kind: 'pupil', forename: 'Osian', surname: 'Rees', dateOfBirth: '2013-05-02', yearGroup: '7', regClass: '7B' })
    await ok(core, 'policies.create', { title: 'Online safety policy', owner: 'DSL', version: 'v1', writtenOn: '2024-09-01', reviewIntervalMonths: 12, nextReviewOn: '2025-09-01' })
    const version = await ok(core, 'aup.publish', { title: 'Acceptable use', versionLabel: '2024–25', audiences: ['staff', 'pupils-ks3-5'], effectiveFrom: '2024-09-01', body: 'I will use the school’s computers and wifi safely and kindly.' })
    await at('2024-10-10T09:00:00Z')
    await ok(core, 'agreements.record', { personId: pupil.id, versionId: version.id, agreedOn: '2024-10-10', method: 'paper', paperReceivedOn: '2024-10-10', parentName: 'Mair Rees', parentAgreedOn: '2024-10-10' })
    await record('2024-10-05')
    await at('2024-11-25T09:00:00Z')
    await record('2024-11-20')
    await at('2025-03-12T09:00:00Z')
    await record('2025-03-10')
    // After the year ends: the staff member agrees, the pupil moves up to Year 8, and a new pupil joins.
    await at('2025-09-20T09:00:00Z')
    await ok(core, 'agreements.record', { personId: staff.id, versionId: version.id, agreedOn: '2025-09-20', method: 'paper', paperReceivedOn: '2025-09-20' })
    await ok(core, 'people.update', { id: pupil.id, person: { kind: 'pupil', forename: 'Osian', surname: 'Rees', dateOfBirth: '2013-05-02', yearGroup: '8', regClass: '8B' } })
    await ok(core, 'people.create', { kind: 'pupil', forename: 'Nia', surname: 'Evans', dateOfBirth: '2014-01-02', yearGroup: '7', regClass: '7A' })
    await record('2025-09-20')
    await at('2025-12-15T11:00:00Z')
    await record('2025-12-01')
    await ok(core, 'annualReview.saveCommentary', { startYear: 2025, commentary: 'A first term.', priorities: 'Keep going.', headName: '', chairName: '' })
    await ok(core, 'annualReview.saveCommentary', { startYear: 2024, commentary: 'Our first year.', priorities: 'More training.', headName: '', chairName: '' })

    // 2025–26 in December: 1 September to 15 December, against 1 September to 15 December 2024 (2 then, not the year's 3).
    const part = await ok(core, 'annualReview.figures', { startYear: 2025 })
    expect(part).toMatchObject({ partYear: true, counted: { from: '2025-09-01', to: '2025-12-15' }, previousCounted: { from: '2024-09-01', to: '2024-12-15' }, previousCoverage: 'whole' })
    expect([part.incidents.total, part.incidents.previousTotal]).toEqual([2, 2])
    await recount(core, part)
    const partText = pdftotext((await issueReport(core, { type: 'annual-review', from: '2025-09-01', to: '2026-08-31' }, t.dir)).file)
    expect(partText).toContain('School year 2025–26 so far')
    expect(partText).toContain('Part of the year: 1 September 2025 to 15 December 2025. The year is not over; each figure is compared with the same days of 2024–25.')
    expect(partText).toContain('Measure 1 Sep 2025–15 Dec 2025 1 Sep 2024–15 Dec 2024 Change Incidents recorded 2 2 No change')
    expect(partText).toContain('as at today, 15 December 2025 (the year is not over)')
    expect(partText).not.toMatch(/from 3 /)
    // Written on 1 September 2024 and never reviewed: its yearly review fell due on 1 September 2025 and was missed.
    expect(part.reviews.onlineSafetyPolicy).toEqual({ policy: 'Online safety policy', writtenOn: '2024-09-01', lastReviewedOn: null, missed: true, dueOn: '2025-09-01' })
    expect(partText).toContain('The online safety policy missed its yearly review. The policy asks for a review at least every twelve months: it was written on 1 September 2024 and had not been reviewed since, and a review was due by 1 September 2025.')

    // 2024–25, the register's first year: nothing to compare with, and never "up from 0".
    const first = await ok(core, 'annualReview.figures', { startYear: 2024 })
    expect(first).toMatchObject({ partYear: false, recordsFrom: '2024-09-01', previousCoverage: 'none' })
    await recount(core, first)
    const firstText = pdftotext((await issueReport(core, { type: 'annual-review', from: '2024-09-01', to: '2025-08-31' }, t.dir)).file)
    expect(firstText).toContain('Incidents recorded 3 — First year recorded')
    expect(firstText).toContain('This is the first year the register holds, so there is nothing to compare with.')
    expect(firstText).not.toMatch(/up from 0|from 0 |\(\+\d+%\)/)
    // By 31 August 2025 the policy was not yet a year old: nothing missed in 2024–25.
    expect(first.reviews.onlineSafetyPolicy).toMatchObject({ missed: false, dueOn: null })
    // Coverage as at 31 August 2025: Osian (then Year 7) had agreed; Ffion agreed only in September; Nia had not joined.
    expect(first.aup.asOf).toBe('2025-08-31')
    expect(first.aup.groups).toEqual([
      { group: 'Year 7', people: 1, agreed: 1, due: 0, never: 0 },
      { group: 'Staff', people: 1, agreed: 0, due: 0, never: 1 },
    ])
    expect(firstText).toContain('As at 31 August 2025, the last day of the year, 1 of 2 pupils, staff, governors, volunteers and contractors then on roll (50%)')
  }, 120_000)

  it('counts a secondary school’s pupils as on roll only from its youngest year group: this year’s Year 7 were elsewhere last year', async () => {
    const t = tempDir('osr-annual-intake-')
    const core = newCore(t.dir, { now: () => Date.parse('2026-10-01T09:00:00Z') })
    cleanups.push(t.cleanup, () => core.close())
    // Set up this autumn with the MIS's directory: last year is counted from it as it stands.
    await setUpSchool(core)
    for (const [forename, yearGroup] of [['Osian', '7'], ['Nia', '7'], ['Cai', '8'], ['Elin', '11']] as const) {
      await ok(core, 'people.create', { kind: 'pupil', forename, surname: 'Rees', dateOfBirth: '2013-05-02', yearGroup, regClass: `${yearGroup}A` })
    }
    const last = await ok(core, 'annualReview.figures', { startYear: 2025 })
    expect(last.aup.groups.map((g) => [g.group, g.people])).toEqual([
      ['Year 7', 1],
      ['Year 10', 1],
    ])
    await recount(core, last)
  }, 60_000)

  it('counts a weekly check across 31 August in one school year only, by the week’s first day', async () => {
    const t = tempDir('osr-annual-week-')
    let clock = Date.parse('2024-08-01T09:00:00Z')
    const core = newCore(t.dir, { now: () => clock })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const at = (iso: string) => signInAt(core, iso, (t) => (clock = t))
    // Monday 26 August to Sunday 1 September 2024 straddles the end of 2023–24.
    const weekly = await ok(core, 'checks.createTemplate', { name: 'Straddling filter test', rhythm: 'weekly', responsibleRole: 'manager', startsOn: '2024-08-05' })
    await at('2024-09-10T09:00:00Z')
    await ok(core, 'checks.record', { templateId: weekly.id, doneOn: '2024-08-28', doneBy: 'Bethan Manager', devices: 'Laptops', result: 'pass' })
    const ended = await ok(core, 'annualReview.figures', { startYear: 2023 })
    const next = await ok(core, 'annualReview.figures', { startYear: 2024 })
    const row = (f: AnnualFigures) => f.checks.rows.find((r) => r.name === 'Straddling filter test')!
    // 2023–24: the weeks of 5, 12, 19 and 26 August, the last one done. 2024–25 so far: the week of 2 September.
    expect(row(ended)).toMatchObject({ done: 1, expected: 4, missed: ['Week beginning 05/08/2024', 'Week beginning 12/08/2024', 'Week beginning 19/08/2024'] })
    expect(row(next)).toMatchObject({ done: 0, expected: 1, missed: ['Week beginning 02/09/2024'] })
    // The check log over both years counts the week once too.
    const both = pdftotext((await issueReport(core, { type: 'check-log', from: '2024-08-01', to: '2024-09-09' }, t.dir)).file)
    expect(both).toContain('Straddling filter test Every week (Monday to Sunday) School business manager 1/5 20%')
    const after = pdftotext((await issueReport(core, { type: 'check-log', from: '2024-09-01', to: '2024-09-09' }, t.dir)).file)
    expect(after).toContain('Straddling filter test Every week (Monday to Sunday) School business manager 0/1 0%')
  }, 60_000)

  it('will not sign a pack with no commentary or priorities unless told to, and then says so; every headteacher account is named', async () => {
    const t = tempDir('osr-annual-sign-')
    const core = newCore(t.dir, { now: () => TODAY })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    for (const [username, displayName] of [['ahead', 'Alun Price'], ['bhead', 'Bronwen Lloyd']] as const) await ok(core, 'users.create', { username, displayName, role: 'head', password: 'plum kestrel ribbon tuesday' })
    const pack = { type: 'annual-review' as const, from: '2025-09-01', to: '2026-08-31' }

    const empty = await refused(core, 'reports.start', { ...pack, anonymised: false })
    expect(empty).toMatchObject({ kind: 'validation', field: 'withoutCommentary' })
    expect(empty.message).toBe('Nothing is written yet for the headteacher’s commentary or the priorities for next year for 2025–26. Write them on the Annual review screen and save, or tick “Sign without the commentary and the priorities for next year” to print the pack without them.')
    await ok(core, 'annualReview.saveCommentary', { startYear: 2025, commentary: 'Written, but no priorities yet.', priorities: '', headName: '', chairName: '' })
    expect((await refused(core, 'reports.start', { ...pack, anonymised: false })).message).toContain('Nothing is written yet for the headteacher’s priorities for next year for 2025–26.')

    // Signed without, on purpose: the pack says so; with no head named, both heads present it and both sign.
    const withoutFile = (await issueReport(core, { ...pack, withoutCommentary: true }, t.dir)).file
    const without = pdftotext(withoutFile)
    expect(blankPages(withoutFile), 'pages with nothing on them').toEqual([])
    expect(without).toContain('This pack was signed without the headteacher’s priorities for next year: whoever printed it chose to sign it without them.')
    expect(without).toContain('Presented by Alun Price and Bronwen Lloyd, headteachers')
    expect(without.match(/Headteacher Name (Alun Price|Bronwen Lloyd)/g)).toEqual(['Headteacher Name Alun Price', 'Headteacher Name Bronwen Lloyd'])

    // The commentary names one of them: that one presents and signs.
    await ok(core, 'annualReview.saveCommentary', { startYear: 2025, commentary: 'A steady year.', priorities: 'Train the new staff.', headName: 'Bronwen Lloyd', chairName: 'Eleri Morgan' })
    const named = pdftotext((await issueReport(core, pack, t.dir)).file)
    expect(named).toContain('Presented by Bronwen Lloyd, headteacher')
    expect(named).not.toContain('Alun Price')
    expect(named).not.toContain('signed without')
  }, 60_000)

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

  it('prints an anonymised copy for sharing outside the school: names in the commentary and on the sign-off give way to who they are', async () => {
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
    expect(text).toContain('Anonymised copy for sharing outside the school: nobody is named.')
    expect(text).toContain('a Year 8 pupil led the digital leaders this year.')
    expect(text).toContain('Presented by the headteacher')
    expect(text).toContain('Chair of governors Name Not given in the anonymised copy')
    for (const name of ['Gruffudd', 'Llŷr', 'Dafydd', 'Eleri Morgan']) expect(text).not.toContain(name)
    // An empty year prints whole, with its empty states said in words.
    // The register was set up after 2024–25: that year is not compared.
    expect(text).toContain('No online safety incidents were recorded in 2025–26.')
    expect(text).toContain('Every entry from 2025–26 is closed.')
  })

  it('prints each record kind’s own section after the pack’s, numbered on, with its headline on the summary and small counts held back in an anonymised copy', async () => {
    const t = tempDir('osr-annual-')
    const spans: AnnualSpan[] = []
    // A kind that adds nothing but its section: what it counted is what the pack must print.
    const example = defineFeature({
      kind: defineKind({ name: 'example-register', methods: {}, auditWords: {} }),
      handlers: {},
      annualPack: {
        figures: async (_ctx, span) => {
          spans.push(span)
          return {
            kind: 'example-register',
            title: 'Example register',
            intro: 'Everything the example register counted in the year.',
            tables: [
              { title: 'By group', headers: ['Group', 'Done', 'Share'], rows: [['Teaching staff', { count: 31 }, { part: 31, whole: 40 }], ['Governors', { count: 3 }, { part: 3, whole: 9 }]], empty: 'Nothing.' },
              { title: 'Left over', headers: ['What', 'Count'], rows: [], empty: 'Nothing was left over in the year.' },
            ],
            headlines: [{ label: 'Example register coverage', cell: { part: 34, whole: 49 } }],
            source: 'the example register, counted for this test.',
          }
        },
      },
    })
    const core = newCore(t.dir, { now: () => TODAY, features: [...FEATURES.filter((f) => !f.annualPack), example] })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    await ok(core, 'annualReview.saveCommentary', { startYear: YEAR, commentary: 'A quiet year.', priorities: 'More of the same.', headName: 'Dafydd ap Rhys', chairName: 'Eleri Morgan' })

    const figures = await ok(core, 'annualReview.figures', { startYear: YEAR + 1 })
    expect(figures.registers.map((r) => r.kind)).toEqual(['example-register'])
    expect(spans).toEqual([{ startYear: YEAR + 1, from: `${YEAR + 1}-09-01`, to: '2026-11-24', drawnOn: '2026-11-24', partYear: true }])

    const whole = pdftotext((await issueReport(core, { type: 'annual-review', from: `${YEAR}-09-01`, to: `${YEAR + 1}-08-31`, anonymised: false }, t.dir)).file)
    // The year before is counted for the pack's comparisons, not asked of the kinds: only this year is.
    expect(spans.at(-1)).toEqual({ startYear: YEAR, from: `${YEAR}-09-01`, to: `${YEAR + 1}-08-31`, drawnOn: '2026-11-24', partYear: false })
    expect(spans).toHaveLength(2)
    expect(whole).toMatch(/11\. Example register\s+Everything the example register counted in the year\./)
    expect(whole).toMatch(/Teaching staff\s+31\s+31 of 40 \(78%\)/)
    expect(whole).toMatch(/Governors\s+3\s+3 of 9 \(33%\)/)
    expect(whole).toContain('Nothing was left over in the year.')
    expect(whole).toContain('Source: the example register, counted for this test.')
    expect(whole).toMatch(/Example register coverage\s+34 of 49 \(69%\)/)
    expect(whole).toContain('12. The headteacher’s commentary')
    expect(whole).toContain('13. Sign-off')

    const anonymised = pdftotext((await issueReport(core, { type: 'annual-review', from: `${YEAR}-09-01`, to: `${YEAR + 1}-08-31`, anonymised: true }, t.dir)).file)
    expect(anonymised).toMatch(/Governors\s+fewer than 5\s+fewer than 5 of 9 \(share not shown\)/)
    expect(anonymised).toMatch(/Teaching staff\s+31\s+31 of 40 \(78%\)/)
  })
})
