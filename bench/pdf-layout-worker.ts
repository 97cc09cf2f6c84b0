// One side of bench/pdf-baseline.ts's comparison, in a worker thread of its own: the app's
// long table (builders/table.ts: rows kept whole, the header repeated on each page) laid out by
// pdfmake exactly as a report's is, or the same rows drawn by raw pdfkit by hand with the same
// page, margins, font, sizes, column widths, padding, rules and zebra fill. Each library gets its
// own thread because pdfmake, once loaded, changes how the pdfkit it shares draws text.
import { parentPort, workerData } from 'node:worker_threads'
import { dirname, join } from 'node:path'
import PDFDocument from 'pdfkit'
import pdfmake from 'pdfmake'
import { longTable } from '../electron/core/reports/builders/table'
import { CELL_PADDING_X, columnWidths, LINE_HEIGHT, PAGE_TEXT_WIDTH } from '../electron/core/reports/builders/row-heights'
import { configure } from '../electron/core/reports/pdf/render-pdf'

export type LayoutKind = 'pdfmake' | 'pdfkit'
export interface LayoutResult {
  ms: number
  /** CPU time of this thread alone: steadier than the wall time when other work shares the machine. */
  cpuMs: number
  pages: number
  bytes: number
}

/** The report frame's A4 page and margins (report-frame.ts) and the long table's sizes. */
const A4 = { width: 595.28, height: 841.89 }
const MARGINS = { left: 48, top: 80, right: 48, bottom: 64 }
const FONT_SIZE = 8.5
const HEADER_SIZE = 9
const PADDING_Y = 3
const RULE = 0.5
const ACCENT = '#1d4e89'
const ZEBRA = '#f3f6fa'
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts/Roboto')

/** The Appendix 4 log's columns (builders/incidents.ts). */
const HEADINGS = ['Date', 'Where the incident took place', 'Description of the incident', 'Action taken', 'Name and signature of the person recording']
const WIDTHS: (number | string)[] = [62, 70, '*', 120, 96]

const PLACES = ['ICT suite', 'Library', 'Year 5 classroom', 'Playground', 'At home (reported by a parent)', 'School minibus']
const WORDS = 'a pupil showed a friend a video on a tablet that was not suitable for their age and the class teacher took the tablet and spoke to both children about what they had seen'.split(' ')
const NAMES = ['Siân Ŵyn', 'Łukasz Nowak', "Seán O'Brien", 'Zoë Fairbairn', 'Ярослава Коваль', 'Chidinma Okafor']

/** Rows shaped like the log's: a date and reference, a place, a category and description, the action, who signed. */
function data(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const words = (k: number) => Array.from({ length: k }, (_, j) => WORDS[(i * 7 + j) % WORDS.length]).join(' ')
    return [
      `${String(1 + (i % 28)).padStart(2, '0')}/10/2025 ${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}\nINC-2025-${String(i + 1).padStart(4, '0')}`,
      `${PLACES[i % PLACES.length]}\nOn site`,
      `Inappropriate content\n\n${words(25 + (i % 5) * 12)}.`,
      `${words(12 + (i % 4) * 6)}.\n\nClosed: ${words(8)}.`,
      `${NAMES[i % NAMES.length]}\nSigned electronically 0${1 + (i % 9)}/10/2025 1${i % 10}:05\nSignatures checked: valid`,
    ]
  })
}

function withPdfmake(table: string[][]): Promise<Buffer> {
  configure()
  return pdfmake
    .createPdf({
      pageSize: 'A4',
      pageMargins: [MARGINS.left, MARGINS.top, MARGINS.right, MARGINS.bottom],
      defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: LINE_HEIGHT },
      content: [longTable(HEADINGS, WIDTHS, table)],
    })
    .getBuffer()
}

function withPdfkit(table: string[][]): Promise<Buffer> {
  // No bottom margin for pdfkit itself: the rows are paged here, never by pdfkit mid-row.
  const doc = new PDFDocument({ size: 'A4', margins: { ...MARGINS, bottom: 0 } })
  doc.registerFont('Roboto', join(FONT_DIR, 'Roboto-Regular.ttf'))
  doc.registerFont('Roboto-Bold', join(FONT_DIR, 'Roboto-Medium.ttf'))
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((ok) => doc.on('end', () => ok(Buffer.concat(chunks))))
  const inner = columnWidths(WIDTHS)
  const bottom = A4.height - MARGINS.bottom
  const width = PAGE_TEXT_WIDTH
  // pdfmake's line height of 1.2 as pdfkit's gap between lines.
  const gap = (size: number) => doc.fontSize(size).currentLineHeight(true) * (LINE_HEIGHT - 1)
  let y = MARGINS.top
  let row = 0

  const heightOf = (cells: string[], size: number) => {
    doc.fontSize(size)
    const lineGap = gap(size)
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: inner[i]!, lineGap }))) + 2 * PADDING_Y
  }
  const draw = (cells: string[], size: number, fill: string | null, color: string) => {
    const h = heightOf(cells, size)
    if (fill) doc.rect(MARGINS.left, y, width, h).fill(fill)
    doc.fillColor(color).fontSize(size)
    const lineGap = gap(size)
    let x = MARGINS.left + CELL_PADDING_X
    cells.forEach((c, i) => {
      doc.text(c, x, y + PADDING_Y, { width: inner[i]!, lineGap })
      x += inner[i]! + 2 * CELL_PADDING_X
    })
    y += h
    doc.moveTo(MARGINS.left, y).lineTo(MARGINS.left + width, y).lineWidth(RULE).strokeColor('#c9d3e0').stroke()
  }
  const header = () => {
    doc.font('Roboto-Bold')
    draw(HEADINGS, HEADER_SIZE, ACCENT, '#ffffff')
    doc.font('Roboto')
  }
  header()
  for (const cells of table) {
    if (y + heightOf(cells, FONT_SIZE) > bottom) {
      doc.addPage()
      y = MARGINS.top
      header()
    }
    draw(cells, FONT_SIZE, ++row % 2 === 0 ? ZEBRA : null, '#1a2433')
  }
  doc.end()
  return done
}

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length

const kind = (workerData as { kind: LayoutKind }).kind
parentPort?.on('message', (rowCount: number) => {
  const table = data(rowCount)
  const t = process.hrtime.bigint()
  const cpu = process.threadCpuUsage()
  void (kind === 'pdfmake' ? withPdfmake(table) : withPdfkit(table)).then(
    (pdf) => {
      const used = process.threadCpuUsage(cpu)
      parentPort?.postMessage({ ms: Number(process.hrtime.bigint() - t) / 1e6, cpuMs: (used.user + used.system) / 1000, pages: pages(pdf), bytes: pdf.length } satisfies LayoutResult)
    },
    (err: unknown) => parentPort?.postMessage({ error: String(err) }),
  )
})
