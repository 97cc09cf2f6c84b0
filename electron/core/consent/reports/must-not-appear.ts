import type { Content } from 'pdfmake/interfaces'
import { CONSENT_PURPOSE_SHORT, CONSENT_PURPOSES, mayPublishOf, pupilClassLabel, type ConsentState } from '../../../../shared/features/consent/consent'
import { ukLongDay } from '../../../../shared/dates/uk-format'
import type { ReportBuilder } from '../../reports/builders/report-builder'
import type { ReportBody } from '../../reports/builders/report-body'
import { emptyNote, longTable } from '../../reports/builders/table'
import { HEADING } from '../../reports/builders/keep-with-next'
import { consentClasses } from '../queries'
import { displayNameOfRow } from '../../people/services'
import { formInUse, standingsOf, todayOf } from '../standings'

const CELL: Record<ConsentState, string> = { given: 'Yes', refused: 'NO', withdrawn: 'NO (withdrawn)', lapsed: 'Not known', none: 'Not known' }

/**
 * For the member of staff taking photographs: class by class (or the one class asked for), the
 * pupils who must not appear for one use or more, and for which. A pupil not listed may appear
 * for every use; "Not known" (no answer, or one that has lapsed) means they must not.
 */
export const mustNotAppearReport: ReportBuilder<'consent-must-not-appear'> = async (ctx, request): Promise<ReportBody> => {
  const today = todayOf(ctx)
  const form = await formInUse(ctx.db, today)
  const wanted = request.group?.kind === 'class' ? request.group : null
  const classes = (await consentClasses(ctx)).filter((c) => !wanted || (c.yearGroup === wanted.yearGroup && c.regClass === wanted.regClass))
  const rows: string[][] = []
  const content: Content[] = [
    {
      text: `As the register stood on ${ukLongDay(today)}${form ? `, with the consent form “${form.version}” in use` : ''}. Only a Yes means the pupil may appear; “Not known” means no answer for this school year, so they must not. Pupils not listed may appear for every use.`,
      margin: [0, 0, 0, 8],
    },
  ]
  if (classes.length === 0) content.push(emptyNote(wanted ? 'No pupil on roll is in that class.' : 'There are no pupils on roll.'))
  for (const c of classes) {
    const standings = await standingsOf(ctx.db, today, { yearGroup: c.yearGroup, ...(c.regClass ? { regClass: c.regClass } : {}) })
    const regClassRows = c.regClass === null ? standings.filter((s) => s.pupil.reg_class === null) : standings
    const listed = regClassRows.filter((s) => CONSENT_PURPOSES.some((k) => mayPublishOf(s.states[k]) !== 'yes'))
    const table = listed.map((s) => [ctx.names.name(displayNameOfRow(s.pupil)), ...CONSENT_PURPOSES.map((k) => CELL[s.states[k]])])
    rows.push([pupilClassLabel(c.yearGroup, c.regClass)], ...table)
    content.push(
      { text: `${ctx.names.enabled ? pupilClassLabel(c.yearGroup, null) : c.label}: ${listed.length} of ${regClassRows.length} pupils must not appear for one use or more`, style: 'h2', headlineLevel: HEADING },
      table.length ? longTable(['Pupil', ...CONSENT_PURPOSES.map((k) => CONSENT_PURPOSE_SHORT[k])], ['*', 56, 62, 62, 56, 62], table) : emptyNote('Every pupil of this class may appear for every use.'),
    )
  }
  return { content, rows, periodFrom: null, periodTo: null }
}
