import { listVisits, onSite } from '../visits'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import { emptyNote, longTable } from '../../reports/builders/table'
import type { ReportBody } from '../../reports/builders/report-body'
import { conflict } from '../../api/app-error'
import { ukDateTime } from '../../../../shared/dates/uk-format'

const MAX_VISITS = 20_000

/** Every visit in a period, oldest first: who, from where, why, whom they saw, in and out. */
export async function visitorLog(ctx: ReportContext, { from, to }: ReportRequest<'visitor-log'>): Promise<ReportBody> {
  const { names } = ctx
  const page = await listVisits(ctx, { from, to, offset: 0, limit: MAX_VISITS + 1 })
  if (page.total > MAX_VISITS) {
    throw conflict(`That period has ${page.total.toLocaleString('en-GB')} visits — too many for one printed log. Choose a shorter period.`)
  }
  const visits = [...page.rows].sort((a, b) => a.signedInAt.localeCompare(b.signedInAt))
  const rows = visits.map((v) => [
    names.name(v.visitorName),
    // An organisation can name a family's own business: an anonymised copy leaves it out.
    names.enabled ? '—' : (v.organisation ?? ''),
    names.text(v.purpose),
    names.name(v.hostName),
    ukDateTime(v.signedInAt),
    v.signedOutAt ? `${ukDateTime(v.signedOutAt)}${v.signedOutHow === 'auto' ? ' (automatic)' : ''}` : 'Still on site',
    v.usesIct ? 'Yes' : 'No',
  ])
  return {
    content: [
      { text: `${visits.length.toLocaleString('en-GB')} visit${visits.length === 1 ? '' : 's'} in the period, from the reception records.`, margin: [0, 0, 0, 8] },
      rows.length ? longTable(['Visitor', 'Organisation', 'Purpose', 'Host', 'Signed in', 'Signed out', 'School ICT'], ['*', 70, 70, 62, 62, 70, 34], rows) : emptyNote('No visits in this period.'),
    ],
    rows,
    periodFrom: from,
    periodTo: to,
  }
}

/**
 * Everyone signed in now, for a fire evacuation: big enough to read outside, with a tick column
 * for the roll call. Names are never anonymised here: the marshal must know whom to look for.
 */
export async function rollCall(ctx: ReportContext): Promise<ReportBody> {
  const list = await onSite(ctx)
  const rows = list.visits.map((v) => [v.visitorName, v.organisation ?? '', v.hostName, ukDateTime(v.signedInAt), ''])
  return {
    content: [
      { text: `${rows.length} visitor${rows.length === 1 ? '' : 's'} on site at ${ukDateTime(list.asAt)}. Tick each person at the assembly point.`, fontSize: 12, bold: true, margin: [0, 0, 0, 10] },
      rows.length
        ? longTable(['Name', 'Organisation', 'Visiting', 'Signed in', 'Present'], ['*', 100, 100, 80, 50], rows, { fontSize: 11 })
        : emptyNote('Nobody is signed in as a visitor.'),
    ],
    rows,
    periodFrom: null,
    periodTo: null,
  }
}
