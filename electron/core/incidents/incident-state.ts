import type { Knex } from 'knex'
import type { IncidentEntry, IncidentPart, ProcedureStep, ReferralAgency, StepState } from '../../../shared/domain/incidents'
import { holdNamedPeople } from '../people/services'
import type { RegisterStore } from '../store/register-store'
import { FieldUnreadableError } from '../vault/field-cipher'
import { dataKeyOf, incidentKeys, openField, referralRowId, sealField, unreadable } from './incident-keys'
import { forgetOpenedWords } from './opened-words'
import { ukDay } from '../../../shared/dates/uk-time'
import type { IncidentRecordRow, IncidentRow } from './tables'

// What each kind of signed record says. These bodies are hashed and signed as stored: a field
// may be added in a later version of the app, never renamed or given a new meaning.

export interface VersionBody {
  reference: string
  version: number
  entry: IncidentEntry
  /** Who the people were when it was recorded: the record stands on its own. */
  people: { personId: number; part: IncidentPart; name: string; description: string }[]
  categoryName: string
  /** Why this version replaced the one before (null for the first). */
  reason: string | null
  imported: boolean
  /** The "recorded by" name in an imported log. */
  originalRecorder: string | null
  /** Why an entry dated before the school's records began was recorded (absent when it was not). */
  beforeRecordsReason?: string
}

export interface StepBody {
  reference: string
  step: ProcedureStep
  state: StepState
  note: string | null
  by: string | null
  on: string | null
}

export interface ReferralBody {
  reference: string
  key: string
  agency: ReferralAgency
  madeOn: string
  referenceNumber: string | null
  outcome: string | null
}

export interface EvidenceBody {
  reference: string
  /** The name it is kept and saved under: made safe, with the extension of its content. */
  fileName: string
  /** The name it came with, exactly, when that was different (evidence too: "invoice.pdf.lnk"). */
  originalName?: string
  /** What its content is (never what its name says). */
  mediaType: string
  size: number
  sha256: string
  description: string
}

export interface Signed<B> {
  row: IncidentRecordRow
  body: B
}

/** An incident as its signed records tell it. */
export interface IncidentState {
  versions: Signed<VersionBody>[]
  /** The latest record for each step. */
  steps: Map<ProcedureStep, Signed<StepBody>>
  /** The latest record for each referral, with when it was first made. */
  referrals: Map<string, Signed<ReferralBody>>
  evidence: Signed<EvidenceBody>[]
  /** Every record, in order: the chronology. */
  records: IncidentRecordRow[]
}

export function foldRecords(rows: readonly IncidentRecordRow[]): IncidentState {
  const state: IncidentState = { versions: [], steps: new Map(), referrals: new Map(), evidence: [], records: [...rows] }
  for (const row of rows) {
    const body: unknown = JSON.parse(row.body)
    switch (row.kind) {
      case 'version':
        state.versions.push({ row, body: body as VersionBody })
        break
      case 'step':
        state.steps.set((body as StepBody).step, { row, body: body as StepBody })
        break
      case 'referral':
        state.referrals.set((body as ReferralBody).key, { row, body: body as ReferralBody })
        break
      case 'evidence':
        state.evidence.push({ row, body: body as EvidenceBody })
        break
    }
  }
  return state
}

export function currentVersion(state: IncidentState): Signed<VersionBody> {
  const latest = state.versions.at(-1)
  if (!latest) throw new Error('An incident without a version')
  return latest
}

/** The steps of a checklist: the category's procedure, then any other step recorded for it. */
export function checklistSteps(categorySteps: readonly ProcedureStep[], state: IncidentState): ProcedureStep[] {
  return [...new Set([...categorySteps, ...state.steps.keys()])]
}

export function stepState(state: IncidentState, step: ProcedureStep): StepState {
  return state.steps.get(step)?.body.state ?? 'pending'
}

export function searchTextOf(entry: IncidentEntry, reference: string): string {
  // The address only when given: an entry recorded before it was asked keeps the search text it was given then.
  return [reference, entry.place, entry.description, entry.actionTaken, entry.outcome ?? '', entry.childsWords ?? '', ...(entry.url ? [entry.url] : [])].join('\n').toLowerCase()
}

/** The columns of `incidents` that repeat what the signed records say: `verify` compares them. */
export type IncidentCacheRow = Pick<
  IncidentRow,
  | 'reference'
  | 'category_id'
  | 'status'
  | 'occurred_on'
  | 'occurred_time'
  | 'recorded_at'
  | 'changed_at'
  | 'version'
  | 'place'
  | 'on_site'
  | 'device'
  | 'description_start'
  | 'search_text'
  | 'imported'
  | 'backdated'
  | 'created_by'
  | 'recorded_by_name'
  | 'came_to_light'
>

export function cacheRowOf(state: IncidentState): IncidentCacheRow {
  const first = state.versions[0]!
  const { body } = currentVersion(state)
  const { entry } = body
  return {
    reference: body.reference,
    category_id: entry.categoryId,
    status: entry.status,
    occurred_on: entry.occurredOn,
    occurred_time: entry.occurredTime,
    recorded_at: first.row.at,
    changed_at: state.records.at(-1)!.at,
    version: body.version,
    place: entry.place,
    on_site: entry.onSite ? 1 : 0,
    device: entry.device,
    description_start: entry.description.slice(0, 160),
    search_text: searchTextOf(entry, body.reference),
    imported: first.body.imported ? 1 : 0,
    // Recorded on a later day than it happened; an imported entry says so instead.
    backdated: !first.body.imported && ukDay(first.row.at) > entry.occurredOn ? 1 : 0,
    created_by: first.row.user_id,
    recorded_by_name: first.body.originalRecorder ?? first.row.signer_name,
    came_to_light: entry.cameToLight ?? null,
  }
}

/** The counts that follow from the records and the category's procedure (not compared by verify: a procedure may change). */
export function progressOf(state: IncidentState, categorySteps: readonly ProcedureStep[]): { steps_pending: number; waiting_for_dsl: number } {
  const steps = checklistSteps(categorySteps, state)
  const open = currentVersion(state).body.entry.status === 'open'
  return {
    steps_pending: steps.filter((s) => stepState(state, s) === 'pending').length,
    waiting_for_dsl: open && steps.includes('dsl-informed') && stepState(state, 'dsl-informed') === 'pending' ? 1 : 0,
  }
}

/** An incident's signed records, oldest first, with their bodies opened with its data key. */
export async function incidentRecords(db: Knex | Knex.Transaction, store: RegisterStore, incidentId: number): Promise<IncidentRecordRow[]> {
  const key = await dataKeyOf(db, store, incidentId)
  const rows = await db('incident_records').where({ incident_id: incidentId }).orderBy('id')
  return openRecords(key, rows, () => referenceOf(db, incidentId))
}

/** Opens the bodies of records read as stored; a body that does not open was changed outside the app. */
export async function openRecords(key: Buffer, rows: IncidentRecordRow[], reference: () => Promise<string>): Promise<IncidentRecordRow[]> {
  try {
    return rows.map((row) => ({ ...row, body: openField(key, 'incident_records', row.id, 'body', row.body) }))
  } catch (err) {
    if (err instanceof FieldUnreadableError) throw unreadable(await reference())
    throw err
  }
}

async function referenceOf(db: Knex | Knex.Transaction, incidentId: number): Promise<string> {
  const row = await db('incidents').where({ id: incidentId }).first('reference')
  return row?.reference ?? `incident ${incidentId}`
}

export async function categorySteps(db: Knex | Knex.Transaction, categoryId: number): Promise<ProcedureStep[]> {
  const row = await db('incident_categories').where({ id: categoryId }).first('steps')
  return row ? (JSON.parse(row.steps) as ProcedureStep[]) : []
}

/** Who was involved, as the current version names them: kept in the incident's row, encrypted. */
export type InvolvedPeople = { personId: number; part: IncidentPart }[]

/** The columns of the incident's row that hold its words: with its data key, and (the search's) with its role key. */
export const DATA_KEY_COLUMNS = ['place', 'description_start'] as const
export const INDEX_KEY_COLUMNS = ['search_text'] as const
export const ENCRYPTED_CACHE_COLUMNS = [...DATA_KEY_COLUMNS, ...INDEX_KEY_COLUMNS] as const

/**
 * The incident's row as stored: where and the start of the description encrypted with its data
 * key; its search text and who was involved with the role key of its category (incident-keys.ts).
 */
export function storedCacheRow(incidentId: number, keys: { data: Buffer; index: Buffer }, cache: IncidentCacheRow, people: InvolvedPeople): IncidentCacheRow & { people: string } {
  const row = { ...cache, people: sealField(keys.index, 'incidents', incidentId, 'people', JSON.stringify(people)) }
  for (const column of DATA_KEY_COLUMNS) row[column] = sealField(keys.data, 'incidents', incidentId, column, cache[column])
  for (const column of INDEX_KEY_COLUMNS) row[column] = sealField(keys.index, 'incidents', incidentId, column, cache[column])
  return row
}

export function involvedOf(state: IncidentState): InvolvedPeople {
  return currentVersion(state).body.people.map((p) => ({ personId: p.personId, part: p.part }))
}

/**
 * Rewrites an incident's current-state rows from its signed records: after every change, so
 * the log, its filters and counts always say what the records say.
 */
export async function refreshIncident(trx: Knex.Transaction, store: RegisterStore, incidentId: number): Promise<IncidentState> {
  forgetOpenedWords(store, incidentId)
  const keys = await incidentKeys(trx, store, incidentId)
  const key = keys.data
  const state = foldRecords(await incidentRecords(trx, store, incidentId))
  const cache = cacheRowOf(state)
  const progress = progressOf(state, await categorySteps(trx, cache.category_id))
  await trx('incidents')
    .where({ id: incidentId })
    .update({ ...storedCacheRow(incidentId, keys, cache, involvedOf(state)), ...progress })
  // Retention reads this plain flag, without the keys that open who was involved.
  await holdNamedPeople(trx, involvedOf(state).map((p) => p.personId))

  await trx('incident_steps').where({ incident_id: incidentId }).delete()
  const steps = [...state.steps.values()]
  if (steps.length) await trx('incident_steps').insert(steps.map((s) => ({ incident_id: incidentId, step: s.body.step, state: s.body.state, record_id: s.row.id })))

  await trx('incident_referrals').where({ incident_id: incidentId }).delete()
  const referrals = [...state.referrals.values()]
  if (referrals.length) {
    await trx('incident_referrals').insert(
      referrals.map((r) => ({
        incident_id: incidentId,
        key: r.body.key,
        agency: sealField(key, 'incident_referrals', referralRowId(incidentId, r.body.key), 'agency', r.body.agency),
        made_on: r.body.madeOn,
        record_id: r.row.id,
      })),
    )
  }
  return state
}
