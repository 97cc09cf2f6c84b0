import { FILTER_CHANGE_LABELS, FILTER_TARGET_LABELS } from '../../../../shared/domain/reviews-and-checks'
import { conflict } from '../../api/app-error'
import { listFilteringChanges } from '../filtering'
import { dayToUk } from '../periods'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import { emptyNote, longTable } from '../../reports/builders/table'
import type { ReportBody } from '../../reports/builders/report-body'
import { ukDateTime } from '../../../../shared/dates/uk-format'

const MAX_CHANGES = 20_000

/** Section 9.4.4: every change to what the filter blocks or allows in a period, oldest first, corrections marked. */
export async function filteringChangeLog(ctx: ReportContext, { from, to }: ReportRequest<'filtering-changes'>): Promise<ReportBody> {
  const { names } = ctx
  const page = await listFilteringChanges(ctx, { from, to, offset: 0, limit: MAX_CHANGES + 1 })
  if (page.total > MAX_CHANGES) throw conflict(`That period has ${page.total.toLocaleString('en-GB')} filtering changes — too many for one printed log. Choose a shorter period.`)
  const changes = [...page.rows].reverse()
  const rows = changes.map((c) => [
    dayToUk(c.changedOn),
    FILTER_CHANGE_LABELS[c.change],
    `${FILTER_TARGET_LABELS[c.targetKind]}: ${c.target}`,
    `${names.text(c.reason)}${c.correctsId ? ` (corrects entry ${c.correctsId})` : ''}${c.correctedById ? ` (corrected by entry ${c.correctedById})` : ''}`,
    names.name(c.requestedBy),
    names.name(c.approvedBy),
    `${c.id} · ${names.name(c.recordedBy)}, ${ukDateTime(c.recordedAt)}`,
  ])
  const blocked = changes.filter((c) => c.change === 'block').length
  return {
    content: [
      {
        text: `${changes.length} change${changes.length === 1 ? '' : 's'} to the filtering in the period (${blocked} blocked, ${changes.length - blocked} allowed). The log is never edited: a mistake is corrected by a later entry, and both are shown.`,
        margin: [0, 0, 0, 8],
      },
      rows.length
        ? longTable(['Date', 'Change', 'Website or category', 'Why', 'Asked by', 'Approved by', 'Entry · recorded by'], [46, 40, 90, '*', 56, 56, 70], rows, { fontSize: 8 })
        : emptyNote('No filtering changes were logged in this period.'),
    ],
    rows,
    periodFrom: from,
    periodTo: to,
  }
}
