import type { draftMethods } from '../../../shared/api/drafts-contract'
import type { HandlersFor } from '../api/dispatcher'
import type { FeatureContext } from '../people/feature-context'
import { discardDraft, getDraft, saveDraft } from './drafts'

/** The handlers for every method in `drafts-contract.ts`. */
export function draftHandlers(ctx: FeatureContext): HandlersFor<typeof draftMethods> {
  return {
    'drafts.get': (input) => getDraft(ctx, input),
    'drafts.save': (input) => saveDraft(ctx, input),
    'drafts.discard': (input) => discardDraft(ctx, input),
  }
}
