import { draftsKind } from '../../../shared/features/drafts/contract'
import { defineFeature } from '../feature-kit/feature'
import { drafts } from '../db/migrations/0012-drafts'
import { discardDraft, getDraft, saveDraft } from './drafts'

export const draftsFeature = defineFeature({
  kind: draftsKind,
  migrations: [drafts],
  handlers: {
    'drafts.get': (input, ctx) => getDraft(ctx, input),
    'drafts.save': (input, ctx) => saveDraft(ctx, input),
    'drafts.discard': (input, ctx) => discardDraft(ctx, input),
  },
})
