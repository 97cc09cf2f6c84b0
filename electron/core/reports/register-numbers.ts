import type { Knex } from 'knex'
import { ukDay } from '../../../shared/dates/uk-time'

/**
 * The report register numbers its entries by the year of issue (UK time): "2026-0042" is the
 * 42nd report the school issued in 2026. The number is printed in the report's signature block,
 * so it is chosen before the pages are laid out and entered with the file once it is signed.
 */
export const registerNumberLabel = (number: string) => `Report ${number}`

const format = (year: string, n: number) => `${year}-${String(n).padStart(4, '0')}`
const ordinal = (number: string) => Number(number.slice(number.indexOf('-') + 1))

/**
 * Numbers held by reports still being laid out, so two made at once never share one. A number
 * whose report fails is given back; a later report then takes it, unless a report started
 * meanwhile already holds the one after it (the register then skips the failed one's number).
 */
export class RegisterNumbers {
  private readonly held = new Map<string, string>()

  /** The next free number for a report issued at `now`, held under `jobId` until released. */
  async hold(db: Knex, jobId: string, now: number): Promise<string> {
    const year = ukDay(now).slice(0, 4)
    const rows = (await db('reports').where('number', 'like', `${year}-%`).pluck('number')) as string[]
    const last = Math.max(0, ...rows.map(ordinal), ...[...this.held.values()].filter((n) => n.startsWith(`${year}-`)).map(ordinal))
    const number = format(year, last + 1)
    this.held.set(jobId, number)
    return number
  }

  release(jobId: string): void {
    this.held.delete(jobId)
  }

  releaseAll(): void {
    this.held.clear()
  }
}

/** Numbers for the entries a register held before reports were numbered: by year of issue, in the order they were entered. */
export async function numberExistingReports(knex: Knex): Promise<void> {
  const rows = (await knex('reports').orderBy('id').select('id', 'produced_at')) as { id: number; produced_at: string }[]
  const counts = new Map<string, number>()
  for (const r of rows) {
    const year = Number.isNaN(Date.parse(r.produced_at)) ? r.produced_at.slice(0, 4) : ukDay(r.produced_at).slice(0, 4)
    const n = (counts.get(year) ?? 0) + 1
    counts.set(year, n)
    await knex('reports').where({ id: r.id }).update({ number: format(year, n) })
  }
}
