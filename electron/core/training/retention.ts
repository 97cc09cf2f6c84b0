import { addMonths, ukDay } from '../../../shared/dates/uk-time'
import type { Db } from '../db/database'
import type { Knex } from 'knex'
import type { FeatureContext } from '../feature-kit/feature-context'
import { holdEveryoneNamed } from '../people/services'

/**
 * Training records belong with the personnel file, which the IRMS toolkit for schools keeps for
 * the length of employment plus six years (long enough to answer a claim or an allegation about
 * what someone had been trained in). So a person's training goes six years after the day they
 * left (their leaving day, or the day they were archived), never while they are on the current
 * list, and never while they are on safeguarding hold or named in a safeguarding record.
 */
export const KEPT_AFTER_LEAVING_MONTHS = 72

type Q = Db | Knex.Transaction

function leaversPast(db: Q, cutoff: string) {
  return db('people as p')
    .whereNotNull('p.archived_at')
    .whereRaw('coalesce(p.left_on, substr(p.archived_at, 1, 10)) < ?', [cutoff])
    .where('p.safeguarding_hold', 0)
    .where('p.named_in_record', 0)
    .select('p.id')
}

/** Deletes the training of people who left long enough ago, in one audited change (also when there is none, so the trail shows it ran). */
export async function runTrainingRetention(ctx: FeatureContext): Promise<{ cutoff: string; deleted: number }> {
  const cutoff = addMonths(ukDay(ctx.now()), -KEPT_AFTER_LEAVING_MONTHS)
  const event = { action: 'training.retention', target: 'training', detail: '' }
  const deleted = await ctx.store.change(event, async (trx) => {
    // Incidents saved before the flag existed: mark whom they name before deciding who is held.
    await holdEveryoneNamed(trx, ctx.store)
    const people = leaversPast(trx, cutoff)
    // Certificates go with their records (ON DELETE CASCADE).
    const n = await trx('training_records').whereIn('person_id', people).delete()
    await trx('training_people').whereIn('person_id', leaversPast(trx, cutoff)).delete()
    event.detail = `training of people who left before ${cutoff}: ${n} records deleted`
    return n
  })
  return { cutoff, deleted }
}
