import type { z } from 'zod'
import type { commentarySave } from '../../../shared/features/annual-review/contract'
import type { AnnualCommentary } from '../../../shared/domain/annual-review'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'

/**
 * What the headteacher wrote for a year, or an empty page to start from. Before anything is saved
 * the headteacher's name is the signed-in headteacher's, or else the one headteacher with an account.
 */
export async function readCommentary(ctx: FeatureContext, db: Db, startYear: number): Promise<AnnualCommentary> {
  const row = await db('annual_reviews').where({ start_year: startYear }).first()
  if (row) {
    return {
      startYear,
      commentary: row.commentary,
      priorities: row.priorities,
      headName: row.head_name,
      chairName: row.chair_name,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by_name,
    }
  }
  const session = ctx.store.session
  const heads = (await db('users').where({ role: 'head' }).whereNull('disabled_at').pluck('display_name')) as string[]
  const headName = session?.role === 'head' ? session.displayName : heads.length === 1 ? heads[0]! : ''
  return { startYear, commentary: '', priorities: '', headName, chairName: '', updatedAt: null, updatedBy: null }
}

export async function getCommentary(ctx: FeatureContext, startYear: number): Promise<AnnualCommentary> {
  return readCommentary(ctx, ctx.store.requireOpen().db, startYear)
}

/** Keeps the commentary for the year (one row per year; the audit trail says who changed it and when). */
export async function saveCommentary(ctx: FeatureContext, input: z.output<typeof commentarySave>): Promise<AnnualCommentary> {
  const { session, db } = ctx.store.requireOpen()
  const at = new Date(ctx.now()).toISOString()
  const row = {
    start_year: input.startYear,
    commentary: input.commentary.trim(),
    priorities: input.priorities.trim(),
    head_name: input.headName,
    chair_name: input.chairName,
    updated_at: at,
    updated_by: session.userId,
    updated_by_name: session.displayName,
  }
  await ctx.store.change(
    { action: 'annualReview.commentary', target: `year:${input.startYear}`, detail: `${row.commentary.length} + ${row.priorities.length} characters` },
    (trx) => trx('annual_reviews').insert(row).onConflict('start_year').merge(),
  )
  return readCommentary(ctx, db, input.startYear)
}
