import { schoolYearOf } from '../../../shared/dates/school-year'
import type { FeatureContext } from '../feature-kit/feature-context'
import { holdEveryoneNamed } from '../people/services'
import { todayOf } from './standings'

/**
 * How long a pupil's consent answers are kept after they leave: the rest of the school year they
 * leave in, plus this many. Images published under a consent stay about after the pupil has gone
 * (a printed prospectus, the website's and social media's older pages, a newspaper's archive), so
 * the school keeps what it relied on while a former pupil or their family may still ask about
 * them, as a retention schedule keeps a permission for as long as what it permitted is in use.
 */
export const KEPT_YEARS_AFTER_LEAVING = 3

export interface ConsentRetention {
  /** Pupils who left before this day have their answers deleted. */
  leftBefore: string
  deleted: number
  /** Answers kept past their time: the pupil is on a safeguarding hold or named in a safeguarding record. */
  held: number
}

/** The first day of the school year whose leavers are still kept: those who left earlier go. */
export const consentCutoff = (today: string): string => `${schoolYearOf(today) - KEPT_YEARS_AFTER_LEAVING}-09-01`

/**
 * Deletes the consent answers of pupils who left long enough ago, except those held, in one
 * transaction with an audit entry giving the counts (also when nothing was due, so the trail shows
 * the rule ran). Pupils still on roll keep every answer, withdrawals included: the history is what
 * shows the school stopped publishing when asked.
 */
export async function runConsentRetention(ctx: FeatureContext): Promise<ConsentRetention> {
  const leftBefore = consentCutoff(todayOf(ctx))
  const event = { action: 'consent.retention', target: 'consent', detail: '' }
  return ctx.store.change(event, async (trx) => {
    // Incidents saved before the hold flag existed: a key holder's run marks whom they name.
    await holdEveryoneNamed(trx, ctx.store)
    const leavers = () => trx('people').where({ kind: 'pupil' }).whereNotNull('archived_at').whereRaw('coalesce(left_on, substr(archived_at, 1, 10)) < ?', [leftBefore])
    const heldIds = leavers().where((w) => void w.where('safeguarding_hold', 1).orWhere('named_in_record', 1)).select('id')
    const [heldRow] = (await trx('consent_answers').whereIn('person_id', heldIds).count({ n: '*' })) as { n: number }[]
    const held = Number(heldRow?.n ?? 0)
    const deleted = await trx('consent_answers').whereIn('person_id', leavers().where({ safeguarding_hold: 0, named_in_record: 0 }).select('id')).delete()
    event.detail = `consent answers of pupils who left before ${leftBefore}: ${deleted} deleted; ${held} kept on safeguarding hold or as named in a safeguarding record`
    return { leftBefore, deleted, held }
  })
}
