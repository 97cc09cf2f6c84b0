import type { Content } from 'pdfmake/interfaces'
import { isoDateToUk } from '../../../../shared/dates/uk-format'
import { ukDay } from '../../../../shared/dates/uk-time'
import { REQUIREMENTS, RULES, STATE_LABELS, type TrainingState } from '../../../../shared/features/training/requirements'
import { HEADING } from '../../reports/builders/keep-with-next'
import type { ReportBody } from '../../reports/builders/report-body'
import type { ReportContext } from '../../reports/builders/report-builder'
import { emptyNote, longTable } from '../../reports/builders/table'
import { trainingStatuses } from '../training-people'

const STATE_ORDER: Record<TrainingState, number> = { overdue: 0, due: 1, 'up-to-date': 2 }

/**
 * The training record as it stands today: for each requirement, how many need it and how many are
 * up to date, due or overdue, then everyone who needs it, those who are overdue first.
 */
export async function trainingRecordReport(ctx: ReportContext): Promise<ReportBody> {
  const today = ukDay(ctx.now())
  const people = await trainingStatuses(ctx.db, today)
  const rows: string[][] = []
  const count = (n: number) => ctx.names.count(n)
  const summary: string[][] = REQUIREMENTS.map((k) => {
    const needs = people.flatMap((p) => p.needs.filter((s) => s.requirement === k))
    const n = (state: TrainingState) => needs.filter((s) => s.state === state).length
    return [RULES[k].label, RULES[k].often, count(needs.length), count(n('up-to-date')), count(n('due')), count(n('overdue'))]
  })
  rows.push(...summary)
  const content: Content[] = [
    { text: `As it stands on ${isoDateToUk(today)}. Due soon means due within 30 days; overdue means past its due date, or never recorded.`, margin: [0, 0, 0, 8] },
    longTable(['Requirement', 'How often', 'Need it', 'Up to date', 'Due soon', 'Overdue'], ['*', 90, 45, 50, 45, 45], summary),
  ]
  for (const k of REQUIREMENTS) {
    const entries = people
      .flatMap((p) => p.needs.filter((s) => s.requirement === k).map((s) => ({ p, s })))
      .sort((a, b) => STATE_ORDER[a.s.state] - STATE_ORDER[b.s.state] || a.p.sortName.localeCompare(b.p.sortName))
    const table = entries.map(({ p, s }) => [ctx.names.name(p.sortName), p.jobTitle ?? '', s.lastOn ? isoDateToUk(s.lastOn) : 'None recorded', s.dueBy ? isoDateToUk(s.dueBy) : s.lastOn ? 'Done' : 'Now', STATE_LABELS[s.state]])
    rows.push(...table)
    content.push({
      stack: [
        { text: RULES[k].label, style: 'h2', headlineLevel: HEADING },
        table.length === 0 ? emptyNote(k === 'induction' ? 'No new starter is waiting for or has had induction: record start dates on the Training screen.' : 'Nobody on the current list needs this.') : longTable(['Name', 'Role', 'Last done', 'Due by', 'Status'], ['*', 110, 65, 65, 60], table),
      ],
    })
  }
  return { content, rows, periodFrom: null, periodTo: null }
}
