import type { CategoryQuestion, IncidentCategory, ProcedureStep } from '../../../shared/domain/incidents'
import { conflict, invalid, notFound } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { mayUseCategory, toCategory } from './incident-access'
import { refreshIncident } from './incident-state'
import { rewrapDataKey } from './incident-keys'

/** Every category with how often it is used; the ICT manager sees only theirs. */
export async function listCategories(ctx: FeatureContext): Promise<IncidentCategory[]> {
  const { db, session } = ctx.store.requireOpen()
  const rows = await db('incident_categories').orderBy('id')
  const counts = (await db('incidents').select('category_id').count({ n: '*' }).groupBy('category_id')) as { category_id: number; n: number }[]
  const used = new Map(counts.map((c) => [c.category_id, Number(c.n)]))
  return rows.filter((r) => mayUseCategory(session.role, r)).map((r) => toCategory(r, used.get(r.id) ?? 0))
}

export interface CategoryInput {
  id?: number | undefined
  name: string
  steps: ProcedureStep[]
  noFiles: boolean
  ict: boolean
  /** Left as they were when not given (a new category then asks nothing more). */
  asks?: CategoryQuestion[] | undefined
}

/**
 * Adds a category, or changes one's name, procedure or flags. Entries already recorded keep the
 * category name they were signed with; their checklists follow the new procedure.
 */
export async function saveCategory(ctx: FeatureContext, input: CategoryInput): Promise<IncidentCategory[]> {
  const { db } = ctx.store.requireOpen()
  const clash = (await db('incident_categories').whereRaw('name = ? COLLATE NOCASE', [input.name]).first('id')) as { id: number } | undefined
  if (clash && clash.id !== input.id) throw invalid('name', 'There is already a category with that name. Choose another name, or change that one.')
  const columns = {
    name: input.name,
    steps: JSON.stringify([...new Set(input.steps)]),
    no_files: input.noFiles ? 1 : 0,
    ict: input.ict ? 1 : 0,
    ...(input.asks ? { asks: JSON.stringify([...new Set(input.asks)]) } : {}),
  }
  const event = { action: input.id ? 'incident.category.update' : 'incident.category.create', target: input.id ? `incident-category:${input.id}` : 'incident-category' }
  await ctx.store.change(event, async (trx) => {
    if (input.id) {
      const before = await trx('incident_categories').where({ id: input.id }).first()
      if (!before) throw notFound('That category is not in the register any more. Reload the list.')
      if (before.no_files && !input.noFiles) {
        const [{ n }] = (await trx('incidents').where({ category_id: input.id }).count({ n: '*' })) as [{ n: number }]
        if (Number(n) > 0) throw conflict('Entries in this category are about images that must never be copied: it must keep refusing evidence files.')
      }
      await trx('incident_categories').where({ id: input.id }).update(columns)
      const ids = (await trx('incidents').where({ category_id: input.id }).pluck('id')) as number[]
      // Marked for the ICT manager, or no longer: its entries' data keys are wrapped with the other role key.
      if (!!before.ict !== input.ict) for (const id of ids) await rewrapDataKey(trx, ctx.store, id, input.ict)
      // Checklist counts follow the new procedure.
      for (const id of ids) await refreshIncident(trx, ctx.store, id)
    } else {
      const [id] = await trx('incident_categories').insert({ ...columns, created_at: new Date(ctx.now()).toISOString() })
      event.target = `incident-category:${Number(id)}`
    }
  })
  return listCategories(ctx)
}

/** Retires a category (no new entries use it) or brings it back. Categories are never deleted. */
export async function retireCategory(ctx: FeatureContext, input: { id: number; retired: boolean }): Promise<IncidentCategory[]> {
  await ctx.store.change({ action: input.retired ? 'incident.category.retire' : 'incident.category.restore', target: `incident-category:${input.id}` }, async (trx) => {
    const before = await trx('incident_categories').where({ id: input.id }).first()
    if (!before) throw notFound('That category is not in the register any more. Reload the list.')
    if (!!before.retired_at === input.retired) {
      const off = before.origin ? 'switched off' : 'retired'
      throw conflict(input.retired ? `That category is already ${off}.` : 'That category is already in use.')
    }
    await trx('incident_categories').where({ id: input.id }).update({ retired_at: input.retired ? new Date(ctx.now()).toISOString() : null })
  })
  return listCategories(ctx)
}
