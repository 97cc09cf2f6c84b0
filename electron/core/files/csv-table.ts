import { CsvError, parse } from 'csv-parse/sync'
import { invalid } from '../api/app-error'

export interface CsvRow {
  /** The line of the file the row starts on; the headings are on line 1. */
  line: number
  cells: string[]
}

export interface CsvTable {
  headers: string[]
  rows: CsvRow[]
}

/** Excel in some locales saves with semicolons, and a few MIS reports with tabs. */
function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/)
  const header = end === -1 ? text : text.slice(0, end)
  const counts = [',', ';', '\t'].map((d) => ({ d, n: header.split(d).length - 1 }))
  counts.sort((a, b) => b.n - a.n)
  return counts[0]!.n > 0 ? counts[0]!.d : ','
}

function unreadable(err: CsvError): Error {
  const at = (err as CsvError & { lines?: number }).lines
  const where = at ? ` near line ${at}` : ''
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return invalid('csv', `A value in quotes that starts${where} is never closed, so the file looks cut short or damaged. Export it again from the MIS.`)
  }
  return invalid('csv', `The file could not be read as CSV${where}. Save it from the MIS or Excel as “CSV (comma delimited)” and try again.`)
}

/**
 * Reads CSV text into headings and rows, each row with the line it starts on (a quoted value
 * may span lines, so row number and line number differ). Rows of empty cells — what Excel
 * leaves after the data — are dropped.
 */
export function readCsv(text: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (err) {
    if (err instanceof CsvError) throw unreadable(err)
    throw err
  }
  const [first, ...rest] = records
  if (!first) throw invalid('csv', 'The file is empty. Export it again from the MIS.')
  const headers = first.record.map((h) => h.trim())
  if (headers.every((h) => h === '')) throw invalid('csv', 'The first line of the file should hold the column headings, and it is blank.')
  const rows = rest
    .filter((r) => r.record.some((c) => c.trim() !== ''))
    .map((r) => {
      // info.lines is where the record ends; a value spanning lines moves its start back.
      const inner = r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0)
      return { line: r.info.lines - inner, cells: r.record }
    })
  return { headers, rows }
}
