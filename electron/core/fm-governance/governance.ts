import type { z } from 'zod'
import {
  FM_ROLES,
  type FmAction,
  type FmOverview,
  type FmReview,
  type FmReviewSummary,
  type FmRoleHolder,
  type fmCompleteAction,
  type fmRecordReview,
  type fmSetRole,
} from '../../../shared/features/fm-governance/contract'
import { addMonths, isRealDay, ukDay } from '../../../shared/dates/uk-time'
import { isoDateToUk } from '../../../shared/dates/uk-format'
import { conflict, invalid, notFound } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { displayNameOfRow, findPerson } from '../people/services'
import type { FmReviewActionRow, FmReviewRow, FmRoleRow } from './tables'

const toHolder = (r: FmRoleRow): FmRoleHolder => ({ role: r.role, personId: r.person_id, name: r.name, responsibilities: r.responsibilities, updatedOn: r.updated_on, updatedBy: r.updated_by_name })

type ActionJoin = FmReviewActionRow & { reviewed_on: string }
const toAction = (r: ActionJoin): FmAction => ({ id: r.id, reviewId: r.review_id, reviewedOn: r.reviewed_on, action: r.action, owner: r.owner, dueOn: r.due_on, doneOn: r.done_on, doneNote: r.done_note })

export const actionsQuery = (db: Db) => db('fm_review_actions as a').join('fm_reviews as r', 'r.id', 'a.review_id').select('a.*', 'r.reviewed_on')

function toReview(r: FmReviewRow, actions: FmAction[]): FmReview {
  return {
    id: r.id,
    reviewedOn: r.reviewed_on,
    reviewedBy: r.reviewed_by,
    riskProfile: r.risk_profile,
    filtering: r.filtering,
    iwfList: r.iwf_list === 1,
    counterTerrorismList: r.counter_terrorism_list === 1,
    listsNote: r.lists_note,
    guestNetwork: r.guest_network,
    personalDevices: r.personal_devices,
    overBlocking: r.over_blocking,
    monitoringStrategy: r.monitoring_strategy,
    alertHandling: r.alert_handling,
    nextReviewOn: r.next_review_on,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by_name,
    actions,
  }
}

/** Actions not yet done, soonest due first. */
export async function openActions(db: Db): Promise<FmAction[]> {
  return ((await actionsQuery(db).whereNull('a.done_on').orderBy([{ column: 'a.due_on' }, { column: 'a.id' }])) as ActionJoin[]).map(toAction)
}

/** The latest review's next date: when the yearly review is due. */
export async function nextReviewOn(db: Db): Promise<string | null> {
  const latest = await db('fm_reviews').orderBy([{ column: 'reviewed_on', order: 'desc' }, { column: 'id', order: 'desc' }]).first('next_review_on')
  return latest?.next_review_on ?? null
}

export async function overview(ctx: FeatureContext): Promise<FmOverview> {
  const { db } = ctx.store.requireOpen()
  const holders = new Map((await db('fm_roles')).map((r) => [r.role, toHolder(r)]))
  const counts = (await db('fm_review_actions')
    .select('review_id')
    .count({ n: '*' })
    .select(db.raw('sum(case when done_on is null then 1 else 0 end) as open'))
    .groupBy('review_id')) as unknown as { review_id: number; n: number; open: number }[]
  const byReview = new Map(counts.map((c) => [c.review_id, c]))
  const reviews: FmReviewSummary[] = (await db('fm_reviews').orderBy([{ column: 'reviewed_on', order: 'desc' }, { column: 'id', order: 'desc' }])).map((r) => ({
    id: r.id,
    reviewedOn: r.reviewed_on,
    reviewedBy: r.reviewed_by,
    nextReviewOn: r.next_review_on,
    actions: Number(byReview.get(r.id)?.n ?? 0),
    actionsOpen: Number(byReview.get(r.id)?.open ?? 0),
  }))
  return {
    roles: FM_ROLES.flatMap((role) => holders.get(role) ?? []),
    reviews,
    nextReviewOn: reviews[0]?.nextReviewOn ?? null,
    openActions: await openActions(db),
  }
}

export async function getReview(ctx: FeatureContext, id: number): Promise<FmReview> {
  const { db } = ctx.store.requireOpen()
  const row = await db('fm_reviews').where({ id }).first()
  if (!row) throw notFound('That review is not in the register. Refresh the list and try again.')
  const actions = ((await actionsQuery(db).where('a.review_id', id).orderBy([{ column: 'a.due_on' }, { column: 'a.id' }])) as ActionJoin[]).map(toAction)
  return toReview(row, actions)
}

export async function setRole(ctx: FeatureContext, input: z.output<typeof fmSetRole>): Promise<FmRoleHolder> {
  const { db, session } = ctx.store.requireOpen()
  let name = input.name?.trim() ?? ''
  if (input.personId !== undefined) {
    const person = await findPerson(db, input.personId)
    if (person.archived_at) throw invalid('personId', `${displayNameOfRow(person)} has left the school. Choose someone who is here now.`)
    if (input.role === 'governor' && person.kind !== 'governor') throw invalid('personId', `${displayNameOfRow(person)} is not a governor in the directory. Choose the governor responsible.`)
    if (person.kind === 'pupil') throw invalid('personId', 'A pupil cannot hold this responsibility. Choose a member of staff, a governor, or name an outside provider.')
    name = displayNameOfRow(person)
  }
  const row: FmRoleRow = {
    role: input.role,
    person_id: input.personId ?? null,
    name,
    responsibilities: input.responsibilities,
    updated_on: ukDay(ctx.now()),
    updated_by_name: session.displayName,
  }
  await ctx.store.change({ action: 'fm.setRole', target: `fm-role:${input.role}`, detail: input.personId ? `person:${input.personId}` : 'outside provider' }, async (trx) => {
    await trx('fm_roles').insert(row).onConflict('role').merge()
  })
  return toHolder(row)
}

export async function recordReview(ctx: FeatureContext, input: z.output<typeof fmRecordReview>): Promise<FmReview> {
  const { session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  if (!isRealDay(input.reviewedOn)) throw invalid('reviewedOn', 'The day of the review is not a real date.')
  if (input.reviewedOn > today) throw invalid('reviewedOn', 'Record the review once it has taken place: the date is in the future.')
  const next = input.nextReviewOn ?? addMonths(input.reviewedOn, 12)
  if (!isRealDay(next)) throw invalid('nextReviewOn', 'The next review’s day is not a real date.')
  if (next <= input.reviewedOn) throw invalid('nextReviewOn', 'The next review must come after this one.')
  // The standards ask for a review at least every year.
  if (next > addMonths(input.reviewedOn, 12)) throw invalid('nextReviewOn', `Review filtering and monitoring at least once a year: the next review is due by ${isoDateToUk(addMonths(input.reviewedOn, 12))}.`)
  input.actions.forEach((a, i) => {
    if (!isRealDay(a.dueOn)) throw invalid(`actions.${i}.dueOn`, `Action ${i + 1}: its due date is not a real date.`)
    if (a.dueOn < input.reviewedOn) throw invalid(`actions.${i}.dueOn`, `Action ${i + 1} is due before the review took place: check the date.`)
  })
  const event = { action: 'fm.recordReview', target: null as string | null, detail: `${input.actions.length} action${input.actions.length === 1 ? '' : 's'}` }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('fm_reviews').insert({
      reviewed_on: input.reviewedOn,
      reviewed_by: input.reviewedBy,
      risk_profile: input.riskProfile,
      filtering: input.filtering,
      iwf_list: input.iwfList ? 1 : 0,
      counter_terrorism_list: input.counterTerrorismList ? 1 : 0,
      lists_note: input.listsNote,
      guest_network: input.guestNetwork,
      personal_devices: input.personalDevices,
      over_blocking: input.overBlocking,
      monitoring_strategy: input.monitoringStrategy,
      alert_handling: input.alertHandling,
      next_review_on: next,
      recorded_at: new Date(ctx.now()).toISOString(),
      recorded_by_name: session.displayName,
    })) as number[]
    const reviewId = Number(newId)
    event.target = `fm-review:${reviewId}`
    if (input.actions.length) await trx('fm_review_actions').insert(input.actions.map((a) => ({ review_id: reviewId, action: a.action, owner: a.owner, due_on: a.dueOn })))
    return reviewId
  })
  return getReview(ctx, id)
}

export async function completeAction(ctx: FeatureContext, input: z.output<typeof fmCompleteAction>): Promise<FmAction> {
  const { db } = ctx.store.requireOpen()
  const row = (await actionsQuery(db).where('a.id', input.id).first()) as ActionJoin | undefined
  if (!row) throw notFound('That action is not in the register. Refresh the page and try again.')
  if (row.done_on) throw conflict(`That action was already marked done on ${isoDateToUk(row.done_on)}.`)
  if (!isRealDay(input.doneOn)) throw invalid('doneOn', 'The day it was done is not a real date.')
  if (input.doneOn > ukDay(ctx.now())) throw invalid('doneOn', 'Mark an action done once it is done: the date is in the future.')
  if (input.doneOn < row.reviewed_on) throw invalid('doneOn', 'The action cannot be done before the review that set it: check the date.')
  await ctx.store.change({ action: 'fm.completeAction', target: `fm-action:${input.id}`, detail: '' }, async (trx) => {
    await trx('fm_review_actions').where({ id: input.id }).update({ done_on: input.doneOn, done_note: input.note })
  })
  return toAction({ ...row, done_on: input.doneOn, done_note: input.note })
}
