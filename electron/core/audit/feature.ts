import { auditKind } from '../../../shared/features/audit/contract'
import { auditSearch } from '../db/migrations/0008-audit-search'
import { defineFeature } from '../feature-kit/feature'
import { auditTrail } from './reports/audit-trail'
import { listAudit } from './audit-trail'
import { demoAuditHistory } from './demo-audit'
import { verifyRegisterAudit } from './verify-register'

export const auditFeature = defineFeature({
  kind: auditKind,
  reports: { 'audit-trail': auditTrail },
  migrations: [auditSearch],
  // Last in the registry: the history it writes runs up to the records the other kinds added.
  demo: demoAuditHistory,
  handlers: {
    'audit.list': (input, ctx) => listAudit(ctx.store.requireOpen().db, input),
    'audit.verify': async (input, ctx) => {
      const { backups, reports } = ctx.services
      const result = await verifyRegisterAudit({ db: ctx.store.requireOpen().db, backups, reports }, input.against)
      const failed = result.brokenAt !== null ? `broken at ${result.brokenAt}` : `${result.anchors.filter((a) => !a.ok).length} copies disagree${result.roles.ok ? '' : '; roles disagree'}`
      await ctx.store.audit({
        action: 'audit.verify',
        target: input.against ? 'against a copy' : null,
        result: result.ok ? 'ok' : 'failed',
        detail: result.ok ? `${result.checked} entries intact; ${result.anchors.length} copies agree` : failed,
      })
      return result
    },
  },
})
