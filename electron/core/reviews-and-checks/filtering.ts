import type { FILTERING_SORT_KEYS } from '../../../shared/features/reviews-and-checks/contract'
import type { z } from 'zod'
import type { filteringList, filteringRecord } from '../../../shared/features/reviews-and-checks/contract'
import type { FilteringChange, FilteringPage } from '../../../shared/domain/reviews-and-checks'
import { conflict, invalid } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { dayToUk } from './periods'
import { isRealDay, ukDay as ukToday } from '../../../shared/dates/uk-time'
import type { FilteringChangeRow } from './tables'

/** An entry with the id of the entry that corrects it, if one does (a join). */
type ChangeRow = FilteringChangeRow & { corrected_by_id: number | null }

const toChange = (r: ChangeRow): FilteringChange => ({
  id: r.id,
  changedOn: r.changed_on,
  change: r.change,
  targetKind: r.target_kind,
  target: r.target,
  reason: r.reason,
  requestedBy: r.requested_by,
  approvedBy: r.approved_by,
  correctsId: r.corrects_id,
  correctedById: r.corrected_by_id,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by_name,
})

function changesQuery(db: Db) {
  return db('filtering_changes as f').leftJoin('filtering_changes as c', 'c.corrects_id', 'f.id').select('f.*', 'c.id as corrected_by_id')
}

/** The log for a period (by the day of the change), newest first; text finds a site, category, reason or name. */
// A chosen column first, then newest first.
const FILTERING_SORT_SQL: Record<(typeof FILTERING_SORT_KEYS)[number], string> = {
  changedOn: 'f.changed_on',
  change: 'f.change',
  target: 'f.target COLLATE NOCASE',
  requestedBy: 'f.requested_by COLLATE NOCASE',
  approvedBy: 'f.approved_by COLLATE NOCASE',
}

export async function listFilteringChanges(ctx: FeatureContext, q: z.output<typeof filteringList>): Promise<FilteringPage> {
  const { db } = ctx.store.requireOpen()
  if (q.from && !isRealDay(q.from)) throw invalid('from', 'The first day is not a real date.')
  if (q.to && !isRealDay(q.to)) throw invalid('to', 'The last day is not a real date.')
  if (q.from && q.to && q.from > q.to) throw invalid('to', 'The period ends before it starts: check the dates.')
  const query = changesQuery(db)
  if (q.from) query.where('f.changed_on', '>=', q.from)
  if (q.to) query.where('f.changed_on', '<=', q.to)
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.where((w) => {
      for (const column of ['f.target', 'f.reason', 'f.requested_by', 'f.approved_by']) w.orWhereRaw(`${column} LIKE ? ESCAPE '\\'`, [like])
    })
  }
  const [count] = (await db.from(query.clone().as('q')).count({ n: '*' })) as { n: number }[]
  if (q.sort) query.orderByRaw(`${FILTERING_SORT_SQL[q.sort.key]} ${q.sort.order === 'desc' ? 'DESC' : 'ASC'}`)
  const rows = (await query.orderBy([{ column: 'f.changed_on', order: 'desc' }, { column: 'f.id', order: 'desc' }]).offset(q.offset).limit(q.limit)) as ChangeRow[]
  return { rows: rows.map(toChange), total: Number(count?.n ?? 0) }
}

/** Logs a change. Nothing is ever edited: a mistake is put right by a new entry that names the one it corrects. */
export async function recordFilteringChange(ctx: FeatureContext, input: z.output<typeof filteringRecord>): Promise<FilteringChange> {
  const { db, session } = ctx.store.requireOpen()
  if (!isRealDay(input.changedOn)) throw invalid('changedOn', 'The day of the change is not a real date.')
  if (input.changedOn > ukToday(ctx.now())) throw invalid('changedOn', 'Log a change once it is made: the date is in the future.')
  if (input.correctsId) {
    const corrected = (await changesQuery(db).where('f.id', input.correctsId).first()) as ChangeRow | undefined
    if (!corrected) throw invalid('correctsId', 'The entry to correct is not in the log. Refresh the log and try again.')
    if (corrected.corrected_by_id) throw conflict(`The entry of ${dayToUk(corrected.changed_on)} for ${corrected.target} has already been corrected. Correct the correction instead.`)
  }
  const event = { action: 'filtering.record', target: null as string | null, detail: input.correctsId ? `corrects filtering:${input.correctsId}` : input.change }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('filtering_changes').insert({
      changed_on: input.changedOn,
      change: input.change,
      target_kind: input.targetKind,
      target: input.target,
      reason: input.reason,
      requested_by: input.requestedBy,
      approved_by: input.approvedBy,
      corrects_id: input.correctsId ?? null,
      recorded_at: new Date(ctx.now()).toISOString(),
      recorded_by: session.userId,
      recorded_by_name: session.displayName,
    })) as number[]
    event.target = `filtering:${Number(newId)}`
    return Number(newId)
  })
  return toChange((await changesQuery(db).where('f.id', id).first()) as ChangeRow)
}
