import type { Knex } from 'knex'
import { CAME_TO_LIGHT, CAME_TO_LIGHT_LABELS, type CameToLight } from '../../../shared/domain/incidents'
import type { AnnualRegisterFigures } from '../../../shared/domain/annual-review'

export interface CameToLightCount {
  /** null: entries that do not say (recorded before the question was asked, or left blank). */
  way: CameToLight | null
  label: string
  count: number
}

/**
 * How the concerns of the incidents that happened between two days (both included) came to
 * light, from the plain column the signed records keep current: every way in the list's order,
 * then the entries that do not say. No entry's words are opened.
 */
export async function cameToLightCounts(db: Knex | Knex.Transaction, from: string, to: string): Promise<CameToLightCount[]> {
  const rows = (await db('incidents').whereBetween('occurred_on', [from, to]).select('came_to_light').count({ n: '*' }).groupBy('came_to_light')) as { came_to_light: CameToLight | null; n: number }[]
  const counted = new Map(rows.map((r) => [r.came_to_light, Number(r.n)]))
  return [
    ...CAME_TO_LIGHT.map((way) => ({ way, label: CAME_TO_LIGHT_LABELS[way], count: counted.get(way) ?? 0 })),
    { way: null, label: 'Not recorded', count: counted.get(null) ?? 0 },
  ]
}

/** The same as a table of the annual pack: counts and shares printed through its anonymiser. */
export async function cameToLightTable(db: Knex | Knex.Transaction, from: string, to: string): Promise<AnnualRegisterFigures['tables'][number]> {
  const counts = await cameToLightCounts(db, from, to)
  const whole = counts.reduce((sum, c) => sum + c.count, 0)
  return {
    title: 'How concerns came to light',
    headers: ['How it came to light', 'Incidents', 'Share'],
    widths: ['*', 60, 60],
    rows: whole ? counts.filter((c) => c.count > 0 || c.way !== null).map((c) => [c.label, { count: c.count }, { part: c.count, whole }]) : [],
    empty: 'No incidents happened in the period.',
  }
}
