import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { AnnualRegisterFigures, FigureCell } from '../../shared/domain/annual-review'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

// The clock starts in 2025–26 (for the priority set in that year) and ends on 24 November 2026.
const IN_YEAR = Date.parse('2026-02-02T10:00:00Z')
const NOW = Date.parse('2026-11-24T10:00:00Z')

const meeting = (metOn: string, actions: { action: string; dueOn: string }[]) => ({ metOn, governor: 'Gareth Bowen', dsl: 'Siân Griffiths', notes: 'Notes.', actions: actions.map((a) => ({ ...a, owner: 'DSL' })) })

async function seed(core: Core, clock: { now: number }): Promise<void> {
  // Three meetings in 2025–26 (six actions), one the year before and one after, which are not counted.
  await ok(core, 'oversight.recordMeeting', meeting('2025-06-10', [{ action: 'Before', dueOn: '2025-07-01' }]))
  const m1 = await ok(core, 'oversight.recordMeeting', meeting('2025-10-08', [{ action: 'A', dueOn: '2025-11-01' }, { action: 'B', dueOn: '2025-11-01' }]))
  await ok(core, 'oversight.recordMeeting', meeting('2026-01-21', [{ action: 'C', dueOn: '2026-02-01' }, { action: 'D', dueOn: '2026-03-01' }]))
  // A priority from the 2024–25 pack, added in 2025–26: counted; one added in 2026–27: not.
  await ok(core, 'oversight.addAction', { source: 'annual-pack', packYear: 2024, action: 'F', owner: 'Head', dueOn: '2026-03-31' })
  clock.now = NOW
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
  await ok(core, 'oversight.recordMeeting', meeting('2026-06-17', [{ action: 'E', dueOn: '2027-01-31' }]))
  await ok(core, 'oversight.recordMeeting', meeting('2026-10-07', [{ action: 'After', dueOn: '2026-12-01' }]))
  await ok(core, 'oversight.addAction', { source: 'annual-pack', packYear: 2025, action: 'G', owner: 'Head', dueOn: '2027-03-31' })
  const done = async (action: string, doneOn: string) => {
    const a = (await ok(core, 'oversight.overview', {})).actions.find((x) => x.action === action)!
    await ok(core, 'oversight.completeAction', { id: a.id, doneOn, note: 'Done.' })
  }
  await done('Before', '2025-06-30')
  await done('A', '2025-10-30') // on time
  await done('B', '2025-11-20') // late
  await done('C', '2026-02-01') // on time, on the day
  await done('F', '2026-04-20') // late
  // D is overdue; E is not yet due.
  expect(m1.actions).toBe(2)
}

const cellText = (c: FigureCell) => (typeof c === 'string' ? c : 'count' in c ? String(c.count) : `${c.part}/${c.whole}`)

describe('the annual pack’s governor oversight section', () => {
  it('counts the year’s meetings and what became of the actions set in it, each recounted here by its own SQL, and prints them in the signed pack', async () => {
    const t = tempDir()
    const clock = { now: IN_YEAR }
    const core = newCore(t.dir, { now: () => clock.now })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core, { recordsBeganOn: '2024-09-01' })
    await seed(core, clock)
    const figures = await ok(core, 'annualReview.figures', { startYear: 2025 })
    const part = figures.registers.find((r) => r.kind === 'governor-oversight') as AnnualRegisterFigures
    expect(part.title).toBe('Governor oversight')
    expect(part.intro).not.toMatch(/\d/)

    // The recount: plain SQL on the register, by the rules the section states.
    const { db } = core.store.requireOpen()
    const one = async (sql: string, ...bindings: string[]) => Number(((await db.raw(sql, bindings)) as { n: number }[])[0]!.n)
    const from = '2025-09-01'
    const to = '2026-08-31'
    const meetings = await one('select count(*) as n from oversight_meetings where met_on between ? and ?', from, to)
    const setIn = `from oversight_actions a left join oversight_meetings m on m.id = a.meeting_id
      where (m.met_on between ? and ?) or (a.meeting_id is null and date(a.recorded_at) between ? and ?)`
    const q = (extra: string, ...more: string[]) => one(`select count(*) as n from (select a.* ${setIn}) where ${extra}`, from, to, from, to, ...more)
    const total = await q('1')
    const onTime = await q('done_on is not null and done_on <= due_on')
    const late = await q('done_on is not null and done_on > due_on')
    const overdue = await q('done_on is null and due_on < ?', '2026-11-24')
    const notYet = await q('done_on is null and due_on >= ?', '2026-11-24')
    expect([meetings, total, onTime, late, overdue, notYet]).toEqual([3, 6, 2, 2, 1, 1])

    expect(part.headlines.map((h) => [h.label, cellText(h.cell)])).toEqual([
      ['Meetings with the online safety governor', String(meetings)],
      ['Oversight actions done', `${onTime + late}/${total}`],
    ])
    expect(part.tables.find((x) => x.title === 'Oversight actions set in the year')!.rows.map((r) => r.map(cellText))).toEqual([
      ['Done by the day they were due', String(onTime), `${onTime}/${total}`],
      ['Done late', String(late), `${late}/${total}`],
      ['Not done and overdue', String(overdue), `${overdue}/${total}`],
      ['Not done, not yet due', String(notYet), `${notYet}/${total}`],
    ])

    await ok(core, 'annualReview.saveCommentary', { startYear: 2025, commentary: 'A quiet year.', priorities: 'More of the same.', headName: 'Dafydd ap Rhys', chairName: 'Eleri Morgan' })
    const { file } = await issueReport(core, { type: 'annual-review', from, to }, t.dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const text = pdftotext(file)
    expect(text).toMatch(/\d+\. Governor oversight\s+How often the DSL met/)
    expect(text).toMatch(/Done late\s+2\s+2 of 6 \(33%\)/)
  })

  it('says plainly when the year has no meetings and no actions', async () => {
    const t = tempDir()
    const core = newCore(t.dir, { now: () => NOW })
    cleanups.push(t.cleanup, () => core.close())
    await setUpSchool(core)
    const part = (await ok(core, 'annualReview.figures', { startYear: 2025 })).registers.find((r) => r.kind === 'governor-oversight')!
    expect(part.headlines.map((h) => cellText(h.cell))).toEqual(['0', '0/0'])
    expect(part.tables.map((x) => [x.rows.length, x.empty])).toEqual([[0, 'No oversight actions were set in the year.']])
  })
})
