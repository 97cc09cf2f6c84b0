import { afterEach, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { newCore, setUpSchool, tempDir } from './helpers'
import { issueReport, pageWords } from './pdf-tools'

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

const TODAY = Date.parse('2026-03-10T10:00:00Z')

/**
 * Rows of every height around the point where a row stops being kept whole (four-fifths of a page,
 * worked out before layout): each row short enough is on one page, each taller one breaks, and
 * every word of every row is printed once. An estimate too low here would drop a row's end.
 */
it('prints rows from a few lines to two pages tall: the ones that fit kept whole, none cut short', async () => {
  const t = tempDir('osr-row-heights-')
  const core: Core = newCore(t.dir, { now: () => TODAY })
  cleanups.push(t.cleanup, () => core.close())
  await setUpSchool(core)
  // The audit trail's Detail column takes about three of these words a line: 6 to 120 lines.
  const sizes = Array.from({ length: 39 }, (_, i) => 6 + i * 3)
  for (const [row, lines] of sizes.entries()) await core.store.audit({ action: 'test.row', detail: Array.from({ length: lines * 3 }, (_, w) => `r${row}w${w}`).join(' ') })
  const { file } = await issueReport(core, { type: 'audit-trail', from: '2026-03-10', to: '2026-03-10' }, t.dir)

  const pages = pageWords(file)
  const where = new Map<string, number[]>()
  pages.forEach((words, page) => words.forEach((w) => where.set(w.text, [...(where.get(w.text) ?? []), page + 1])))
  const wholeRows: number[] = []
  const brokenRows: number[] = []
  for (const [row, lines] of sizes.entries()) {
    const words = Array.from({ length: lines * 3 }, (_, w) => `r${row}w${w}`)
    // Every word once.
    expect(words.filter((w) => where.get(w)?.length !== 1), `row ${row}`).toEqual([])
    const first = where.get(words[0]!)![0]!
    const last = where.get(words.at(-1)!)![0]!
    if (first === last) wholeRows.push(lines)
    else brokenRows.push(lines)
  }
  // Both kinds are there: the estimate is tested on each side of its line.
  expect(wholeRows.length).toBeGreaterThan(5)
  expect(brokenRows.length).toBeGreaterThan(5)
  // Rows up to about 40 lines fit in four-fifths of a page and are never split; rows taller than a page always are.
  expect(Math.min(...brokenRows)).toBeGreaterThan(36)
  expect(Math.max(...wholeRows)).toBeLessThan(60)
}, 120_000)
