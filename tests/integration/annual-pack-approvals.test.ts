import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { AnnualRegisterFigures, FigureCell } from '../../shared/domain/annual-review'
import type { MethodInput } from '../../shared/api/contract'
import { ok } from './helpers'
import { clock, school, type School } from './people-fixtures'
import { issueReport, pdfsig, pdftotext } from './pdf-tools'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

type ApprovalRequest = MethodInput<'approvals.request'>
const APP: ApprovalRequest = {
  kind: 'new-app',
  title: 'An app',
  purpose: 'Lessons.',
  personalData: 'Pupils’ names.',
  risks: 'Data shared.',
  mitigations: 'Agreement signed.',
  riskLevel: 'low',
  accountHolderIds: [],
}

const countOf = (cell: FigureCell | undefined) => (typeof cell === 'object' && 'count' in cell ? cell.count : NaN)
const sql = async (core: Core, query: string, ...bindings: string[]) => Number(((await core.store.requireOpen().db.raw(query, bindings)) as { n: number }[])[0]!.n)

/**
 * The approvals' part of the annual pack for 2025–26, drawn after the year ends, each figure
 * recounted here with its own SQL over the register's tables.
 */
describe('the approvals section of the annual pack', () => {
  it('counts the head’s decisions and reviews in the year by kind, what was in force on its last day, and reviews due or lapsed then', async () => {
    const time = clock('2025-06-02T09:00:00Z')
    const s = await school(time.now)
    open.push(s)
    const { core } = s
    const ask = async (over: Partial<ApprovalRequest>) => (await ok(core, 'approvals.request', { ...APP, ...over })).id
    // Before the year: decided in June 2025 and reviewed in the year.
    await s.as('ict')
    const before = await ask({ title: 'Purple Mash' })
    await s.as('head')
    await ok(core, 'approvals.decide', { id: before, outcome: 'approved', decidedOn: '2025-06-02', reviewOn: '2025-10-01' })
    // In the year.
    time.set('2025-10-06T09:00:00Z')
    await s.as('head')
    await ok(core, 'approvals.review', { id: before, outcome: 'approved', decidedOn: '2025-10-06', reviewOn: '2026-09-15', notes: 'Checked.', riskLevel: 'low' })
    await s.as('manager')
    const a = await ask({ title: 'Tapestry' })
    const b = await ask({ title: 'Seesaw' })
    const c = await ask({ kind: 'remote-learning', title: 'Teams' })
    const d = await ask({ kind: 'pupil-phone', title: 'Phones on a trip', personalData: undefined })
    const e = await ask({ kind: 'staff-device', title: 'A phone at forest school', personalData: undefined })
    await ask({ title: 'Waiting all year' })
    await s.as('head')
    await ok(core, 'approvals.decide', { id: a, outcome: 'approved-with-conditions', conditions: 'iPads only.', decidedOn: '2025-10-06', reviewOn: '2026-12-01' })
    await ok(core, 'approvals.decide', { id: b, outcome: 'approved', decidedOn: '2025-10-06', reviewOn: '2026-06-30' })
    await ok(core, 'approvals.decide', { id: c, outcome: 'approved', decidedOn: '2025-10-06', reviewOn: '2026-08-20' })
    await ok(core, 'approvals.decide', { id: d, outcome: 'refused', reason: 'Use iPads.', decidedOn: '2025-10-06' })
    await ok(core, 'approvals.decide', { id: e, outcome: 'approved', decidedOn: '2025-10-06', reviewOn: '2026-03-01' })
    time.set('2026-02-02T09:00:00Z')
    await s.as('head')
    await ok(core, 'approvals.review', { id: e, outcome: 'refused', reason: 'The radio now reaches the site.', decidedOn: '2026-02-02', notes: 'Radio fitted.', riskLevel: 'low' })
    // After the year: a decision in September 2026 is not counted.
    time.set('2026-09-07T09:00:00Z')
    await s.as('manager')
    const late = await ask({ title: 'Canva' })
    await s.as('head')
    await ok(core, 'approvals.decide', { id: late, outcome: 'approved', decidedOn: '2026-09-07', reviewOn: '2027-09-01' })

    const figures = await ok(core, 'annualReview.figures', { startYear: 2025 })
    const part = figures.registers.find((r) => r.kind === 'approvals') as AnnualRegisterFigures
    expect(part.title).toBe('Approvals and risk assessments')
    expect(part.intro).not.toMatch(/\d/)

    // Each figure, recounted with its own SQL.
    const FROM = '2025-09-01'
    const TO = '2026-08-31'
    const decided = await sql(core, 'SELECT count(*) AS n FROM approval_decisions WHERE is_review = 0 AND decided_on BETWEEN ? AND ?', FROM, TO)
    const latestBy = `SELECT d.* FROM approval_decisions d WHERE d.id = (SELECT max(d2.id) FROM approval_decisions d2 WHERE d2.approval_id = d.approval_id AND d2.decided_on <= '${TO}')`
    const inForce = await sql(core, `SELECT count(*) AS n FROM (${latestBy}) WHERE outcome IN ('approved', 'approved-with-conditions')`)
    const lapsed = await sql(core, `SELECT count(*) AS n FROM (${latestBy}) WHERE outcome IN ('approved', 'approved-with-conditions') AND review_on < ?`, TO)
    const dueSoon = await sql(core, `SELECT count(*) AS n FROM (${latestBy}) WHERE outcome IN ('approved', 'approved-with-conditions') AND review_on >= ? AND review_on <= date(?, '+30 days')`, TO, TO)
    expect([decided, inForce, lapsed, dueSoon]).toEqual([5, 4, 2, 1])
    expect(part.headlines.map((h) => [h.label, countOf(h.cell)])).toEqual([
      ['Approvals decided in the year', decided],
      ['Approvals in force on 31/08/2026', inForce],
      ['Approval reviews overdue', lapsed],
    ])

    const [byKind, standing] = part.tables
    const kindRow = (label: string) => byKind!.rows.find((r) => r[0] === label)?.slice(1).map(countOf)
    const kindCount = (kind: string, clause: string) =>
      sql(core, `SELECT count(*) AS n FROM approval_decisions d JOIN approvals a ON a.id = d.approval_id WHERE a.kind = ? AND d.decided_on BETWEEN ? AND ? AND ${clause}`, kind, FROM, TO)
    for (const [kind, label] of [['new-app', 'New app or online service'], ['remote-learning', 'Remote learning or videoconferencing tool'], ['pupil-phone', 'Pupils’ phones for a lesson activity'], ['staff-device', 'Staff personal device in an emergency']] as const) {
      expect(kindRow(label), label).toEqual([
        await kindCount(kind, "d.is_review = 0 AND d.outcome = 'approved'"),
        await kindCount(kind, "d.is_review = 0 AND d.outcome = 'approved-with-conditions'"),
        await kindCount(kind, "d.is_review = 0 AND d.outcome = 'refused'"),
        await kindCount(kind, 'd.is_review = 1'),
      ])
    }
    expect(kindRow('New app or online service')).toEqual([1, 1, 0, 1])
    expect(byKind!.rows).toHaveLength(4)

    const standingRow = (label: string) => standing!.rows.find((r) => r[0] === label)?.slice(1).map(countOf)
    const standCount = (kind: string, clause: string) =>
      sql(core, `SELECT count(*) AS n FROM (${latestBy}) l JOIN approvals a ON a.id = l.approval_id WHERE a.kind = ? AND l.outcome IN ('approved', 'approved-with-conditions') AND ${clause}`, kind)
    expect(standingRow('New app or online service')).toEqual([await standCount('new-app', '1'), await standCount('new-app', `review_on >= '${TO}' AND review_on <= date('${TO}', '+30 days')`), await standCount('new-app', `review_on < '${TO}'`)])
    expect(standingRow('New app or online service')).toEqual([3, 1, 1])
    expect(standingRow('Remote learning or videoconferencing tool')).toEqual([1, 0, 1])
    expect(standing!.rows).toHaveLength(2)

    // And the pack prints the section, signed.
    await s.as('manager')
    await ok(core, 'annualReview.saveCommentary', { startYear: 2025, commentary: 'A steady year.', priorities: 'Review every app before September.', headName: 'Dafydd ap Rhys', chairName: 'Eleri Morgan' })
    const { file } = await issueReport(core, { type: 'annual-review', from: FROM, to: TO }, s.dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const text = pdftotext(file).replace(/\s+/g, ' ')
    expect(text).toMatch(/\d+\. Approvals and risk assessments/)
    expect(text).toContain('Source: the approvals register')
    // The section's page as a picture, for a person to look at.
    if (process.env['OSR_KEEP_PAGES']) {
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
      const page = Array.from({ length: pages }, (_, i) => i + 1).findLast((n) => /\d+\. Approvals and risk assessments/.test(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' })))!
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), file, join(process.env['OSR_KEEP_PAGES'], 'annual-pack-approvals')])
    }
  }, 120_000)
})
