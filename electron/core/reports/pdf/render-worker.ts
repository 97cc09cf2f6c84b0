import { parentPort, workerData } from 'node:worker_threads'
import { renderSignedPdf, type SigningKey } from './render-pdf'
import type { RenderJob } from './report-frame'
import type { WorkerMessage } from './pdf-renderer'

// Entry point of the report worker thread: one job per worker, then it exits.
const { job, key } = workerData as { job: RenderJob; key: (SigningKey & { p12: Uint8Array }) | null }
const post = (msg: WorkerMessage) => parentPort!.postMessage(msg)

let last = 0
renderSignedPdf(job, key ? { ...key, p12: Buffer.from(key.p12) } : null, (fraction) => {
  // Progress every few percent is plenty for a progress bar.
  if (fraction - last >= 0.02 || fraction === 1) {
    last = fraction
    post({ type: 'progress', fraction })
  }
})
  .then(({ pdf, pageCount }) => post({ type: 'done', pdf, pageCount }))
  .catch((err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }))
