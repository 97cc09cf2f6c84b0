import type { Node, NodeQueries } from 'pdfmake/interfaces'

/**
 * Headings carry this `headlineLevel`; `keepHeadingsWithNext` (pdfmake's pageBreakBefore, set in
 * the worker: functions do not cross to it) moves one that would end a page alone.
 */
export const HEADING = 1

/** The page's text block, top to bottom (report-frame.ts: A4, margins 80 above and 64 below). */
const TOP = 80
const BOTTOM = 841.89 - 64
/** A heading this close to the foot of the page has no room for what it introduces. */
const FOOT = 56

/**
 * A heading starts the next page when nothing of its section starts after it on its page (what it
 * introduces moved on whole), or when it is in the last few lines of the page. Each break makes
 * pdfmake lay the document out again, so only headings ask.
 */
export function keepHeadingsWithNext(node: Node, nodes: NodeQueries): boolean {
  if (node.headlineLevel !== HEADING) return false
  const { pageNumber, top } = node.startPosition
  if (top > BOTTOM - FOOT) return true
  const after = nodes.getFollowingNodesOnPage().filter(({ startPosition: s }) => s.pageNumber === pageNumber && s.top > top && s.top >= TOP && s.top < BOTTOM)
  return after.length === 0
}
