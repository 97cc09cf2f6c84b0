import { fmGovernanceKind } from '../../../shared/features/fm-governance/contract'
import { defineFeature } from '../feature-kit/feature'
import { listAlerts, recordAlert, triageAlert } from './alerts'
import { fmAnnualPack } from './annual-pack'
import { demoFm } from './demo-fm'
import { fmAttention, fmCalendar } from './due-dates'
import { completeAction, getReview, overview, recordReview, setRole } from './governance'
import { fmGovernanceTables } from './migrations/0022-fm-governance'
import { fmGovernanceReport } from './reports/fm-governance'
import { runFmRetention } from './retention'

export const fmGovernanceFeature = defineFeature({
  kind: fmGovernanceKind,
  migrations: [fmGovernanceTables],
  reports: { 'fm-governance': fmGovernanceReport },
  demo: demoFm,
  attention: fmAttention,
  calendar: [fmCalendar],
  annualPack: fmAnnualPack,
  retention: { name: 'closed monitoring alerts', run: runFmRetention },
  handlers: {
    'fm.overview': (_input, ctx) => overview(ctx),
    'fm.review': (input, ctx) => getReview(ctx, input.id),
    'fm.setRole': (input, ctx) => setRole(ctx, input),
    'fm.recordReview': (input, ctx) => recordReview(ctx, input),
    'fm.completeAction': (input, ctx) => completeAction(ctx, input),
    'fm.alerts': (input, ctx) => listAlerts(ctx, input),
    'fm.recordAlert': (input, ctx) => recordAlert(ctx, input),
    'fm.triageAlert': (input, ctx) => triageAlert(ctx, input),
  },
})
