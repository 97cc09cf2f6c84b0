// The colours every printed report uses, in one place so the pages of different reports match.

/** Body text: a near-black blue, softer on the page than pure black. */
export const INK = '#1a2433'
/** Headings, table headers and the school's accent. */
export const ACCENT = '#1d4e89'
/** Secondary text: labels, notes, periods. */
export const MUTED = '#5b6575'
/** Table rules and frames. */
export const RULE = '#c9d3e0'
/** Words that must not be missed (a part year, an anonymised copy, a failed check). */
export const WARNING = '#8a1c1c'
