import { annualReviewKind } from '../../../shared/features/annual-review/contract'
import { defineFeature } from '../feature-kit/feature'
import { annualReviewPack } from './reports/annual-review'
import { annualReview } from '../db/migrations/0007-annual-review'
import { annualFigures } from './annual-figures'
import { getCommentary, saveCommentary } from './commentary'

export const annualReviewFeature = defineFeature({
  kind: annualReviewKind,
  reports: { 'annual-review': annualReviewPack },
  migrations: [annualReview],
  handlers: {
    'annualReview.figures': async (input, ctx) => {
      const figures = await annualFigures(ctx, ctx.services.features.annualPack, input.startYear)
      await ctx.store.audit({ action: 'annualReview.read', target: `year:${input.startYear}` })
      return figures
    },
    'annualReview.commentary': (input, ctx) => getCommentary(ctx, input.startYear),
    'annualReview.saveCommentary': (input, ctx) => saveCommentary(ctx, input),
  },
})
