import { ukDay } from '../../../shared/dates/uk-time'
import type { FeatureContext } from '../feature-kit/feature-context'
import type { RetentionRule } from '../feature-kit/feature'

/**
 * How long an approval is kept once it has ended. The IRMS toolkit for schools keeps risk
 * assessments for the life of the assessment plus three years; these decisions also stand behind
 * the school's use of pupils' personal data (what an app took, who approved it), and a claim about
 * that can come up to six years later (the Limitation Act period the toolkit uses for such
 * records), so the longer period is used. An approval in force, lapsed or waiting has not ended
 * and is always kept.
 */
export const YEARS_KEPT_AFTER_ENDING = 6

/** The day before which an ended approval is deleted: six years back from today. */
export function retentionCutoff(today: string): string {
  return `${Number(today.slice(0, 4)) - YEARS_KEPT_AFTER_ENDING}${today.slice(4)}`
}

const LATEST = '(SELECT d2.id FROM approval_decisions d2 WHERE d2.approval_id = a.id ORDER BY d2.id DESC LIMIT 1)'

/** Deletes approvals refused, or withdrawn at a review, more than six years ago; never one naming a person under a safeguarding hold. */
export const approvalsRetention: RetentionRule = {
  name: 'approvals ended more than six years ago',
  async run(ctx: FeatureContext): Promise<number> {
    const cutoff = retentionCutoff(ukDay(ctx.now()))
    const event = { action: 'approvals.retention', target: 'approvals', detail: '' }
    return ctx.store.change(event, async (trx) => {
      const ended = (await trx('approvals as a')
        .join('approval_decisions as d', (j) => void j.on('d.id', '=', trx.raw(LATEST)))
        .where('d.outcome', 'refused')
        .where('d.decided_on', '<', cutoff)
        .whereNotExists(
          (q) =>
            void q
              .select(trx.raw('1'))
              .from('approval_account_holders as h')
              .join('people as p', 'p.id', 'h.person_id')
              .whereRaw('h.approval_id = a.id')
              .andWhere((w) => void w.where('p.safeguarding_hold', 1).orWhere('p.named_in_record', 1)),
        )
        .pluck('a.id')) as number[]
      // Their decisions and account holders go with them (ON DELETE CASCADE).
      if (ended.length > 0) await trx('approvals').whereIn('id', ended).delete()
      event.detail = `${ended.length} ended before ${cutoff} deleted`
      return ended.length
    })
  },
}
