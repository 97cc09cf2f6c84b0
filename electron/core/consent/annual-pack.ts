import type { AnnualRegisterFigures, AnnualSpan, FigureCell } from '../../../shared/domain/annual-review'
import { CONSENT_PURPOSE_LABELS, CONSENT_PURPOSES } from '../../../shared/features/consent/consent'
import type { AnnualPackPart } from '../feature-kit/feature'
import { standingsOnDay } from './on-roll'

/**
 * Consent coverage on the last day counted (31 August, or the day drawn while the year runs): the
 * pupils on roll that day, and per use how many had consent that held, had refused or withdrawn
 * it, or had no current answer (none at all, or one that had lapsed). A share of the roll rather
 * than answers counted over the year: what matters to governors is who could be photographed.
 */
export const consentAnnualPack: AnnualPackPart = {
  async figures(ctx, span: AnnualSpan): Promise<AnnualRegisterFigures> {
    const rows = await standingsOnDay(ctx.store.requireOpen().db, span.to, span.drawnOn)
    const whole = rows.length
    const table: FigureCell[][] = CONSENT_PURPOSES.map((purpose) => {
      const count = (test: (s: string) => boolean) => rows.filter((r) => test(r.states[purpose])).length
      const given = count((s) => s === 'given')
      return [CONSENT_PURPOSE_LABELS[purpose], { part: given, whole }, { count: count((s) => s === 'refused' || s === 'withdrawn') }, { count: count((s) => s === 'none' || s === 'lapsed') }]
    })
    const missingAny = rows.filter((r) => CONSENT_PURPOSES.some((k) => r.states[k] === 'none' || r.states[k] === 'lapsed')).length
    return {
      kind: 'consent',
      title: 'Photo, video and publishing consent',
      intro: 'Written consent from a parent or carer (or an older pupil, for themselves) before an image of a pupil is published or a lesson recorded, use by use, for the pupils on roll on the last day counted. An answer holds for the school year it was given in and until the form’s wording changes; a pupil with no current answer must not appear.',
      tables: [{ title: 'Pupils on roll, per use', headers: ['Use', 'Consent given', 'Refused or withdrawn', 'No current answer'], widths: ['*', 110, 90, 90], rows: whole ? table : [], empty: 'There were no pupils on roll.' }],
      headlines: [
        { label: 'Pupils with consent for the school website', cell: { part: rows.filter((r) => r.states.website === 'given').length, whole } },
        { label: 'Pupils with no current answer for one use or more', cell: { count: missingAny } },
      ],
      source: 'the consent register: the latest answer given by that day for each pupil and use.',
    }
  },
}
