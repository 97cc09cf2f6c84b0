import type { Content } from 'pdfmake/interfaces'
import { CONSENT_PURPOSE_LABELS, CONSENT_PURPOSE_SHORT, CONSENT_PURPOSES } from '../../../../shared/features/consent/consent'
import { isoDateToUk, ukLongDay } from '../../../../shared/dates/uk-format'
import type { ReportContext } from '../../reports/builders/report-builder'
import type { ReportBody } from '../../reports/builders/report-body'
import { emptyNote, longTable } from '../../reports/builders/table'
import { HEADING } from '../../reports/builders/keep-with-next'
import { consentClasses, coverage, listForms } from '../queries'
import { standingsOf, todayOf } from '../standings'

/** The consent register in summary: the forms, and per use how many pupils on roll may appear, by class. */
export async function consentRegisterReport(ctx: ReportContext): Promise<ReportBody> {
  const { names } = ctx
  const today = todayOf(ctx)
  const forms = await listForms(ctx)
  const counts = await coverage(ctx, today)
  const rows: string[][] = []
  const formRows = forms.map((f) => [f.version, isoDateToUk(f.inForceFrom)])
  const countRows = counts.map((c) => [CONSENT_PURPOSE_LABELS[c.purpose], names.count(c.given), names.count(c.refused), names.count(c.withdrawn), names.count(c.lapsed), names.count(c.none)])
  rows.push(...formRows, ...countRows)
  const content: Content[] = [
    {
      text: `Pupils on roll on ${ukLongDay(today)}: ${names.count(counts[0]?.onRoll ?? 0)}. An answer holds for the school year it was given in, and lapses when a new form wording comes into force; a pupil with no current answer must not appear.`,
      margin: [0, 0, 0, 8],
    },
    { text: 'Consent form wordings', style: 'h2', headlineLevel: HEADING },
    formRows.length ? longTable(['Version', 'In force from'], ['*', 100], formRows) : emptyNote('No form wording has been recorded: answers lapse only at the end of each school year.'),
    { text: 'Pupils on roll, per use', style: 'h2', headlineLevel: HEADING },
    longTable(['Use', 'Consent given', 'Refused', 'Withdrawn', 'Lapsed', 'No answer'], ['*', 60, 50, 56, 50, 56], countRows),
  ]
  // A class narrows a count to a handful of children: an anonymised copy leaves the classes out.
  if (!names.enabled) {
    const classRows: string[][] = []
    for (const c of await consentClasses(ctx)) {
      const standings = (await standingsOf(ctx.db, today, { yearGroup: c.yearGroup, ...(c.regClass ? { regClass: c.regClass } : {}) })).filter((s) => c.regClass !== null || s.pupil.reg_class === null)
      classRows.push([c.label, String(standings.length), ...CONSENT_PURPOSES.map((k) => String(standings.filter((s) => s.states[k] === 'given').length))])
    }
    rows.push(...classRows)
    content.push(
      { text: 'Consent given, by class', style: 'h2', headlineLevel: HEADING },
      classRows.length ? longTable(['Class', 'Pupils', ...CONSENT_PURPOSES.map((k) => CONSENT_PURPOSE_SHORT[k])], ['*', 40, 50, 58, 58, 44, 56], classRows) : emptyNote('There are no pupils on roll.'),
    )
  }
  return { content, rows, periodFrom: null, periodTo: null }
}
