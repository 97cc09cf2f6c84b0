import type { Knex } from 'knex'
import type { AttentionItem, Dashboard, TermTrend } from '../../../shared/domain/annual-review'
import { PERSON_KIND_GROUP_LABELS } from '../../../shared/domain/people'
import { ATTENTION_WINDOW_DAYS } from '../../../shared/domain/permissions'
import { ROLE_LABELS, type Role } from '../../../shared/domain/roles'
import { TERMS } from '../../../shared/domain/reviews-and-checks'
import { aupStatus } from '../agreements/aup-status'
import type { Db } from '../db/database'
import type { FeatureContext } from '../people/feature-context'
import { permissionSummary } from '../permissions/lookups'
import { calendarDashboard } from '../reviews-and-checks/calendar'
import { schoolYearOf } from '../reviews-and-checks/periods'
import { summaries } from '../reviews-and-checks/policies'
import { gettingStarted } from './getting-started'
import { ukDay } from '../../../shared/dates/uk-time'

/** The roles that see the incident log, agreements and the whole calendar (not ICT-only, not reception). */
const SEES_EVERYTHING: readonly Role[] = ['manager', 'head', 'dsl']
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
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

async function reviewsAndChecks(ctx: FeatureContext, role: Role): Promise<AttentionItem[]> {
  const calendar = await calendarDashboard(ctx)
  return [...calendar.overdue, ...calendar.dueSoon]
    .filter((item) => role !== 'ict' || (item.kind === 'check' && item.responsible === ROLE_LABELS.ict))
    .map((item) => ({
      kind: item.kind === 'policy-review' ? 'review' : 'check',
      status: item.status === 'overdue' ? 'overdue' : 'due',
      title: item.kind === 'policy-review' ? `Policy review: ${item.title}` : item.title,
      detail: item.detail,
      dueBy: item.dueBy,
      to: item.kind === 'policy-review' ? `/policies/${item.policyId}` : `/checks/${item.templateId}`,
    }))
}

async function permissions(ctx: FeatureContext): Promise<AttentionItem[]> {
  const s = await permissionSummary(ctx)
  const items: AttentionItem[] = []
  if (s.devicesNotCleared > 0) {
    items.push({
      kind: 'scan',
      status: 'overdue',
      title: 'Portable media to scan',
      detail: `${plural(s.devicesNotCleared, 'permitted device')} ${s.devicesNotCleared === 1 ? 'has' : 'have'} no clean scan recent enough to be used.`,
      dueBy: null,
      to: '/permissions?attention=not-cleared',
    })
  }
  if (s.expiringSoon > 0) {
    items.push({
      kind: 'permission',
      status: 'due',
      title: 'Permissions ending soon',
      detail: `${plural(s.expiringSoon, 'permission')} ${s.expiringSoon === 1 ? 'ends' : 'end'} in the next ${ATTENTION_WINDOW_DAYS} days: renew or let ${s.expiringSoon === 1 ? 'it' : 'them'} lapse.`,
      dueBy: null,
      to: '/permissions?attention=expiring',
    })
  }
  return items
}

async function agreements(ctx: FeatureContext): Promise<AttentionItem[]> {
  const status = await aupStatus(ctx, { limit: 1, offset: 0 })
  return status.byKind
    .filter((k) => k.due + k.never > 0)
    .map((k) => {
      const parts = [k.due ? `${plural(k.due, 'renewal')} due` : '', k.never ? `${k.never.toLocaleString('en-GB')} never agreed` : ''].filter(Boolean)
      return {
        kind: 'aup' as const,
        status: 'due' as const,
        title: `Acceptable use: ${PERSON_KIND_GROUP_LABELS[k.kind].toLowerCase()}`,
        detail: `${plural(k.due + k.never, 'person', 'people')} still to agree to the current version (${parts.join(', ')}).`,
        dueBy: null,
        to: '/agreements',
      }
    })
}

/** Reviews written up and waiting for the headteacher's ratification: only the head can ratify. */
async function ratifications(db: Db, today: string): Promise<AttentionItem[]> {
  const waiting = (await summaries(db, today)).filter((p) => p.awaitingRatification > 0)
  return waiting.map((p) => ({
    kind: 'ratification' as const,
    status: 'due' as const,
    title: `Ratify: ${p.title}`,
    detail:
      p.awaitingRatification === 1
        ? 'A review of this policy is waiting for you to ratify it.'
        : `${p.awaitingRatification} reviews of this policy are waiting for you to ratify them.`,
    dueBy: null,
    to: `/policies/${p.id}`,
  }))
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
export async function dashboard(ctx: FeatureContext): Promise<Dashboard> {
  const { db, session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const role = session.role
  const all = SEES_EVERYTHING.includes(role)
  const attention = [
    ...(await reviewsAndChecks(ctx, role)),
    ...(role === 'head' ? await ratifications(db, today) : []),
    ...(await permissions(ctx)),
    ...(all ? await agreements(ctx) : []),
  ].sort(
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
