// The searches and confiscations section of the annual pack: seeded records in and out of the year,
// the figures drawn through the pack, and each figure counted again here with its own SQL.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { MethodInput } from '../../shared/api/contract'
import type { AnnualRegisterFigures, FigureCell } from '../../shared/domain/annual-review'
import { ok } from './helpers'
import { clock, school, type School } from './people-fixtures'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'

let s: School | null = null
afterEach(async () => {
  await s?.close()
  s = null
})

const n = (cell: FigureCell | undefined) => (cell && typeof cell === 'object' && 'count' in cell ? cell.count : cell)

describe('the annual pack’s searches and confiscations', () => {
  it('counts the year’s searches by reason and footing and its items by where they went, each figure matching its own SQL', async () => {
    s = await school(clock('2026-07-20T09:00:00Z').now)
    const { core } = s
    const pupil = (await ok(core, 'people.create', { kind: 'pupil', forename: 'Ffion', surname: 'Tregarthen', yearGroup: '9', regClass: '9T', dateOfBirth: '2012-01-04' })).id
    const head = (await ok(core, 'people.create', { kind: 'staff', forename: 'Helen', surname: 'Abernethy', jobTitle: 'Deputy headteacher', staffGroup: 'leadership' })).id
    const search = (day: string, reason: MethodInput<'searches.record'>['reason'], power: MethodInput<'searches.record'>['power'], looked: boolean, told: boolean) =>
      ok(core, 'searches.record', {
        searchedOn: day, searchedTime: null, place: 'Office', pupilId: pupil, searcherId: head, witnessId: null, reason, power,
        grounds: 'Seen passing a vape to a friend.', found: '', deviceLookedAt: looked ? 'The messages.' : null, deleted: looked && reason === 'bullying' ? 'The messages, after screenshots.' : null,
        notes: null, parentsInformedOn: told ? day : null, dslInformedOn: null, incidentId: null,
      })
    // In 2025–26: six searches; outside it, two from the summer before.
    await search('2025-09-10', 'prohibited-item', 'statutory-power', false, true)
    await search('2025-10-02', 'prohibited-item', 'pupil-consent', false, true)
    await search('2025-11-12', 'bullying', 'pupil-consent', true, true)
    await search('2026-01-20', 'bullying', 'parent-consent', true, false)
    await search('2026-03-03', 'device-rules', 'pupil-consent', true, true)
    await search('2026-06-30', 'banned-item', 'statutory-power', false, true)
    await search('2025-07-15', 'bullying', 'pupil-consent', true, true)
    await search('2025-08-31', 'prohibited-item', 'statutory-power', false, true)
    const item = (day: string, reason: MethodInput<'confiscations.record'>['reason']) =>
      ok(core, 'confiscations.record', { kind: 'phone', description: 'Black phone', serial: null, takenOn: day, takenTime: null, reason, why: 'Used in the lesson.', heldWhere: 'Office', heldBy: 'Office', forCollection: reason !== 'evidence', pupilId: pupil, searchId: null, incidentId: null })
    const items = [] as number[]
    for (const [day, reason] of [
      ['2025-09-15', 'rules'], ['2025-09-16', 'rules'], ['2025-10-01', 'rules'], ['2025-12-01', 'behaviour'], ['2026-02-02', 'evidence'],
      ['2026-05-20', 'exam'], ['2026-06-10', 'rules'], ['2025-08-20', 'rules'],
    ] as const) items.push((await item(day, reason)).id)
    await ok(core, 'confiscations.handBack', { id: items[0]!, returnedOn: '2025-09-15', returnedTo: 'Mrs T' })
    await ok(core, 'confiscations.handBack', { id: items[1]!, returnedOn: '2025-09-17', returnedTo: 'Mrs T' })
    await ok(core, 'confiscations.handBack', { id: items[3]!, returnedOn: '2025-12-05', returnedTo: 'Mr T' })
    await ok(core, 'confiscations.passToPolice', { id: items[4]!, passedOn: '2026-02-03', policeReference: 'CAD-1' })
    await ok(core, 'confiscations.examBoardTold', { id: items[5]!, toldOn: '2026-05-21', toldWhom: 'AQA' })
    await ok(core, 'confiscations.handBack', { id: items[7]!, returnedOn: '2025-08-21', returnedTo: 'Mrs T' })

    const figures = await ok(core, 'annualReview.figures', { startYear: 2025 })
    const mine = figures.registers.find((r) => r.kind === 'searches') as AnnualRegisterFigures
    expect(mine.title).toBe('Searches and confiscated items')
    expect(mine.intro).not.toMatch(/\d/)

    // The recount, from the tables with SQL of its own.
    const { db } = core.store.requireOpen()
    const sql = async (q: string) => db.raw(q) as Promise<Record<string, number | string>[]>
    const [from, to] = ['2025-09-01', '2026-08-31']
    const byReason = await sql(`SELECT reason, COUNT(*) AS n FROM searches WHERE searched_on BETWEEN '${from}' AND '${to}' GROUP BY reason`)
    const byPower = await sql(`SELECT power, COUNT(*) AS n FROM searches WHERE searched_on BETWEEN '${from}' AND '${to}' GROUP BY power`)
    const [looked] = await sql(`SELECT SUM(device_examined) AS looked, SUM(content_deleted) AS deleted, COUNT(parents_informed_on) AS told, COUNT(*) AS total FROM searches WHERE searched_on BETWEEN '${from}' AND '${to}'`)
    const taken = await sql(`SELECT reason, COUNT(*) AS n, COUNT(returned_on) AS back, COUNT(police_on) AS police FROM confiscations WHERE taken_on BETWEEN '${from}' AND '${to}' GROUP BY reason`)
    const [held] = await sql(`SELECT COUNT(*) AS n FROM confiscations WHERE taken_on BETWEEN '${from}' AND '${to}' AND returned_on IS NULL AND police_on IS NULL`)
    const [exam] = await sql(`SELECT COUNT(exam_board_told_on) AS told, COUNT(*) AS n FROM confiscations WHERE reason = 'exam' AND taken_on BETWEEN '${from}' AND '${to}'`)

    const table = (title: string) => mine.tables.find((t) => t.title === title)!
    const LABELS = { 'prohibited-item': /prohibited/, bullying: /bullying/, 'device-rules': /phone or device/, 'banned-item': /Another item/ } as const
    expect(table('Searches by reason').rows.length).toBe(byReason.length)
    for (const r of byReason) expect(n(table('Searches by reason').rows.find((row) => LABELS[r.reason as keyof typeof LABELS].test(row[0] as string))![1])).toBe(r.n)
    const POWERS = { 'pupil-consent': /pupil’s consent/, 'parent-consent': /parent’s/, 'statutory-power': /statutory/ } as const
    for (const r of byPower) expect(n(table('Searches by consent or power').rows.find((row) => POWERS[r.power as keyof typeof POWERS].test(row[0] as string))![1])).toBe(r.n)
    const devices = table('Devices looked at and content deleted').rows
    expect(n(devices[0]![1])).toBe(looked!.looked)
    expect(n(devices[1]![1])).toBe(looked!.deleted)
    expect(devices[2]![1]).toEqual({ part: looked!.told, whole: looked!.total })
    const TAKEN = { rules: /phone rules/, behaviour: /behaviour/, evidence: /evidence/, exam: /exam/ } as const
    expect(table('Confiscated items by reason').rows.length).toBe(taken.length)
    for (const r of taken) {
      const row = table('Confiscated items by reason').rows.find((x) => TAKEN[r.reason as keyof typeof TAKEN].test(x[0] as string))!
      expect([n(row[1]), n(row[2]), n(row[3])]).toEqual([r.n, r.back, r.police])
    }
    expect(table('Devices found in exams').rows[0]![1]).toEqual({ part: exam!.told, whole: exam!.n })
    const headline = (label: string) => n(mine.headlines.find((h) => h.label.startsWith(label))!.cell)
    expect(headline('Searches')).toBe(looked!.total)
    expect(headline('Items confiscated')).toBe(taken.reduce((a, r) => a + Number(r.n), 0))
    expect(headline('Items still held')).toBe(held!.n)
    // The numbers the SQL gives are the ones seeded: six searches, seven items, three still held.
    expect([looked!.total, headline('Items confiscated'), held!.n]).toEqual([6, 7, 3])

    // And the pack prints it, signed.
    await ok(core, 'annualReview.saveCommentary', { startYear: 2025, commentary: 'A steady year.', priorities: 'Phones in lessons.', headName: 'Dafydd ap Rhys', chairName: 'Eleri Morgan' })
    const { file } = await issueReport(core, { type: 'annual-review', from, to, anonymised: false }, join(s.dir, 'out'))
    expect(pdfsig(file)).toMatch(/Signature is Valid/)
    const text = pdftotext(file)
    expect(text).toMatch(/\d+\. Searches and confiscated items/)
    expect(text).toContain('Source: the searches and confiscations register')
    expect(text).not.toContain('Tregarthen')
  })
})
