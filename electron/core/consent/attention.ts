import type { AttentionItem } from '../../../shared/domain/annual-review'
import type { Role } from '../../../shared/domain/roles'
import { plural } from '../../../shared/domain/plural'
import { CONSENT_PURPOSES } from '../../../shared/features/consent/consent'
import { CONSENT_READERS } from '../../../shared/features/consent/contract'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import { schoolYearOf } from '../../../shared/dates/school-year'
import type { FeatureContext } from '../feature-kit/feature-context'
import { formInUse, latestAnswers, standingsOf, todayOf } from './standings'

/** The roles that read the consent records. Reception only asks yes or no, and has nothing to chase. */
export const seesConsent = (role: Role): boolean => (CONSENT_READERS as readonly Role[]).includes(role)

/** Answers lapse at the end of the school year they were given in. */
export const lapsesOn = (today: string): string => `${schoolYearOf(today) + 1}-08-31`

/** The forms go home at the start of the school year and are due back by the end of September. */
export const formsDueBackBy = (startYear: number): string => `${startYear}-09-30`

/**
 * What the consent readers must chase: pupils on roll with no current answer for a use (never
 * answered, or their answer lapsed with the school year); pupils who answered this school year on
 * an earlier wording of the form, when a new one came into force; and from July, the consent that
 * lapses at the end of August, so the new forms go home before the new year.
 */
export async function consentAttention(ctx: FeatureContext, role: Role): Promise<AttentionItem[]> {
  if (!seesConsent(role)) return []
  const { db } = ctx.store.requireOpen()
  const today = todayOf(ctx)
  const year = schoolYearOf(today)
  const rows = await standingsOf(db, today)
  const form = await formInUse(db, today)
  const items: AttentionItem[] = []

  // A lapsed answer given this school year can only have lapsed through a new wording of the form.
  const latest = await latestAnswers(db, 'on-roll')
  const askedOnOldWording = new Set<number>()
  const missing = new Set<number>()
  for (const { pupil, states } of rows) {
    for (const purpose of CONSENT_PURPOSES) {
      const state = states[purpose]
      if (state === 'lapsed' && schoolYearOf(latest.get(pupil.id)?.get(purpose)?.given_on ?? '1900-01-01') === year) askedOnOldWording.add(pupil.id)
      else if (state === 'none' || state === 'lapsed') missing.add(pupil.id)
    }
  }
  for (const id of askedOnOldWording) missing.delete(id)

  if (askedOnOldWording.size > 0 && form) {
    items.push({
      kind: 'consent',
      status: 'due',
      title: 'Photo consent: new form wording',
      detail: `The form “${form.version}” is in force from ${isoDateToUk(form.in_force_from)}: ${plural(askedOnOldWording.size, 'pupil')} answered on an earlier wording and must be asked again before they appear.`,
      dueBy: null,
      to: '/consent',
    })
  }
  if (missing.size > 0) {
    // Not "overdue" after September: a pupil who joins in the spring has no form yet, and is not late.
    const dueBy = formsDueBackBy(year)
    const inSeason = today <= dueBy
    items.push({
      kind: 'consent',
      status: 'due',
      title: 'Photo consent: forms not back',
      detail: `${plural(missing.size, 'pupil')} on roll ${missing.size === 1 ? 'has' : 'have'} no answer for this school year for one use or more, so must not appear in photographs or recordings for it${inSeason ? ` (forms due back by ${isoDateToUk(dueBy)})` : ''}.`,
      dueBy: inSeason ? dueBy : null,
      to: '/consent',
    })
  }
  // July and August: the summer before the answers lapse.
  if (today.slice(5, 7) === '07' || today.slice(5, 7) === '08') {
    const lapsing = rows.filter((r) => CONSENT_PURPOSES.some((k) => r.states[k] === 'given' || r.states[k] === 'refused')).length
    if (lapsing > 0) {
      const end = lapsesOn(today)
      items.push({
        kind: 'consent',
        status: 'due',
        title: 'Photo consent: renewal due',
        detail: `The answers of ${plural(lapsing, 'pupil')} lapse after ${isoDateToUk(end)}: send the new school year’s forms home.`,
        dueBy: end,
        to: '/consent',
      })
    }
  }
  return items
}
