import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { AnnualRegisterFigures, FigureCell } from '../../shared/domain/annual-review'
import { CONSENT_PURPOSE_LABELS, CONSENT_PURPOSES, type ConsentPurpose } from '../../shared/features/consent/consent'
import { ok } from './helpers'
import { clock, school, type School } from './people-fixtures'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

// The school year 2025–26 counted whole, drawn on 20 November 2026.
const YEAR = 2025
const FROM = '2025-09-01'
const TO = '2026-08-31'

const parent = { givenBy: 'parent' as const, givenByName: 'A parent', method: 'paper' as const }

async function seeded() {
  const time = clock('2025-08-20T10:00:00Z')
  const s = await school(time.now)
  open.push(s)
  const pupil = async (forename: string, yearGroup: '3' | '4' | '5' | '6', regClass: string) =>
    (await ok(s.core, 'people.create', { kind: 'pupil', forename, surname: 'Test', yearGroup, regClass, dateOfBirth: '2016-01-01' })).id
  const p = {
    amara: await pupil('Amara', '4', '4B'),
    ben: await pupil('Ben', '4', '4B'),
    cerys: await pupil('Cerys', '5', '5A'),
    dewi: await pupil('Dewi', '5', '5A'),
    efa: await pupil('Efa', '6', '6A'),
    ffion: await pupil('Ffion', '6', '6A'),
  }
  const answer = async (personId: number, purposes: readonly ConsentPurpose[], ans: 'yes' | 'no', givenOn: string) => {
    for (const purpose of purposes) await ok(s.core, 'consent.record', { personId, purpose, answer: ans, givenOn, ...parent })
  }

  // The year before: Cerys's form, which lapses with that school year.
  await answer(p.cerys, CONSENT_PURPOSES, 'yes', '2024-09-12')

  time.set('2025-09-15T10:00:00Z')
  await s.as('manager')
  await ok(s.core, 'consent.addForm', { version: 'September 2025', inForceFrom: '2025-09-01' })
  // Amara: yes to everything; Ben: no to the website and the press, yes to the rest, then the newsletter withdrawn.
  await answer(p.amara, CONSENT_PURPOSES, 'yes', '2025-09-10')
  await answer(p.ben, ['website', 'press'], 'no', '2025-09-10')
  await answer(p.ben, ['newsletter', 'social-media', 'recording'], 'yes', '2025-09-10')
  // Efa, who leaves in July, and Ffion, who leaves after the year: yes to the website.
  await answer(p.efa, ['website'], 'yes', '2025-09-11')
  await answer(p.ffion, ['website', 'newsletter'], 'yes', '2025-09-11')

  time.set('2026-03-10T10:00:00Z')
  await s.as('manager')
  await ok(s.core, 'consent.withdraw', { personId: p.ben, purpose: 'newsletter', givenOn: '2026-02-02', ...parent, method: 'screen' })
  // A new wording from March: Amara's family answered again for the website only, so her other answers lapse.
  await ok(s.core, 'consent.addForm', { version: 'March 2026', inForceFrom: '2026-03-01' })
  await answer(p.amara, ['website'], 'yes', '2026-03-05')
  await answer(p.ffion, ['website'], 'yes', '2026-03-06')

  time.set('2026-11-20T10:00:00Z')
  await s.as('manager')
  await ok(s.core, 'people.archive', { id: p.efa, leftOn: '2026-07-22' })
  await ok(s.core, 'people.archive', { id: p.ffion, leftOn: '2026-09-04' })
  // After the year: a new pupil and the new year's forms, none of it counted in 2025–26.
  const gwen = await pupil('Gwen', '3', '3A')
  await answer(gwen, CONSENT_PURPOSES, 'yes', '2026-09-08')
  await answer(p.dewi, CONSENT_PURPOSES, 'yes', '2026-09-08')
  return { ...s, p }
}

const cellCount = (c: FigureCell) => (typeof c === 'object' && 'count' in c ? c.count : null)
const cellPart = (c: FigureCell) => (typeof c === 'object' && 'part' in c ? [c.part, c.whole] : null)

/**
 * The SQL recount, its own reading of the tables: the pupils on roll on the year's last day, and
 * for each use the latest answer given by then, current when given this school year, on or after
 * the wording in force that day, and not a withdrawal.
 */
async function recount(core: Core) {
  const { db } = core.store.requireOpen()
  const roll = `SELECT id FROM people WHERE kind = 'pupil' AND created_at < '${TO}T23:00:00Z' AND (archived_at IS NULL OR coalesce(left_on, substr(archived_at, 1, 10)) > '${TO}')`
  const latest = `SELECT a.person_id, a.purpose, a.answer, a.given_on FROM consent_answers a WHERE a.given_on <= '${TO}' AND NOT EXISTS (
      SELECT 1 FROM consent_answers b WHERE b.person_id = a.person_id AND b.purpose = a.purpose AND b.given_on <= '${TO}' AND (b.given_on > a.given_on OR (b.given_on = a.given_on AND b.id > a.id)))`
  const wording = `(SELECT coalesce(max(in_force_from), '${FROM}') FROM consent_forms WHERE in_force_from <= '${TO}')`
  const current = `l.given_on >= '${FROM}' AND l.given_on >= ${wording}`
  const whole = Number(((await db.raw(`SELECT count(*) n FROM (${roll})`)) as { n: number }[])[0]!.n)
  const per = {} as Record<ConsentPurpose, { given: number; refused: number; none: number }>
  for (const purpose of CONSENT_PURPOSES) {
    const [row] = (await db.raw(
      `SELECT sum(l.answer = 'yes' AND ${current}) given, sum(l.answer = 'withdrawn' OR (l.answer = 'no' AND ${current})) refused
       FROM (${roll}) r LEFT JOIN (${latest}) l ON l.person_id = r.id AND l.purpose = ?`,
      [purpose],
    )) as { given: number | null; refused: number | null }[]
    const given = Number(row?.given ?? 0)
    const refused = Number(row?.refused ?? 0)
    per[purpose] = { given, refused, none: whole - given - refused }
  }
  return { whole, per }
}

describe('consent in the annual pack', () => {
  it('counts, per use, the pupils on roll on the year’s last day with consent given, refused or withdrawn, or no current answer, each recounted by SQL', async () => {
    const s = await seeded()
    const figures = await ok(s.core, 'annualReview.figures', { startYear: YEAR })
    const part = figures.registers.find((r) => r.kind === 'consent') as AnnualRegisterFigures
    expect(part.title).toBe('Photo, video and publishing consent')
    expect(part.intro).not.toMatch(/\d/)
    const sql = await recount(s.core)

    // On roll on 31 August 2026: Amara, Ben, Cerys, Dewi and Ffion (Efa left in July; Gwen came later).
    expect(sql.whole).toBe(5)
    // The website: Amara and Ffion answered again on the March wording; Ben's September refusal lapsed
    // with it, Cerys's answer with the year before, and Dewi had none.
    expect(sql.per.website).toEqual({ given: 2, refused: 0, none: 3 })
    // The newsletter: a withdrawal does not lapse, so Ben's holds; everyone else's lapsed or was never given.
    expect(sql.per.newsletter).toEqual({ given: 0, refused: 1, none: 4 })
    expect(sql.per.press).toEqual({ given: 0, refused: 0, none: 5 })
    for (const purpose of CONSENT_PURPOSES) {
      const row = part.tables[0]!.rows.find((r) => r[0] === CONSENT_PURPOSE_LABELS[purpose])!
      expect({ given: cellPart(row[1]!), refused: cellCount(row[2]!), none: cellCount(row[3]!) }, purpose).toEqual({
        given: [sql.per[purpose].given, sql.whole],
        refused: sql.per[purpose].refused,
        none: sql.per[purpose].none,
      })
    }
    expect(part.headlines).toEqual([
      { label: 'Pupils with consent for the school website', cell: { part: sql.per.website.given, whole: sql.whole } },
      // Everyone on roll lacked a current answer for one use or more: the new wording caught Amara and Ffion.
      { label: 'Pupils with no current answer for one use or more', cell: { count: 5 } },
    ])

    // The pack prints the section, and signs.
    await ok(s.core, 'annualReview.saveCommentary', { startYear: YEAR, commentary: 'Consent forms came back.', priorities: 'Chase the forms not back.', headName: 'Dafydd ap Rhys', chairName: 'Eleri Morgan' })
    const { file } = await issueReport(s.core, { type: 'annual-review', from: FROM, to: TO }, join(s.dir, 'pack'))
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const text = pdftotext(file)
    expect(text).toContain('Photo, video and publishing consent')
    expect(text).toMatch(/School website\s+2 of 5 \(40%\)\s+0\s+3/)
  })

  it('counts a year before the register was set up from the directory as it is, leaving out this year’s youngest pupils', async () => {
    const time = clock('2026-11-20T10:00:00Z')
    const s = await school(time.now)
    open.push(s)
    const pupil = async (forename: string, yearGroup: 'R' | '1', regClass: string) =>
      (await ok(s.core, 'people.create', { kind: 'pupil', forename, surname: 'Early', yearGroup, regClass, dateOfBirth: '2021-01-01' })).id
    const older = await pupil('Osian', '1', '1A')
    await pupil('Rhian', 'R', 'RA')
    // Last year's paper form, typed up now.
    await ok(s.core, 'consent.record', { personId: older, purpose: 'website', answer: 'yes', givenOn: '2025-09-09', ...parent })
    const figures = await ok(s.core, 'annualReview.figures', { startYear: YEAR })
    const part = figures.registers.find((r) => r.kind === 'consent')!
    // Rhian, in Reception now, was not at the school in 2025–26.
    expect(part.headlines[0]).toEqual({ label: 'Pupils with consent for the school website', cell: { part: 1, whole: 1 } })
    // This year's figures count both, and Osian's answer has lapsed with the school year.
    const now = await ok(s.core, 'annualReview.figures', { startYear: YEAR + 1 })
    expect(now.registers.find((r) => r.kind === 'consent')!.headlines[0]).toEqual({ label: 'Pupils with consent for the school website', cell: { part: 0, whole: 2 } })
  })
})
