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
