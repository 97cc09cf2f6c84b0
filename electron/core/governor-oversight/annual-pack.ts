import type { AnnualRegisterFigures, AnnualSpan } from '../../../shared/domain/annual-review'
import type { AnnualPackPart } from '../feature-kit/feature'

/**
 * Governors' oversight in the year: the DSL's meetings with the online safety governor, and what
 * became of the actions set in the year (by the meeting's day, or the day a priority was added).
 */
export const oversightAnnualPack: AnnualPackPart = {
  async figures(ctx, span: AnnualSpan): Promise<AnnualRegisterFigures> {
    const { db } = ctx.store.requireOpen()
    const [meetings] = (await db('oversight_meetings').whereBetween('met_on', [span.from, span.to]).count({ n: '*' })) as { n: number }[]
    const setOn = "coalesce(m.met_on, substr(a.recorded_at, 1, 10))"
    const [a] = (await db('oversight_actions as a')
      .leftJoin('oversight_meetings as m', 'm.id', 'a.meeting_id')
      .whereRaw(`${setOn} between ? and ?`, [span.from, span.to])
      .select(
        db.raw('count(*) as total'),
        db.raw('sum(case when a.done_on is not null and a.done_on <= a.due_on then 1 else 0 end) as on_time'),
        db.raw('sum(case when a.done_on is not null and a.done_on > a.due_on then 1 else 0 end) as late'),
        db.raw('sum(case when a.done_on is null and a.due_on < ? then 1 else 0 end) as overdue', [span.drawnOn]),
        db.raw('sum(case when a.done_on is null and a.due_on >= ? then 1 else 0 end) as not_yet_due', [span.drawnOn]),
      )) as unknown as { total: number; on_time: number | null; late: number | null; overdue: number | null; not_yet_due: number | null }[]
    const whole = Number(a?.total ?? 0)
    const row = (label: string, n: number | null | undefined) => [label, { count: Number(n ?? 0) }, { part: Number(n ?? 0), whole }]
    return {
      kind: 'governor-oversight',
      title: 'Governor oversight',
      intro: 'How often the DSL met the online safety governor in the year, and what became of the actions set at those meetings and from the annual review’s priorities.',
      tables: [
        {
          title: 'Oversight actions set in the year',
          headers: ['What became of them', 'Actions', 'Share'],
          widths: ['*', 60, 100],
          rows: whole ? [row('Done by the day they were due', a!.on_time), row('Done late', a!.late), row('Not done and overdue', a!.overdue), row('Not done, not yet due', a!.not_yet_due)] : [],
          empty: 'No oversight actions were set in the year.',
        },
      ],
      headlines: [
        { label: 'Meetings with the online safety governor', cell: { count: Number(meetings?.n ?? 0) } },
        { label: 'Oversight actions done', cell: { part: Number(a?.on_time ?? 0) + Number(a?.late ?? 0), whole } },
      ],
      source: 'the governor oversight register: meetings by the day they were held, actions by the day they were set (the meeting’s day, or the day a priority was added).',
    }
  },
}
