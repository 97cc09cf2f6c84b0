import type { Knex } from 'knex'
import type { RetentionReport } from '../../../shared/domain/visits'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { holdEveryoneNamed } from '../people/services'
import { readReceptionSettings } from './reception-settings'
import { ukInstant, ukYear } from '../../../shared/dates/uk-time'

/**
 * The schools' retention schedule for the visitors' book: the rest of the year of the visit
 * plus N years (default 6). In 2026 with 6 years, what happened before 1 January 2020 goes.
 */
export function retentionCutoff(now: number, years: number): { day: string; instant: string } {
  const day = `${ukYear(now) - years}-01-01`
  return { day, instant: new Date(ukInstant(day)).toISOString() }
}

type Q = Db | Knex.Transaction

/** Kept past retention: a hold set by hand, or named in a safeguarding record. */
const notHeld = (q: Knex.QueryBuilder) => void q.where('p.safeguarding_hold', 0).where('p.named_in_record', 0)

/** Visits from before the cutoff, of people not held (never one still open). */
function oldVisits(db: Q, cutoff: string) {
  return db('visits as v').join('people as p', 'p.id', 'v.person_id').where('v.signed_in_at', '<', cutoff).whereNotNull('v.signed_out_at').modify(notHeld).select('v.id')
}

/**
 * Visitors with nothing since the cutoff: registered before it, no visit and no agreement
 * after it, not on site. Contractors, volunteers and governors are archived by the business
 * manager, never removed here.
 */
function expiredVisitors(db: Q, cutoff: string) {
  return db('people as p')
    .where('p.kind', 'visitor')
    .where('p.created_at', '<', cutoff)
    .whereNotExists((q) => void q.select(db.raw('1')).from('visits as v').whereRaw('v.person_id = p.id').andWhere((w) => void w.where('v.signed_in_at', '>=', cutoff).orWhereNull('v.signed_out_at')))
    .whereNotExists((q) => void q.select(db.raw('1')).from('agreements as a').whereRaw('a.person_id = p.id').andWhere('a.recorded_at', '>=', cutoff))
}

/** People held whose records would otherwise have gone: an expired visitor, or anyone with an old visit. */
function heldPast(db: Q, cutoff: string) {
  return db('people as p').where(
    (w) =>
      void w
        .whereExists((q) => void q.select(db.raw('1')).from('visits as v').whereRaw('v.person_id = p.id').andWhere('v.signed_in_at', '<', cutoff))
        .orWhereIn('p.id', expiredVisitors(db, cutoff).select('p.id')),
  )
}

async function countOf(query: Knex.QueryBuilder): Promise<number> {
  const [row] = (await query.clearSelect().count({ n: '*' })) as { n: number }[]
  return Number(row?.n ?? 0)
}

async function measure(db: Q, cutoff: string) {
  return {
    visitorsDeleted: await countOf(expiredVisitors(db, cutoff).modify(notHeld)),
    // An expired visitor's visits are all old ones, so this counts theirs too.
    visitsDeleted: await countOf(oldVisits(db, cutoff)),
    agreementsDeleted: await countOf(db('agreements').whereIn('person_id', expiredVisitors(db, cutoff).modify(notHeld).select('p.id'))),
    heldSkipped: await countOf(heldPast(db, cutoff).where('p.safeguarding_hold', 1)),
    namedSkipped: await countOf(heldPast(db, cutoff).where('p.safeguarding_hold', 0).where('p.named_in_record', 1)),
    notDeleted: 0,
  }
}

/** What retention would remove today, without removing anything. */
export async function previewRetention(ctx: FeatureContext): Promise<RetentionReport> {
  const { db } = ctx.store.requireOpen()
  const { visitorRetentionYears } = await readReceptionSettings(db)
  const cutoff = retentionCutoff(ctx.now(), visitorRetentionYears)
  return { cutoff: cutoff.day, dryRun: true, ...(await measure(db, cutoff.instant)) }
}

/** The audit entry's words: what went, what was kept and why. */
function describe(day: string, r: Omit<RetentionReport, 'cutoff' | 'dryRun'>): string {
  const kept = [`${r.heldSkipped} kept on safeguarding hold`, `${r.namedSkipped} kept as named in a safeguarding record`]
  if (r.notDeleted > 0) kept.push(`${r.notDeleted} could not be deleted`)
  return `before ${day}: ${r.visitorsDeleted} visitors, ${r.visitsDeleted} visits, ${r.agreementsDeleted} agreements deleted; ${kept.join('; ')}`
}

/**
 * Removes visitor records past the retention period, except those held, in one transaction with
 * an audit entry giving the counts — also when nothing was due, so the trail shows retention
 * ran. Each visitor goes in a savepoint of their own: one whose record cannot be deleted is
 * kept, counted and named in the audit entry, and the run carries on with the others.
 */
export async function runRetention(ctx: FeatureContext): Promise<RetentionReport> {
  const { db } = ctx.store.requireOpen()
  const { visitorRetentionYears } = await readReceptionSettings(db)
  const cutoff = retentionCutoff(ctx.now(), visitorRetentionYears)
  const event = { action: 'retention.run', target: 'visitors', detail: '' }
  const counts = await ctx.store.change(event, async (trx) => {
    // Incidents saved before the flag existed: a key holder's run marks whom they name.
    await holdEveryoneNamed(trx, ctx.store)
    const measured = await measure(trx, cutoff.instant)
    await trx('visits').whereIn('id', oldVisits(trx, cutoff.instant)).delete()
    const due = (await expiredVisitors(trx, cutoff.instant).modify(notHeld).select('p.id')) as { id: number }[]
    const failed: string[] = []
    for (const { id } of due) {
      try {
        // Their agreements and search keys go with them (ON DELETE CASCADE).
        await trx.transaction((one) => one('people').where({ id }).delete())
      } catch {
        failed.push(`person:${id}`)
        measured.notDeleted++
        measured.visitorsDeleted--
        measured.agreementsDeleted -= await countOf(trx('agreements').where({ person_id: id }))
      }
    }
    event.detail = describe(cutoff.day, measured) + (failed.length ? ` (${failed.join(', ')})` : '')
    return measured
  })
  return { cutoff: cutoff.day, dryRun: false, ...counts }
}
