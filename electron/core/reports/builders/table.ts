import type { Content, TableCell } from 'pdfmake/interfaces'
import { CELL_PADDING_X, columnWidths, LINE_HEIGHT, PAGE_TEXT_HEIGHT, rowHeight } from './row-heights'
import { ACCENT, INK } from '../palette'


/**
 * How much of a page a row may fill and still be kept whole. The rest is the margin for the
 * estimate (row-heights.ts); a row taller than this breaks across pages under the repeated header.
 */
const WHOLE_ROW_SHARE = 0.8

export interface LongTableOptions {
  fontSize?: number
  /** The first column is bold (a table of facts: label, value). */
  boldFirstColumn?: boolean
  /** A table with no header row (a table of facts). */
  noHeader?: boolean
  /** What must never break across lines (an incident's reference at its hyphens, a date from its time): kept whole, moved to the next line if need be. */
  keepWhole?: RegExp
}

/**
 * A table that may run over many pages, its header repeated on each. A row moves to the next page
 * whole unless it is taller than a page, and then it breaks and goes on under the header: no page
 * starts in the middle of a row that could have been kept whole, and no row is ever dropped.
 *
 * pdfmake's `dontBreakRows` drops a row taller than a page (docs/stack-notes.md) and has no per-row choice,
 * so each row is one cell holding its columns, marked unbreakable when it fits on a page (its
 * height worked out beforehand, row-heights.ts). The header stays with the first row.
 */
export function longTable(headers: string[], widths: (number | string)[], rows: string[][], options: LongTableOptions = {}): Content {
  const size = options.fontSize ?? 8.5
  const inner = columnWidths(widths)
  const header = options.noHeader ? null : headerRow(headers, widths)
  const headerHeight = header ? rowHeight(headers, inner, 9, 'bold') : 0
  const room = (PAGE_TEXT_HEIGHT - headerHeight) * WHOLE_ROW_SHARE
  const body: TableCell[][] = rows.map((r) => {
    const cells = r.map((cell) => breakable(cell))
    const whole = rowHeight(cells, inner, size) <= room
    return [{ columns: cells.map((text, i) => ({ text: [{ text: options.keepWhole ? keptWhole(text, options.keepWhole) : text, ...cellStyle(size, i === 0 && options.boldFirstColumn === true) }], width: widths[i]! })), columnGap: 2 * CELL_PADDING_X, ...(whole ? { unbreakable: true } : {}) } as unknown as TableCell]
  })
  const firstWhole = body[0] && (body[0][0] as { unbreakable?: boolean }).unbreakable
  return {
    table: {
      widths: ['*'],
      ...(header ? { headerRows: 1, ...(firstWhole ? { keepWithHeaderRows: 1 } : {}) } : {}),
      body: header ? [[header], ...body] : body,
    },
    layout: 'register',
    fontSize: size,
  }
}

/** The text as pdfmake inlines, each match of `pattern` one unbreakable piece (pdfmake's noWrap). */
function keptWhole(text: string, pattern: RegExp): string | { text: string; noWrap?: true }[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)
  const pieces: { text: string; noWrap?: true }[] = []
  let at = 0
  for (const m of text.matchAll(global)) {
    if (m.index > at) pieces.push({ text: text.slice(at, m.index) })
    pieces.push({ text: m[0], noWrap: true })
    at = m.index + m[0].length
  }
  if (!pieces.length) return text
  if (at < text.length) pieces.push({ text: text.slice(at) })
  return pieces
}

/**
 * The text style of a body cell, spelt out on the text itself. pdfmake copies a text object's own
 * style onto each of its words and then reads it straight from the word; a style it has to find
 * is looked up through the nesting of styles, once for each of some twenty properties of every
 * word: 40% of the time it took to measure a long log. These are the values pdfmake would find
 * (the report frame's defaultStyle, row-heights.ts's line height), so the page looks the same.
 * Only these: pdfmake copies every key onto every word, and past about fifteen keys the copying
 * costs more than the looking up it saves (measured on the ten-year log).
 */
function cellStyle(fontSize: number, bold: boolean) {
  return {
    font: 'Roboto',
    fontSize,
    bold,
    italics: false,
    color: INK,
    lineHeight: LINE_HEIGHT,
    alignment: 'left',
    characterSpacing: 0,
    opacity: 1,
    sup: false,
    sub: false,
    noWrap: false,
    wordBreak: 'normal',
    preserveLeadingSpaces: false,
    preserveTrailingSpaces: false,
  }
}

function headerRow(headers: string[], widths: (number | string)[]): TableCell {
  return {
    columns: headers.map((h, i) => ({ text: h, width: widths[i]! })),
    columnGap: 2 * CELL_PADDING_X,
    bold: true,
    color: '#ffffff',
    fontSize: 9,
    fillColor: ACCENT,
  } as TableCell
}

/**
 * pdfmake only breaks lines at spaces: a long unbroken token (a hash, a web address) would run
 * off the page. A zero-width space every 16 characters of such a token lets it wrap.
 */
export function breakable(text: string): string {
  return text.replace(/\S{24,}/g, (token) => token.replace(/(.{16})(?=.)/g, '$1\u200B'))
}

/** A SHA-256 in groups of eight, as people read and compare it. */
export function groupedHex(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex
}

export function emptyNote(text: string): Content {
  return { text, italics: true, margin: [0, 8, 0, 8] }
}
