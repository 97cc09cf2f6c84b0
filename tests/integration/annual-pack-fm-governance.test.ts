import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { AnnualRegisterFigures, FigureCell } from '../../shared/domain/annual-review'
import { newCore, ok, setUpSchool, tempDir } from './helpers'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

// 24 November 2026: school year 2026–27 is under way, 2025–26 is over.
const NOW = Date.parse('2026-11-24T10:00:00Z')

const review = (reviewedOn: string, actions: { action: string; owner: string; dueOn: string }[]) => ({
  reviewedOn,
  reviewedBy: 'SLT lead, DSL, IT provider',
  riskProfile: 'Primary pupils.',
  filtering: 'Cloud filter.',
  iwfList: true,
  counterTerrorismList: true,
  guestNetwork: 'Filtered.',
  personalDevices: 'Not allowed.',
  overBlocking: 'None.',
  monitoringStrategy: 'Software monitoring.',
  alertHandling: 'To the DSL.',
  actions,
})

async function seed(core: Core): Promise<void> {
  await ok(core, 'fm.setRole', { role: 'it-provider', name: 'Dyffryn Schools IT Ltd', responsibilities: 'Runs the filter.' })
  // One review in 2025–26 with six actions; one in 2024–25 (not counted) with one.
  const last = await ok(core, 'fm.recordReview', review('2024-10-10', [{ action: 'Old', owner: 'x', dueOn: '2024-11-01' }]))
  await ok(core, 'fm.completeAction', { id: last.actions[0]!.id, doneOn: '2024-10-20', note: 'Done.' })
  const r = await ok(core, 'fm.recordReview', review('2025-10-14', ['A', 'B', 'C', 'D', 'E', 'F'].map((a, i) => ({ action: a, owner: 'x', dueOn: i < 4 ? '2025-12-01' : '2027-03-01' }))))
  await ok(core, 'fm.completeAction', { id: r.actions[0]!.id, doneOn: '2025-11-20', note: 'On time.' })
  await ok(core, 'fm.completeAction', { id: r.actions[1]!.id, doneOn: '2025-11-30', note: 'On time.' })
  await ok(core, 'fm.completeAction', { id: r.actions[2]!.id, doneOn: '2026-01-10', note: 'Late.' })
  // D is overdue; E and F are not yet due.
  // Alerts: 7 in 2025–26 (5 closed, 2 waiting), and one either side of the year.
  const days = ['2025-09-02', '2025-10-01', '2025-12-03', '2026-02-04', '2026-05-05', '2026-07-06', '2026-08-31']
  for (const [i, alertedOn] of days.entries()) {
    const a = await ok(core, 'fm.recordAlert', { alertedOn, source: 'Monitor', what: `Alert ${i}` })
    if (i < 5) await ok(core, 'fm.triageAlert', { id: a.id, outcome: 'closed', triagedOn: alertedOn, reason: 'False match.' })
  }
  await ok(core, 'fm.recordAlert', { alertedOn: '2025-08-31', source: 'Monitor', what: 'Before' })
  await ok(core, 'fm.recordAlert', { alertedOn: '2026-09-01', source: 'Monitor', what: 'After' })
}

const cellText = (c: FigureCell) => (typeof c === 'string' ? c : 'count' in c ? String(c.count) : `${c.part}/${c.whole}`)

describe('the annual pack’s filtering and monitoring section', () => {
  it('counts the year’s review, its actions and the alerts, each recounted here by its own SQL, and prints them in the signed pack', async () => {
    const t = tempDir()
    const core = newCore(t.dir, { now: () => NOW })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    await seed(core)
    const figures = await ok(core, 'annualReview.figures', { startYear: 2025 })
    const fm = figures.registers.find((r) => r.kind === 'fm-governance') as AnnualRegisterFigures
    expect(fm.title).toBe('Filtering and monitoring')
    expect(fm.intro).not.toMatch(/\d/)

    // The recount: plain SQL on the register, by the rules the section states.
    const { db } = core.store.requireOpen()
    const one = async (sql: string, ...bindings: string[]) => Number(((await db.raw(sql, bindings)) as { n: number }[])[0]!.n)
    const from = '2025-09-01'
    const to = '2026-08-31'
    const alerts = await one('select count(*) as n from fm_alerts where alerted_on between ? and ?', from, to)
    const byState = async (state: string) => one('select count(*) as n from fm_alerts where alerted_on between ? and ? and state = ?', from, to, state)
    const actionsIn = 'from fm_review_actions a join fm_reviews r on r.id = a.review_id where r.reviewed_on between ? and ?'
    const actionTotal = await one(`select count(*) as n ${actionsIn}`, from, to)
    const onTime = await one(`select count(*) as n ${actionsIn} and a.done_on is not null and a.done_on <= a.due_on`, from, to)
    const late = await one(`select count(*) as n ${actionsIn} and a.done_on is not null and a.done_on > a.due_on`, from, to)
    const overdue = await one(`select count(*) as n ${actionsIn} and a.done_on is null and a.due_on < ?`, from, to, '2026-11-24')
    const notYet = await one(`select count(*) as n ${actionsIn} and a.done_on is null and a.due_on >= ?`, from, to, '2026-11-24')
    const lastReview = ((await db.raw('select max(reviewed_on) as d from fm_reviews where reviewed_on between ? and ?', [from, to])) as { d: string }[])[0]!.d
    expect([alerts, await byState('closed'), await byState('open'), actionTotal, onTime, late, overdue, notYet]).toEqual([7, 5, 2, 6, 2, 1, 1, 2])

    expect(fm.headlines.map((h) => [h.label, cellText(h.cell)])).toEqual([
      ['Filtering and monitoring review held', `Yes, ${lastReview.slice(8)}/${lastReview.slice(5, 7)}/${lastReview.slice(0, 4)}`],
      ['Monitoring alerts taken in', String(alerts)],
      ['Review actions done', `${onTime + late}/${actionTotal}`],
    ])
    const table = (title: string) => fm.tables.find((x) => x.title === title)!.rows.map((r) => r.map(cellText))
    expect(table('Monitoring alerts')).toEqual([
      ['Linked to an incident', String(await byState('incident')), `${await byState('incident')}/${alerts}`],
      ['Closed with a reason', String(await byState('closed')), `${await byState('closed')}/${alerts}`],
      ['Waiting to be triaged', String(await byState('open')), `${await byState('open')}/${alerts}`],
    ])
    expect(table('Actions set by the year’s reviews')).toEqual([
      ['Done by the day they were due', String(onTime), `${onTime}/${actionTotal}`],
      ['Done late', String(late), `${late}/${actionTotal}`],
      ['Not done and overdue', String(overdue), `${overdue}/${actionTotal}`],
      ['Not done, not yet due', String(notYet), `${notYet}/${actionTotal}`],
    ])
    expect(table('Yearly reviews')).toEqual([['14/10/2025']])
    expect(table('Responsibilities')).toEqual([
      ['Senior leadership team lead', 'Not named'],
      ['Governor responsible', 'Not named'],
      ['Designated safeguarding lead', 'Not named'],
      ['IT service provider', 'Dyffryn Schools IT Ltd'],
    ])

    await ok(core, 'annualReview.saveCommentary', { startYear: 2025, commentary: 'A quiet year.', priorities: 'More of the same.', headName: 'Dafydd ap Rhys', chairName: 'Eleri Morgan' })
    const { file } = await issueReport(core, { type: 'annual-review', from, to }, t.dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const text = pdftotext(file)
    expect(text).toMatch(/\d+\. Filtering and monitoring\s+Who holds each responsibility/)
    expect(text).toMatch(/Closed with a reason\s+5\s+5 of 7 \(71%\)/)
    expect(text).toMatch(/Done late\s+1\s+1 of 6 \(17%\)/)
  })

  it('says plainly when the year has no review, no actions and no alerts', async () => {
    const t = tempDir()
    const core = newCore(t.dir, { now: () => NOW })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const fm = (await ok(core, 'annualReview.figures', { startYear: 2025 })).registers.find((r) => r.kind === 'fm-governance')!
    expect(fm.headlines.map((h) => cellText(h.cell))).toEqual(['No', '0', '0/0'])
    expect(fm.tables.filter((x) => x.rows.length === 0).map((x) => x.empty)).toEqual([
      'No filtering and monitoring review was recorded in the year.',
      'The year’s reviews set no actions.',
      'No monitoring alerts were taken in during the year.',
    ])
  })
})
