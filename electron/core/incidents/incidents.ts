import type { Knex } from 'knex'
import { PERSON_KIND_LABELS } from '../../../shared/domain/people'
import { EARLIEST_INCIDENT_DAY, moreThanAYearAgo, PROCEDURE_STEPS, type CategoryQuestion, type IncidentEntry, type ProcedureStep, type ReferralAgency, type StepState } from '../../../shared/domain/incidents'
import { AppError, conflict, invalid } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { displayNameOfRow } from '../people/services'
import { appendRecord } from './incident-chain'
import { categoryForRecording, visibleIncident } from './incident-access'
import { cacheRowOf, currentVersion, foldRecords, incidentRecords, involvedOf, refreshIncident, storedCacheRow, type IncidentState, type ReferralBody, type StepBody, type VersionBody } from './incident-state'
import { newDataKey, rewrapDataKey } from './incident-keys'
import { randomUUID } from 'node:crypto'
import { isRealDay, ukDay, ukTimeOfDay } from '../../../shared/dates/uk-time'
import { readRecordsBegan } from '../school/school'
import type { IncidentCategoryRow, IncidentRecordRow } from './tables'
import type { PersonRow } from '../people/services'

/** An entry as the form sends it (validated by the contract). */
export type EntryInput = IncidentEntry

export interface NewEntryOptions {
  /** Set by the import of an earlier log: the name in its "recorded by" column. */
  importedFrom?: { recordedBy: string }
  /**
   * Pupils' year group and class on the day, where the directory now says otherwise: the demo
   * writes years of history, and a record describes each pupil as the school knew them then.
   */
  describedThen?: DescribedThen
}

/** What the writer answered about the entry's date (the form and the API; never the import of an earlier log). */
export interface DateAnswers {
  oldDateConfirmed?: boolean | undefined
  beforeRecordsReason?: string | undefined
}

const ukDayOf = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/**
 * An entry's date, when it is new or changed: one more than a year ago is saved only when the
 * writer confirmed it (a slipped year is the likelier story), and one before the school's records
 * began only with the reason, which is kept with the entry. Returns the reason to keep.
 */
async function checkDateAnswers(ctx: FeatureContext, trx: Knex.Transaction, occurredOn: string, answers: DateAnswers): Promise<string | null> {
  const began = await readRecordsBegan(trx)
  const reason = answers.beforeRecordsReason?.trim() || null
  if (occurredOn < began && !reason) {
    throw invalid(
      'beforeRecordsReason',
      `${ukDayOf(occurredOn)} is before the school’s records began (${ukDayOf(began)}). Check the year; if the incident really happened then, say why it is being recorded now.`,
    )
  }
  if (moreThanAYearAgo(occurredOn, ukDay(ctx.now())) && answers.oldDateConfirmed !== true) {
    throw invalid('occurredOn', `${ukDayOf(occurredOn)} is more than a year ago. Check the year; if the incident really happened then, confirm the date and save again.`)
  }
  return occurredOn < began ? reason : null
}

export type DescribedThen = ReadonlyMap<number, Pick<PersonRow, 'year_group' | 'reg_class'>>

/** "Year 9, 9R", "Teacher", "Visitor": who a person is in the school, as the record keeps it. */
export function describePerson(row: Pick<PersonRow, 'kind' | 'year_group' | 'reg_class' | 'job_title' | 'organisation'>): string {
  if (row.kind === 'pupil') return [row.year_group ? (row.year_group === 'R' ? 'Reception' : `Year ${row.year_group}`) : 'Pupil', row.reg_class].filter(Boolean).join(', ')
  if (row.kind === 'staff') return row.job_title ?? PERSON_KIND_LABELS.staff
  return [PERSON_KIND_LABELS[row.kind], row.organisation].filter(Boolean).join(', ')
}

async function checkEntry(ctx: FeatureContext, trx: Knex.Transaction, entry: EntryInput, describedThen?: DescribedThen): Promise<VersionBody['people']> {
  const today = ukDay(ctx.now())
  if (!isRealDay(entry.occurredOn)) throw invalid('occurredOn', 'That date does not exist. Check the day and month.')
  if (entry.occurredOn > today) throw invalid('occurredOn', 'The incident cannot have happened after today. Check the date.')
  if (entry.occurredOn < EARLIEST_INCIDENT_DAY) throw invalid('occurredOn', 'That date is before 1990, earlier than any record this register holds. Check the year.')
  if (entry.occurredOn === today && entry.occurredTime && entry.occurredTime > ukTimeOfDay(ctx.now())) {
    throw invalid('occurredTime', 'That time has not come yet today. Check the time.')
  }
  const ids = entry.people.map((p) => p.personId)
  const rows = ids.length ? (await trx('people').whereIn('id', ids).select('id', 'kind', 'forename', 'surname', 'preferred_forename', 'preferred_surname', 'year_group', 'reg_class', 'job_title', 'organisation')) : []
  const byId = new Map(rows.map((r) => [r.id, r]))
  return entry.people.map((p, i) => {
    const row = byId.get(p.personId)
    if (!row) throw invalid(`people.${i}`, 'One of the people is no longer in the directory. Remove them and choose again.')
    const then = describedThen?.get(p.personId)
    return { personId: p.personId, part: p.part, name: displayNameOfRow(row), description: describePerson(then ? { ...row, ...then } : row) }
  })
}

/**
 * The questions only some categories ask (the web address, who viewed an image) are refused for a
 * category that does not ask them, unless the entry already said it and still says the same: a
 * category that stopped asking leaves its older entries' answers as they were.
 */
function checkDetails(category: Pick<IncidentCategoryRow, 'name' | 'asks'>, entry: EntryInput, current: IncidentEntry | null): void {
  const asks = JSON.parse(category.asks) as CategoryQuestion[]
  const kept = (field: 'url' | 'imageViewed' | 'imageViewedWhy') => current !== null && entry[field] === current[field]
  if (entry.url && !asks.includes('url') && !kept('url')) {
    throw invalid('url', `Entries about “${category.name}” do not ask for a web address or service. Remove it, or choose the category it belongs to.`)
  }
  if ((entry.imageViewed || entry.imageViewedWhy) && !asks.includes('image-viewing') && !(kept('imageViewed') && kept('imageViewedWhy'))) {
    throw invalid('imageViewed', `Entries about “${category.name}” do not ask whether anyone viewed an image. Remove the answer, or choose the category it belongs to.`)
  }
}

async function nextReference(trx: Knex.Transaction, now: number): Promise<string> {
  const year = ukDay(now).slice(0, 4)
  const [{ n }] = (await trx('incidents').where('reference', 'like', `INC-${year}-%`).count({ n: '*' })) as [{ n: number }]
  return `INC-${year}-${String(Number(n) + 1).padStart(4, '0')}`
}

/**
 * For adding thousands of records in one transaction (the demo seeder): the incidents changed
 * are collected, and their current-state rows rewritten once each at the end.
 */
export interface BatchContext extends FeatureContext {
  changedIncidents: Set<number>
}

/** After a record is added: rewrite the incident's current state now, or once at the end of a batch. */
async function changed(ctx: FeatureContext | BatchContext, trx: Knex.Transaction, incidentId: number): Promise<void> {
  if ('changedIncidents' in ctx) ctx.changedIncidents.add(incidentId)
  else await refreshIncident(trx, ctx.store, incidentId)
}

async function stateOf(ctx: FeatureContext, trx: Knex.Transaction, incidentId: number): Promise<IncidentState> {
  return foldRecords(await incidentRecords(trx, ctx.store, incidentId))
}

/**
 * Records a new entry in the log, signed by the person recording it. Used by the form and by
 * the import of an earlier log (in one transaction for the whole file).
 */
export async function recordWithin(ctx: FeatureContext, trx: Knex.Transaction, entry: EntryInput, options: NewEntryOptions & { dates?: DateAnswers } = {}): Promise<number> {
  const { session } = ctx.store.requireOpen()
  const category = await categoryForRecording(trx, session.role, entry.categoryId, null)
  checkDetails(category, entry, null)
  const people = await checkEntry(ctx, trx, entry, options.describedThen)
  const beforeRecordsReason = options.dates ? await checkDateAnswers(ctx, trx, entry.occurredOn, options.dates) : null
  const [{ max }] = (await trx('incidents').max({ max: 'id' })) as [{ max: number | null }]
  const id = (max ?? 0) + 1
  const reference = await nextReference(trx, ctx.now())
  const body: VersionBody = {
    reference,
    version: 1,
    entry,
    people,
    categoryName: category.name,
    reason: null,
    imported: !!options.importedFrom,
    originalRecorder: options.importedFrom?.recordedBy ?? null,
    ...(beforeRecordsReason ? { beforeRecordsReason } : {}),
  }
  const at = new Date(ctx.now()).toISOString()
  // The log's row must exist before its first record points at it; it is then rewritten from
  // the signed record, like after every change. (Deferring the foreign key instead makes SQLite
  // re-prepare its statements: many times slower.)
  const unsigned: IncidentRecordRow = { id: 0, incident_id: id, kind: 'version', body: JSON.stringify(body), at, user_id: session.userId, signer_name: session.displayName, key_id: 0, prev_hash: '', hash: '', signature: '' }
  const first = foldRecords([unsigned])
  // Its own data key, wrapped with the role key of its category (the ICT manager's, or safeguarding).
  const { key, column, index } = newDataKey(ctx.store, id, category.ict)
  await trx('incidents').insert({ id, data_key: column, ...storedCacheRow(id, { data: key, index }, cacheRowOf(first), involvedOf(first)), steps_pending: 0, waiting_for_dsl: 0 })
  await appendRecord(trx, ctx.store, { incidentId: id, kind: 'version', body, at })
  await changed(ctx, trx, id)
  return id
}

export async function recordIncident(ctx: FeatureContext, entry: EntryInput, dates: DateAnswers = {}): Promise<number> {
  // The audit entry is written after the work, so it can name the new incident.
  const event = { action: 'incident.record', target: 'incident' }
  return ctx.store.change(event, async (trx) => {
    const id = await recordWithin(ctx, trx, entry, { dates })
    event.target = `incident:${id}`
    return id
  })
}

function sameEntry(a: IncidentEntry, b: IncidentEntry): boolean {
  const norm = (e: IncidentEntry) => JSON.stringify({ ...e, people: [...e.people].sort((x, y) => x.personId - y.personId || x.part.localeCompare(y.part)) })
  return norm(a) === norm(b)
}

/** A new version of an entry: the earlier ones stay, readable, with who changed what and why. */
export async function amendIncident(ctx: FeatureContext, id: number, entry: EntryInput, reason: string, dates: DateAnswers = {}): Promise<void> {
  await ctx.store.change({ action: 'incident.amend', target: `incident:${id}` }, (trx) => amendWithin(ctx, trx, id, entry, reason, { dates }))
}

export async function amendWithin(ctx: FeatureContext, trx: Knex.Transaction, id: number, entry: EntryInput, reason: string, options: Pick<NewEntryOptions, 'describedThen'> & { dates?: DateAnswers } = {}): Promise<void> {
  const { session } = ctx.store.requireOpen()
  const visible = await visibleIncident(trx, session.role, id)
  const state = await stateOf(ctx, trx, id)
  const current = currentVersion(state).body
  if (sameEntry(current.entry, entry)) throw conflict('Nothing was changed, so no new version was made. Change the entry, then save.')
  const category = await categoryForRecording(trx, session.role, entry.categoryId, visible.category_id)
  // Into or out of the ICT manager's categories: its data key is wrapped with the other role key.
  if (!!category.ict !== !!visible.ict) await rewrapDataKey(trx, ctx.store, id, category.ict)
  if (category.no_files && state.evidence.length > 0) {
    throw conflict(
      `This entry has evidence files, and entries about “${category.name}” must not keep copies of images. Ask the DSL how the files are to be handled before changing the category.`,
    )
  }
  checkDetails(category, entry, current.entry)
  const people = await checkEntry(ctx, trx, entry, options.describedThen)
  // A date left as it was is not asked about again (closing an old incident needs no confirmation); its reason stays with it.
  const dateChanged = entry.occurredOn !== current.entry.occurredOn
  const beforeRecordsReason = dateChanged ? (options.dates ? await checkDateAnswers(ctx, trx, entry.occurredOn, options.dates) : null) : (current.beforeRecordsReason ?? null)
  const body: VersionBody = {
    reference: current.reference,
    version: current.version + 1,
    entry,
    people,
    categoryName: category.name,
    reason,
    imported: false,
    originalRecorder: null,
    ...(beforeRecordsReason ? { beforeRecordsReason } : {}),
  }
  await appendRecord(trx, ctx.store, { incidentId: id, kind: 'version', body, at: new Date(ctx.now()).toISOString() })
  await changed(ctx, trx, id)
}

export interface StepInput {
  incidentId: number
  step: ProcedureStep
  state: StepState
  note?: string | undefined
  by?: string | undefined
  on?: string | undefined
}

/** Marks a checklist step done, not needed (with the reason) or back to pending. */
export async function setStep(ctx: FeatureContext, input: StepInput): Promise<void> {
  await ctx.store.change({ action: 'incident.step', target: `incident:${input.incidentId}`, detail: `${input.step} ${input.state}` }, (trx) => stepWithin(ctx, trx, input))
}

export async function stepWithin(ctx: FeatureContext, trx: Knex.Transaction, input: StepInput): Promise<void> {
  const { session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  if (input.on && (!isRealDay(input.on) || input.on > today)) throw invalid('on', 'That day is not a real day up to today. Check the date.')
  if (input.state === 'not-needed' && !input.note) {
    throw invalid('note', 'Say why this step is not needed: a decision not to act (for example not to refer) is recorded with its reasons.')
  }
  const { reference } = await visibleIncident(trx, session.role, input.incidentId)
  const state = await stateOf(ctx, trx, input.incidentId)
  const before = state.steps.get(input.step)?.body
  const body: StepBody = {
    reference,
    step: input.step,
    state: input.state,
    note: input.note ?? null,
    by: input.by ?? null,
    on: input.state === 'pending' ? null : (input.on ?? today),
  }
  if ((before && sameStep(before, body)) || (!before && input.state === 'pending')) {
    throw conflict(`“${PROCEDURE_STEPS[input.step].label}” already says that, so nothing was recorded.`)
  }
  await appendRecord(trx, ctx.store, { incidentId: input.incidentId, kind: 'step', body, at: new Date(ctx.now()).toISOString() })
  await changed(ctx, trx, input.incidentId)
}

function sameStep(a: StepBody, b: StepBody): boolean {
  return a.state === b.state && a.note === b.note && a.by === b.by && a.on === b.on
}

export interface ReferralInput {
  incidentId: number
  agency: ReferralAgency
  madeOn: string
  referenceNumber?: string | undefined
  outcome?: string | undefined
}

export async function addReferral(ctx: FeatureContext, input: ReferralInput): Promise<void> {
  // The audit trail is readable with the database key alone: it names the entry, not the agency.
  await ctx.store.change({ action: 'incident.referral', target: `incident:${input.incidentId}`, detail: 'made' }, (trx) => addReferralWithin(ctx, trx, input))
}

export async function addReferralWithin(ctx: FeatureContext, trx: Knex.Transaction, input: ReferralInput): Promise<void> {
  const { session } = ctx.store.requireOpen()
  if (!isRealDay(input.madeOn) || input.madeOn > ukDay(ctx.now())) throw invalid('madeOn', 'The referral date must be a real day, today or before.')
  const { reference } = await visibleIncident(trx, session.role, input.incidentId)
  const body: ReferralBody = {
    reference,
    key: randomUUID(),
    agency: input.agency,
    madeOn: input.madeOn,
    referenceNumber: input.referenceNumber ?? null,
    outcome: input.outcome ?? null,
  }
  await appendRecord(trx, ctx.store, { incidentId: input.incidentId, kind: 'referral', body, at: new Date(ctx.now()).toISOString() })
  await changed(ctx, trx, input.incidentId)
}

/** Adds the agency's reference number or the outcome to a referral: a new signed record; the first stays. */
export async function updateReferral(ctx: FeatureContext, input: { incidentId: number; key: string; referenceNumber?: string | undefined; outcome?: string | undefined }): Promise<void> {
  const { session } = ctx.store.requireOpen()
  await ctx.store.change({ action: 'incident.referral', target: `incident:${input.incidentId}`, detail: 'updated' }, async (trx) => {
    await visibleIncident(trx, session.role, input.incidentId)
    const state = await stateOf(ctx, trx, input.incidentId)
    const before = state.referrals.get(input.key)?.body
    if (!before) throw new AppError('not-found', 'That referral is not on this incident. Reload the incident and try again.')
    const body: ReferralBody = { ...before, referenceNumber: input.referenceNumber ?? before.referenceNumber, outcome: input.outcome ?? before.outcome }
    if (body.referenceNumber === before.referenceNumber && body.outcome === before.outcome) throw conflict('Nothing was changed, so nothing was recorded.')
    await appendRecord(trx, ctx.store, { incidentId: input.incidentId, kind: 'referral', body, at: new Date(ctx.now()).toISOString() })
    await changed(ctx, trx, input.incidentId)
  })
}
