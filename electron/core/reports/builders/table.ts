import type { Content, TableCell } from 'pdfmake/interfaces'

/**
 * A long table that may break across pages: header repeated on each page, rows allowed to
 * split (never dontBreakRows, which silently drops a row taller than a page — STACK.md).
 */
export function longTable(headers: string[], widths: (number | string)[], rows: string[][], options: { fontSize?: number; shortRows?: boolean } = {}): Content {
  const header: TableCell[] = headers.map((h) => ({ text: h, style: 'tableHeader' }))
  return {
    // `shortRows`: every row is a line or two, so the header may wait for its first row on the
    // next page rather than end a page alone (a row taller than a page must never be held back).
    table: { headerRows: 1, ...(options.shortRows ? { keepWithHeaderRows: 1 } : {}), widths, body: [header, ...rows.map((r) => r.map((cell) => ({ text: breakable(cell) })))] },
    layout: 'register',
    fontSize: options.fontSize ?? 8.5,
  }
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
