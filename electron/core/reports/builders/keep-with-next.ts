import type { Node, NodeQueries } from 'pdfmake/interfaces'

/**
 * Headings carry this `headlineLevel`; `keepHeadingsWithNext` (pdfmake's pageBreakBefore, set in
 * the worker: functions do not cross to it) moves one that would end a page alone.
 */
export const HEADING = 1
/**
 * A section that starts on a page of its own. pdfmake's own `pageBreak: 'before'` adds a blank page
 * when the section before ended with its last margin spilling onto a new page (a pack printed with
 * an empty page 10); asked here, the break is made only when the heading does not already begin a page.
 */
export const NEW_PAGE = 2

/** The page's text block, top to bottom (report-frame.ts: A4, margins 80 above and 64 below). */
const TOP = 80
const BOTTOM = 841.89 - 64
/**
 * A heading this close to the foot of the page has no room for what it introduces: a table's
 * header of two lines and a first row of three (about 70 pt) under the heading itself. pdfmake
 * cannot be asked where a table's first row went: a table that moves on whole still reports its
 * header and first row where the table began.
 */
const FOOT = 96
/** A heading this near the top of the text block already begins its page (its own top margin). */
const PAGE_START = 12

/**
 * A heading starts the next page when nothing of its section starts after it on its page (what it
 * introduces moved on whole), or when it is in the last few lines of the page. Each break makes
 * pdfmake lay the document out again, so only headings ask.
 */
export function keepHeadingsWithNext(node: Node, nodes: NodeQueries): boolean {
  const { pageNumber, top } = node.startPosition
  if (node.headlineLevel === NEW_PAGE) return top > TOP + PAGE_START
  if (node.headlineLevel !== HEADING) return false
  if (top > BOTTOM - FOOT) return true
  // Only what a reader sees counts: a table starts where the heading ends even when its first
  // row has moved on to the next page, so containers (tables, columns, stacks) are not asked.
  const after = nodes
    .getFollowingNodesOnPage()
    .filter((n) => isContent(n) && n.startPosition.pageNumber === pageNumber && n.startPosition.top > top && n.startPosition.top >= TOP && n.startPosition.top < BOTTOM)
  return after.length === 0
}

/** Words, a picture or a drawing: something on the page, not a container of other nodes. */
function isContent(node: Node): boolean {
  const n = node as Node & { svg?: unknown; qr?: unknown; canvas?: unknown }
  return n.text !== undefined || n.image !== undefined || n.svg !== undefined || n.canvas !== undefined || n.qr !== undefined
}
