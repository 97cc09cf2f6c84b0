import PDFDocument from 'pdfkit'
import Roboto from 'pdfmake/fonts/Roboto'

/**
 * How tall a table row will be once laid out, worked out before pdfmake lays the page out, so a
 * row that fits on a page can be kept whole and only a row taller than a page is left to break.
 *
 * pdfmake cannot do this itself: its `dontBreakRows` drops a row taller than a page (docs/stack-notes.md), and
 * it has no per-row choice. The estimate uses the same font files and metrics pdfmake uses (Roboto,
 * through pdfkit), breaks lines only at spaces, zero-width spaces and new lines (pdfmake breaks at
 * least there, so it never needs more lines than counted here) and counts each word a little wider
 * than its characters' advances (below): it may count a line too many, not one too few.
 */

/** An A4 page's text block as the report frame sets it (595.28 × 841.89 pt, margins 48, 80, 48, 64). */
export const PAGE_TEXT_WIDTH = 595.28 - 96
export const PAGE_TEXT_HEIGHT = 841.89 - 80 - 64

/** The body's line height (report-frame.ts, defaultStyle). */
export const LINE_HEIGHT = 1.2
/** The 'register' table layout's padding (render-pdf.ts): 4 either side of a cell, 3 above and below. */
export const CELL_PADDING_X = 4
const CELL_PADDING_Y = 3
const RULE = 0.5

type Face = 'normal' | 'bold'

interface Metrics {
  doc: PDFKit.PDFDocument
  /** Width of a character at 1 pt. */
  widths: Map<string, number>
  lineHeightPerPt: number
}

const faces = new Map<Face, Metrics>()

function metrics(face: Face): Metrics {
  let m = faces.get(face)
  if (!m) {
    const files = (Roboto as { Roboto: { normal: string; bold: string } }).Roboto
    const doc = new PDFDocument({ autoFirstPage: false })
    doc.font(face === 'bold' ? files.bold : files.normal).fontSize(1000)
    // pdfmake: an inline's height is the font's line height at its size times the line height.
    m = { doc, widths: new Map(), lineHeightPerPt: (doc.currentLineHeight(false) / 1000) * LINE_HEIGHT }
    faces.set(face, m)
  }
  return m
}

/**
 * Kerning can widen a few pairs in Roboto: over every two- and three-letter word of the Latin,
 * Welsh, Polish and Cyrillic letters the register prints, shaped widths were at most 3.7% more
 * than the sum of their characters' advances. Each word is counted this much wider.
 */
const KERNING_ALLOWANCE = 1.04

/**
 * A word's width: the sum of its characters' advances, with the kerning allowance. Shaping each
 * word instead cost a second per 3,000 rows of the log.
 */
function wordWidth(m: Metrics, word: string): number {
  let w = 0
  for (const ch of word) {
    let c = m.widths.get(ch)
    if (c === undefined) {
      c = m.doc.widthOfString(ch) / 1000
      m.widths.set(ch, c)
    }
    w += c
  }
  return w * KERNING_ALLOWANCE
}

/** The lines a text takes in a column `width` points wide at `size` points. */
export function linesOf(text: string, width: number, size: number, face: Face = 'normal'): number {
  const m = metrics(face)
  const space = wordWidth(m, ' ') * size
  let lines = 0
  for (const paragraph of text.split('\n')) {
    lines++
    let used = 0
    for (const word of paragraph.split(/[ \u200B]+/)) {
      if (!word) continue
      const w = wordWidth(m, word) * size
      if (used === 0) {
        // A word wider than the column is cut into as many lines as it needs.
        const extra = Math.max(0, Math.ceil(w / width) - 1)
        lines += extra
        used = w - extra * width
      } else if (used + space + w <= width) {
        used += space + w
      } else {
        lines++
        used = Math.min(w, width)
        lines += Math.max(0, Math.ceil(w / width) - 1)
      }
    }
  }
  return lines
}

/** The text height of one line at `size` points. */
export function lineHeight(size: number, face: Face = 'normal'): number {
  return metrics(face).lineHeightPerPt * size
}

/** Column widths as pdfmake shares them out: fixed widths as given, '*' columns share what is left. */
export function columnWidths(widths: readonly (number | string)[], total = PAGE_TEXT_WIDTH): number[] {
  const fixed = widths.reduce<number>((s, w) => s + (typeof w === 'number' ? w : 0), 0)
  const stars = widths.filter((w) => typeof w !== 'number').length
  const padding = widths.length * 2 * CELL_PADDING_X
  const star = stars ? Math.max(10, (total - fixed - padding) / stars) : 0
  return widths.map((w) => (typeof w === 'number' ? w : star))
}

/** A row's height on the page: its tallest cell, with the cell padding and the rule under it. */
export function rowHeight(cells: readonly string[], widths: readonly number[], size: number, face: Face = 'normal'): number {
  let tallest = 1
  cells.forEach((cell, i) => {
    tallest = Math.max(tallest, linesOf(cell, widths[i]!, size, face))
  })
  return tallest * lineHeight(size, face) + 2 * CELL_PADDING_Y + RULE
}
