import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Core } from '../../electron/core/core'
import type { MethodInput } from '../../shared/api/contract'
import { ok } from './helpers'

// pdfsig exits 0 whether or not the signature is valid: tests read its words.
export const pdfsig = (file: string, password?: string) =>
  execFileSync('pdfsig', [...(password ? ['-upw', password] : []), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

/** pdfsig on a file with no signature at all: it says so, and exits 2. */
export function pdfsigUnsigned(file: string): string {
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' })
  if (r.status !== 2) throw new Error(`pdfsig exited ${r.status}: ${r.stdout}${r.stderr}`)
  return `${r.stdout}${r.stderr}`
}
// Reading order, whitespace folded: a name wrapped inside a table cell still reads as one.
export const pdftotext = (file: string, password?: string) =>
  execFileSync('pdftotext', [...(password ? ['-upw', password] : []), file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\s+/g, ' ')
export const qpdfCheck = (file: string, password?: string) =>
  execFileSync('qpdf', [...(password ? [`--password=${password}`] : []), '--check', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

/** Starts a report, waits for it, saves it into `folder` under the name the app suggests, and returns the file with its register entry. */
export async function issueReport(core: Core, input: Omit<MethodInput<'reports.start'>, 'anonymised'> & { anonymised?: boolean }, folder: string) {
  const { jobId } = await ok(core, 'reports.start', { anonymised: false, ...input })
  let job = await ok(core, 'reports.job', { jobId })
  const progress: number[] = []
  for (let i = 0; job.status === 'running' && i < 1200; i++) {
    await new Promise((r) => setTimeout(r, 50))
    job = await ok(core, 'reports.job', { jobId })
    progress.push(job.progress)
  }
  if (job.status !== 'done') throw new Error(`report ${job.status}: ${job.message}`)
  mkdirSync(folder, { recursive: true })
  // The name the Save window suggests; a second copy of the same report gets another, as a user would give it.
  const name = job.report!.fileName
  const { file } = await ok(core, 'reports.save', { jobId, file: join(folder, existsSync(join(folder, name)) ? `${jobId} ${name}` : name) })
  return { file, report: job.report!, progress }
}

/** A word on a page, where pdftotext finds it (points from the top left). */
export interface PageWord {
  text: string
  x: number
  y: number
}

/** Every page's words with their positions (`pdftotext -bbox`), in the order pdftotext reads them. */
export function pageWords(file: string): PageWord[][] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 })
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
  return html
    .split(/<page [^>]*>/)
    .slice(1)
    .map((page) => [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ text: unescape(m[3]!), x: Number(m[1]), y: Number(m[2]) })))
}

/** The words of a page grouped into lines (same top, within a point), top to bottom, each left to right. */
export function linesOf(words: PageWord[]): PageWord[][] {
  const lines: PageWord[][] = []
  for (const w of [...words].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const line = lines.at(-1)
    if (line && Math.abs(line[0]!.y - w.y) < 1) line.push(w)
    else lines.push([w])
  }
  return lines
}

/**
 * How a table sits on each page it is on: the first line under its header (where a page that starts
 * mid-row shows), and the first column's words on every page (to count its rows). The header is
 * found by the first words of its first two column titles on one line, and runs on over the lines
 * made only of its titles' words; `column` is the first column's x, read from the header.
 */
export function tablePages(file: string, titles: string[]): { page: number; firstLine: PageWord[]; column: PageWord[] }[] {
  const header = [titles[0]!.split(' ')[0]!, titles[1]!.split(' ')[0]!]
  const titleWords = new Set(titles.flatMap((t) => t.split(' ')))
  const out: { page: number; firstLine: PageWord[]; column: PageWord[] }[] = []
  pageWords(file).forEach((words, i) => {
    const lines = linesOf(words)
    const at = lines.findIndex((l) => l.some((w, j) => w.text === header[0] && l[j + 1]?.text.startsWith(header[1]!)))
    if (at < 0) return
    const x = lines[at]!.find((w) => w.text === header[0])!.x
    let end = at + 1
    while (lines[end] && lines[end]!.every((w) => titleWords.has(w.text))) end++
    const body = lines.slice(end).filter((l) => l[0]!.y < 780)
    out.push({ page: i + 1, firstLine: body[0] ?? [], column: body.flatMap((l) => l.filter((w) => Math.abs(w.x - x) < 1.5)) })
  })
  return out
}

/**
 * Pages with nothing between the running header and footer (report-frame.ts: text from 80 pt below
 * the top to 64 pt above the foot of an A4 page), as page numbers from 1.
 */
export function blankPages(file: string): number[] {
  return pageWords(file).flatMap((words, i) => (words.some((w) => w.y >= 72 && w.y < 841.89 - 64) ? [] : [i + 1]))
}
