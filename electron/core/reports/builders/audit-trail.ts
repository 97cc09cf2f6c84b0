import { auditActionLabel } from '../../../../shared/domain/audit-actions'
import { conflict } from '../../api/app-error'
import type { Db } from '../../db/database'
import type { Anonymiser } from '../anonymiser'
import { periodBounds, ukDateTime } from '../uk-dates'
import { emptyNote, longTable } from './table'
import type { ReportBody } from './report-body'

/** pdfmake lays out about 1,000 rows a second: beyond this, ask for a shorter period. */
export const MAX_AUDIT_ROWS = 20_000

export async function auditTrail(db: Db, names: Anonymiser, from: string, to: string): Promise<ReportBody> {
  const { start, end } = periodBounds(from, to)
  const inPeriod = db('audit_log').where('at', '>=', start).andWhere('at', '<', end)
  const [{ n }] = (await inPeriod.clone().count({ n: '*' })) as [{ n: number }]
  if (Number(n) > MAX_AUDIT_ROWS) {
    throw conflict(`That period has ${Number(n).toLocaleString('en-GB')} audit entries — too many for one printed report. Choose a shorter period (up to about ${MAX_AUDIT_ROWS.toLocaleString('en-GB')} entries).`)
  }
  const rows = (await inPeriod.clone().select('id', 'at', 'username', 'action', 'target', 'result', 'detail').orderBy('id')) as {
    id: number
    at: string
    username: string | null
    action: string
    target: string | null
    result: string
    detail: string | null
  }[]
  const table = rows.map((r) => [String(r.id), ukDateTime(r.at), r.username ? names.name(r.username) : '(not signed in)', auditActionLabel(r.action), r.target ?? '', r.result, r.detail ?? ''])
  return {
    content: [
      { text: `${rows.length.toLocaleString('en-GB')} entries, oldest first. The trail is append-only and hash-chained; “Check the trail” in the app confirms it is unbroken.`, margin: [0, 0, 0, 8] },
      rows.length ? longTable(['No.', 'When', 'Who', 'Action', 'Target', 'Result', 'Detail'], [30, 74, 62, 90, 50, 38, '*'], table) : emptyNote('No entries in this period.'),
    ],
    rows: table,
    periodFrom: from,
    periodTo: to,
  }
}
