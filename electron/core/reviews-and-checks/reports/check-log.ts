import type { Content } from 'pdfmake/interfaces'
import { ROLE_LABELS } from '../../../../shared/domain/roles'
import { CHECK_RESULT_LABELS, rhythmLabel, type CheckResult } from '../../../../shared/domain/reviews-and-checks'
import { conflict } from '../../api/app-error'
import { tallyChecks } from '../checks'
import { dayToUk } from '../periods'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import { emptyNote, longTable } from '../../reports/builders/table'
import { HEADING } from '../../reports/builders/keep-with-next'
import type { ReportBody } from '../../reports/builders/report-body'
import { ukDay } from '../../../../shared/dates/uk-time'

const MAX_CHECKS = 20_000
const percent = (done: number, expected: number) => (expected ? `${Math.round((100 * done) / expected)}%` : '—')

/**
 * For each recurring check in a period: checks done against checks expected (a period counts once
 * it has ended, or once it is done), every missed period named with its note, then every check
 * recorded, with what was tested, the result and the action (the DfE filtering and monitoring standards' record).
 */
export async function checkLog(ctx: ReportContext, { from, to }: ReportRequest<'check-log'>): Promise<ReportBody> {
  const { db, names } = ctx
  const today = ukDay(ctx.now())
  const tallies = await tallyChecks(db, from, to, today)
  const earliest = tallies.flatMap((x) => x.periods.map((p) => p.start)).sort()[0] ?? from
  const notes = await db('check_missed_notes').whereBetween('period_start', [earliest, to]).select('template_id', 'period_start', 'note')

  const summary: string[][] = []
  const missedRows: string[][] = []
  let allDone = 0
  let allExpected = 0
  for (const { template: t, done, expected, missed } of tallies) {
    allDone += done
    allExpected += expected
    const span = t.spans.at(-1)!
    summary.push([
      `${t.row.name}${t.row.retired_on ? ` (retired ${dayToUk(t.row.retired_on)})` : ''}`,
      rhythmLabel(span.rhythm, span.everyYears),
      ROLE_LABELS[t.row.responsible_role],
      `${done}/${expected}`,
      percent(done, expected),
      missed.length ? missed.map((p) => p.label).join('; ') : 'None',
    ])
    for (const p of missed) missedRows.push([t.row.name, p.label, `${dayToUk(p.start)} to ${dayToUk(p.end)}`, notes.find((n) => n.template_id === t.row.id && n.period_start === p.start)?.note ?? '—'].map((cell, i) => (i === 3 ? names.text(cell) : cell)))
  }

  const [count] = (await db('check_occurrences').whereBetween('done_on', [from, to]).count({ n: '*' })) as { n: number }[]
  if (Number(count?.n) > MAX_CHECKS) throw conflict(`That period has ${Number(count?.n).toLocaleString('en-GB')} checks recorded — too many for one printed log. Choose a shorter period.`)
  const occurrences = (await db('check_occurrences as o')
    .join('check_templates as t', 't.id', 'o.template_id')
    .whereBetween('o.done_on', [from, to])
    .select('o.done_on', 't.name', 'o.done_by', 'o.devices', 'o.areas', 'o.user_groups', 'o.result', 'o.action')
    .orderBy([{ column: 'o.done_on' }, { column: 'o.id' }])) as { done_on: string; name: string; done_by: string; devices: string; areas: string; user_groups: string; result: CheckResult; action: string }[]
  const checkRows = occurrences.map((o) => [
    dayToUk(o.done_on),
    o.name,
    names.name(o.done_by),
    [o.devices && `Devices: ${o.devices}`, o.areas && `Areas: ${o.areas}`, o.user_groups && `User groups: ${o.user_groups}`].filter(Boolean).join('. ') || '—',
    CHECK_RESULT_LABELS[o.result],
    names.text(o.action) || '—',
  ])

  const content: Content[] = [
    {
      text: `${allDone} of ${allExpected} expected checks done in the period (${percent(allDone, allExpected)}). A period counts as expected once it has ended, or as soon as its check is done; a missed check stays missed, with any note explaining it.`,
      margin: [0, 0, 0, 8],
    },
    { text: 'Done against expected', style: 'h2', headlineLevel: HEADING },
    summary.length
      ? longTable(['Check', 'Rhythm', 'Responsible', 'Done', 'Rate', 'Missed'], [96, 70, 70, 36, 30, '*'], summary, { fontSize: 8 })
      : emptyNote('No recurring checks were expected in this period.'),
    { text: `Missed checks (${missedRows.length})`, style: 'h2', headlineLevel: HEADING },
    missedRows.length ? longTable(['Check', 'Period', 'Dates', 'Note'], [100, 110, 100, '*'], missedRows, { fontSize: 8 }) : emptyNote('No check was missed in this period.'),
    { text: `Checks recorded (${checkRows.length})`, style: 'h2', headlineLevel: HEADING },
    checkRows.length
      ? longTable(['Date', 'Check', 'Done by', 'What was tested', 'Result', 'Action'], [46, 80, 60, '*', 44, 100], checkRows, { fontSize: 8 })
      : emptyNote('No checks were recorded in this period.'),
  ]
  return { content, rows: [...summary, ...missedRows, ...checkRows], periodFrom: from, periodTo: to }
}
