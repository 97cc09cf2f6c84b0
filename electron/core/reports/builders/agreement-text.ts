import type { Content } from 'pdfmake/interfaces'
import type { AupFormat } from '../../../../shared/domain/aup'

const BULLET = /^\s*(?:[-*•▪◦]|o(?=\s))\s+/
const HEADING = /^\s{0,3}#{1,6}\s+/

/** `**bold**` runs as pdfmake text pieces; any other Markdown mark is printed as written. */
function runs(line: string, markdown: boolean): Content {
  if (!markdown || !line.includes('**')) return line
  return { text: line.split('**').map((part, i) => (i % 2 === 1 ? { text: part, bold: true } : part)) }
}

/**
 * The school's own agreement text laid out for paper: paragraphs at blank lines, list items
 * (lines starting "-", "*", "•" or the "o" a pasted Word list leaves) as bullets, and for
 * Markdown its headings and bold. The words are printed as the school entered them.
 */
export function agreementText(body: string, format: AupFormat): Content[] {
  const markdown = format === 'markdown'
  const out: Content[] = []
  let paragraph: string[] = []
  let bullets: Content[] = []
  const flushParagraph = () => {
    if (paragraph.length) out.push({ text: runs(paragraph.join(' '), markdown), margin: [0, 0, 0, 6] } as Content)
    paragraph = []
  }
  const flushBullets = () => {
    if (bullets.length) out.push({ ul: bullets, margin: [0, 0, 0, 6] })
    bullets = []
  }
  for (const raw of body.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trimEnd()
    if (!line.trim()) {
      flushParagraph()
      flushBullets()
    } else if (markdown && HEADING.test(line)) {
      flushParagraph()
      flushBullets()
      out.push({ text: line.replace(HEADING, ''), bold: true, fontSize: 11, margin: [0, 4, 0, 4] })
    } else if (BULLET.test(line)) {
      flushParagraph()
      bullets.push(runs(line.replace(BULLET, ''), markdown))
    } else if (bullets.length) {
      // A list item that runs onto the next line of the text.
      flushBullets()
      paragraph.push(line.trim())
    } else {
      paragraph.push(line.trim())
    }
  }
  flushParagraph()
  flushBullets()
  return out
}
