// One side of bench/pdf-baseline.ts, in a worker thread of its own: the same table laid out by
// pdfmake or by raw pdfkit drawing the rows by hand. Each library gets its own thread because
// pdfmake, once loaded, changes how the pdfkit it shares draws text (a plain pdfkit document then fails).
import { parentPort, workerData } from 'node:worker_threads'
import { dirname, join, resolve } from 'node:path'
import PDFDocument from 'pdfkit'
import pdfmake from 'pdfmake'

export type LayoutKind = 'pdfmake' | 'pdfkit'
export interface LayoutResult {
  ms: number
  pages: number
  bytes: number
}

const FONT_SIZE = 9
const PADDING = 3
const MARGIN = 40
const A4 = { width: 595.28, height: 841.89 }
// The Roboto that pdfmake ships, by path: each library gets its own copy of the names (pdfmake
// replaces the entries of the dictionary it is given as it loads the files).
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts/Roboto')
const fontFiles = () => ({
  normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
  bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
  italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
  bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
})
const HEADINGS = ['Signed in', 'Visitor', 'Organisation', 'Purpose', 'Seeing']
/** Text widths; pdfmake adds each cell's padding outside them, so pdfkit does the same (515 pt in all, the A4 text width). */
const WIDTHS = [64, 94, 94, 149, 84]
const COLUMN = (i: number) => WIDTHS[i]! + 2 * PADDING

const NAMES = ['Siân Ŵyn', 'Łukasz Nowak', "Seán O'Brien", 'Zoë Fairbairn', 'Ярослава Коваль', 'Chidinma Okafor', 'Mairéad Ní Bhriain', 'Priya Chaudhary']
const ORGS = ['County Council', 'NHS School Nursing', 'Anytown Builders Ltd', 'Educational Psychology Service', 'Parent', '']
const PURPOSES = [
  'Meeting',
  'Annual fire alarm service and a test of the emergency lighting in the main hall',
  'Year 9 careers talk',
  'Safeguarding supervision with the designated safeguarding lead, and a review of the open cases',
]

function data(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `${String(1 + (i % 28)).padStart(2, '0')}/10/2025 ${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    NAMES[i % NAMES.length]!,
    ORGS[i % ORGS.length]!,
    PURPOSES[i % PURPOSES.length]!,
    NAMES[(i * 3 + 1) % NAMES.length]!,
  ])
}

let configured = false
async function withPdfmake(table: string[][]): Promise<Buffer> {
  if (!configured) {
    pdfmake.addFonts({ Roboto: fontFiles() })
    pdfmake.setUrlAccessPolicy(() => false)
    pdfmake.setLocalAccessPolicy((path: string) => resolve(path).startsWith(FONT_DIR))
    configured = true
  }
  const layout = { hLineWidth: () => 0.5, vLineWidth: () => 0, paddingTop: () => PADDING, paddingBottom: () => PADDING, paddingLeft: () => PADDING, paddingRight: () => PADDING }
  const doc = pdfmake.createPdf({
    pageSize: 'A4',
    pageMargins: MARGIN,
    defaultStyle: { font: 'Roboto', fontSize: FONT_SIZE },
    content: [
      {
        table: { headerRows: 1, widths: WIDTHS, body: [HEADINGS.map((text) => ({ text, bold: true })), ...table] },
        layout,
      },
    ],
  })
  return doc.getBuffer()
}

function withPdfkit(table: string[][]): Promise<Buffer> {
  const fonts = fontFiles()
  // No bottom margin for pdfkit itself: the rows are paged here (at the same 40 pt), never by pdfkit mid-row.
  const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: 0 }, autoFirstPage: true })
  doc.registerFont('Roboto', fonts.normal)
  doc.registerFont('Roboto-Bold', fonts.bold)
  doc.fontSize(FONT_SIZE)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((ok) => doc.on('end', () => ok(Buffer.concat(chunks))))
  const bottom = A4.height - MARGIN
  let y = MARGIN

  const heightOf = (cells: string[]) => Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: WIDTHS[i]! }))) + 2 * PADDING
  const draw = (cells: string[]) => {
    const h = heightOf(cells)
    let x = MARGIN
    cells.forEach((c, i) => {
      doc.text(c, x + PADDING, y + PADDING, { width: WIDTHS[i]!, lineBreak: true })
      x += COLUMN(i)
    })
    y += h
    doc.moveTo(MARGIN, y).lineTo(MARGIN + WIDTHS.reduce((sum, _w, i) => sum + COLUMN(i), 0), y).lineWidth(0.5).stroke()
  }
  const heading = () => {
    doc.font('Roboto-Bold')
    draw(HEADINGS)
    doc.font('Roboto')
  }
  heading()
  for (const cells of table) {
    if (y + heightOf(cells) > bottom) {
      doc.addPage()
      y = MARGIN
      heading()
    }
    draw(cells)
  }
  doc.end()
  return done
}

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length


const kind = (workerData as { kind: LayoutKind }).kind
parentPort?.on('message', (rowCount: number) => {
  const table = data(rowCount)
  const t = process.hrtime.bigint()
  void (kind === 'pdfmake' ? withPdfmake(table) : withPdfkit(table)).then(
    (pdf) => parentPort?.postMessage({ ms: Number(process.hrtime.bigint() - t) / 1e6, pages: pages(pdf), bytes: pdf.length } satisfies LayoutResult),
    (err: unknown) => parentPort?.postMessage({ error: String(err) }),
  )
})
