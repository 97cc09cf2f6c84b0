import type { Content } from 'pdfmake/interfaces'

/** The style of a report's section headings (report-frame.ts). */
const HEADING_STYLE = 'h2'

/**
 * The report's headings as PDF bookmarks (the outline a reader shows beside the pages, and a
 * screen reader offers to move between): pdfmake writes one for every text node marked
 * `outline`. PDF tags are beyond pdfmake (docs/reports-accessibility.md); bookmarks are what it
 * can give. A report with fewer than two headings gets none, so a short report does not open
 * with an empty-looking side panel.
 */
export function withBookmarks(content: Content[]): Content[] {
  let headings = 0
  const walk = (nodes: Content[], mark: boolean): Content[] =>
    nodes.map((node) => {
      if (!node || typeof node !== 'object' || Array.isArray(node)) return node
      const n = node as unknown as Record<string, unknown>
      if (n['style'] === HEADING_STYLE && (typeof n['text'] === 'string' || Array.isArray(n['text']))) {
        headings++
        return mark ? ({ ...n, outline: true, outlineText: plainText(n['text']) } as Content) : node
      }
      if (Array.isArray(n['stack'])) return { ...n, stack: walk(n['stack'] as Content[], mark) } as Content
      return node
    })
  walk(content, false)
  return headings >= 2 ? walk(content, true) : content
}

function plainText(text: unknown): string {
  if (typeof text === 'string') return text
  if (Array.isArray(text)) return text.map((t) => (typeof t === 'string' ? t : plainText((t as { text?: unknown }).text))).join('')
  return ''
}
