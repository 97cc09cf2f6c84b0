import type { Knex } from 'knex'
import type { z } from 'zod'
import type { agreementCorrect, agreementRecord, agreementWithdraw } from '../../../shared/api/people-fields'
import { AUP_AUDIENCE_LABELS, PARENT_AUDIENCES, audienceOf, type Agreement, type AgreementMethod, type AupAudience } from '../../../shared/domain/aup'
import { conflict, invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { blank } from '../people/services'
import { displayNameOfRow, findPerson } from '../people/services'
import { loadAupState } from './aup-versions'
import { signatureBytes, signatureDataUrl } from './signature-png'
import { isRealDay, ukDay } from '../../../shared/dates/uk-time'
import type { PersonRow } from '../people/services'
import type { AgreementRow } from './tables'

export interface AgreementDetails {
  versionId: number
  agreedOn: string
  method: AgreementMethod
  signaturePng?: string | undefined
  typedSignature?: string | undefined
  witnessed?: true | undefined
  paperReceivedOn?: string | undefined
  parentName?: string | undefined
  parentAgreedOn?: string | undefined
}

type NewAgreement = Omit<AgreementRow, 'id'>

function day(value: string, today: string, field: string, what: string): string {
  if (!isRealDay(value)) throw invalid(field, `The ${what} is not a real date.`)
  if (value > today) throw invalid(field, `The ${what} is in the future.`)
  return value
}

/**
 * Checks an agreement against the person and the version and returns the row to store:
 * the version must be the text for the person's group; on screen needs the drawn signature,
 * paper the date the copy came back; a pupil's needs the parent or carer's name and date.
 */
export async function prepareAgreement(
  db: Db,
  ctx: FeatureContext,
  person: PersonRow,
  d: AgreementDetails,
  fieldPrefix = '',
): Promise<NewAgreement> {
  const f = (name: string) => `${fieldPrefix}${name}`
  const { session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const name = displayNameOfRow(person)
  if (person.archived_at) throw conflict(`${name} has left (their record is archived), so no new agreement can be recorded.`)
  const audience: AupAudience | null = audienceOf({ kind: person.kind, yearGroup: person.year_group })
  if (!audience) throw invalid(f('personId'), `${name} has no year group, so the register cannot tell which agreement is theirs. Add their year group first.`)
  const state = await loadAupState(db, today)
  const version = state.versions.get(d.versionId)
  if (!version) throw invalid(f('versionId'), 'That agreement version is not in the register. Refresh and choose it again.')
  if (!version.audiences.has(audience)) {
    throw invalid(f('versionId'), `“${version.title}” (${version.versionLabel}) is not the agreement for ${name}: they need the one for ${AUP_AUDIENCE_LABELS[audience].toLowerCase()}.`)
  }
  const agreedOn = day(d.agreedOn, today, f('agreedOn'), 'date they agreed')
  let signature: Buffer | null = null
  let typed: string | null = null
  let paperReceivedOn: string | null = null
  if (d.method === 'on-screen') {
    typed = blank(d.typedSignature)
    if (typed && d.signaturePng) throw invalid(f('typedSignature'), 'Keep either the drawn signature or the typed name, not both: clear one of them.')
    if (typed) {
      if (!d.witnessed) throw invalid(f('witnessed'), `A typed name needs a witness: confirm that you saw ${name} agree.`)
    } else {
      if (!d.signaturePng) throw invalid(f('signaturePng'), `Ask ${name} to sign in the box on screen, or type their name and confirm you witnessed it.`)
      signature = signatureBytes(d.signaturePng, f('signaturePng'))
    }
    if (d.paperReceivedOn) throw invalid(f('paperReceivedOn'), 'An agreement signed on screen has no paper copy: leave “paper copy received” empty.')
  } else {
    if (d.signaturePng) throw invalid(f('signaturePng'), 'A paper agreement is signed on the paper: do not add a drawn signature.')
    if (blank(d.typedSignature)) throw invalid(f('typedSignature'), 'A paper agreement is signed on the paper: leave the typed name empty.')
    if (!d.paperReceivedOn) throw invalid(f('paperReceivedOn'), 'Give the date the signed paper copy reached the school.')
    paperReceivedOn = day(d.paperReceivedOn, today, f('paperReceivedOn'), 'date the paper copy was received')
    if (paperReceivedOn < agreedOn) throw invalid(f('paperReceivedOn'), 'The paper copy cannot have arrived before it was signed: check both dates.')
  }
  let parentName: string | null = null
  let parentAgreedOn: string | null = null
  if ((PARENT_AUDIENCES as readonly string[]).includes(audience)) {
    parentName = blank(d.parentName)
    if (!parentName) throw invalid(f('parentName'), `Give the name of the parent or carer who agreed for ${name}.`)
    if (!d.parentAgreedOn) throw invalid(f('parentAgreedOn'), 'Give the date the parent or carer agreed.')
    parentAgreedOn = day(d.parentAgreedOn, today, f('parentAgreedOn'), 'date the parent or carer agreed')
  } else if (blank(d.parentName) || d.parentAgreedOn) {
    throw invalid(f('parentName'), 'Only pupils’ agreements have a parent or carer: leave those boxes empty.')
  }
  return {
    person_id: person.id,
    version_id: version.id,
    state: 'agreed',
    agreed_on: agreedOn,
    method: d.method,
    signature_png: signature,
    typed_signature: typed,
    paper_received_on: paperReceivedOn,
    parent_name: parentName,
    parent_agreed_on: parentAgreedOn,
    witnessed_by: session.userId,
    witnessed_by_name: session.displayName,
    recorded_at: new Date(ctx.now()).toISOString(),
    supersedes_id: null,
    correction_reason: null,
  }
}

export async function insertAgreement(trx: Knex.Transaction, row: NewAgreement): Promise<number> {
  const [id] = (await trx('agreements').insert(row)) as number[]
  return Number(id)
}

const COLUMNS = [
  'a.id',
  'a.person_id',
  'a.version_id',
  'a.state',
  'a.agreed_on',
  'a.method',
  'a.typed_signature',
  'a.paper_received_on',
  'a.parent_name',
  'a.parent_agreed_on',
  'a.witnessed_by_name',
  'a.recorded_at',
  'a.supersedes_id',
  'a.correction_reason',
]

type ListedRow = Omit<AgreementRow, 'signature_png' | 'witnessed_by'> & { title: string; version_label: string; has_signature: number; superseded_by: number | null }

function agreementsQuery(db: Db) {
  return db('agreements as a')
    .join('aup_versions as v', 'v.id', 'a.version_id')
    .leftJoin('agreements as c', 'c.supersedes_id', 'a.id')
    .select(COLUMNS)
    .select('v.title', 'v.version_label', 'c.id as superseded_by', db.raw('a.signature_png IS NOT NULL AS has_signature'))
}

const toAgreement = (r: ListedRow): Agreement => ({
  id: r.id,
  personId: r.person_id,
  versionId: r.version_id,
  versionTitle: r.title,
  versionLabel: r.version_label,
  state: r.state,
  agreedOn: r.agreed_on,
  method: r.method,
  hasSignature: r.has_signature === 1,
  typedSignature: r.typed_signature,
  paperReceivedOn: r.paper_received_on,
  parentName: r.parent_name,
  parentAgreedOn: r.parent_agreed_on,
  witnessedBy: r.witnessed_by_name,
  recordedAt: r.recorded_at,
  supersedesId: r.supersedes_id,
  supersededById: r.superseded_by,
  correctionReason: r.correction_reason,
})

async function readAgreement(db: Db, id: number): Promise<Agreement> {
  const row = (await agreementsQuery(db).where('a.id', id).first()) as ListedRow | undefined
  if (!row) throw notFound('That agreement is not in the register. Refresh and try again.')
  return toAgreement(row)
}

export async function recordAgreement(ctx: FeatureContext, input: z.output<typeof agreementRecord>): Promise<Agreement> {
  const { db } = ctx.store.requireOpen()
  const person = await findPerson(db, input.personId)
  const row = await prepareAgreement(db, ctx, person, input)
  const event = { action: 'agreement.record', target: null as string | null, detail: `person:${person.id}, aup:${row.version_id}, ${row.method}` }
  const id = await ctx.store.change(event, async (trx) => {
    const newId = await insertAgreement(trx, row)
    event.target = `agreement:${newId}`
    return newId
  })
  return readAgreement(db, id)
}

async function latestOf(db: Db, agreementId: number): Promise<{ row: AgreementRow; person: PersonRow }> {
  const row = await db('agreements').where({ id: agreementId }).first()
  if (!row) throw notFound('That agreement is not in the register. Refresh and try again.')
  const newer = await db('agreements').where({ supersedes_id: agreementId }).first()
  if (newer) throw conflict(`This agreement was already corrected on ${ukDay(newer.recorded_at).split('-').reverse().join('/')}. Correct the newer record instead.`)
  return { row, person: await findPerson(db, row.person_id) }
}

/** A correction is a new row pointing at the old one: the old stays readable and stops counting. */
export async function correctAgreement(ctx: FeatureContext, input: z.output<typeof agreementCorrect>): Promise<Agreement> {
  const { db } = ctx.store.requireOpen()
  const { row: old, person } = await latestOf(db, input.agreementId)
  const fresh = await prepareAgreement(db, ctx, person, input)
  const event = { action: 'agreement.correct', target: null as string | null, detail: `replaces agreement:${old.id}` }
  const id = await ctx.store.change(event, async (trx) => {
    const newId = await insertAgreement(trx, { ...fresh, supersedes_id: old.id, correction_reason: input.reason })
    event.target = `agreement:${newId}`
    return newId
  })
  return readAgreement(db, id)
}

/** For an agreement recorded in error (wrong person, never signed): it stops counting, and stays readable. */
export async function withdrawAgreement(ctx: FeatureContext, input: z.output<typeof agreementWithdraw>): Promise<Agreement> {
  const { db, session } = ctx.store.requireOpen()
  const { row: old } = await latestOf(db, input.agreementId)
  if (old.state === 'withdrawn') throw conflict('That agreement is already withdrawn.')
  const event = { action: 'agreement.withdraw', target: null as string | null, detail: `withdraws agreement:${old.id}` }
  const id = await ctx.store.change(event, async (trx) => {
    const newId = await insertAgreement(trx, {
      person_id: old.person_id,
      version_id: old.version_id,
      state: 'withdrawn',
      agreed_on: null,
      method: null,
      signature_png: null,
      typed_signature: null,
      paper_received_on: null,
      parent_name: null,
      parent_agreed_on: null,
      witnessed_by: session.userId,
      witnessed_by_name: session.displayName,
      recorded_at: new Date(ctx.now()).toISOString(),
      supersedes_id: old.id,
      correction_reason: input.reason,
    })
    event.target = `agreement:${newId}`
    return newId
  })
  return readAgreement(db, id)
}

/** Every agreement a person made, corrections included, newest first. Audited: it is their record. */
export async function agreementsForPerson(ctx: FeatureContext, personId: number): Promise<Agreement[]> {
  const { db } = ctx.store.requireOpen()
  await findPerson(db, personId)
  const rows = (await agreementsQuery(db)
    .where('a.person_id', personId)
    .orderBy([{ column: 'a.recorded_at', order: 'desc' }, { column: 'a.id', order: 'desc' }])) as ListedRow[]
  await ctx.store.audit({ action: 'agreement.read', target: `person:${personId}`, detail: `${rows.length} agreements` })
  return rows.map(toAgreement)
}

/** The drawn signature, for the screen and for printing. Audited. */
export async function agreementSignature(ctx: FeatureContext, agreementId: number): Promise<{ dataUrl: string | null }> {
  const { db } = ctx.store.requireOpen()
  const row = await db('agreements').where({ id: agreementId }).select('id', 'signature_png').first()
  if (!row) throw notFound('That agreement is not in the register. Refresh and try again.')
  await ctx.store.audit({ action: 'agreement.signature', target: `agreement:${agreementId}` })
  return { dataUrl: row.signature_png ? signatureDataUrl(row.signature_png) : null }
}
