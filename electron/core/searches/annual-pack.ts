import type { AnnualRegisterFigures, AnnualSpan, FigureCell } from '../../../shared/domain/annual-review'
import { SEARCH_POWERS, SEARCH_POWER_LABELS, SEARCH_REASONS, SEARCH_REASON_LABELS, TAKEN_REASONS, TAKEN_REASON_LABELS } from '../../../shared/features/searches/contract'
import type { FeatureContext } from '../feature-kit/feature-context'

/**
 * The searches and confiscations of the days counted, from the readable columns only (why, on
 * what footing, where each item went): the pack names no pupil and needs no safeguarding key.
 */
export async function searchesFigures(ctx: FeatureContext, span: AnnualSpan): Promise<AnnualRegisterFigures> {
  const { db } = ctx.store.requireOpen()
  const searches = await db('searches').whereBetween('searched_on', [span.from, span.to]).select('reason', 'power', 'device_examined', 'content_deleted', 'parents_informed_on')
  const items = await db('confiscations').whereBetween('taken_on', [span.from, span.to]).select('reason', 'returned_on', 'police_on', 'exam_board_told_on')
  const count = (n: number): FigureCell => ({ count: n })
  const byReason = SEARCH_REASONS.map((r) => [SEARCH_REASON_LABELS[r], count(searches.filter((s) => s.reason === r).length)]).filter((row) => (row[1] as { count: number }).count > 0)
  const byPower = SEARCH_POWERS.map((p) => [SEARCH_POWER_LABELS[p], count(searches.filter((s) => s.power === p).length)]).filter((row) => (row[1] as { count: number }).count > 0)
  // Where each item is by the day the pack is drawn: a return or hand-over after `to` counts as held then.
  const returned = items.filter((i) => i.returned_on && i.returned_on <= span.to).length
  const police = items.filter((i) => i.police_on && i.police_on <= span.to).length
  const held = items.length - returned - police
  const itemRows: FigureCell[][] = TAKEN_REASONS.map((r) => {
    const these = items.filter((i) => i.reason === r)
    return [TAKEN_REASON_LABELS[r], count(these.length), count(these.filter((i) => i.returned_on && i.returned_on <= span.to).length), count(these.filter((i) => i.police_on && i.police_on <= span.to).length)]
  }).filter((row) => (row[1] as { count: number }).count > 0)
  const exam = items.filter((i) => i.reason === 'exam')
  return {
    kind: 'searches',
    title: 'Searches and confiscated items',
    intro:
      'Searches of pupils and their devices, and the phones and devices taken from them, as the policy on pupils’ personal devices and the DfE’s guidance on searching, screening and confiscation ask the school to record. The figures count records by why and on what footing; they name nobody.',
    tables: [
      { title: 'Searches by reason', headers: ['Why the pupil was searched', 'Searches'], widths: ['*', 80], rows: byReason, empty: 'No search was recorded in the year.' },
      { title: 'Searches by consent or power', headers: ['On what footing', 'Searches'], widths: ['*', 80], rows: byPower, empty: 'No search was recorded in the year.' },
      {
        title: 'Devices looked at and content deleted',
        headers: ['What', 'Searches'],
        widths: ['*', 80],
        rows: searches.length === 0 ? [] : [
          ['A device’s content was looked at', count(searches.filter((s) => s.device_examined).length)],
          ['Content was deleted', count(searches.filter((s) => s.content_deleted).length)],
          ['Parents told', { part: searches.filter((s) => s.parents_informed_on).length, whole: searches.length }],
        ],
        empty: 'No search was recorded in the year.',
      },
      { title: 'Confiscated items by reason', headers: ['Why it was taken', 'Taken', 'Handed back', 'To the police'], widths: ['*', 60, 70, 70], rows: itemRows, empty: 'No item was taken from a pupil in the year.' },
      ...(exam.length ? [{ title: 'Devices found in exams', headers: ['What', 'Devices'], widths: ['*', 80], rows: [['Exam board told', { part: exam.filter((i) => i.exam_board_told_on && i.exam_board_told_on <= span.to).length, whole: exam.length }] as FigureCell[]], empty: '' }] : []),
    ],
    headlines: [
      { label: 'Searches', cell: count(searches.length) },
      { label: 'Items confiscated', cell: count(items.length) },
      { label: 'Items still held at the end of the days counted', cell: count(held) },
    ],
    source: 'the searches and confiscations register: each search by its day, each item by the day it was taken.',
  }
}
