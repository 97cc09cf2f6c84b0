import type { Content } from 'pdfmake/interfaces'
import { ACTION_SOURCE_LABELS } from '../../../../shared/features/governor-oversight/contract'
import { isoDateToUk } from '../../../../shared/dates/uk-format'
import { schoolYearLabel } from '../../../../shared/dates/school-year'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import type { ReportBody } from '../../reports/builders/report-body'
import { HEADING } from '../../reports/builders/keep-with-next'
import { emptyNote, longTable } from '../../reports/builders/table'
import { overview } from '../oversight'

const heading = (text: string): Content => ({ text, style: 'h2', headlineLevel: HEADING, margin: [0, 10, 0, 4] })

/** The meetings of a period with their notes, then every action still open or done in the period. */
export async function governorOversightReport(ctx: ReportContext, { from, to }: ReportRequest<'governor-oversight'>): Promise<ReportBody> {
  const { names } = ctx
  const view = await overview(ctx)
  const meetings = view.meetings.filter((m) => m.metOn >= from && m.metOn <= to).reverse()
  const meetingRows = meetings.map((m) => [isoDateToUk(m.metOn), names.name(m.governor), names.name(m.dsl), names.text(m.others), names.text(m.notes)])
  const actions = view.actions.filter((a) => a.doneOn === null || (a.doneOn >= from && a.doneOn <= to))
  const actionRows = actions.map((a) => [
    names.text(a.action),
    a.source === 'meeting' && a.meetingOn ? `Meeting of ${isoDateToUk(a.meetingOn)}` : a.source === 'annual-pack' && a.packYear ? `Annual review ${schoolYearLabel(a.packYear)}` : ACTION_SOURCE_LABELS[a.source],
    names.name(a.owner),
    isoDateToUk(a.dueOn),
    a.doneOn ? `${isoDateToUk(a.doneOn)}: ${names.text(a.doneNote ?? '')}` : a.dueOn < to ? 'Not yet (overdue)' : 'Not yet',
  ])
  const content: Content[] = [
    heading('Meetings of the DSL and the online safety governor'),
    meetingRows.length ? longTable(['Met on', 'Governor', 'DSL', 'Also present', 'Notes'], [46, 70, 70, 70, '*'], meetingRows) : emptyNote('No meeting with the online safety governor was recorded in this period.'),
    heading('Oversight actions'),
    { text: 'Every action still open, and those done in the period.', margin: [0, 0, 0, 6] },
    actionRows.length ? longTable(['Action', 'From', 'Owner', 'Due by', 'Done'], ['*', 80, 70, 46, 120], actionRows) : emptyNote('No oversight action is open or was done in this period.'),
  ]
  return { content, rows: [...meetingRows, ...actionRows], periodFrom: from, periodTo: to }
}
