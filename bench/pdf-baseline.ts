// pdfmake laying out the app's own long table (builders/table.ts, as every report's table: rows
// kept whole, the header repeated) against raw pdfkit drawing the same rows by hand with the same
// font (Roboto, embedded), page, margins, column widths, padding, rules and fill: 3,000 rows shaped
// like the Appendix 4 log's, as many as the large school's ten years. Neither is signed. Each runs
// in its own worker thread (bench/pdf-layout-worker.ts) with the app's report worker's heap; the
// timing is taken inside it.
import { resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { LayoutKind, LayoutResult } from './pdf-layout-worker'
import { median, round, rows, say } from './table'
import { REPORT_WORKER_LIMITS } from '../electron/core/reports/pdf/pdf-renderer'

const SECTION = 'PDF layout: pdfmake against raw pdfkit (the same long table)'
const ROWS = 3_000
const REPEATS = 3
/** pdfmake lays out for us (wrapping, whole rows, repeated headings); the target is at most 2x raw pdfkit (it was ~3x when chosen, docs/stack-notes.md). */
const TARGET = 2

function layoutThread(kind: LayoutKind): { run: (rowCount: number) => Promise<LayoutResult>; stop: () => Promise<number> } {
  // Both threads with the report worker's heap (pdf-renderer.ts), as the app lays reports out.
  const worker = new Worker(resolve(__dirname, 'pdf-layout-worker.ts'), { workerData: { kind }, execArgv: ['--import', 'tsx'], resourceLimits: REPORT_WORKER_LIMITS })
  return {
    run: (rowCount) =>
      new Promise((ok, fail) => {
        worker.once('message', (m: LayoutResult | { error: string }) => ('error' in m ? fail(new Error(`${kind}: ${m.error}`)) : ok(m)))
        worker.once('error', fail)
        worker.postMessage(rowCount)
      }),
    stop: () => worker.terminate(),
  }
}

export async function benchPdfBaseline(): Promise<void> {
  say(`pdfmake against raw pdfkit on the same ${ROWS.toLocaleString('en-GB')}-row table, ${REPEATS} paired runs...`)
  const threads = { pdfmake: layoutThread('pdfmake'), pdfkit: layoutThread('pdfkit') }
  try {
    // Warm-up: fonts parsed, code compiled.
    await threads.pdfmake.run(200)
    await threads.pdfkit.run(200)
    const results: Record<LayoutKind, LayoutResult[]> = { pdfmake: [], pdfkit: [] }
    for (let rep = 0; rep < REPEATS; rep++) {
      for (const kind of rep % 2 ? (['pdfkit', 'pdfmake'] as const) : (['pdfmake', 'pdfkit'] as const)) results[kind].push(await threads[kind].run(ROWS))
    }
    const times = { pdfmake: results.pdfmake.map((r) => r.ms), pdfkit: results.pdfkit.map((r) => r.ms) }
    const ratio = median(times.pdfmake.map((m, i) => m / times.pdfkit[i]!))
    const cpu = { pdfmake: results.pdfmake.map((r) => r.cpuMs), pdfkit: results.pdfkit.map((r) => r.cpuMs) }
    const cpuRatio = median(cpu.pdfmake.map((m, i) => m / cpu.pdfkit[i]!))
    const last = { pdfmake: results.pdfmake.at(-1)!, pdfkit: results.pdfkit.at(-1)! }
    rows.push({
      section: SECTION,
      name: `pdfmake / pdfkit by hand, ${ROWS.toLocaleString('en-GB')} rows (median of ${REPEATS} paired runs)`,
      value: round(ratio),
      unit: 'x',
      target: `≤ ${TARGET}x`,
      met: ratio <= TARGET,
      note: `pdfmake ${round(median(times.pdfmake) / 1000)} s, ${last.pdfmake.pages} pages; pdfkit ${round(median(times.pdfkit) / 1000)} s, ${last.pdfkit.pages} pages; on each thread's own CPU time ${round(cpuRatio)}x (${round(median(cpu.pdfmake) / 1000)} s / ${round(median(cpu.pdfkit) / 1000)} s)`,
      detail: { times, cpu, cpuRatio, pages: { pdfmake: last.pdfmake.pages, pdfkit: last.pdfkit.pages }, bytes: { pdfmake: last.pdfmake.bytes, pdfkit: last.pdfkit.bytes } },
    })
  } finally {
    await Promise.all([threads.pdfmake.stop(), threads.pdfkit.stop()])
  }
}
