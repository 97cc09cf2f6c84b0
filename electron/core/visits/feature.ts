import { visitsKind } from '../../../shared/features/visits/contract'
import { defineFeature } from '../feature-kit/feature'
import { rollCall, visitorLog } from './reports/visits'
import { readReceptionSettings, updateReceptionSettings } from './reception-settings'
import { previewRetention, runRetention } from './retention'
import { currentAupFor, registerVisitor, searchVisitors, updateVisitor } from './visitors'
import { autoSignOut, listVisits, onSite, signIn, signOut, undoSignOut } from './visits'

export const visitsFeature = defineFeature({
  kind: visitsKind,
  reports: { 'visitor-log': visitorLog, 'roll-call': rollCall },
  retention: { name: 'visitor records', run: runRetention },
  handlers: {
    'visitors.search': (input, ctx) => searchVisitors(ctx, input),
    'visitors.register': (input, ctx) => registerVisitor(ctx, input),
    'visitors.update': (input, ctx) => updateVisitor(ctx, input),
    'visitors.currentAup': (input, ctx) => currentAupFor(ctx, input),
    'visits.signIn': (input, ctx) => signIn(ctx, input),
    'visits.signOut': (input, ctx) => signOut(ctx, input.visitId),
    'visits.undoSignOut': (input, ctx) => undoSignOut(ctx, input.visitId),
    'visits.onSite': (_input, ctx) => onSite(ctx),
    'visits.autoSignOut': (_input, ctx) => autoSignOut(ctx),
    'visits.list': (input, ctx) => listVisits(ctx, input),
    'visits.settings': (_input, ctx) => readReceptionSettings(ctx.store.requireOpen().db),
    'visits.updateSettings': (input, ctx) => updateReceptionSettings(ctx, input),
    'retention.preview': (_input, ctx) => previewRetention(ctx),
    'retention.run': (_input, ctx) => runRetention(ctx),
  },
})
