// How pdfmake keeps and draws words, made to fit long reports. pdfmake measures every word of a
// document before it lays out the first page, and keeps each as an object of some thirty
// properties, most of them the style it applied (on the ten-year log: 290,000 words, over 200 MB
// at once, most of the memory the report takes); then it draws each word as a text object of its
// own (a font, a colour, a position and the word, again and again). Here:
// - once measured, each plain word is kept as a small object with only what laying it out and
//   drawing it read (words with links, decorations, raised text or page references are left whole);
// - once a line is placed on its page, its touching words of one style are joined into one run:
//   pdfmake has measured and placed them, the run starts at the first word's place and covers the
//   same width (each word's measure includes its space), so it is drawn a line at a time.
// The pages look exactly as pdfmake would draw them (tests/integration/word-runs.test.ts).
import ElementWriter from 'pdfmake/js/ElementWriter'
import TextInlines from 'pdfmake/js/TextInlines'

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
  alignment?: unknown
  justifyShift?: number
  link?: unknown
  linkToPage?: unknown
  linkToDestination?: unknown
  _pageNodeRef?: unknown
  _pageRef?: unknown
  _tocItemRef?: unknown
  _textNodeRef?: unknown
  fontFeatures?: unknown
  decoration?: unknown
  background?: unknown
  sup?: boolean
  sub?: boolean
  leadingCut?: number
  trailingCut?: number
  noWrap?: unknown
  lineEnd?: boolean
  noNewLine?: boolean
  leadingIndent?: number
}

interface Line {
  inlines: Inline[]
}

/** pdfmake places each word at the end of the one before; anything else (justified text) is drawn word by word. */
const TOUCHING = 1e-6

/** A word with a link, a decoration, raised or lowered text or a page reference is kept and drawn as pdfmake keeps it. */
const plain = (w: Inline) => !(w.link || w.linkToPage || w.linkToDestination || w._pageNodeRef || w._pageRef || w._tocItemRef || w._textNodeRef || w.fontFeatures || w.decoration || w.background || w.sup || w.sub)

/** A measured plain word as its own small object: what the line breaking, the alignment and the drawing read. */
function lean(w: Inline): Inline {
  return {
    text: w.text,
    x: 0,
    width: w.width,
    height: w.height,
    font: w.font,
    fontSize: w.fontSize,
    color: w.color,
    opacity: w.opacity,
    characterSpacing: w.characterSpacing,
    alignment: w.alignment,
    leadingCut: w.leadingCut ?? 0,
    trailingCut: w.trailingCut ?? 0,
    noWrap: w.noWrap,
    ...(w.lineEnd ? { lineEnd: true } : {}),
    ...(w.noNewLine ? { noNewLine: true } : {}),
    ...(w.leadingIndent ? { leadingIndent: w.leadingIndent } : {}),
  }
}

/** A run continues only in the same style, from where the last word ended. */
const continues = (run: Inline, w: Inline) =>
  run.font === w.font && run.fontSize === w.fontSize && run.color === w.color && run.opacity === w.opacity && run.characterSpacing === w.characterSpacing && run.height === w.height && Math.abs(run.x + run.width - w.x) < TOUCHING

/**
 * A run as its own small object: only what pdfmake reads to draw a plain word and to measure its
 * line (a word as pdfmake keeps it has some thirty properties; most are style it has applied).
 */
function run(first: Inline, text: string, width: number): Inline {
  return {
    text,
    x: first.x,
    width,
    height: first.height,
    font: first.font,
    fontSize: first.fontSize,
    color: first.color,
    opacity: first.opacity,
    characterSpacing: first.characterSpacing,
    alignment: first.alignment,
    ...(first.justifyShift === undefined ? {} : { justifyShift: first.justifyShift }),
  }
}

/** The line's words joined into runs, as new objects: the words themselves are not changed. */
export function joinWords(words: readonly Inline[]): Inline[] {
  const runs: Inline[] = []
  for (let i = 0; i < words.length; i++) {
    const first = words[i]!
    if (!plain(first)) {
      runs.push(first)
      continue
    }
    let j = i + 1
    let text = first.text
    let width = first.width
    for (; j < words.length && plain(words[j]!) && continues(words[j - 1]!, words[j]!); j++) {
      text += words[j]!.text
      width += words[j]!.width
    }
    runs.push(run(first, text, width))
    i = j - 1
  }
  return runs
}

let installed = false
/** Makes pdfmake keep its words small and join each placed line's words into runs (once per thread). */
export function keepWordsSmallAndDrawInRuns(): void {
  if (installed) return
  installed = true
  const measuring = (TextInlines as unknown as { prototype: { buildInlines(this: unknown, ...args: unknown[]): { items: Inline[] } } }).prototype
  const measure = measuring.buildInlines
  measuring.buildInlines = function (this: unknown, ...args: unknown[]) {
    const measured = measure.apply(this, args)
    measured.items = measured.items.map((w) => (plain(w) ? lean(w) : w))
    return measured
  }
  const placing = (ElementWriter as unknown as { prototype: { alignLine(this: unknown, line: Line): void } }).prototype
  const align = placing.alignLine
  // Justified lines are spread first: their words no longer touch and stay apart.
  placing.alignLine = function (this: unknown, line: Line) {
    align.call(this, line)
    if (line.inlines.length > 1) line.inlines = joinWords(line.inlines)
  }
}
