import { dashboardMethods } from '../../../shared/api/dashboard-contract'
import { defineFeature } from '../feature-kit/feature'
import { dashboard } from './dashboard'

export const dashboardFeature = defineFeature({
  name: 'dashboard',
  contract: dashboardMethods,
  handlers: {
    'dashboard.get': (_input, ctx) => dashboard(ctx, ctx.services.features.attention),
  },
})
