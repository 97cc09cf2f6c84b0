// The one table `npm run bench` prints and the JSON it writes: rows, timing helpers, the machine.
import { execFileSync } from 'node:child_process'
import { cpus, freemem, loadavg, totalmem } from 'node:os'
import type { Result } from '../shared/api/result'

export interface Row {
  /** The part of the bench it belongs to: a heading in the table. */
  section: string
  name: string
  value: number
  unit: string
  /** "< 200 ms", or "(no target)" and the reason in the note. */
  target: string
  /** null: no target (the note says why). */
  met: boolean | null
  /** One line for the table: what the value is made of. */
  note?: string
  detail?: Record<string, unknown>
}

export const rows: Row[] = []
/** 1-minute load averages, sampled between sections: the table is only as good as the machine was quiet. */
export const loads: { at: string; load: number }[] = []

export const say = (text: string): void => void process.stdout.write(`${text}\n`)

export function sampleLoad(at: string): void {
  loads.push({ at, load: round(loadavg()[0]!) })
}

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits))

export async function timed<T>(work: () => Promise<T>): Promise<{ took: number; value: T }> {
  const t = process.hrtime.bigint()
  const value = await work()
  return { took: ms(t), value }
}

/** Calls the API as the app does; a refusal stops the bench (a benchmark of an error is worthless). */
export async function call<T = unknown>(core: { call(method: unknown, input: unknown): Promise<Result<unknown>> }, method: string, input: unknown): Promise<T> {
  const r = await core.call(method, input)
  if (!r.ok) throw new Error(`${method} failed: ${r.error.kind}: ${r.error.message}${r.error.field ? ` (${r.error.field})` : ''}`)
  return r.value as T
}

export interface Machine {
  nproc: number
  cpu: string
  memoryGiB: number
  freeMemoryGiB: number
  node: string
  platform: string
  tempDir: string
  filesystem: string
}

export function machine(dir: string): Machine {
  let filesystem = 'unknown'
  try {
    filesystem = execFileSync('df', ['-T', dir], { encoding: 'utf8' }).trim().split('\n')[1]?.split(/\s+/)[1] ?? 'unknown'
  } catch {
    // df is not everywhere
  }
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    tempDir: dir,
    filesystem,
  }
}

const metWord = (r: Row) => (r.met === null ? '-' : r.met ? 'yes' : 'NO')

/** A Markdown table (pastes into docs/benchmarks.md as it is), one heading row per section. */
export function table(): string {
  const head = ['measure', 'value', 'target', 'met', 'notes']
  const cells = (r: Row) => [r.name, `${r.value} ${r.unit}`, r.target, metWord(r), (r.note ?? '').replaceAll('|', '/')]
  const body = rows.map(cells)
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)))
  const line = (c: string[]) => `| ${c.map((v, i) => (i === 1 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`
  const out = [line(head), `|${widths.map((w, i) => (i === 1 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`]
  let section = ''
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section
      out.push(line([`**${section}**`, '', '', '', '']))
    }
    out.push(line(cells(r)))
  }
  return out.join('\n')
}
