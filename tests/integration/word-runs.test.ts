import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { joinWords, type Inline } from '../../electron/core/reports/pdf/pdfmake-words'

const FIXTURE = resolve(__dirname, 'fixtures/draw-words.ts')

function drawn(runs: boolean): Promise<Buffer> {
  return new Promise((done, fail) => {
    const worker = new Worker(FIXTURE, { workerData: { runs }, execArgv: ['--import', 'tsx'] })
    worker.once('message', (pdf: Uint8Array) => {
      done(Buffer.from(pdf))
      void worker.terminate()
    })
    worker.once('error', fail)
  })
}

/** Each page as raw pixels (poppler, 150 dpi). */
function pixels(pdf: Buffer): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'osr-runs-'))
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf)
    execFileSync('pdftoppm', ['-r', '150', join(dir, 'doc.pdf'), join(dir, 'page')])
    return readdirSync(dir).filter((f) => f.endsWith('.ppm')).sort().map((f) => readFileSync(join(dir, f)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const text = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8')

describe('words drawn in runs', () => {
  it('draws every page exactly as pdfmake draws it word by word, in a smaller file', async () => {
    const [byWord, inRuns] = await Promise.all([drawn(false), drawn(true)])
    const before = pixels(byWord)
    const after = pixels(inRuns)
    expect(before.length).toBeGreaterThan(1)
    expect(after).toHaveLength(before.length)
    after.forEach((page, i) => expect(page.equals(before[i]!), `page ${i + 1} differs`).toBe(true))
    expect(text(inRuns)).toBe(text(byWord))
    expect(text(inRuns)).toContain('Łukasz Nowak, Зоя Коваль')
    expect(inRuns.length).toBeLessThan(byWord.length * 0.9)
  })

  const word = (text: string, x: number, style: Partial<Inline> = {}): Inline => ({ text, x, width: text.length, height: 10, font: 'Roboto', fontSize: 9, color: 'black', opacity: 1, characterSpacing: 0, ...style })

  it('joins touching words of one style, and only those', () => {
    const line = [word('Plain ', 0), word('words ', 6), word('bold ', 12, { font: 'Roboto-Bold' }), word('link ', 17, { link: 'https://example.org' }), word('more ', 22), word('spread', 30)]
    const runs = joinWords(line)
    expect(runs.map((r) => [r.text, r.x, r.width])).toEqual([
      ['Plain words ', 0, 12],
      ['bold ', 12, 5],
      ['link ', 17, 5],
      ['more ', 22, 5],
      ['spread', 30, 6],
    ])
    // The laid-out words themselves are left as they were.
    expect(line[0]).toMatchObject({ text: 'Plain ', width: 6 })
  })
})
