import { Worker } from 'node:worker_threads'
import type { RenderedPdf, SigningKey } from './render-pdf'
import type { RenderJob } from './report-frame'

/** Lays out and signs a report (unsigned when `key` is null). Long reports take seconds: the app runs this in a worker thread. */
export interface PdfRenderer {
  render(job: RenderJob, key: SigningKey | null, onProgress: (fraction: number) => void): Promise<RenderedPdf>
}

/**
 * For the command line and tests: in this thread. pdfmake and its fonts load on the first
 * report, not when the core starts (most commands never make one).
 */
export const inProcessRenderer: PdfRenderer = {
  async render(job, key, onProgress) {
    const { renderSignedPdf } = await import('./render-pdf')
    // The same copy the worker thread gets: content that cannot cross to the worker (a function
    // in a table layout) fails here too, in the command line and the tests, not only in the app.
    return renderSignedPdf(structuredClone(job), key, onProgress)
  },
}

export type WorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; pdf: Uint8Array; pageCount: number }
  | { type: 'failed'; message: string }

/**
 * The report worker's heap. V8 sizes a thread's young generation from the machine's memory (here
 * up to about 190 MB), and pdfmake makes short-lived objects by the million: left so, the worker's
 * garbage alone took over 100 MB of the ten-year log's memory. 16 MB is collected more often for
 * the same CPU time (measured: bench/pdf-baseline.ts and the long log, docs/benchmarks.md). The
 * old generation keeps V8's own limit, so no report is refused for size.
 */
export const REPORT_WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 }

/**
 * Each report in a worker thread of its own (see render-worker.ts), so the main process — and
 * with it the window — never waits on pdfmake. `execArgv` lets tests run the TypeScript source.
 */
export function workerRenderer(workerFile: string, execArgv: string[] = []): PdfRenderer {
  return {
    render(job, key, onProgress) {
      return new Promise((resolve, reject) => {
        const worker = new Worker(workerFile, { workerData: { job, key }, execArgv, resourceLimits: REPORT_WORKER_LIMITS })
        let settled = false
        worker.on('message', (msg: WorkerMessage) => {
          if (msg.type === 'progress') onProgress(msg.fraction)
          else if (msg.type === 'done') {
            settled = true
            resolve({ pdf: Buffer.from(msg.pdf), pageCount: msg.pageCount })
          } else {
            settled = true
            reject(new Error(msg.message))
          }
        })
        worker.on('error', (err) => {
          settled = true
          reject(err)
        })
        worker.on('exit', (code) => {
          if (!settled) reject(new Error(`report worker stopped (exit code ${code})`))
        })
      })
    },
  }
}
