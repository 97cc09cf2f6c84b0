import { INCIDENT_DEVICE_LABELS, type IncidentStatus } from '@shared/domain/incidents'
import { PERSON_KIND_LABELS, yearGroupLabel, type PersonSummary } from '@shared/domain/people'
import { isoDateToUk } from '@shared/dates/uk-format'

export const STATUS_LABELS: Record<IncidentStatus, string> = { open: 'Open', closed: 'Closed' }

export const BACKDATED_EXPLAINED = 'Backdated: recorded on a later day than it happened.'
export const IMPORTED_EXPLAINED = 'Imported: brought in from the school’s earlier log, with the name of whoever recorded it there.'

/** "15/06/2026 at 13:10", or just the day when the time is not known. */
export function whenItHappened(occurredOn: string, occurredTime: string | null): string {
  return occurredTime ? `${isoDateToUk(occurredOn)} at ${occurredTime}` : isoDateToUk(occurredOn)
}

export function onSiteWords(onSite: boolean): string {
  return onSite ? 'On the school site' : 'Off site'
}

export function deviceWords(device: keyof typeof INCIDENT_DEVICE_LABELS): string {
  return INCIDENT_DEVICE_LABELS[device]
}

/** Who someone is in the school, as a picker shows them: "Year 9 · 9R", "Teacher". */
export function personLine(p: Pick<PersonSummary, 'kind' | 'yearGroup' | 'regClass' | 'jobTitle' | 'organisation'>): string {
  if (p.kind === 'pupil') return [p.yearGroup ? yearGroupLabel(p.yearGroup) : 'Pupil', p.regClass].filter(Boolean).join(' · ')
  if (p.kind === 'staff') return p.jobTitle ?? 'Staff'
  return [PERSON_KIND_LABELS[p.kind], p.organisation].filter(Boolean).join(' · ')
}
