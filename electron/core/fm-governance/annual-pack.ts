import type { AnnualRegisterFigures, AnnualSpan } from '../../../shared/domain/annual-review'
import { FM_ROLE_LABELS, FM_ROLES } from '../../../shared/features/fm-governance/contract'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import type { AnnualPackPart } from '../feature-kit/feature'

const count = (n: unknown) => ({ count: Number(n ?? 0) })

/**
 * The year's filtering and monitoring governance for governors: whether the yearly review was
 * held, what became of its actions, and how the monitoring alerts of the year were dealt with.
 * Alerts are counted by the day they were raised, reviews and actions by the review's day.
 */
export const fmAnnualPack: AnnualPackPart = {
  async figures(ctx, span: AnnualSpan): Promise<AnnualRegisterFigures> {
    const { db } = ctx.store.requireOpen()
    const reviews = await db('fm_reviews').whereBetween('reviewed_on', [span.from, span.to]).orderBy('reviewed_on').select('id', 'reviewed_on')
    const roles = new Map((await db('fm_roles').select('role', 'name')).map((r) => [r.role, r.name]))
    const [alerts] = (await db('fm_alerts')
      .whereBetween('alerted_on', [span.from, span.to])
      .select(
        db.raw('count(*) as total'),
        db.raw("sum(case when state = 'incident' then 1 else 0 end) as incident"),
        db.raw("sum(case when state = 'closed' then 1 else 0 end) as closed"),
        db.raw("sum(case when state = 'open' then 1 else 0 end) as open"),
      )) as unknown as { total: number; incident: number | null; closed: number | null; open: number | null }[]
    const [actions] = (await db('fm_review_actions as a')
      .join('fm_reviews as r', 'r.id', 'a.review_id')
      .whereBetween('r.reviewed_on', [span.from, span.to])
      .select(
        db.raw('count(*) as total'),
        db.raw('sum(case when a.done_on is not null and a.done_on <= a.due_on then 1 else 0 end) as on_time'),
        db.raw('sum(case when a.done_on is not null and a.done_on > a.due_on then 1 else 0 end) as late'),
        db.raw('sum(case when a.done_on is null and a.due_on < ? then 1 else 0 end) as overdue', [span.drawnOn]),
        db.raw('sum(case when a.done_on is null and a.due_on >= ? then 1 else 0 end) as not_yet_due', [span.drawnOn]),
      )) as unknown as { total: number; on_time: number | null; late: number | null; overdue: number | null; not_yet_due: number | null }[]
    const alertTotal = Number(alerts?.total ?? 0)
    const actionTotal = Number(actions?.total ?? 0)
    const share = (n: number | null | undefined, whole: number) => ({ part: Number(n ?? 0), whole })
    return {
      kind: 'fm-governance',
      title: 'Filtering and monitoring',
      intro:
        'Who holds each responsibility the filtering and monitoring standards name, whether the yearly review of filtering and monitoring was held in the year, what became of the actions it set, and how the monitoring alerts of the year were dealt with: linked to an incident in the log, or closed with a reason.',
      tables: [
        { title: 'Responsibilities', headers: ['Responsibility', 'Held by'], widths: ['*', '*'], rows: FM_ROLES.map((r) => [FM_ROLE_LABELS[r], roles.get(r) ?? 'Not named']), empty: 'No responsibilities are named.' },
        { title: 'Yearly reviews', headers: ['Reviewed on'], rows: reviews.map((r) => [isoDateToUk(r.reviewed_on)]), empty: 'No filtering and monitoring review was recorded in the year.' },
        {
          title: 'Actions set by the year’s reviews',
          headers: ['What became of them', 'Actions', 'Share'],
          widths: ['*', 60, 100],
          rows: actionTotal
            ? [
                ['Done by the day they were due', count(actions!.on_time), share(actions!.on_time, actionTotal)],
                ['Done late', count(actions!.late), share(actions!.late, actionTotal)],
                ['Not done and overdue', count(actions!.overdue), share(actions!.overdue, actionTotal)],
                ['Not done, not yet due', count(actions!.not_yet_due), share(actions!.not_yet_due, actionTotal)],
              ]
            : [],
          empty: 'The year’s reviews set no actions.',
        },
        {
          title: 'Monitoring alerts',
          headers: ['Outcome', 'Alerts', 'Share'],
          widths: ['*', 60, 100],
          rows: alertTotal
            ? [
                ['Linked to an incident', count(alerts!.incident), share(alerts!.incident, alertTotal)],
                ['Closed with a reason', count(alerts!.closed), share(alerts!.closed, alertTotal)],
                ['Waiting to be triaged', count(alerts!.open), share(alerts!.open, alertTotal)],
              ]
            : [],
          empty: 'No monitoring alerts were taken in during the year.',
        },
      ],
      headlines: [
        { label: 'Filtering and monitoring review held', cell: reviews.length ? `Yes, ${isoDateToUk(reviews.at(-1)!.reviewed_on)}` : 'No' },
        { label: 'Monitoring alerts taken in', cell: count(alertTotal) },
        { label: 'Review actions done', cell: share(Number(actions?.on_time ?? 0) + Number(actions?.late ?? 0), actionTotal) },
      ],
      source: 'the filtering and monitoring register: its yearly reviews and their actions (by the day of the review) and its monitoring alerts (by the day each was raised).',
    }
  },
}
