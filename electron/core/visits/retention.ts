import type { Knex } from 'knex'
import type { RetentionReport } from '../../../shared/domain/visits'
import type { Db } from '../db/database'
import type { FeatureContext } from '../people/feature-context'
import { ukInstant, ukYear } from '../people/uk-time'
import { readReceptionSettings } from './reception-settings'

/**
 * The schools' retention schedule for the visitors' book: the rest of the year of the visit
 * plus N years (default 6). In 2026 with 6 years, what happened before 1 January 2020 goes.
 */
export function retentionCutoff(now: number, years: number): { day: string; instant: string } {
  const day = `${ukYear(now) - years}-01-01`
  return { day, instant: new Date(ukInstant(day)).toISOString() }
}

/** Visits from before the cutoff, of people not on a safeguarding hold (never one still open). */
function oldVisits(db: Db | Knex.Transaction, cutoff: string) {
  return db('visits as v')
    .join('people as p', 'p.id', 'v.person_id')
    .where('v.signed_in_at', '<', cutoff)
    .whereNotNull('v.signed_out_at')
    .where('p.safeguarding_hold', 0)
    .select('v.id')
}

/**
 * Visitors with nothing since the cutoff: registered before it, no visit and no agreement
 * after it, not on site, not on hold. Contractors, volunteers and governors are archived by
 * the business manager, never removed here.
 */
function expiredVisitors(db: Db | Knex.Transaction, cutoff: string, held: 0 | 1) {
  return db('people as p')
    .where('p.kind', 'visitor')
    .where('p.safeguarding_hold', held)
    .where('p.created_at', '<', cutoff)
    .whereNotExists((q) => void q.select(db.raw('1')).from('visits as v').whereRaw('v.person_id = p.id').andWhere((w) => void w.where('v.signed_in_at', '>=', cutoff).orWhereNull('v.signed_out_at')))
    .whereNotExists((q) => void q.select(db.raw('1')).from('agreements as a').whereRaw('a.person_id = p.id').andWhere('a.recorded_at', '>=', cutoff))
    .select('p.id')
}

async function countOf(query: Knex.QueryBuilder): Promise<number> {
  const [row] = (await query.clearSelect().count({ n: '*' })) as { n: number }[]
  return Number(row?.n ?? 0)
}

async function measure(db: Db | Knex.Transaction, cutoff: string) {
  const held = db('people as p')
    .where('p.safeguarding_hold', 1)
    .where(
      (w) =>
        void w
          .whereExists((q) => void q.select(db.raw('1')).from('visits as v').whereRaw('v.person_id = p.id').andWhere('v.signed_in_at', '<', cutoff))
          .orWhereIn('p.id', expiredVisitors(db, cutoff, 1)),
    )
  return {
    visitorsDeleted: await countOf(expiredVisitors(db, cutoff, 0)),
    // An expired visitor's visits are all old ones, so this counts theirs too.
    visitsDeleted: await countOf(oldVisits(db, cutoff)),
    agreementsDeleted: await countOf(db('agreements').whereIn('person_id', expiredVisitors(db, cutoff, 0))),
    heldSkipped: await countOf(held),
  }
}

/** What retention would remove today, without removing anything. */
export async function previewRetention(ctx: FeatureContext): Promise<RetentionReport> {
  const { db } = ctx.store.requireOpen()
  const { visitorRetentionYears } = await readReceptionSettings(db)
  const cutoff = retentionCutoff(ctx.now(), visitorRetentionYears)
  return { cutoff: cutoff.day, dryRun: true, ...(await measure(db, cutoff.instant)) }
}

/**
 * Removes visitor records past the retention period, except those on a safeguarding hold, in
 * one transaction with an audit entry giving the counts — also when nothing was due, so the
 * trail shows retention ran.
 */
export async function runRetention(ctx: FeatureContext): Promise<RetentionReport> {
  const { db } = ctx.store.requireOpen()
  const { visitorRetentionYears } = await readReceptionSettings(db)
  const cutoff = retentionCutoff(ctx.now(), visitorRetentionYears)
  const event = { action: 'retention.run', target: 'visitors', detail: '' }
  const counts = await ctx.store.change(event, async (trx) => {
    const measured = await measure(trx, cutoff.instant)
    await trx('visits').whereIn('id', oldVisits(trx, cutoff.instant)).delete()
    // Their visits, agreements and search keys go with them (ON DELETE CASCADE).
    await trx('people').whereIn('id', expiredVisitors(trx, cutoff.instant, 0)).delete()
    event.detail = `before ${cutoff.day}: ${measured.visitorsDeleted} visitors, ${measured.visitsDeleted} visits, ${measured.agreementsDeleted} agreements deleted; ${measured.heldSkipped} kept on safeguarding hold`
    return measured
  })
  return { cutoff: cutoff.day, dryRun: false, ...counts }
}
