import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { AnnualRegisterFigures, FigureCell } from '../../shared/domain/annual-review'
import { ok } from './helpers'
import { clock, school, type School } from './people-fixtures'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

// The school year 2025–26 counted whole: drawn on 20 November 2026.
const YEAR = 2025
const FROM = '2025-09-01'
const TO = '2026-08-31'

async function seeded() {
  const time = clock('2025-08-20T10:00:00Z')
  const s = await school(time.now)
  open.push(s)
  const staff = (forename: string, surname: string) => ok(s.core, 'people.create', { kind: 'staff', forename, surname, staffGroup: 'teaching' })
  const people = {
    a: await staff('Alys', 'Bevan'),
    b: await staff('Bryn', 'Cole'),
    c: await staff('Cai', 'Davies'),
    dsl: await staff('Dilys', 'Evans'),
    leaver: await staff('Efa', 'Ford'),
    gov1: await ok(s.core, 'people.create', { kind: 'governor', forename: 'Gwyn', surname: 'Hale' }),
    gov2: await ok(s.core, 'people.create', { kind: 'governor', forename: 'Huw', surname: 'Ives' }),
  }
  const rec = (ids: number[], course: string, completedOn: string, countsFor: ('induction' | 'refresher' | 'dsl-training' | 'dsl-update' | 'governor')[]) =>
    ok(s.core, 'training.record', { personIds: ids, course, completedOn, provider: 'Local authority', countsFor })
  // Before the year: the DSL's two-yearly course; one governor's training.
  await rec([people.dsl.id], 'DSL training', '2024-10-01', ['dsl-training'])
  await rec([people.gov1.id], 'Governor safeguarding', '2025-03-03', ['governor'])
  await rec([people.c.id], 'Refresher', '2024-09-02', ['refresher'])
  await ok(s.core, 'training.setPerson', { personId: people.dsl.id, startedOn: null, designation: 'dsl' })

  // During the year.
  time.set('2026-06-01T10:00:00Z')
  await s.as('manager')
  const starter = await staff('Ffion', 'Gray')
  await ok(s.core, 'training.setPerson', { personId: starter.id, startedOn: '2026-01-05', designation: null })
  const starter2 = await staff('Gethin', 'Hill')
  await ok(s.core, 'training.setPerson', { personId: starter2.id, startedOn: '2026-04-13', designation: null })
  await rec([starter.id], 'Induction', '2026-01-06', ['induction'])
  await rec([people.a.id, people.b.id, people.leaver.id], 'Refresher', '2025-09-02', ['refresher'])
  await rec([people.dsl.id], 'DSL update', '2025-11-10', ['dsl-update'])
  await ok(s.core, 'people.archive', { id: people.leaver.id, leftOn: '2026-03-31' })

  time.set('2026-11-20T10:00:00Z')
  await s.as('manager')
  // Started after the year: not on its list.
  const later = await staff('Hana', 'Jones')
  await ok(s.core, 'training.setPerson', { personId: later.id, startedOn: '2026-10-05', designation: null })
  // After the year: not counted in it.
  await rec([people.c.id], 'Refresher', '2026-09-03', ['refresher'])
  return { ...s, people, starter, starter2 }
}

const cellCount = (c: FigureCell) => (typeof c === 'object' && 'count' in c ? c.count : null)
const cellPart = (c: FigureCell) => (typeof c === 'object' && 'part' in c ? [c.part, c.whole] : null)

/** The SQL recount: its own reading of the tables, not the kind's code. */
async function recount(core: Core) {
  const { db } = core.store.requireOpen()
  const onList = `p.kind IN ('staff','governor','volunteer') AND NOT EXISTS (SELECT 1 FROM training_people s WHERE s.person_id = p.id AND s.started_on > '${TO}') AND (p.archived_at IS NULL OR coalesce(p.left_on, substr(p.archived_at,1,10)) > '${TO}')`
  const q = async (sql: string) => Number(((await db.raw(sql)) as { n: number }[])[0]!.n)
  const lastOf = (accepted: string) => `(SELECT max(r.completed_on) FROM training_records r, json_each(r.counts_for) j WHERE r.person_id = p.id AND j.value IN (${accepted}) AND r.completed_on <= '${TO}')`
  const inYear = (accepted: string) => `EXISTS (SELECT 1 FROM training_records r, json_each(r.counts_for) j WHERE r.person_id = p.id AND j.value IN (${accepted}) AND r.completed_on BETWEEN '${FROM}' AND '${TO}')`
  const refresher = `'refresher','induction','dsl-training','dsl-update'`
  return {
    refresher: {
      needed: await q(`SELECT count(*) n FROM people p WHERE ${onList} AND p.kind = 'staff'`),
      trained: await q(`SELECT count(*) n FROM people p WHERE ${onList} AND p.kind = 'staff' AND ${inYear(refresher)}`),
      // Up to date: a refresher within 12 months of the last day, or a new starter within their first year.
      upToDate: await q(
        `SELECT count(*) n FROM people p LEFT JOIN training_people tp ON tp.person_id = p.id WHERE ${onList} AND p.kind = 'staff' AND (date(${lastOf(refresher)}, '+12 months') >= '${TO}' OR (${lastOf(refresher)} IS NULL AND date(tp.started_on, '+12 months') >= '${TO}'))`,
      ),
    },
    induction: {
      needed: await q(`SELECT count(*) n FROM people p JOIN training_people tp ON tp.person_id = p.id WHERE ${onList} AND p.kind IN ('staff','volunteer') AND tp.started_on BETWEEN '${FROM}' AND '${TO}'`),
      trained: await q(`SELECT count(*) n FROM people p JOIN training_people tp ON tp.person_id = p.id WHERE ${onList} AND p.kind IN ('staff','volunteer') AND tp.started_on BETWEEN '${FROM}' AND '${TO}' AND ${inYear(`'induction'`)}`),
    },
    dslTraining: {
      needed: await q(`SELECT count(*) n FROM people p JOIN training_people tp ON tp.person_id = p.id WHERE ${onList} AND tp.designation IS NOT NULL`),
      trained: await q(`SELECT count(*) n FROM people p JOIN training_people tp ON tp.person_id = p.id WHERE ${onList} AND tp.designation IS NOT NULL AND ${inYear(`'dsl-training'`)}`),
      upToDate: await q(`SELECT count(*) n FROM people p JOIN training_people tp ON tp.person_id = p.id WHERE ${onList} AND tp.designation IS NOT NULL AND date(${lastOf(`'dsl-training'`)}, '+24 months') >= '${TO}'`),
    },
    governor: {
      needed: await q(`SELECT count(*) n FROM people p WHERE ${onList} AND p.kind = 'governor'`),
      trained: await q(`SELECT count(*) n FROM people p WHERE ${onList} AND p.kind = 'governor' AND ${inYear(`'governor'`)}`),
      upToDate: await q(`SELECT count(*) n FROM people p WHERE ${onList} AND p.kind = 'governor' AND date(${lastOf(`'governor'`)}, '+36 months') >= '${TO}'`),
    },
  }
}

describe('training in the annual pack', () => {
  it('counts, per requirement, who needed it, who was trained in the year and who was up to date on its last day, each recounted by SQL', async () => {
    const s = await seeded()
    const figures = await ok(s.core, 'annualReview.figures', { startYear: YEAR })
    const part = figures.registers.find((r) => r.kind === 'training') as AnnualRegisterFigures
    expect(part.title).toBe('Online safety training')
    expect(part.intro).not.toMatch(/\d/)
    const row = (label: string) => part.tables[0]!.rows.find((r) => r[0] === label)!
    const counted = (label: string) => ({ needed: cellCount(row(label)[1]!), trained: cellPart(row(label)[2]!), upToDate: cellPart(row(label)[3]!) })
    const sql = await recount(s.core)

    // Staff on the list on 31 August: Alys, Bryn, Cai, Dilys, Ffion and Gethin (Efa left in March). Trained in
    // the year: Alys, Bryn, Dilys (her DSL update) and Ffion (induction); up to date: all but Cai, whose last was 2024.
    expect(sql.refresher).toEqual({ needed: 6, trained: 4, upToDate: 5 })
    expect(counted('Yearly online safety refresher')).toEqual({ needed: 6, trained: [4, 6], upToDate: [5, 6] })
    expect(sql.induction).toEqual({ needed: 2, trained: 1 })
    expect(counted('Induction (online safety)')).toMatchObject({ needed: 2, trained: [1, 2] })
    expect(sql.dslTraining).toEqual({ needed: 1, trained: 0, upToDate: 1 })
    expect(counted('DSL training (every two years)')).toEqual({ needed: 1, trained: [0, 1], upToDate: [1, 1] })
    expect(sql.governor).toEqual({ needed: 2, trained: 0, upToDate: 1 })
    expect(counted('Governor training')).toEqual({ needed: 2, trained: [0, 2], upToDate: [1, 2] })
    expect(part.headlines).toEqual([
      { label: 'Staff up to date with the online safety refresher', cell: { part: sql.refresher.upToDate, whole: sql.refresher.needed } },
      { label: 'New starters given induction', cell: { part: sql.induction.trained, whole: sql.induction.needed } },
    ])

    // The pack prints the section, and signs.
    await ok(s.core, 'annualReview.saveCommentary', { startYear: YEAR, commentary: 'Training went well.', priorities: 'Induction for every new starter.', headName: 'Dafydd ap Rhys', chairName: 'Eleri Morgan' })
    const { file } = await issueReport(s.core, { type: 'annual-review', from: FROM, to: TO }, join(s.dir, 'pack'))
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const text = pdftotext(file)
    expect(text).toMatch(/Online safety training/)
    expect(text).toMatch(/Yearly online safety refresher\s+6\s+4 of 6 \(67%\)\s+5 of 6 \(83%\)/)
  })
})
