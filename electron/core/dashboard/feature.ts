import { dashboardKind } from '../../../shared/features/dashboard/contract'
import { defineFeature } from '../feature-kit/feature'
import { dashboard } from './dashboard'

export const dashboardFeature = defineFeature({
  kind: dashboardKind,
  handlers: {
    'dashboard.get': (_input, ctx) => dashboard(ctx, ctx.services.features.attention),
  },
})
