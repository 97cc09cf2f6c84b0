import type { Knex } from 'knex'
import {
  PROCEDURE_STEPS,
  STEP_STATE_LABELS,
  type ChecklistStep,
  type ChronologyItem,
  type IncidentDetail,
  type IncidentPage,
  type IncidentStatus,
  type IncidentSummary,
  type IncidentVersion,
  type PersonChronology,
  type Referral,
} from '../../../shared/domain/incidents'
import { describeType, isOpenableType } from '../../../shared/domain/evidence-files'
import { notFound } from '../api/app-error'
import { safeFileName } from '../../../shared/domain/file-names'
import { visibleName } from '../files/safe-name'
import type { Db } from '../db/database'
import type { Role } from '../../../shared/domain/roles'
import type { FeatureContext } from '../feature-kit/feature-context'
import { displayNameOfRow } from '../people/services'
import { keyFingerprint, recordProblem, signingKeys } from './incident-chain'
import { mayUseCategory, toCategory } from './incident-access'
import { checklistSteps, foldRecords, incidentRecords, openRecords, stepState, type EvidenceBody, type IncidentState, type InvolvedPeople, type ReferralBody, type StepBody, type VersionBody } from './incident-state'
import { dataKeyFrom, indexKeyFrom, openField, unreadable } from './incident-keys'
import { openedColumn } from './opened-words'
import { FieldUnreadableError } from '../vault/field-cipher'
import { checkSignatures, type SignaturesCheckedMeanwhile } from '../signing/signing-key'
import type { RegisterStore } from '../store/register-store'
import type { SortOf } from '../../../shared/api/contract-kit'
import type { INCIDENT_SORT_KEYS } from '../../../shared/features/incidents/contract'
import type { IncidentRecordRow, IncidentRow } from './tables'
import type { ChainedSigningKey } from './incident-chain'
import type { PersonRow } from '../people/services'

export interface IncidentQuery {
  from?: string | undefined
  to?: string | undefined
  categoryId?: number | undefined
  status?: IncidentStatus | undefined
  personId?: number | undefined
  text?: string | undefined
  waitingForDsl?: boolean | undefined
  sort?: SortOf<(typeof INCIDENT_SORT_KEYS)[number]> | undefined
  offset: number
  limit: number
}

/** A row of the log: the entry's plain columns and its category's name (a join). */
type LogRow = Pick<
  IncidentRow,
  'id' | 'reference' | 'occurred_on' | 'occurred_time' | 'recorded_at' | 'backdated' | 'imported' | 'place' | 'category_id' | 'status' | 'description_start' | 'version' | 'steps_pending' | 'waiting_for_dsl' | 'recorded_by_name'
> & { category_name: string }

/** The log's filters as a query on its plain columns; the ICT manager's view holds only their categories. */
function filteredLog(db: Knex | Knex.Transaction, role: Role, q: Omit<IncidentQuery, 'offset' | 'limit'>) {
  const query = db('incidents as i').join('incident_categories as c', 'c.id', 'i.category_id')
  if (role === 'ict') query.where('c.ict', 1)
  if (q.from) query.where('i.occurred_on', '>=', q.from)
  if (q.to) query.where('i.occurred_on', '<=', q.to)
  if (q.categoryId) query.where('i.category_id', q.categoryId)
  if (q.status) query.where('i.status', q.status)
  if (q.waitingForDsl) query.where('i.waiting_for_dsl', 1)
  return query
}

// The chosen column, then the log's own order (newest first) so equal values keep a steady order.
function orderOf(q: Pick<IncidentQuery, 'sort'>) {
  return [
    ...(q.sort ? [{ column: SORT_COLUMNS[q.sort.key], order: q.sort.order }] : []),
    { column: 'i.occurred_on', order: 'desc' as const },
    { column: 'i.occurred_time', order: 'desc' as const },
    { column: 'i.id', order: 'desc' as const },
  ]
}

/**
 * Every entry the filters find, in the log's order. The words and who was involved are encrypted:
 * the entries the other filters leave are opened in memory (once per session) and matched there.
 */
export async function matchingIncidentIds(ctx: FeatureContext, q: Omit<IncidentQuery, 'offset' | 'limit'>): Promise<number[]> {
  const { db, session } = ctx.store.requireOpen()
  const candidates = (await filteredLog(db, session.role, q).select('i.id').orderBy(orderOf(q))) as { id: number }[]
  const ids = candidates.map((r) => r.id)
  const wordsWanted = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  if (!wordsWanted.length && !q.personId) return ids
  const texts = wordsWanted.length ? await openedColumn(db, ctx.store, ids, 'search_text') : null
  const people = q.personId ? await openedColumn(db, ctx.store, ids, 'people') : null
  return ids.filter((id) => (!texts || wordsWanted.every((w) => texts.get(id)!.includes(w))) && (!people || people.get(id)!.some((p) => p.personId === q.personId)))
}

/** A page of the log: newest first unless sorted, filtered. */
export async function listIncidents(ctx: FeatureContext, q: IncidentQuery): Promise<IncidentPage> {
  const { db, session } = ctx.store.requireOpen()
  let total: number
  let rows: StoredIncidentRow[]
  if ((q.text ?? '').trim() || q.personId) {
    const matching = await matchingIncidentIds(ctx, q)
    total = matching.length
    const page = matching.slice(q.offset, q.offset + q.limit)
    rows = (await filteredLog(db, session.role, q).whereIn('i.id', page).select(LIST_COLUMNS).orderBy(orderOf(q))) as StoredIncidentRow[]
  } else {
    const [{ n }] = (await filteredLog(db, session.role, q).count({ n: '*' })) as [{ n: number }]
    total = Number(n)
    rows = (await filteredLog(db, session.role, q).select(LIST_COLUMNS).orderBy(orderOf(q)).offset(q.offset).limit(q.limit)) as StoredIncidentRow[]
  }
  const shown = rows.map((r) => openRow(ctx, r))
  const names = await peopleNames(db, shown)
  // The log's rows show the start of each entry: looking at them is a read, and audited.
  await ctx.store.audit({ action: 'incident.list', detail: `${rows.length} of ${total} entries shown` })
  return { rows: shown.map((r) => toSummary(r, names.get(r.id) ?? [])), total }
}

const SORT_COLUMNS = {
  occurredOn: 'i.occurred_on',
  reference: 'i.reference',
  category: 'c.name',
  status: 'i.status',
  stepsPending: 'i.steps_pending',
} as const satisfies Record<(typeof INCIDENT_SORT_KEYS)[number], string>

const LIST_COLUMNS = [
  'i.id', 'i.reference', 'i.data_key', 'i.occurred_on', 'i.occurred_time', 'i.recorded_at', 'i.backdated', 'i.imported', 'i.place', 'i.category_id', 'c.name as category_name',
  'i.status', 'i.description_start', 'i.version', 'i.steps_pending', 'i.waiting_for_dsl', 'i.recorded_by_name', 'i.people',
]

/** A row of the log as stored: its words and people encrypted with its data key. */
type StoredIncidentRow = LogRow & Pick<IncidentRow, 'data_key'> & { people: string }

/** Runs `use` with the entry's data key; a stored value that does not open was changed outside the app. */
function opened<T>(ctx: FeatureContext, row: { id: number; reference: string; data_key: string | null }, use: (key: Buffer) => T): T {
  const key = dataKeyFrom(ctx.store, row)
  try {
    return use(key)
  } catch (err) {
    if (err instanceof FieldUnreadableError) throw unreadable(row.reference)
    throw err
  }
}

function openRow(ctx: FeatureContext, r: StoredIncidentRow): LogRow & { involved: InvolvedPeople } {
  return opened(ctx, r, (key) => ({
    ...r,
    place: openField(key, 'incidents', r.id, 'place', r.place),
    description_start: openField(key, 'incidents', r.id, 'description_start', r.description_start),
    involved: JSON.parse(openField(indexKeyFrom(ctx.store, r), 'incidents', r.id, 'people', r.people)) as InvolvedPeople,
  }))
}

async function peopleNames(db: Db, rows: { id: number; involved: InvolvedPeople }[]): Promise<Map<number, string[]>> {
  const byIncident = new Map<number, string[]>()
  const ids = [...new Set(rows.flatMap((r) => r.involved.map((p) => p.personId)))]
  if (!ids.length) return byIncident
  const people = (await db('people').whereIn('id', ids).select('id', 'forename', 'surname', 'preferred_forename', 'preferred_surname')) as (PersonRow & { id: number })[]
  const nameOf = new Map(people.map((p) => [p.id, displayNameOfRow(p)]))
  for (const r of rows) {
    const list: string[] = []
    for (const p of r.involved) {
      const name = nameOf.get(p.personId)
      if (name && !list.includes(name)) list.push(name)
    }
    byIncident.set(r.id, list)
  }
  return byIncident
}

function toSummary(r: LogRow, peopleNames: string[]): IncidentSummary {
  return {
    id: r.id,
    reference: r.reference,
    occurredOn: r.occurred_on,
    occurredTime: r.occurred_time,
    recordedAt: r.recorded_at,
    backdated: !!r.backdated,
    imported: !!r.imported,
    place: r.place,
    categoryId: r.category_id,
    categoryName: r.category_name,
    status: r.status,
    descriptionStart: r.description_start,
    version: r.version,
    stepsPending: r.steps_pending,
    waitingForDsl: !!r.waiting_for_dsl,
    peopleNames,
    recordedByName: r.recorded_by_name,
  }
}

/** How many open entries still wait for the DSL: a number only, so it can show on any dashboard. */
export async function waitingForDsl(ctx: FeatureContext): Promise<{ count: number }> {
  const { db } = ctx.store.requireOpen()
  const [{ n }] = (await db('incidents').where({ waiting_for_dsl: 1 }).count({ n: '*' })) as [{ n: number }]
  return { count: Number(n) }
}

type RecordCheck = (row: IncidentRecordRow) => { valid: boolean; signedBy: string; keyFingerprint: string }

/**
 * Checks records against the chain (each its own link and signature); `records` are those that
 * will be checked. With `signatureCheckedElsewhere`, everything but the Ed25519 signature itself.
 */
async function signatureChecker(db: Db | Knex.Transaction, records: IncidentRecordRow[], keys?: Map<number, ChainedSigningKey>, signatureCheckedElsewhere = false): Promise<RecordCheck> {
  const signing = keys ?? (await signingKeys(db))
  const previous = new Map<number, string>()
  // A record's link is the hash of the record before it in the whole log: most are among `records` when many entries are read at once.
  const held = new Map(records.map((r) => [r.id, r.hash]))
  const missing: number[] = []
  for (const r of records) {
    const before = held.get(r.id - 1)
    if (before !== undefined) previous.set(r.id, before)
    else if (r.id > 1) missing.push(r.id - 1)
  }
  for (let i = 0; i < missing.length; i += CHUNK) {
    const rows = await db('incident_records').whereIn('id', missing.slice(i, i + CHUNK)).select('id', 'hash')
    for (const r of rows) previous.set(r.id + 1, r.hash)
  }
  // A record shows in both the versions and the chronology: its Ed25519 signature is checked once.
  const checked = new Map<number, { valid: boolean; signedBy: string; keyFingerprint: string }>()
  const fingerprints = new Map<number, string>()
  return (row) => {
    const known = checked.get(row.id)
    if (known) return known
    const key: ChainedSigningKey | undefined = signing.get(row.key_id)
    let fingerprint = fingerprints.get(row.key_id)
    if (fingerprint === undefined) fingerprints.set(row.key_id, (fingerprint = key ? keyFingerprint(key.public_key) : ''))
    const result = {
      valid: recordProblem(row, row.id === 1 ? '' : (previous.get(row.id) ?? '?'), signing, { signatureCheckedElsewhere }) === null,
      signedBy: row.signer_name,
      keyFingerprint: fingerprint,
    }
    checked.set(row.id, result)
    return result
  }
}

/** Ids per query: well under SQLite's limit on bound values. */
const CHUNK = 500

/** One entry with every version, its checklist, referrals, files and chronology. Every read is audited. */
export async function getIncident(ctx: FeatureContext, id: number): Promise<IncidentDetail> {
  const { db, session } = ctx.store.requireOpen()
  const detail = await loadIncident(db, ctx.store, session.role, id)
  await ctx.store.audit({ action: 'incident.read', target: `incident:${id}` })
  return detail
}

/** An entry as `getIncident` shows it, without the audit entry (the caller audits: a report is audited as issued). */
export async function loadIncident(db: Db, store: RegisterStore, role: Role, id: number): Promise<IncidentDetail> {
  return (await loadIncidents(db, store, role, [id]))[0]!
}

/**
 * Entries as `loadIncident` shows each, read together: a few queries for all of them rather than
 * ten for each (the printed log reads thousands). Refused whole if one is not the user's to see.
 * With `signaturesMeanwhile`, the records' signatures are handed to it to check while the caller
 * goes on, and each record is shown as valid if all else about it holds: the caller must not use
 * what it read until `allHold()` says the signatures held too.
 */
export async function loadIncidents(db: Db, store: RegisterStore, role: Role, ids: readonly number[], signaturesMeanwhile?: SignaturesCheckedMeanwhile): Promise<IncidentDetail[]> {
  if (!ids.length) return []
  const incidents = new Map<number, { id: number; reference: string; imported: number; backdated: number; category_id: number; ict: number; data_key: string | null }>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = (await db('incidents as i')
      .join('incident_categories as c', 'c.id', 'i.category_id')
      .whereIn('i.id', ids.slice(i, i + CHUNK))
      .select('i.id', 'i.reference', 'i.imported', 'i.backdated', 'i.category_id', 'c.ict', 'i.data_key')) as (typeof incidents extends Map<number, infer R> ? R : never)[]
    for (const r of rows) incidents.set(r.id, r)
  }
  for (const id of ids) {
    const row = incidents.get(id)
    if (!row || !mayUseCategory(role, row)) throw notFound('That incident is not in the log (or not one you can see). Check the reference and try again.')
  }
  const stored: IncidentRecordRow[] = []
  const files: { id: number; incident_id: number; record_id: number }[] = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK)
    stored.push(...(await db('incident_records').whereIn('incident_id', part).orderBy('id')))
    files.push(...((await db('incident_files').whereIn('incident_id', part).select('id', 'incident_id', 'record_id')) as typeof files))
  }
  const recordsOf = new Map<number, IncidentRecordRow[]>()
  for (const r of stored) {
    const list = recordsOf.get(r.incident_id)
    if (list) list.push(r)
    else recordsOf.set(r.incident_id, [r])
  }
  const opened = new Map<number, IncidentRecordRow[]>()
  for (const id of ids) {
    const row = incidents.get(id)!
    opened.set(id, await openRecords(dataKeyFrom(store, row), recordsOf.get(id) ?? [], () => Promise.resolve(row.reference)))
  }
  const all = [...opened.values()].flat()
  const keys = await signingKeys(db)
  // Thousands of signatures for a long log: checked together on the thread pool first, or meanwhile.
  const signatures = all.flatMap((r) => (keys.has(r.key_id) ? [{ publicKey: keys.get(r.key_id)!.public_key, bytes: Buffer.from(r.hash, 'hex'), signature: r.signature }] : []))
  if (signaturesMeanwhile) signaturesMeanwhile.add(signatures)
  else await checkSignatures(signatures)
  const check = await signatureChecker(db, all, keys, !!signaturesMeanwhile)
  const categoryRows = new Map((await db('incident_categories').select('*')).map((c) => [c.id, c]))
  const used = new Map(((await db('incidents').select('category_id').count({ n: '*' }).groupBy('category_id')) as { category_id: number; n: number }[]).map((r) => [r.category_id, Number(r.n)]))
  const fileIdOf = new Map(files.map((f) => [f.record_id, f.id]))

  return ids.map((id) => {
    const incident = incidents.get(id)!
    const state = foldRecords(opened.get(id)!)
    const categoryRow = categoryRows.get(incident.category_id)!
    const category = toCategory(categoryRow, used.get(categoryRow.id) ?? 0)
    const versions = state.versions.map((v) => toVersion(v.body, v.row, check(v.row)))
    return {
      id,
      reference: incident.reference,
      imported: !!incident.imported,
      backdated: !!incident.backdated,
      current: versions.at(-1)!,
      versions,
      checklist: checklistSteps(category.steps, state).map((step) => toChecklistStep(state, step)),
      referrals: referralsOf(state),
      files: state.evidence.map(({ body, row }) => ({
        id: fileIdOf.get(row.id) ?? 0,
        // Records kept before names were made safe show a safe form of theirs.
        fileName: safeFileName(body.fileName, 'evidence'),
        sentAs: body.originalName ? visibleName(body.originalName) : null,
        mediaType: body.mediaType,
        typeLabel: describeType(body.mediaType),
        canOpen: isOpenableType(body.mediaType),
        size: body.size,
        description: body.description,
        addedAt: row.at,
        addedByName: row.signer_name,
      })),
      chronology: chronologyOf(state, incident.reference, id, (row) => check(row).valid),
      category,
      canRecord: mayUseCategory(role, categoryRow),
    }
  })
}

function toVersion(body: VersionBody, row: IncidentRecordRow, signature: IncidentVersion['signature']): IncidentVersion {
  return {
    version: body.version,
    entry: body.entry,
    people: body.people.map((p) => ({ personId: p.personId, part: p.part, name: p.name, description: p.description })),
    categoryName: body.categoryName,
    recordedAt: row.at,
    recordedByName: row.signer_name,
    reason: body.reason,
    originalRecorder: body.originalRecorder,
    beforeRecordsReason: body.beforeRecordsReason ?? null,
    signature,
  }
}

function toChecklistStep(state: IncidentState, step: keyof typeof PROCEDURE_STEPS): ChecklistStep {
  const latest = state.steps.get(step)
  return {
    step,
    label: PROCEDURE_STEPS[step].label,
    hint: PROCEDURE_STEPS[step].hint,
    state: stepState(state, step),
    note: latest?.body.note ?? null,
    by: latest?.body.by ?? null,
    on: latest?.body.on ?? null,
    recordedByName: latest?.row.signer_name ?? null,
    recordedAt: latest?.row.at ?? null,
  }
}

function referralsOf(state: IncidentState): Referral[] {
  return [...state.referrals.values()].map(({ body, row }) => ({
    key: body.key,
    agency: body.agency,
    madeOn: body.madeOn,
    reference: body.referenceNumber,
    outcome: body.outcome,
    recordedByName: row.signer_name,
    updatedAt: row.at,
  }))
}

/** Every record of an incident as one line, in the order it was made. */
export function chronologyOf(state: IncidentState, reference: string, incidentId: number, valid: (row: IncidentRecordRow) => boolean): ChronologyItem[] {
  const seenReferrals = new Set<string>()
  return state.records.map((row) => {
    const body: unknown = JSON.parse(row.body)
    let summary: string
    switch (row.kind) {
      case 'version': {
        const v = body as VersionBody
        summary = v.version === 1 ? (v.imported ? 'Entry imported from the earlier log' : 'Entry recorded') : `Version ${v.version}: amended — ${v.reason ?? ''}`
        if (v.version > 1 && v.entry.status === 'closed' && v.entry.outcome) summary += ` (closed: ${v.entry.outcome})`
        break
      }
      case 'step': {
        const s = body as StepBody
        summary = `${PROCEDURE_STEPS[s.step].label}: ${STEP_STATE_LABELS[s.state].toLowerCase()}${s.note ? ` — ${s.note}` : ''}`
        break
      }
      case 'referral': {
        const r = body as ReferralBody
        const first = !seenReferrals.has(r.key)
        seenReferrals.add(r.key)
        summary = first
          ? `Referral to ${r.agency} made${r.referenceNumber ? ` (reference ${r.referenceNumber})` : ''}`
          : `Referral to ${r.agency} updated${r.outcome ? `: ${r.outcome}` : ''}`
        break
      }
      case 'evidence': {
        const e = body as EvidenceBody
        summary = `Evidence file added: ${safeFileName(e.fileName, 'evidence')}`
        break
      }
    }
    return { incidentId, reference, at: row.at, kind: row.kind, summary, byName: row.signer_name, signatureValid: valid(row) }
  })
}

/** Everything recorded about one person across the log, oldest first. Audited. */
export async function personChronology(ctx: FeatureContext, personId: number): Promise<PersonChronology> {
  const { db, session } = ctx.store.requireOpen()
  const person = await db('people').where({ id: personId }).first()
  if (!person) throw notFound('That person is not in the directory. Reload the list and try again.')
  // Who was involved is encrypted in each entry's row: every entry the user may see is opened.
  const candidates = (await db('incidents as i')
    .join('incident_categories as c', 'c.id', 'i.category_id')
    .modify((q) => {
      if (session.role === 'ict') q.where('c.ict', 1)
    })
    .orderBy('i.id')
    .select('i.id', 'i.reference', 'c.name as category_name')) as { id: number; reference: string; category_name: string }[]
  const people = await openedColumn(db, ctx.store, candidates.map((r) => r.id), 'people')
  const links: { id: number; reference: string; part: ChronologyItemPart; category_name: string }[] = []
  for (const row of candidates) {
    for (const p of people.get(row.id)!) if (p.personId === personId) links.push({ id: row.id, reference: row.reference, part: p.part, category_name: row.category_name })
  }
  const items: PersonChronology['items'] = []
  for (const link of links) {
    const records = await incidentRecords(db, ctx.store, link.id)
    const check = await signatureChecker(db, records)
    const state = foldRecords(records)
    for (const item of chronologyOf(state, link.reference, link.id, (row) => check(row).valid)) items.push({ ...item, part: link.part, categoryName: link.category_name })
  }
  items.sort((a, b) => a.at.localeCompare(b.at))
  await ctx.store.audit({ action: 'incident.personChronology', target: `person:${personId}`, detail: `${links.length} incident(s)` })
  return { personId, name: displayNameOfRow(person), items }
}

type ChronologyItemPart = PersonChronology['items'][number]['part']
