import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { REPORT_TYPES, type ReportType } from '../../../shared/domain/reports'
import { writeDurably } from '../../core/vault/vault-file'
import { writeError } from '../../core/backup/backup-file'
import type { Runner } from '../args'
import type { report } from '../commands'
import { CliError, UsageError } from '../errors'
import { say } from '../output'
import { call, withSignedIn } from '../session'
import type { Core } from '../../core/core'

/** YYYY-MM-DD, or dd/mm/yyyy as a school office writes it, to YYYY-MM-DD. */
export function cliDate(text: string | undefined, flag: string): string | undefined {
  if (text === undefined) return undefined
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2]!.padStart(2, '0'), uk[1]!.padStart(2, '0')] : []
  const date = y ? new Date(`${y}-${m}-${d}T12:00:00Z`) : null
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}`) {
    throw new UsageError(`${flag} ${text} is not a date: write it as YYYY-MM-DD or dd/mm/yyyy, for example 2026-08-31 or 31/08/2026.`, 'report')
  }
  return `${y}-${m}-${d}`
}

export const run: Runner<typeof report> = async (v) => {
  const type = v.positional as ReportType
  if (!Object.hasOwn(REPORT_TYPES, type)) {
    throw new UsageError(`There is no report "${v.positional}". The reports are: ${Object.keys(REPORT_TYPES).join(', ')}.`, 'report')
  }
  const from = cliDate(v.from, '--from')
  const to = cliDate(v.to, '--to')
  const out = resolve(v.out)
  if (existsSync(out)) throw new CliError(`There is already a file at ${out}. A report never overwrites a file: choose another name.`)

  return withSignedIn(v, async ({ core }) => {
    const recordId = 'record' in REPORT_TYPES[type] ? await incidentId(core, v.incident) : undefined
    const { jobId } = await call(core, 'reports.start', { type, anonymised: v.anonymised === true, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(recordId ? { recordId } : {}) })
    let job = await call(core, 'reports.job', { jobId })
    let shown = -1
    while (job.status === 'running') {
      const percent = Math.floor(job.progress * 100)
      if (process.stderr.isTTY && percent !== shown) process.stderr.write(`\rMaking the report… ${(shown = percent)}%`)
      await new Promise((r) => setTimeout(r, 200))
      job = await call(core, 'reports.job', { jobId })
    }
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K')
    if (job.status === 'failed' || !job.report) throw new CliError(job.message ?? 'The report could not be made.')
    try {
      writeDurably(out, core.reports.pdfOf(jobId))
    } catch (err) {
      throw writeError(err)
    }
    const r = job.report
    say(`Issued “${r.title}” (${r.pageCount} page${r.pageCount === 1 ? '' : 's'}), signed and entered in the report register as no. ${r.id}.`, `Saved to ${out}`, `SHA-256 ${r.sha256}`)
    return 0
  })
}

/** The id of the incident with this reference (INC-2026-0042), as the log shows it. */
async function incidentId(core: Core, reference: string | undefined): Promise<number> {
  if (!reference) throw new UsageError('This report is about one incident: give its reference with --incident, for example --incident INC-2026-0042.', 'report')
  const wanted = reference.trim().toUpperCase()
  const page = await call(core, 'incidents.list', { text: wanted, limit: 200 })
  const found = page.rows.find((r) => r.reference === wanted)
  if (!found) throw new CliError(`There is no incident ${wanted} in the log (or not one your role can see). Check the reference.`)
  return found.id
}
