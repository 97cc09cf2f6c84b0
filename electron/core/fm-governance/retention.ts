import { schoolYearOf } from '../../../shared/dates/school-year'
import { ukDay } from '../../../shared/dates/uk-time'
import type { FeatureContext } from '../feature-kit/feature-context'

/**
 * The first day whose closed alerts are still kept. An alert closed without an incident is a
 * routine monitoring record: the IRMS schools toolkit keeps such ICT monitoring logs for the
 * current school year and one more, long enough for the next yearly review to look back over a
 * full year of alerts. An alert linked to an incident is part of that incident's record and is
 * never deleted here; nor are the reviews and responsibilities (governance records the school
 * keeps as evidence to inspectors and governors).
 */
export function closedAlertsKeptFrom(today: string): string {
  return `${schoolYearOf(today) - 1}-09-01`
}

/** Deletes alerts closed before the retention cut-off; audited with the count. Returns how many went. */
export async function runFmRetention(ctx: FeatureContext): Promise<{ alertsDeleted: number }> {
  const cutoff = closedAlertsKeptFrom(ukDay(ctx.now()))
  const { db } = ctx.store.requireOpen()
  const due = await db('fm_alerts').where('state', 'closed').where('triaged_on', '<', cutoff).count({ n: '*' })
  if (Number((due as { n: number }[])[0]?.n ?? 0) === 0) return { alertsDeleted: 0 }
  const event = { action: 'fm.retention', target: 'fm-alerts', detail: '' }
  return ctx.store.change(event, async (trx) => {
    const alertsDeleted = await trx('fm_alerts').where('state', 'closed').where('triaged_on', '<', cutoff).delete()
    event.detail = `${alertsDeleted} closed alert${alertsDeleted === 1 ? '' : 's'} triaged before ${cutoff}`
    return { alertsDeleted }
  })
}
