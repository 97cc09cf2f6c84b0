import { isoDateToUk } from '@shared/dates/uk-format'
import { schoolYearLabel } from '@shared/dates/school-year'
import { ACTION_SOURCE_LABELS, type OversightAction } from '@shared/features/governor-oversight/contract'

/** A day as the office writes it: 14/10/2026. */
export const day = (iso: string | null | undefined): string => (iso ? isoDateToUk(iso) : '')

/** Where an action came from, in a few words: "Meeting of 08/10/2026", "Annual review 2025–26". */
export function sourceOf(a: OversightAction): string {
  if (a.source === 'meeting' && a.meetingOn) return `Meeting of ${day(a.meetingOn)}`
  if (a.source === 'annual-pack' && a.packYear) return `Annual review ${schoolYearLabel(a.packYear)}`
  return ACTION_SOURCE_LABELS[a.source]
}
