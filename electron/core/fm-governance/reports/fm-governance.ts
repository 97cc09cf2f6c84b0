import type { Content } from 'pdfmake/interfaces'
import { ALERT_STATE_LABELS, FM_ROLE_LABELS, FM_ROLES } from '../../../../shared/features/fm-governance/contract'
import { isoDateToUk } from '../../../../shared/dates/uk-format'
import { conflict } from '../../api/app-error'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import type { ReportBody } from '../../reports/builders/report-body'
import { HEADING } from '../../reports/builders/keep-with-next'
import { emptyNote, longTable } from '../../reports/builders/table'
import { listAlerts } from '../alerts'
import { getReview, overview } from '../governance'

const MAX_ALERTS = 20_000
const heading = (text: string): Content => ({ text, style: 'h2', headlineLevel: HEADING, margin: [0, 10, 0, 4] })
const yesNo = (b: boolean) => (b ? 'Yes' : 'No')

/**
 * The responsibilities as they stand, the reviews held in the period (each in full, with its
 * actions), and the monitoring alerts of the period with what became of each.
 */
export async function fmGovernanceReport(ctx: ReportContext, { from, to }: ReportRequest<'fm-governance'>): Promise<ReportBody> {
  const { names } = ctx
  const all: string[][] = []
  const content: Content[] = []
  const view = await overview(ctx)

  content.push(heading('Who is responsible'))
  const roleRows = FM_ROLES.map((role) => {
    const holder = view.roles.find((r) => r.role === role)
    return holder ? [FM_ROLE_LABELS[role], names.name(holder.name), names.text(holder.responsibilities), isoDateToUk(holder.updatedOn)] : [FM_ROLE_LABELS[role], 'Not named', '', '']
  })
  all.push(...roleRows)
  content.push(longTable(['Responsibility', 'Held by', 'Responsibilities', 'Named on'], [90, 90, '*', 50], roleRows))
  content.push({ text: view.nextReviewOn ? `The next yearly review is due by ${isoDateToUk(view.nextReviewOn)}.` : 'No yearly review has been recorded yet.', margin: [0, 6, 0, 0] })

  const inPeriod = view.reviews.filter((r) => r.reviewedOn >= from && r.reviewedOn <= to).reverse()
  content.push(heading('Yearly reviews in the period'))
  if (inPeriod.length === 0) content.push(emptyNote('No filtering and monitoring review was recorded in this period.'))
  for (const summary of inPeriod) {
    const r = await getReview(ctx, summary.id)
    const fields = [
      ['Reviewed on', isoDateToUk(r.reviewedOn)],
      ['Taking part', names.text(r.reviewedBy)],
      ['Risk profile of the pupils', names.text(r.riskProfile)],
      ['What is filtered and how', names.text(r.filtering)],
      ['IWF list in use', yesNo(r.iwfList)],
      ['Counter-terrorism list in use', yesNo(r.counterTerrorismList)],
      ['About the lists', names.text(r.listsNote)],
      ['Guest network', names.text(r.guestNetwork)],
      ['Personal devices', names.text(r.personalDevices)],
      ['Over-blocking', names.text(r.overBlocking)],
      ['Monitoring strategy', names.text(r.monitoringStrategy)],
      ['How alerts are handled', names.text(r.alertHandling)],
      ['Next review due by', isoDateToUk(r.nextReviewOn)],
    ]
    all.push(...fields)
    content.push({ text: `Review of ${isoDateToUk(r.reviewedOn)}`, bold: true, fontSize: 11, headlineLevel: HEADING, margin: [0, 6, 0, 2] })
    content.push(longTable(['Question', 'Answer'], [130, '*'], fields))
    const actionRows = r.actions.map((a) => [names.text(a.action), names.name(a.owner), isoDateToUk(a.dueOn), a.doneOn ? `${isoDateToUk(a.doneOn)}: ${names.text(a.doneNote ?? '')}` : 'Not yet'])
    all.push(...actionRows)
    content.push(actionRows.length ? longTable(['Action', 'Owner', 'Due by', 'Done'], ['*', 90, 50, 140], actionRows) : emptyNote('The review set no actions.'))
  }

  const alerts = await listAlerts(ctx, { state: 'all', offset: 0, limit: MAX_ALERTS + 1 })
  const inRange = alerts.rows.filter((a) => a.alertedOn >= from && a.alertedOn <= to).reverse()
  if (inRange.length > MAX_ALERTS) throw conflict('That period has too many monitoring alerts for one printed report. Choose a shorter period.')
  content.push(heading('Monitoring alerts in the period'))
  const alertRows = inRange.map((a) => [
    isoDateToUk(a.alertedOn),
    a.source,
    names.text(a.what),
    names.text(a.deviceOrUser),
    a.state === 'incident' ? `Linked to ${a.incidentReference ?? 'an incident'}` : a.state === 'closed' ? `Closed: ${names.text(a.closedReason ?? '')}` : ALERT_STATE_LABELS.open,
    a.triagedOn ? `${isoDateToUk(a.triagedOn)}, ${names.name(a.triagedBy ?? '')}` : '',
  ])
  all.push(...alertRows)
  const counts = (state: string) => inRange.filter((a) => a.state === state).length
  content.push({ text: `${inRange.length} alert${inRange.length === 1 ? '' : 's'} in the period: ${counts('incident')} linked to an incident, ${counts('closed')} closed with a reason, ${counts('open')} waiting to be triaged.`, margin: [0, 0, 0, 6] })
  content.push(alertRows.length ? longTable(['Date', 'Source', 'What', 'Device or user', 'Outcome', 'Triaged'], [46, 64, '*', 70, 110, 70], alertRows, { fontSize: 8 }) : emptyNote('No monitoring alerts were taken in during this period.'))
  return { content, rows: all, periodFrom: from, periodTo: to }
}
