// pdfmake draws every word as a text object of its own: a font, a colour, a position and the
// word, again and again. On the ten-year log that is most of what separates it from drawing with
// pdfkit directly, and it doubles the file. Words that sit side by side on a line in the same
// style are drawn here as one run of text, at the first word's place: pdfmake has already measured
// and placed them, and the run covers the same width (each word's measure includes its space).
import Renderer from 'pdfmake/js/Renderer'

/** What pdfmake keeps of each word on a laid-out line (the parts read here). */
export interface Inline {
  text: string
  x: number
  width: number
  height: number
  font: unknown
  fontSize: number
  color: unknown
  opacity: number
  characterSpacing: number
  link?: unknown
  linkToPage?: unknown
  linkToDestination?: unknown
  _pageNodeRef?: unknown
  fontFeatures?: unknown
  decoration?: unknown
  background?: unknown
  sup?: boolean
  sub?: boolean
}

interface Line {
  inlines: Inline[]
}

/** pdfmake places each word at the end of the one before; anything else (justified text) is drawn word by word. */
const TOUCHING = 1e-6

/** A word with a link, a decoration, raised or lowered text or a page number is drawn alone, as pdfmake draws it. */
const plain = (w: Inline) => !(w.link || w.linkToPage || w.linkToDestination || w._pageNodeRef || w.fontFeatures || w.decoration || w.background || w.sup || w.sub)

/** A run continues only in the same style, from where the last word ended. */
const continues = (run: Inline, w: Inline) =>
  run.font === w.font && run.fontSize === w.fontSize && run.color === w.color && run.opacity === w.opacity && run.characterSpacing === w.characterSpacing && run.height === w.height && Math.abs(run.x + run.width - w.x) < TOUCHING

/** The line's words joined into runs, as new objects: the words pdfmake laid out are not changed. */
export function joinWords(words: readonly Inline[]): Inline[] {
  const runs: Inline[] = []
  for (let i = 0; i < words.length; i++) {
    const first = words[i]!
    let j = i + 1
    if (plain(first)) while (j < words.length && plain(words[j]!) && continues(words[j - 1]!, words[j]!)) j++
    if (j === i + 1) {
      runs.push(first)
      continue
    }
    let text = first.text
    let width = first.width
    for (let k = i + 1; k < j; k++) {
      text += words[k]!.text
      width += words[k]!.width
    }
    runs.push({ ...first, text, width })
    i = j - 1
  }
  return runs
}

let installed = false
/** Makes pdfmake's renderer draw each line's words in runs (once per thread). */
export function drawWordsInRuns(): void {
  if (installed) return
  installed = true
  const proto = (Renderer as unknown as { prototype: { renderLine(this: unknown, line: Line, x: number, y: number): void } }).prototype
  const drawLine = proto.renderLine
  proto.renderLine = function (this: unknown, line: Line, x: number, y: number) {
    if (line.inlines.length < 2) return drawLine.call(this, line, x, y)
    // A copy of the line with the runs: the laid-out line keeps its words.
    const runs: Line = Object.assign(Object.create(Object.getPrototypeOf(line) as object) as Line, line, { inlines: joinWords(line.inlines) })
    drawLine.call(this, runs, x, y)
  }
}
