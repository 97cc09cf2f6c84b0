import { cameToLightWords, imageViewingWords, INCIDENT_PART_LABELS, type IncidentVersion } from '@shared/domain/incidents'
import { deviceWords, onSiteWords, STATUS_LABELS } from './incident-words'
import { isoDateToUk } from '@shared/dates/uk-format'

export interface FieldChange {
  field: string
  label: string
  before: string
  after: string
}

/** Each field of a version as words, in the order the entry shows them (Appendix 4 first). */
function fieldsOf(v: IncidentVersion): { field: string; label: string; value: string }[] {
  const e = v.entry
  const people = [...v.people]
    .map((p) => `${p.name} (${INCIDENT_PART_LABELS[p.part].toLowerCase()})`)
    .sort((a, b) => a.localeCompare(b, 'en-GB'))
    .join('; ')
  return [
    { field: 'occurredOn', label: 'Date', value: isoDateToUk(e.occurredOn) },
    { field: 'occurredTime', label: 'Time', value: e.occurredTime ?? 'Not known' },
    { field: 'place', label: 'Where it took place', value: e.place },
    { field: 'description', label: 'Description', value: e.description },
    { field: 'actionTaken', label: 'Action taken', value: e.actionTaken || 'None recorded' },
    { field: 'categoryId', label: 'Category', value: v.categoryName },
    { field: 'people', label: 'People involved', value: people || 'Nobody named' },
    { field: 'childsWords', label: 'The child’s own words', value: e.childsWords ?? 'None recorded' },
    { field: 'cameToLight', label: 'How it came to light', value: cameToLightWords(e) ?? 'Not recorded' },
    { field: 'url', label: 'Web address or service', value: e.url ?? 'None recorded' },
    { field: 'imageViewed', label: 'Whether anyone viewed the image', value: imageViewingWords(e) ?? 'Not recorded' },
    { field: 'onSite', label: 'On or off site', value: onSiteWords(e.onSite) },
    { field: 'device', label: 'Device', value: deviceWords(e.device) },
    { field: 'status', label: 'Status', value: STATUS_LABELS[e.status] },
    { field: 'outcome', label: 'Outcome', value: e.outcome ?? '—' },
  ]
}

/** What changed from one version to the next, field by field, in words. */
export function changesBetween(before: IncidentVersion, after: IncidentVersion): FieldChange[] {
  const old = new Map(fieldsOf(before).map((f) => [f.field, f.value]))
  return fieldsOf(after)
    .filter((f) => old.get(f.field) !== f.value)
    .map((f) => ({ field: f.field, label: f.label, before: old.get(f.field) ?? '', after: f.value }))
}

/** The changes each version made to the one before it (none for the first), keyed by version number. */
export function changesByVersion(versions: readonly IncidentVersion[]): Map<number, FieldChange[]> {
  const out = new Map<number, FieldChange[]>()
  versions.forEach((v, i) => out.set(v.version, i === 0 ? [] : changesBetween(versions[i - 1]!, v)))
  return out
}
