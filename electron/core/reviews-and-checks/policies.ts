import { createHash } from 'node:crypto'
import { parse } from 'node:path'
import type { z } from 'zod'
import type { policyCreate, policyDocument, policyRatify, policyReview, policyUpdate } from '../../../shared/features/reviews-and-checks/contract'
import { DUE_SOON_DAYS, POLICY_DOCUMENT_MAX_BYTES, type Policy, type PolicyDocumentInfo, type PolicyReview, type PolicySummary, type ReviewState } from '../../../shared/domain/reviews-and-checks'
import { conflict, invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { saveNewFile } from '../files/save-new-file'
import { saveChosenFile, type ChosenFile } from '../files/save-chosen-file'
import { extensionOf, policyDocumentCopyName } from '../../../shared/domain/file-names'
import { dayToUk } from './periods'
import { addMonths, daysBetween } from '../../../shared/dates/uk-time'
import { DOCUMENT_EXTENSIONS, policyDocumentKind } from './policy-document'
import { policyVersions, type ReviewOfPolicy } from './policy-versions'
import { isRealDay, ukDay as ukToday } from '../../../shared/dates/uk-time'
import type { PolicyDocumentRow, PolicyReviewRow, PolicyRow } from './tables'

const DOCUMENT_COLUMNS = ['id', 'policy_id', 'version_label', 'file_name', 'kind', 'bytes', 'uploaded_at', 'uploaded_by_name'] as const

/** A document's details without its bytes. */
type DocumentRow = Pick<PolicyDocumentRow, (typeof DOCUMENT_COLUMNS)[number]>

/** A review with the reference of the incident that prompted it (a join). */
type ReviewRow = PolicyReviewRow & { incident_reference: string | null }
const iso = (ms: number) => new Date(ms).toISOString()
const missingPolicy = () => notFound('That policy is not in the register. Refresh the list and try again.')

export function reviewState(nextReviewOn: string, today: string): ReviewState {
  if (nextReviewOn < today) return 'overdue'
  return daysBetween(today, nextReviewOn) <= DUE_SOON_DAYS ? 'due-soon' : 'in-date'
}

const toDocument = (r: DocumentRow): PolicyDocumentInfo => ({
  id: r.id,
  versionLabel: r.version_label,
  fileName: r.file_name,
  kind: r.kind,
  bytes: r.bytes,
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by_name,
})

const toReview = (r: ReviewRow): PolicyReview => ({
  id: r.id,
  reviewedOn: r.reviewed_on,
  reviewedBy: r.reviewed_by,
  changes: r.changes,
  newVersion: r.new_version,
  nextReviewOn: r.next_review_on,
  incident: r.incident_id !== null ? { id: r.incident_id, reference: r.incident_reference ?? `#${r.incident_id}` } : null,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by_name,
  ratification: r.ratified_on && r.ratified_by_name && r.ratified_at ? { ratifiedOn: r.ratified_on, ratifiedBy: r.ratified_by_name, recordedAt: r.ratified_at } : null,
})

/** Every policy, overdue first, then by next review date. A school has a few dozen: read whole. */
export async function listPolicies(ctx: FeatureContext): Promise<PolicySummary[]> {
  const { db } = ctx.store.requireOpen()
  return summaries(db, ukToday(ctx.now()))
}

export async function summaries(db: Db, today: string, ids?: number[]): Promise<PolicySummary[]> {
  const query = db('policies').select('*').orderBy([{ column: 'next_review_on' }, { column: 'title' }])
  if (ids) query.whereIn('id', ids)
  const rows = await query
  const latest = await db('policy_documents')
    .select(...DOCUMENT_COLUMNS)
    .whereIn('id', db('policy_documents').max('id').groupBy('policy_id'))
  const documents = new Map(latest.map((d) => [d.policy_id, toDocument(d)]))
  const waiting = (await db('policy_reviews').whereNull('ratified_at').select('policy_id').count({ n: '*' }).groupBy('policy_id')) as { policy_id: number; n: number }[]
  const awaiting = new Map(waiting.map((w) => [w.policy_id, Number(w.n)]))
  const reviews = (await db('policy_reviews')
    .whereIn('policy_id', rows.map((r) => r.id))
    .select('policy_id', 'reviewed_on', 'new_version', 'ratified_on', 'ratified_by_name')
    .orderBy([{ column: 'reviewed_on' }, { column: 'id' }])) as (ReviewOfPolicy & { policy_id: number })[]
  // The ratification shown is the current version's: never an earlier version's (policy-versions.ts).
  const current = (r: PolicyRow) =>
    policyVersions({ version: r.version_label, writtenOn: r.written_on, ratifiedOn: r.ratified_on, ratifiedBy: r.ratified_by }, reviews.filter((x) => x.policy_id === r.id)).at(-1)!
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    owner: r.owner,
    version: r.version_label,
    writtenOn: r.written_on,
    ratifiedOn: current(r).ratifiedOn,
    ratifiedBy: current(r).ratifiedBy,
    reviewIntervalMonths: r.review_interval_months,
    nextReviewOn: r.next_review_on,
    reviewState: reviewState(r.next_review_on, today),
    document: documents.get(r.id) ?? null,
    awaitingRatification: awaiting.get(r.id) ?? 0,
  }))
}

export async function getPolicy(ctx: FeatureContext, id: number): Promise<Policy> {
  const { db } = ctx.store.requireOpen()
  const [summary] = await summaries(db, ukToday(ctx.now()), [id])
  if (!summary) throw missingPolicy()
  const documents = await db('policy_documents').where({ policy_id: id }).select(...DOCUMENT_COLUMNS).orderBy('id', 'desc')
  const reviews = (await db('policy_reviews as r')
    .leftJoin('incidents as i', 'i.id', 'r.incident_id')
    .where('r.policy_id', id)
    .select('r.*', 'i.reference as incident_reference')
    .orderBy([{ column: 'r.reviewed_on', order: 'desc' }, { column: 'r.id', order: 'desc' }])) as ReviewRow[]
  return { ...summary, documents: documents.map(toDocument), reviews: reviews.map(toReview) }
}

function checkDay(field: string, day: string | undefined, what: string, today?: string): void {
  if (day === undefined) return
  if (!isRealDay(day)) throw invalid(field, `${what} is not a real date.`)
  if (today && day > today) throw invalid(field, `${what} cannot be in the future.`)
}

async function titleTaken(db: Db, title: string, exceptId?: number): Promise<void> {
  const q = db('policies').whereRaw('title = ? COLLATE NOCASE', [title])
  if (exceptId) q.whereNot('id', exceptId)
  if (await q.first()) throw invalid('title', `There is already a policy called “${title}”. Open it from the list instead.`)
}

export async function createPolicy(ctx: FeatureContext, input: z.output<typeof policyCreate>): Promise<Policy> {
  const { db, session } = ctx.store.requireOpen()
  const today = ukToday(ctx.now())
  checkDay('writtenOn', input.writtenOn, 'The date it was written', today)
  checkDay('ratifiedOn', input.ratifiedOn, 'The date it was ratified', today)
  checkDay('nextReviewOn', input.nextReviewOn, 'The next review date')
  if (input.ratifiedOn && input.writtenOn && input.ratifiedOn < input.writtenOn) throw invalid('ratifiedOn', 'It cannot have been ratified before it was written: check the dates.')
  await titleTaken(db, input.title)
  const at = iso(ctx.now())
  const event = { action: 'policy.create', target: null as string | null }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('policies').insert({
      title: input.title,
      owner: input.owner,
      version_label: input.version || null,
      written_on: input.writtenOn ?? null,
      ratified_on: input.ratifiedOn ?? null,
      ratified_by: input.ratifiedOn ? input.ratifiedBy || null : null,
      review_interval_months: input.reviewIntervalMonths,
      next_review_on: input.nextReviewOn,
      created_at: at,
      created_by: session.userId,
      updated_at: at,
    })) as number[]
    event.target = `policy:${Number(newId)}`
    return Number(newId)
  })
  return getPolicy(ctx, id)
}

export async function updatePolicy(ctx: FeatureContext, input: z.output<typeof policyUpdate>): Promise<Policy> {
  const { db } = ctx.store.requireOpen()
  if (!(await db('policies').where({ id: input.id }).first())) throw missingPolicy()
  checkDay('writtenOn', input.writtenOn, 'The date it was written', ukToday(ctx.now()))
  checkDay('nextReviewOn', input.nextReviewOn, 'The next review date')
  await titleTaken(db, input.title, input.id)
  await ctx.store.change({ action: 'policy.update', target: `policy:${input.id}` }, (trx) =>
    trx('policies').where({ id: input.id }).update({
      title: input.title,
      owner: input.owner,
      written_on: input.writtenOn ?? null,
      review_interval_months: input.reviewIntervalMonths,
      next_review_on: input.nextReviewOn,
      updated_at: iso(ctx.now()),
    }),
  )
  return getPolicy(ctx, input.id)
}

/** Keeps a version of the document, encrypted with the rest of the register. Its type is read from its bytes. */
export async function uploadDocument(ctx: FeatureContext, input: z.output<typeof policyDocument>): Promise<Policy> {
  const { db, session } = ctx.store.requireOpen()
  if (!(await db('policies').where({ id: input.policyId }).first())) throw missingPolicy()
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.fileBase64)) throw invalid('fileBase64', 'That file could not be read. Please choose it again.')
  const bytes = Buffer.from(input.fileBase64, 'base64')
  if (bytes.length > POLICY_DOCUMENT_MAX_BYTES) throw invalid('fileBase64', 'That file is larger than 20 MB. Save it as a smaller PDF (for example without embedded images) and try again.')
  const kind = policyDocumentKind(bytes)
  if (!kind) throw invalid('fileBase64', 'That file is not a PDF, a Word document (.docx) or an OpenDocument text (.odt). Save the policy in one of those formats and try again.')
  const stem = parse(input.fileName).name || 'policy'
  const event = { action: 'policy.document', target: `policy:${input.policyId}`, detail: `${kind}, ${bytes.length} bytes` }
  await ctx.store.change(event, async (trx) => {
    await trx('policy_documents').insert({
      policy_id: input.policyId,
      version_label: input.versionLabel,
      file_name: `${stem}${DOCUMENT_EXTENSIONS[kind]}`,
      kind,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      content: bytes,
      uploaded_at: iso(ctx.now()),
      uploaded_by: session.userId,
      uploaded_by_name: session.displayName,
    })
    await trx('policies').where({ id: input.policyId }).update({ version_label: input.versionLabel, updated_at: iso(ctx.now()) })
  })
  return getPolicy(ctx, input.policyId)
}

/** Writes a copy of a stored document (the window cannot write files): as the file chosen in the Save window, else into the export folder. Audited. */
export async function saveDocument(ctx: FeatureContext, documentId: number, to: { chosen: ChosenFile | undefined; exportDir: string }): Promise<{ file: string }> {
  const { db } = ctx.store.requireOpen()
  const row = (await db('policy_documents as d')
    .join('policies as p', 'p.id', 'd.policy_id')
    .where('d.id', documentId)
    .select('d.content', 'd.file_name', 'd.version_label', 'p.title')
    .first()) as { content: Buffer; file_name: string; version_label: string; title: string } | undefined
  if (!row) throw notFound('That document is not in the register. Refresh the policy and try again.')
  const file = to.chosen
    ? saveChosenFile(to.chosen, row.content, extensionOf(row.file_name), 'A copy keeps the type of the policy document')
    : saveNewFile(to.exportDir, policyDocumentCopyName(row.file_name, row.version_label), row.content)
  await ctx.store.audit({ action: 'policy.documentRead', target: `policy-document:${documentId}`, detail: to.chosen ? 'to a chosen file' : 'to the exports folder' })
  return { file }
}

async function incidentIdFor(db: Db, reference: string | undefined): Promise<number | null> {
  if (!reference) return null
  const row = await db('incidents').where({ reference }).first('id')
  if (!row) throw invalid('incidentReference', `There is no incident ${reference} in the incident log. Copy its reference from the log, or leave this empty.`)
  return row.id
}

/** A review: who, what changed, and the next date (the review date plus the interval, unless given). */
export async function reviewPolicy(ctx: FeatureContext, input: z.output<typeof policyReview>): Promise<Policy> {
  const { db, session } = ctx.store.requireOpen()
  const policy = await db('policies').where({ id: input.policyId }).first()
  if (!policy) throw missingPolicy()
  checkDay('reviewedOn', input.reviewedOn, 'The review date', ukToday(ctx.now()))
  checkDay('nextReviewOn', input.nextReviewOn, 'The next review date')
  const next = input.nextReviewOn ?? addMonths(input.reviewedOn, policy.review_interval_months)
  if (next <= input.reviewedOn) throw invalid('nextReviewOn', 'The next review must come after this one.')
  const incidentId = await incidentIdFor(db, input.incidentReference)
  const event = { action: 'policy.review', target: `policy:${policy.id}`, detail: incidentId ? `prompted by incident:${incidentId}` : null }
  await ctx.store.change(event, async (trx) => {
    await trx('policy_reviews').insert({
      policy_id: policy.id,
      reviewed_on: input.reviewedOn,
      reviewed_by: input.reviewedBy,
      changes: input.changes,
      new_version: input.newVersion || null,
      next_review_on: next,
      incident_id: incidentId,
      recorded_at: iso(ctx.now()),
      recorded_by: session.userId,
      recorded_by_name: session.displayName,
    })
    await trx('policies')
      .where({ id: policy.id })
      .update({ next_review_on: next, version_label: input.newVersion || policy.version_label, updated_at: iso(ctx.now()) })
  })
  return getPolicy(ctx, policy.id)
}

/** The headteacher ratifies a recorded review; the policy then shows that ratification. */
export async function ratifyReview(ctx: FeatureContext, input: z.output<typeof policyRatify>): Promise<Policy> {
  const { db, session } = ctx.store.requireOpen()
  const review = await db('policy_reviews').where({ id: input.reviewId }).first()
  if (!review) throw notFound('That review is not in the register. Refresh the policy and try again.')
  if (review.ratified_at) throw conflict(`That review was already ratified by ${review.ratified_by_name} on ${dayToUk(review.ratified_on!)}.`)
  checkDay('ratifiedOn', input.ratifiedOn, 'The ratification date', ukToday(ctx.now()))
  if (input.ratifiedOn < review.reviewed_on) throw invalid('ratifiedOn', `The review was on ${dayToUk(review.reviewed_on)}: it cannot be ratified before then.`)
  const policy = (await db('policies').where({ id: review.policy_id }).first())!
  await ctx.store.change({ action: 'policy.ratify', target: `policy-review:${review.id}` }, async (trx) => {
    await trx('policy_reviews').where({ id: review.id }).update({ ratified_on: input.ratifiedOn, ratified_at: iso(ctx.now()), ratified_by: session.userId, ratified_by_name: session.displayName })
    // The policy's own ratification stays its first version's: each later version's is its review's.
    await trx('policies').where({ id: policy.id }).update({ updated_at: iso(ctx.now()) })
  })
  return getPolicy(ctx, policy.id)
}
