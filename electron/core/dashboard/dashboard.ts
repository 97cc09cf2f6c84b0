import type { Knex } from 'knex'
import type { AttentionItem, Dashboard, TermTrend } from '../../../shared/domain/annual-review'
import type { Role } from '../../../shared/domain/roles'
import { TERMS } from '../../../shared/domain/reviews-and-checks'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import type { AttentionSource } from '../feature-kit/feature'
import { schoolYearOf } from '../../../shared/dates/school-year'
import { gettingStarted } from './getting-started'
import { ukDay } from '../../../shared/dates/uk-time'

/** The roles that see the incident log, agreements and the whole calendar (not ICT-only, not reception). */
const SEES_EVERYTHING: readonly Role[] = ['manager', 'head', 'dsl']
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** Incidents this term so far, month by month, against the same months of the same term a year before. */
export async function termTrend(db: Db, today: string): Promise<TermTrend> {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const term = TERMS.find((t) => month >= t.startMonth && month <= t.endMonth)!
  const school = schoolYearOf(today)
  const label = (y: number) => `${term.name} term ${term.name === 'Autumn' ? y : y + 1}`
  const months: TermTrend['months'] = []
  for (let m = term.startMonth; m <= month; m++) {
    const count = async (y: number) => {
      const [row] = (await db('incidents').whereBetween('occurred_on', [ymd(y, m, 1), ymd(y, m, lastDayOf(y, m))]).count({ n: '*' })) as { n: number }[]
      return Number(row?.n ?? 0)
    }
    months.push({ label: MONTH_NAMES[m - 1]!, count: await count(year), previous: await count(year - 1) })
  }
  return {
    term: label(school),
    previousTerm: label(school - 1),
    months,
    total: months.reduce((s, m) => s + m.count, 0),
    previousTotal: months.reduce((s, m) => s + m.previous, 0),
  }
}

const ORDER = { overdue: 0, due: 1 } as const

/** The getting-started steps while any is left to do; null once all are done. */
async function stepsLeft(db: Db) {
  const steps = await gettingStarted(db)
  return steps.every((s) => s.done) ? null : steps
}

/**
 * The first screen after signing in, for the signed-in role: what is overdue or due soon, the
 * number of incidents waiting for the DSL (never what they are about), this term's trend and who
 * is on site, and a new school's first steps. Each part is left out (null or absent) for a role that
 * may not see it.
 */
export async function dashboard(ctx: FeatureContext, sources: readonly AttentionSource[]): Promise<Dashboard> {
  const { db, session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const role = session.role
  const all = SEES_EVERYTHING.includes(role)
  const attention: AttentionItem[] = []
  for (const source of sources) attention.push(...(await source(ctx, role)))
  attention.sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || (a.dueBy ?? '9999').localeCompare(b.dueBy ?? '9999') || a.title.localeCompare(b.title, 'en-GB'),
  )
  const count = async <T extends object>(q: Knex.QueryBuilder<T>) => Number(((await q.count({ n: '*' })) as { n: number }[])[0]?.n ?? 0)
  return {
    today,
    attention,
    incidentsWaiting: all ? await count(db('incidents').where({ waiting_for_dsl: 1 })) : null,
    trend: all ? await termTrend(db, today) : null,
    onSite: role === 'manager' ? await count(db('visits').whereNull('signed_out_at')) : null,
    gettingStarted: role === 'manager' ? await stepsLeft(db) : null,
  }
}
