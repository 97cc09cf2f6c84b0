import type { Content } from 'pdfmake/interfaces'
import { cameToLightWords, imageViewingWords, INCIDENT_DEVICE_LABELS, INCIDENT_PART_LABELS, STEP_STATE_LABELS, type IncidentDetail, type IncidentVersion } from '../../../../shared/domain/incidents'
import { AppError, conflict } from '../../api/app-error'
import { loadIncident, loadIncidents, matchingIncidentIds } from '../incident-views'
import { displayNameOfRow, type PersonRow } from '../../people/services'
import { SignaturesCheckedMeanwhile } from '../../signing/signing-key'
import type { Anonymiser } from '../../reports/anonymiser'
import { emptyNote, longTable } from '../../reports/builders/table'
import { HEADING } from '../../reports/builders/keep-with-next'
import type { ReportBody } from '../../reports/builders/report-body'
import type { LogFilters, ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import { ukDate, ukDateTime } from '../../../../shared/dates/uk-format'

const MAX_ENTRIES = 5_000
const READ_TOGETHER = 500

const day = (ymd: string) => ukDate(`${ymd}T12:00:00Z`)
const when = (v: IncidentVersion) => `${day(v.entry.occurredOn)}${v.entry.occurredTime ? ` ${v.entry.occurredTime}` : ''}`

/** The signature column: who recorded it, that it was signed, and whether the signature still holds. */
function signedBy(detail: IncidentDetail, names: Anonymiser): string {
  const first = detail.versions[0]!
  const recorder = first.originalRecorder ? `${names.name(first.originalRecorder, 'a member of staff')} (imported; entered by ${names.name(first.recordedByName)})` : names.name(first.recordedByName)
  const lines = [recorder, `Signed electronically ${ukDateTime(first.recordedAt)}`]
  if (detail.versions.length > 1) {
    const last = detail.current
    lines.push(`Amended ${detail.versions.length - 1}× — latest ${ukDateTime(last.recordedAt)} by ${names.name(last.recordedByName)}`)
  }
  const bad = detail.chronology.filter((c) => !c.signatureValid).length
  lines.push(bad ? `SIGNATURE CHECK FAILED on ${bad} record(s)` : 'Signatures checked: valid')
  return lines.join('\n')
}

function peopleOf(v: IncidentVersion): string[] {
  return v.people.map((p) => p.name)
}

/**
 * The details the policies name, under the description in the log's third column: how it came to
 * light, the address, who viewed an image. Only those the entry gives (an older entry gives none).
 */
function detailLines(v: IncidentVersion, text: (s: string) => string): string[] {
  const came = cameToLightWords(v.entry)
  const viewed = imageViewingWords(v.entry)
  return [came ? `Came to light: ${came}` : '', v.entry.url ? `Web address or service: ${text(v.entry.url)}` : '', viewed ? `Image: ${text(viewed)}` : ''].filter(Boolean)
}

/** The log screen's view printed: the entries its filters found, and the filters in words. */
interface LogView {
  ids: number[]
  described: string
}

/** The entries the log screen's filters find, and the filters in words (no name or words in an anonymised copy). */
async function logViewOf(ctx: ReportContext, filters: LogFilters): Promise<LogView> {
  const { db, names } = ctx
  const ids = await matchingIncidentIds(ctx, filters)
  const said: string[] = []
  if (filters.categoryId) {
    const category = (await db('incident_categories').where({ id: filters.categoryId }).first('name')) as { name: string } | undefined
    if (!category) throw new AppError('not-found', 'That category is not in the register. Reload the incident log and try again.', 'logView')
    said.push(`category “${category.name}”`)
  }
  if (filters.status) said.push(filters.status === 'open' ? 'still open' : 'closed')
  if (filters.waitingForDsl) said.push('waiting for the DSL')
  if (filters.personId) {
    const person = (await db('people').where({ id: filters.personId }).first()) as PersonRow | undefined
    if (!person) throw new AppError('not-found', 'That person is not in the register. Reload the incident log and try again.', 'logView')
    said.push(names.enabled ? 'naming one person' : `naming ${displayNameOfRow(person)}`)
  }
  if (filters.text?.trim()) said.push(names.enabled ? 'containing the words searched for' : `containing “${filters.text.trim()}”`)
  return { ids, described: said.join('; ') || 'none' }
}

/**
 * The online safety incident log for a period, in the five columns of Appendix 4 of the policy
 * (date, where, description, action taken, who recorded it and their signature). Each entry as
 * it stands now; amendments are counted and dated, and the full history is in the entry's own report.
 */
export async function incidentLog(ctx: ReportContext, { from, to, logView }: ReportRequest<'incident-log'>): Promise<ReportBody> {
  const { db, store, names, signatures } = ctx
  const role = ctx.session.role
  const view = logView ? await logViewOf(ctx, logView) : undefined
  const inPeriod = db('incidents').whereBetween('occurred_on', [from, to])
  if (view) inPeriod.whereIn('id', view.ids)
  const ids = (await inPeriod.orderBy([{ column: 'occurred_on' }, { column: 'id' }]).pluck('id')) as number[]
  if (ids.length > MAX_ENTRIES) throw conflict(`That period has ${ids.length.toLocaleString('en-GB')} entries — too many for one printed log. Choose a shorter period.`)
  const rows: string[][] = []
  let open = 0
  // Thousands of signatures: checked on the thread pool while the pages are laid out (ReportBody.signaturesHold).
  const meanwhile = signatures === 'meanwhile' ? new SignaturesCheckedMeanwhile() : undefined
  // Read together, a few hundred at a time: a query or two for each batch, not ten for each entry;
  // each batch is turned into rows and let go before the next is read.
  for (let i = 0; i < ids.length; i += READ_TOGETHER) {
    for (const detail of await loadIncidents(db, store, role, ids.slice(i, i + READ_TOGETHER), meanwhile)) {
      const v = detail.current
      const people = peopleOf(v)
      if (v.entry.status === 'open') open++
      const marks = [detail.backdated ? `recorded ${ukDate(detail.versions[0]!.recordedAt)}` : '', detail.imported ? 'imported' : ''].filter(Boolean)
      rows.push([
        `${when(v)}\n${detail.reference}${marks.length ? `\n(${marks.join(', ')})` : ''}`,
        `${names.text(v.entry.place, people)}\n${v.entry.onSite ? 'On site' : 'Off site'}`,
        [v.categoryName, names.text(v.entry.description, people), ...detailLines(v, (s) => names.text(s, people))].join('\n\n'),
        `${names.text(v.entry.actionTaken, people) || '—'}${v.entry.status === 'closed' ? `\n\nClosed: ${names.text(v.entry.outcome, people)}` : '\n\nStill open'}`,
        signedBy(detail, names),
      ])
    }
  }
  return {
    content: [
      {
        text: `${names.count(rows.length)} incident${rows.length === 1 ? '' : 's'} in the period (${names.count(open)} still open), drawn from the register’s signed incident records.`,
        margin: [0, 0, 0, view ? 4 : 8],
      },
      ...(view ? [{ text: `Only the entries the incident log showed with its filters: ${view.described}.`, bold: true, margin: [0, 0, 0, 8] } as Content] : []),
      rows.length
        ? longTable(['Date', 'Where the incident took place', 'Description of the incident', 'Action taken', 'Name and signature of the person recording'], [62, 70, '*', 120, 96], rows)
        : emptyNote('No incidents were recorded in this period.'),
    ],
    rows,
    periodFrom: from,
    periodTo: to,
    ...(meanwhile ? { signaturesHold: () => meanwhile.allHold() } : {}),
  }
}

/** What changed from one version to the next, in words. */
function changes(before: IncidentVersion, after: IncidentVersion): string {
  const a = before.entry
  const b = after.entry
  const changed: string[] = []
  if (a.occurredOn !== b.occurredOn || a.occurredTime !== b.occurredTime) changed.push('date or time')
  if (a.place !== b.place || a.onSite !== b.onSite) changed.push('where')
  if (a.categoryId !== b.categoryId) changed.push(`category (${before.categoryName} → ${after.categoryName})`)
  if (a.device !== b.device) changed.push('device')
  if (a.description !== b.description) changed.push('description')
  if (a.actionTaken !== b.actionTaken) changed.push('action taken')
  if (a.childsWords !== b.childsWords) changed.push('the child’s words')
  if (a.cameToLight !== b.cameToLight) changed.push('how it came to light')
  if (a.url !== b.url) changed.push('web address or service')
  if (a.imageViewed !== b.imageViewed || a.imageViewedWhy !== b.imageViewedWhy) changed.push('whether anyone viewed the image')
  if (JSON.stringify(a.people) !== JSON.stringify(b.people)) changed.push('people involved')
  if (a.status !== b.status) changed.push(b.status === 'closed' ? 'closed' : 'reopened')
  else if (a.outcome !== b.outcome) changed.push('outcome')
  return changed.join(', ') || 'no visible change'
}

const facts = (pairs: [string, string][]): Content => ({ stack: [longTable([], [130, '*'], pairs, { fontSize: 9, noHeader: true, boldFirstColumn: true })], margin: [0, 0, 0, 8] })

/** One incident in full, for a hand-over: the entry, people, checklist, referrals, files, every version and the chronology. */
export async function incidentRecord(ctx: ReportContext, { recordId: incidentId }: ReportRequest<'incident-record'>): Promise<ReportBody> {
  const { db, store, names } = ctx
  const detail = await loadIncident(db, store, ctx.session.role, incidentId)
  const v = detail.current
  const people = [...new Set(detail.versions.flatMap(peopleOf))]
  const text = (s: string | null | undefined) => names.text(s, people) || '—'

  const entryFacts: [string, string][] = [
    ['Reference', detail.reference],
    ['Category', v.categoryName],
    ['Status', v.entry.status === 'open' ? 'Open' : `Closed — ${text(v.entry.outcome)}`],
    ['Date', when(v)],
    ['Recorded', `${ukDateTime(detail.versions[0]!.recordedAt)}${detail.backdated ? ' (recorded on a later day than it happened)' : ''}${detail.imported ? ' (imported from the school’s earlier log)' : ''}`],
    ...(v.beforeRecordsReason ? ([['Before the school’s records began', `Why it was recorded later: ${text(v.beforeRecordsReason)}`]] as [string, string][]) : []),
    ['Where the incident took place', `${text(v.entry.place)} — ${v.entry.onSite ? 'on site' : 'off site'}`],
    ['Device', INCIDENT_DEVICE_LABELS[v.entry.device]],
    ['How it came to light', cameToLightWords(v.entry) ?? 'Not recorded'],
    ...(v.entry.url ? ([['Web address or service', text(v.entry.url)]] as [string, string][]) : []),
    ...(v.entry.imageViewed ? ([['Whether anyone viewed the image', text(imageViewingWords(v.entry))]] as [string, string][]) : []),
    ['Recorded by', signedBy(detail, names)],
  ]
  const peopleRows = v.people.map((p) => [names.person(p.personId, p.name), names.kindOf(p.personId, p.description), INCIDENT_PART_LABELS[p.part]])
  const checklistRows = detail.checklist.map((c) => [
    c.label,
    STEP_STATE_LABELS[c.state],
    c.on ? day(c.on) : '',
    [c.by ? names.name(c.by) : '', c.note ? text(c.note) : ''].filter(Boolean).join('\n'),
    c.recordedByName ? `${names.name(c.recordedByName)}, ${ukDateTime(c.recordedAt!)}` : '',
  ])
  const referralRows = detail.referrals.map((r) => [r.agency, day(r.madeOn), text(r.reference ?? ''), text(r.outcome ?? ''), names.name(r.recordedByName)])
  const fileRows = detail.files.map((f) => [names.enabled ? text(f.fileName) : f.fileName, text(f.description), `${Math.max(1, Math.round(f.size / 1024))} KB`, `${names.name(f.addedByName)}, ${ukDateTime(f.addedAt)}`])
  const versionRows = detail.versions.map((ver, i) => [
    String(ver.version),
    ukDateTime(ver.recordedAt),
    names.name(ver.recordedByName),
    i === 0 ? (ver.originalRecorder ? `Imported (recorded by ${names.name(ver.originalRecorder, 'a member of staff')})` : 'First recorded') : `${text(ver.reason)} — changed: ${changes(detail.versions[i - 1]!, ver)}`,
    `${ver.signature.valid ? 'Valid' : 'NOT VALID'}\n${ver.signature.keyFingerprint}`,
  ])
  const chronologyRows = detail.chronology.map((c) => [ukDateTime(c.at), text(c.summary), names.name(c.byName), c.signatureValid ? 'Valid' : 'NOT VALID'])
  const rows = [entryFacts.map(([k, val]) => `${k}: ${val}`), ...peopleRows, ...checklistRows, ...referralRows, ...fileRows, ...versionRows, ...chronologyRows]
  const fingerprints = [...new Set(detail.versions.map((x) => x.signature.keyFingerprint))].filter(Boolean)

  return {
    content: [
      facts(entryFacts),
      { text: 'People involved', style: 'h2', headlineLevel: HEADING },
      peopleRows.length ? longTable(['Name', 'Who they are', 'Part'], ['*', 150, 130], peopleRows) : emptyNote('No one from the directory is named on this entry.'),
      { text: 'Description of the incident', style: 'h2', headlineLevel: HEADING },
      { text: text(v.entry.description), margin: [0, 0, 0, 6] },
      ...(v.entry.childsWords ? [{ text: 'The child’s own words', style: 'h2', headlineLevel: HEADING } as Content, { text: `“${text(v.entry.childsWords)}”`, italics: true, margin: [0, 0, 0, 6] } as Content] : []),
      { text: 'Action taken', style: 'h2', headlineLevel: HEADING },
      { text: text(v.entry.actionTaken), margin: [0, 0, 0, 6] },
      { text: 'Procedure checklist', style: 'h2', headlineLevel: HEADING },
      longTable(['Step', 'State', 'On', 'By / reason or note', 'Recorded'], ['*', 52, 52, 130, 96], checklistRows),
      { text: 'Referrals', style: 'h2', headlineLevel: HEADING },
      referralRows.length ? longTable(['Agency', 'Made on', 'Their reference', 'Outcome', 'Recorded by'], [100, 52, 70, '*', 80], referralRows) : emptyNote('No referrals recorded.'),
      { text: 'Evidence files (kept encrypted in the register)', style: 'h2', headlineLevel: HEADING },
      fileRows.length ? longTable(['File', 'What it shows', 'Size', 'Added'], [110, '*', 40, 110], fileRows) : emptyNote(detail.category.noFiles ? 'None: no copies of images may be kept for this category.' : 'No files attached.'),
      { text: 'Versions of the entry', style: 'h2', headlineLevel: HEADING },
      longTable(['Version', 'Recorded', 'By', 'Why', 'Signature'], [38, 62, 80, '*', 90], versionRows),
      { text: 'Chronology', style: 'h2', headlineLevel: HEADING },
      longTable(['When', 'What', 'By', 'Signature'], [62, '*', 90, 52], chronologyRows),
      {
        text: `Every record above was signed with the Ed25519 key of the person who made it (key fingerprints: ${fingerprints.join('; ') || 'none'}) and checked when this report was made.`,
        fontSize: 8,
        margin: [0, 8, 0, 0],
      },
    ],
    rows,
    periodFrom: null,
    periodTo: null,
    subject: detail.reference,
  }
}
