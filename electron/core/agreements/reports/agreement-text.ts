import type { Content } from 'pdfmake/interfaces'
import type { AupFormat } from '../../../../shared/domain/aup'
import { MUTED } from '../../reports/palette'

const BULLET = /^\s*(?:[-*•▪◦]|o(?=\s))\s+/
/**
 * A line of the school's own form to write on ("Name of pupil:", "Signed (parent/carer):", "Date:"):
 * a short label that ends in a colon, with nothing after it.
 */
const FORM_LINE = /^\s*((?:name|full name|print name|signed|signature|date|class|form|tutor group)\b[^:]{0,60}):\s*$/i

/** How a form line of the text is printed: the words written on it, if any (a pre-printed name). */
export type FillLine = (label: string) => string | undefined

export interface AgreementText {
  content: Content[]
  /** The form lines the school's text has of its own, as written ("Signed (pupil)"). */
  formLines: string[]
}

/** A line to write on: its label, and what is printed on it (or space to write); a signature line has its date beside it. */
export function writeOn(label: string, value: string | undefined, date?: { label: string; value: string | undefined }): Content {
  const muted = (text: string) => ({ text, color: MUTED, margin: [0, 10, 0, 0] })
  const written = (text: string | undefined) => ({ text: text || ' ', bold: true, margin: [0, 10, 0, 0] })
  return {
    unbreakable: true,
    table: { widths: date ? [150, '*', 40, 90] : [150, '*'], body: [date ? [muted(label), written(value), muted(date.label), written(date.value)] : [muted(label), written(value)]] },
    layout: 'signature-lines',
    margin: [0, 4, 0, 0],
  } as Content
}

const HEADING = /^\s{0,3}#{1,6}\s+/

/** `**bold**` runs as pdfmake text pieces; any other Markdown mark is printed as written. */
function runs(line: string, markdown: boolean): Content {
  if (!markdown || !line.includes('**')) return line
  return { text: line.split('**').map((part, i) => (i % 2 === 1 ? { text: part, bold: true } : part)) }
}

/**
 * The school's own agreement text laid out for paper: paragraphs at blank lines, list items
 * (lines starting "-", "*", "•" or the "o" a pasted Word list leaves) as bullets, and for
 * Markdown its headings and bold; the form's own lines to write on are drawn as lines, with a
 * pre-printed name on a name line. The words are printed as the school entered them. Spacing is
 * above each block, never below: a form's last line leaves no margin to spill onto a page of its
 * own before the next person's form.
 */
export function agreementText(body: string, format: AupFormat, fill: FillLine = () => undefined, before: (label: string) => Content | null = () => null): AgreementText {
  const markdown = format === 'markdown'
  const out: Content[] = []
  const formLines: string[] = []
  let signedLine: { at: number; label: string } | null = null
  let paragraph: string[] = []
  let bullets: Content[] = []
  const flushParagraph = () => {
    if (paragraph.length) out.push({ text: runs(paragraph.join(' '), markdown), margin: [0, 6, 0, 0] } as Content)
    paragraph = []
  }
  const flushBullets = () => {
    if (bullets.length) out.push({ ul: bullets, margin: [0, 6, 0, 0] })
    bullets = []
  }
  for (const raw of body.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trimEnd()
    const form = FORM_LINE.exec(line)
    if (!line.trim()) {
      flushParagraph()
      flushBullets()
    } else if (form) {
      flushParagraph()
      flushBullets()
      const label = form[1]!.trim()
      formLines.push(label)
      // "Signed:" then "Date:" is one line on paper, as the policy's forms mean it.
      if (/^date\b/i.test(label) && signedLine && out.length === signedLine.at + 1) {
        out[signedLine.at] = writeOn(signedLine.label, fill(signedLine.label), { label, value: fill(label) })
        signedLine = null
        continue
      }
      const extra = before(label)
      if (extra) out.push(extra)
      out.push(writeOn(label, fill(label)))
      signedLine = /^(signed|signature)\b/i.test(label) ? { at: out.length - 1, label } : null
    } else if (markdown && HEADING.test(line)) {
      flushParagraph()
      flushBullets()
      out.push({ text: line.replace(HEADING, ''), bold: true, fontSize: 11, margin: [0, 8, 0, 0] })
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
  return { content: out, formLines }
}
