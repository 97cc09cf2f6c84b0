import { isValid, parse } from 'date-fns'
import type { IncidentImportPreview, IncidentImportRow } from '../../../shared/domain/incidents'
import { conflict } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { csvText } from '../files/csv-input'
import { readCsv, type CsvTable } from '../files/csv-table'
import { recordWithin } from './incidents'
import { ukDay } from '../../../shared/dates/uk-time'

type Column = keyof IncidentImportPreview['columns']

/** The headings a file has, shortened for a message: a file with no real headings can have one line of a megabyte. */
function headingsFound(headers: readonly string[]): string {
  const named = headers.filter(Boolean)
  if (!named.length) return 'no headings'
  const shown = named.slice(0, 8).map((h) => (h.length > 40 ? `${h.slice(0, 40)}…` : h))
  return `${shown.join(', ')}${named.length > 8 ? `, and ${named.length - 8} more` : ''}`
}

/**
 * How each Appendix 4 column is recognised in a school's own spreadsheet: its heading, in the
 * words schools tend to use. The first matching heading wins.
 */
const HEADINGS: Record<Column, RegExp> = {
  date: /^(date|when|date of (the )?incident|incident date|date\/time|date and time)\b/i,
  place: /(where|place|location|took place)/i,
  description: /(description|details|what happened|incident)/i,
  action: /action/i,
  recordedBy: /(name|recorded|signature|staff|reported by)/i,
}

const DATE_FORMATS = ['d/M/yyyy', 'd/M/yy', 'd-M-yyyy', 'd-M-yy', 'd.M.yyyy', 'd.M.yy', 'd MMMM yyyy', 'd MMM yyyy', 'do MMMM yyyy', 'EEEE d MMMM yyyy', 'EEE d MMM yyyy', 'yyyy-MM-dd']

/** A date (and maybe a time) as UK spreadsheets write it: 03/02/2024 is 3 February. */
export function parseUkDate(text: string): { day: string; time: string | null } | null {
  const match = /^(.*?)(?:[\sT,]+(\d{1,2})[:.](\d{2})(?::\d{2})?)?\s*$/.exec(text.trim())
  if (!match) return null
  const datePart = match[1]!.trim()
  const time = match[2] ? `${match[2].padStart(2, '0')}:${match[3]}` : null
  if (time && (Number(match[2]) > 23 || Number(match[3]) > 59)) return null
  for (const format of DATE_FORMATS) {
    const date = parse(datePart, format, new Date(2000, 0, 1))
    if (isValid(date) && date.getFullYear() >= 1990) {
      const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
      return { day, time }
    }
  }
  return null
}

function findColumns(table: CsvTable): Record<Column, number> {
  const taken = new Set<number>()
  const found = {} as Record<Column, number>
  // The most specific headings first, so "Action taken" is not read as the description.
  for (const column of ['date', 'action', 'place', 'recordedBy', 'description'] as Column[]) {
    const index = table.headers.findIndex((h, i) => !taken.has(i) && HEADINGS[column].test(h.trim()))
    found[column] = index
    if (index >= 0) taken.add(index)
  }
  return found
}

interface ReadyRow extends IncidentImportRow {
  time: string | null
}

/** The import's file: its bytes (base64) or text a caller decoded. */
export interface CsvFileInput {
  csv?: string
  csvBase64?: string
}

function readRows(ctx: FeatureContext, file: CsvFileInput): { preview: IncidentImportPreview; rows: ReadyRow[] } {
  const { text, encoding } = csvText(file)
  const table = readCsv(text)
  const at = findColumns(table)
  if (at.date < 0 || at.description < 0) {
    throw conflict(
      `The file needs at least a date column and a description column (found: ${headingsFound(table.headers)}). Use the Appendix 4 headings: Date, Where the incident took place, Description of the incident, Action taken, Name of the person recording it.`,
    )
  }
  const today = ukDay(ctx.now())
  const cell = (cells: string[], index: number) => (index >= 0 ? (cells[index] ?? '').trim() : '')
  const rows: ReadyRow[] = table.rows.map(({ line, cells }) => {
    const problems: string[] = []
    const rawDate = cell(cells, at.date)
    const parsed = rawDate ? parseUkDate(rawDate) : null
    if (!rawDate) problems.push('The date is missing.')
    else if (!parsed) problems.push(`“${rawDate}” is not a date this app can read; write it as day/month/year, for example 03/02/2024.`)
    else if (parsed.day > today) problems.push('The date is after today.')
    const description = cell(cells, at.description)
    if (!description) problems.push('The description is empty.')
    if (description.length > 20_000) problems.push('The description is longer than 20,000 characters.')
    return {
      line,
      occurredOn: parsed?.day ?? null,
      time: parsed?.time ?? null,
      place: cell(cells, at.place).slice(0, 200),
      description,
      actionTaken: cell(cells, at.action).slice(0, 10_000),
      recordedBy: cell(cells, at.recordedBy).slice(0, 100),
      problems,
    }
  })
  const heading = (index: number) => (index >= 0 ? table.headers[index]! : null)
  const withProblems = rows.filter((r) => r.problems.length).length
  return {
    rows,
    preview: {
      rows: rows.map(({ time: _time, ...row }) => row),
      encoding,
      ready: rows.length - withProblems,
      withProblems,
      columns: { date: heading(at.date), place: heading(at.place), description: heading(at.description), action: heading(at.action), recordedBy: heading(at.recordedBy) },
    },
  }
}

export function previewIncidentImport(ctx: FeatureContext, file: CsvFileInput): IncidentImportPreview {
  ctx.store.requireOpen()
  return readRows(ctx, file).preview
}

/**
 * Adds every row of an earlier log as an entry marked "imported", signed by the person
 * importing it and naming the original recorder. All or nothing: while any row has a problem,
 * nothing is added.
 */
export async function applyIncidentImport(ctx: FeatureContext, file: CsvFileInput): Promise<{ imported: number }> {
  const { db } = ctx.store.requireOpen()
  const { rows, preview } = readRows(ctx, file)
  if (preview.withProblems) {
    throw conflict(`${preview.withProblems} row(s) of the file have a problem (the first on line ${rows.find((r) => r.problems.length)!.line}). Correct them in the file and import it again; nothing was added.`)
  }
  if (!rows.length) throw conflict('The file has headings but no entries, so nothing was imported.')
  const other = (await db('incident_categories').whereRaw("name = 'Other' COLLATE NOCASE").first('id')) as { id: number } | undefined
  const fallback = other ?? (await db('incident_categories').whereNull('retired_at').orderBy('id').first('id'))!
  const ordered = [...rows].sort((a, b) => a.occurredOn!.localeCompare(b.occurredOn!) || a.line - b.line)
  await ctx.store.change({ action: 'incident.import', target: 'incidents', detail: `${rows.length} entries` }, async (trx) => {
    for (const row of ordered) {
      await recordWithin(
        ctx,
        trx,
        {
          occurredOn: row.occurredOn!,
          occurredTime: row.time,
          place: row.place || 'Not recorded in the earlier log',
          onSite: true,
          device: 'unknown',
          categoryId: fallback.id,
          description: row.description,
          actionTaken: row.actionTaken,
          childsWords: null,
          people: [],
          status: 'closed',
          outcome: 'Recorded in the school’s earlier log; see the action taken.',
        },
        { importedFrom: { recordedBy: row.recordedBy || 'Not recorded' } },
      )
    }
  })
  return { imported: rows.length }
}
