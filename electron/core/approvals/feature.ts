import { approvalsKind } from '../../../shared/features/approvals/contract'
import { defineFeature } from '../feature-kit/feature'
import { decideApproval, getApproval, listApprovals, requestApproval, reviewApproval } from './approvals'
import { approvalsTables } from './migrations/0021-approvals'
import { approvalsRegister } from './reports/approvals-register'
import { approvalsAttention } from './attention'
import { approvalReviewsCalendar } from './calendar'
import { approvalsAnnualPack } from './annual-pack'
import { approvalsRetention } from './retention'
import { demoApprovals } from './demo-approvals'

export const approvalsFeature = defineFeature({
  kind: approvalsKind,
  migrations: [approvalsTables],
  reports: { 'approvals-register': approvalsRegister },
  demo: demoApprovals,
  attention: approvalsAttention,
  calendar: [approvalReviewsCalendar],
  annualPack: approvalsAnnualPack,
  retention: approvalsRetention,
  handlers: {
    'approvals.list': (input, ctx) => listApprovals(ctx, input),
    'approvals.get': (input, ctx) => getApproval(ctx, input.id),
    'approvals.request': (input, ctx) => requestApproval(ctx, input),
    'approvals.decide': (input, ctx) => decideApproval(ctx, input),
    'approvals.review': (input, ctx) => reviewApproval(ctx, input),
  },
})
