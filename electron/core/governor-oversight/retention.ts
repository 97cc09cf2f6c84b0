import { schoolYearOf } from '../../../shared/dates/school-year'
import { ukDay } from '../../../shared/dates/uk-time'
import type { FeatureContext } from '../feature-kit/feature-context'

/**
 * The first day whose oversight records are still kept. Notes of the DSL's meetings with the
 * governor are reports to the governing body, which the schools' retention schedule keeps for six
 * years; so a meeting goes six whole school years after the one it was held in, with its actions,
 * and an action from elsewhere six years after it was done. A meeting with an action still open
 * stays until the action is done: the record of what is owed is never lost.
 */
export function oversightKeptFrom(today: string): string {
  return `${schoolYearOf(today) - 6}-09-01`
}

export async function runOversightRetention(ctx: FeatureContext): Promise<{ meetingsDeleted: number; actionsDeleted: number }> {
  const cutoff = oversightKeptFrom(ukDay(ctx.now()))
  const { db } = ctx.store.requireOpen()
  const meetingsDue = (trx: typeof db) =>
    trx('oversight_meetings')
      .where('met_on', '<', cutoff)
      .whereNotExists((q) => q.select(db.raw('1')).from('oversight_actions as a').whereRaw('a.meeting_id = oversight_meetings.id').whereNull('a.done_on'))
      .pluck('id')
  const actionsDue = (trx: typeof db) => trx('oversight_actions').whereNull('meeting_id').whereNotNull('done_on').where('done_on', '<', cutoff)
  const meetings = await meetingsDue(db)
  const [loose] = (await actionsDue(db).count({ n: '*' })) as { n: number }[]
  if (meetings.length === 0 && Number(loose?.n ?? 0) === 0) return { meetingsDeleted: 0, actionsDeleted: 0 }
  const event = { action: 'oversight.retention', target: 'oversight', detail: '' }
  return ctx.store.change(event, async (trx) => {
    const ids = await meetingsDue(trx)
    const fromMeetings = ids.length ? await trx('oversight_actions').whereIn('meeting_id', ids).delete() : 0
    const meetingsDeleted = ids.length ? await trx('oversight_meetings').whereIn('id', ids).delete() : 0
    const actionsDeleted = fromMeetings + (await actionsDue(trx).delete())
    event.detail = `${meetingsDeleted} meeting${meetingsDeleted === 1 ? '' : 's'} and ${actionsDeleted} done action${actionsDeleted === 1 ? '' : 's'} from before ${cutoff}`
    return { meetingsDeleted, actionsDeleted }
  })
}
