import { auditEntryInWords } from '../../../../shared/domain/audit-words'
import { conflict } from '../../api/app-error'
import { withWords, type StoredEntry } from '../audit-trail'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import { emptyNote, longTable } from '../../reports/builders/table'
import type { ReportBody } from '../../reports/builders/report-body'
import { periodBounds } from '../../../../shared/dates/uk-format'

/** pdfmake lays out about 1,000 rows a second: beyond this, ask for a shorter period. */
export const MAX_AUDIT_ROWS = 20_000

/** What is never broken across lines: a date with its time, an incident's reference ("INC-2026-0042"), a school year ("2025–26"). */
const KEEP_WHOLE = /\d\d\/\d\d\/\d{4} \d\d:\d\d|\b[A-Z]{2,}-\d{4}-\d+\b|\b\d{4}–\d\d\b/

/**
 * The audit trail of a period in words, as the Audit trail screen shows it (shared/domain/audit-words.ts):
 * who by name, the action, the record by name or reference, UK dates. An anonymised copy names
 * people by who they are, in the record and the detail as in the "who" column.
 */
export async function auditTrail({ db, names }: ReportContext, { from, to }: ReportRequest<'audit-trail'>): Promise<ReportBody> {
  const { start, end } = periodBounds(from, to)
  const inPeriod = db('audit_log').where('at', '>=', start).andWhere('at', '<', end)
  const [{ n }] = (await inPeriod.clone().count({ n: '*' })) as [{ n: number }]
  if (Number(n) > MAX_AUDIT_ROWS) {
    throw conflict(`That period has ${Number(n).toLocaleString('en-GB')} audit entries — too many for one printed report. Choose a shorter period (up to about ${MAX_AUDIT_ROWS.toLocaleString('en-GB')} entries).`)
  }
  const stored = (await inPeriod.clone().select('id', 'at', 'username', 'action', 'target', 'result', 'detail').orderBy('id')) as StoredEntry[]
  const entries = await withWords(db, stored)
  const table = entries.map((entry) => {
    const w = auditEntryInWords(entry)
    return [String(entry.id), w.when, entry.username ? names.name(w.who) : w.who, w.action, names.text(w.target), w.result, names.text(w.detail)]
  })
  return {
    content: [
      { text: `${entries.length.toLocaleString('en-GB')} entries, oldest first, in UK time. The trail is append-only and hash-chained; “Check the trail” in the app confirms it is unbroken.`, margin: [0, 0, 0, 8] },
      entries.length
        ? longTable(['No.', 'When', 'Who', 'Action', 'Record', 'Result', 'Detail'], [36, 66, 56, 80, 82, 28, '*'], table, { keepWhole: KEEP_WHOLE, fontSize: 8 })
        : emptyNote('No entries in this period.'),
    ],
    rows: table,
    periodFrom: from,
    periodTo: to,
  }
}
