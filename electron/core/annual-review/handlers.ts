import type { annualReviewMethods } from '../../../shared/api/annual-review-contract'
import type { HandlersFor } from '../api/dispatcher'
import { dashboard } from '../dashboard/dashboard'
import type { FeatureContext } from '../people/feature-context'
import { annualFigures } from './annual-figures'
import { getCommentary, saveCommentary } from './commentary'

/** The handlers for every method in `annual-review-contract.ts`. */
export function annualReviewHandlers(ctx: FeatureContext): HandlersFor<typeof annualReviewMethods> {
  return {
    'annualReview.figures': async (input) => {
      const figures = await annualFigures(ctx, input.startYear)
      await ctx.store.audit({ action: 'annualReview.read', target: `year:${input.startYear}` })
      return figures
    },
    'annualReview.commentary': (input) => getCommentary(ctx, input.startYear),
    'annualReview.saveCommentary': (input) => saveCommentary(ctx, input),
    'dashboard.get': () => dashboard(ctx),
  }
}
