import { incidentEntry } from '@shared/features/incidents/contract'
import { contractRule } from '@/lib/contract-rules'
import { EARLIEST_INCIDENT_DAY, moreThanAYearAgo, type CameToLight, type ImageViewing, type IncidentDevice, type IncidentEntry, type IncidentPart, type IncidentStatus, type IncidentVersion } from '@shared/domain/incidents'

/** Someone on the form: the id the core needs, and the name and line the form shows. */
export interface FormPerson {
  personId: number
  part: IncidentPart
  name: string
  description: string
}

/** What the incident form edits: text fields stay strings ('' for empty) until saving. */
export interface EntryForm {
  occurredOn: string
  occurredTime: string
  place: string
  onSite: boolean
  device: IncidentDevice | null
  categoryId: number | null
  description: string
  actionTaken: string
  childsWords: string
  people: FormPerson[]
  status: IncidentStatus
  outcome: string
  cameToLight: CameToLight | null
  url: string
  imageViewed: ImageViewing | null
  imageViewedWhy: string
}

/** Which of the questions only some categories ask the form shows (the rest are not sent). */
export interface AskedDetails {
  url: boolean
  imageViewing: boolean
}

export function emptyForm(today: string): EntryForm {
  return {
    occurredOn: today,
    occurredTime: '',
    place: '',
    onSite: true,
    device: null,
    categoryId: null,
    description: '',
    actionTaken: '',
    childsWords: '',
    people: [],
    status: 'open',
    outcome: '',
    cameToLight: null,
    url: '',
    imageViewed: null,
    imageViewedWhy: '',
  }
}

/** The form prefilled from the current version, for an amendment. */
export function formFromVersion(v: IncidentVersion): EntryForm {
  const e = v.entry
  return {
    occurredOn: e.occurredOn,
    occurredTime: e.occurredTime ?? '',
    place: e.place,
    onSite: e.onSite,
    device: e.device,
    categoryId: e.categoryId,
    description: e.description,
    actionTaken: e.actionTaken,
    childsWords: e.childsWords ?? '',
    people: v.people.map((p) => ({ personId: p.personId, part: p.part, name: p.name, description: p.description })),
    status: e.status,
    outcome: e.outcome ?? '',
    cameToLight: e.cameToLight ?? null,
    url: e.url ?? '',
    imageViewed: e.imageViewed ?? null,
    imageViewedWhy: e.imageViewedWhy ?? '',
  }
}

const deviceRule = contractRule(incidentEntry.shape.device)

/** What the contract refuses in an entry, by field: the core's own messages. */
export function entryProblems(entry: IncidentEntry): Record<string, string> {
  const problems: Record<string, string> = {}
  const checked = incidentEntry.safeParse(entry)
  for (const issue of checked.error?.issues ?? []) problems[issue.path.map(String).join('.')] ??= issue.message
  return problems
}

/**
 * Problems the form can see before asking the core (the core checks everything again and its
 * messages go under the same fields). Keys are the core's field names.
 */
export function formProblems(f: EntryForm, asked?: AskedDetails): Record<string, string> {
  const problems: Record<string, string> = {}
  // The form's own words where the contract's would not help: its date box is dd/mm/yyyy (the
  // contract speaks of YYYY-MM-DD), the earliest day is the register's rule (the core insists on it
  // too), and an unchosen category is just a missing id to the contract.
  if (!f.occurredOn) problems['occurredOn'] = 'Give the date it happened (dd/mm/yyyy).'
  else if (f.occurredOn < EARLIEST_INCIDENT_DAY) problems['occurredOn'] = 'That date is before 1990, earlier than any record this register holds. Check the year.'
  if (f.categoryId === null) problems['categoryId'] = 'Choose the kind of incident.'
  // entryFromForm stands in "unknown" for a device not chosen; the form asks for one.
  const device = deviceRule(f.device)
  if (device !== true) problems['device'] = device
  for (const [field, message] of Object.entries(entryProblems(entryFromForm(f, asked)))) problems[field] ??= message
  return problems
}

/** Whether the day is more than a year before today: the form asks, and the core insists. */
export const longAgo = moreThanAYearAgo

/** The entry as the core takes it. Call after `formProblems` found nothing. */
export function entryFromForm(f: EntryForm, asked: AskedDetails = { url: true, imageViewing: true }): IncidentEntry {
  const text = (s: string) => s.trim()
  const optional = (s: string) => (s.trim() ? s.trim() : null)
  // Left out when not given, as in an entry recorded before they were asked (so it says the same).
  const given = (s: string) => (s.trim() ? s.trim() : undefined)
  return {
    occurredOn: f.occurredOn,
    occurredTime: optional(f.occurredTime),
    place: text(f.place),
    onSite: f.onSite,
    device: f.device ?? 'unknown',
    categoryId: f.categoryId ?? 0,
    description: text(f.description),
    actionTaken: text(f.actionTaken),
    childsWords: optional(f.childsWords),
    people: f.people.map((p) => ({ personId: p.personId, part: p.part })),
    status: f.status,
    // An outcome belongs to a closed incident only.
    outcome: f.status === 'closed' ? optional(f.outcome) : null,
    cameToLight: f.cameToLight ?? undefined,
    url: asked.url ? given(f.url) : undefined,
    imageViewed: asked.imageViewing ? (f.imageViewed ?? undefined) : undefined,
    imageViewedWhy: asked.imageViewing ? given(f.imageViewedWhy) : undefined,
  }
}

/** What the form asks for this category: its questions, and any the entry already answered. */
export function askedDetails(asks: readonly string[], current: IncidentEntry | null): AskedDetails {
  return {
    url: asks.includes('url') || !!current?.url,
    imageViewing: asks.includes('image-viewing') || !!current?.imageViewed,
  }
}

/** The current entry, closed with its outcome: what the Close dialog saves as a new version. */
export function closedEntry(v: IncidentVersion, outcome: string): IncidentEntry {
  return { ...entryFromForm(formFromVersion(v)), status: 'closed', outcome: outcome.trim() }
}

/** The current entry opened again (a closed incident that needs more work). */
export function reopenedEntry(v: IncidentVersion): IncidentEntry {
  return { ...entryFromForm(formFromVersion(v)), status: 'open', outcome: null }
}

/** Whether the form says the same as the version it started from (the core refuses such an "amendment"). */
export function sameAsVersion(f: EntryForm, v: IncidentVersion, asked?: AskedDetails): boolean {
  const norm = (e: IncidentEntry) => JSON.stringify({ ...e, people: [...e.people].sort((a, b) => a.personId - b.personId || a.part.localeCompare(b.part)) })
  return norm(entryFromForm(f, asked)) === norm(entryFromForm(formFromVersion(v)))
}

/** The form fields a core message can go under. */
export const ENTRY_FIELDS = ['occurredOn', 'occurredTime', 'place', 'onSite', 'device', 'categoryId', 'description', 'actionTaken', 'childsWords', 'people', 'status', 'outcome', 'reason', 'cameToLight', 'url', 'imageViewed', 'imageViewedWhy'] as const

/**
 * The form field a core message names: the contract's checks say `entry.place`, the core's own
 * checks `place`, and a problem with one person `people.2`: all go under the field the form shows.
 */
export function entryField(field: string | undefined): string | null {
  if (!field) return null
  if (field === 'beforeRecordsReason') return field
  const name = field.replace(/^entry\./, '').split('.')[0]!
  return (ENTRY_FIELDS as readonly string[]).includes(name) ? name : null
}
