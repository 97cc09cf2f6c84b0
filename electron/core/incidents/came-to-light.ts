import type { Knex } from 'knex'
import { CAME_TO_LIGHT, CAME_TO_LIGHT_LABELS, type CameToLight } from '../../../shared/domain/incidents'
import type { AnnualRegisterFigures } from '../../../shared/domain/annual-review'
import type { AnnualPackPart } from '../feature-kit/feature'

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

/** The same as the table of the annual pack's section (whose heading names it): counts and shares printed through its anonymiser. */
export async function cameToLightTable(db: Knex | Knex.Transaction, from: string, to: string): Promise<AnnualRegisterFigures['tables'][number]> {
  const counts = await cameToLightCounts(db, from, to)
  const whole = counts.reduce((sum, c) => sum + c.count, 0)
  return {
    headers: ['How it came to light', 'Incidents', 'Share'],
    widths: ['*', 60, 60],
    rows: whole ? counts.filter((c) => c.count > 0 || c.way !== null).map((c) => [c.label, { count: c.count }, { part: c.count, whole }]) : [],
    empty: 'No online safety incidents happened in the year.',
  }
}

/**
 * The incident log's section of the annual pack: how the year's concerns came to light. The pack's
 * own incident pages count the entries by category and month; this adds the one thing they do not
 * say, from the same days (by the day each incident happened).
 */
export const cameToLightPart: AnnualPackPart = {
  async figures(ctx, span) {
    const { db } = ctx.store.requireOpen()
    const table = await cameToLightTable(db, span.from, span.to)
    const counts = await cameToLightCounts(db, span.from, span.to)
    const whole = counts.reduce((sum, c) => sum + c.count, 0)
    const monitoring = counts.find((c) => c.way === 'monitoring')!.count
    return {
      kind: 'incidents',
      title: 'How concerns came to light',
      intro:
        'How each online safety incident that happened in the year first came to the school’s attention, as the current version of its entry in the incident log says. Entries recorded before the log asked, or that leave the question blank, are counted as not recorded.',
      tables: [table],
      headlines: [{ label: 'Incidents first flagged by monitoring or filtering', cell: { part: monitoring, whole } }],
      source: `the incident log: how it came to light, on the current version of each entry about an incident that happened in the days this pack counts${span.partYear ? ' (the year is not over yet)' : ''}.`,
    }
  },
}
