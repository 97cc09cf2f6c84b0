import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { DEMO_PASSWORD } from '../../electron/core/demo/index'
import { demoContext } from '../../electron/core/demo/demo'
import { demoAuditHistory, seedAuditHistory } from '../../electron/core/audit/demo-audit'
import { newCore, ok, setUpSchool, tempDir } from './helpers'
import { issueReport, linesOf, pageWords, pdfsig, pdftotext, tablePages, type PageWord } from './pdf-tools'

/**
 * Rows stay whole: on the large demo school (ten years of records, seeded once for this file), no
 * page of a long report starts in the middle of a row, and every row the records hold is printed.
 * Read from outside with pdftotext: the first line under each page's repeated header must be the
 * first line of a row (its first column filled, with the row's first words), and the first
 * column, counted over every page, must hold each row once.
 */

const TODAY = Date.parse('2026-11-24T10:00:00Z')
const DATE = /^\d\d\/\d\d\/\d{4}$/

let core: Core
let dir: string
let cleanup: () => void

beforeAll(async () => {
  const t = tempDir('osr-rows-')
  dir = t.dir
  cleanup = t.cleanup
  core = newCore(dir, { now: () => TODAY })
  await setUpSchool(core)
  // The large school as the demo makes it, with an audit history of 150,000 entries rather than a
  // million: enough for the month printed below to run to more than a thousand rows, in a sixth of the time.
  const ctx = demoContext(core, 'large', DEMO_PASSWORD)
  for (const seeder of core.features.demo) if (seeder !== demoAuditHistory) await seeder.seed(ctx)
  await seedAuditHistory(core.store, 150_000, { now: TODAY })
}, 300_000)

afterAll(async () => {
  await core?.close()
  cleanup?.()
})

async function sql(query: string, ...bindings: (string | number)[]): Promise<Record<string, string | number>[]> {
  return (await core.store.requireOpen().db.raw(query, bindings)) as Record<string, string | number>[]
}

/** The last line of text above each page's footer (the footer starts 64 pt above the foot of A4). */
function lastLines(file: string): string[] {
  return pageWords(file).map((words) => linesOf(words.filter((w) => w.y < 841.89 - 64)).at(-1)?.map((w) => w.text).join(' ') ?? '')
}

/** Pages whose first line under the header does not begin a row: shown as the page and the line's words. */
function midRowStarts(pages: ReturnType<typeof tablePages>, startsRow: (line: PageWord[]) => boolean): string[] {
  return pages.filter((p) => !startsRow(p.firstLine)).map((p) => `page ${p.page}: ${p.firstLine.map((w) => w.text).join(' ')}`)
}

describe('rows stay whole on the large school', () => {
  it('the ten-year Appendix 4 log: every page starts with a row’s date, and every entry is there once', async () => {
    const { file, report } = await issueReport(core, { type: 'incident-log', from: '2016-09-01', to: '2026-11-24' }, dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    const expected = (await sql('SELECT reference FROM incidents WHERE occurred_on BETWEEN ? AND ? ORDER BY occurred_on, id', '2016-09-01', '2026-11-24')).map((r) => String(r['reference']))
    expect(expected.length).toBeGreaterThan(2_000)
    const pages = tablePages(file, ['Date', 'Where the incident took place', 'Description of the incident', 'Action taken', 'Name and signature of the person recording'])
    // The header is repeated on every page after the first, to the table's last (the signature block may follow on a page of its own).
    expect(pages.map((p) => p.page)).toEqual(Array.from({ length: pages.length }, (_, i) => i + 1))
    expect(pages.length).toBeGreaterThanOrEqual(report.pageCount - 1)
    expect(midRowStarts(pages, (line) => DATE.test(line[0]?.text ?? ''))).toEqual([])
    // The first column holds the date and, under it, the reference: each entry once, in order.
    const references = pages.flatMap((p) => p.column.filter((w) => /^INC-/.test(w.text)).map((w) => w.text))
    expect(references).toEqual(expected)
  }, 600_000)

  it('an audit month: every page starts with an entry’s number, and every entry of the month is there', async () => {
    const { file } = await issueReport(core, { type: 'audit-trail', from: '2026-10-01', to: '2026-10-31' }, dir)
    const [first, last] = [Date.parse('2026-10-01T00:00:00+01:00'), Date.parse('2026-11-01T00:00:00Z')].map((t) => new Date(t).toISOString())
    const ids = (await sql('SELECT id FROM audit_log WHERE at >= ? AND at < ? ORDER BY id', first!, last!)).map((r) => String(r['id']))
    expect(ids.length).toBeGreaterThan(1_000)
    const pages = tablePages(file, ['No.', 'When', 'Who', 'Action', 'Record', 'Result', 'Detail'])
    expect(midRowStarts(pages, (line) => /^\d+$/.test(line[0]?.text ?? '') && DATE.test(line[1]?.text ?? ''))).toEqual([])
    expect(pages.flatMap((p) => p.column.filter((w) => /^\d+$/.test(w.text)).map((w) => w.text))).toEqual(ids)
  }, 600_000)

  it('dates the demo’s audit history in the office’s working hours on weekdays, as a school’s trail would be', async () => {
    const [row] = await sql("SELECT count(*) n, sum(strftime('%w', at) IN ('0', '6') OR strftime('%H', at) < '08' OR strftime('%H', at) >= '17') outside FROM audit_log")
    expect(Number(row!['n'])).toBeGreaterThan(150_000)
    expect(Number(row!['outside'])).toBe(0)
  })

  it('no heading ends a page: the agreements report and the annual pack move a heading on with what it introduces', async () => {
    const status = (await issueReport(core, { type: 'aup-status' }, dir)).file
    const statusHeadings = /^(Current versions|By kind of person|Pupils by year group|Pupils by class|Staff by group|Still to agree \([\d,]+\))$/
    const endings = lastLines(status)
    expect(endings.length).toBeGreaterThan(5)
    expect(endings.filter((l) => statusHeadings.test(l))).toEqual([])
    const pack = (await issueReport(core, { type: 'annual-review', from: '2025-09-01', to: '2026-08-31', withoutCommentary: true }, dir)).file
    // A heading, or the sentence under one that explains its table.
    const packEndings = lastLines(pack).filter((l) => /^(\d+\. [A-Z]|What the records show|By month|By category|Outcomes by category|Incidents by year group|Repeat involvement|Referrals made|Decisions not to refer|Versions in force|Visitors|Reviews completed|Next reviews|Training|During the year|Priorities)|year; one naming pupils of two year groups counts in both\.$/.test(l))
    expect(packEndings).toEqual([])
  }, 600_000)

  it('an incident with a long chronology: no page splits a date from its time, and every record is there', async () => {
    const [row] = await sql("SELECT id, reference FROM incidents WHERE status = 'open' ORDER BY occurred_on DESC LIMIT 1")
    const id = Number(row!['id'])
    // Eighty more signed records, some with notes long enough to take several lines.
    for (let i = 0; i < 80; i++) {
      const note = i % 7 === 0 ? `Spoke with the family again (call ${i}). ${'They asked for the school’s online safety guidance and a copy of the acceptable use agreement. '.repeat(4)}` : `Follow-up ${i}`
      await ok(core, 'incidents.setStep', { incidentId: id, step: 'parents-informed', state: i % 2 ? 'pending' : 'done', note })
    }
    const records = Number((await sql('SELECT count(*) n FROM incident_records WHERE incident_id = ?', id))[0]!['n'])
    expect(records).toBeGreaterThan(80)
    const { file, report } = await issueReport(core, { type: 'incident-record', recordId: id }, dir)
    expect(report.pageCount).toBeGreaterThan(3)
    const pages = tablePages(file, ['When', 'What', 'By', 'Signature'])
    expect(pages.length).toBeGreaterThan(2)
    // A row's first line is its date, its time on the line below.
    expect(midRowStarts(pages, (line) => DATE.test(line[0]?.text ?? ''))).toEqual([])
    const column = pages.flatMap((p) => p.column.map((w) => w.text))
    expect(column.filter((t) => DATE.test(t))).toHaveLength(records)
    expect(column.filter((t) => /^\d\d:\d\d$/.test(t))).toHaveLength(records)
    const text = pdftotext(file)
    for (let i = 0; i < 80; i++) expect(text).toContain(i % 7 === 0 ? `(call ${i})` : `Follow-up ${i} `)
  }, 600_000)
})
