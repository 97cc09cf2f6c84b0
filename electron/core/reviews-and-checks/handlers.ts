import type { reviewAndCheckMethods } from '../../../shared/api/reviews-and-checks-contract'
import type { HandlersFor } from '../api/dispatcher'
import type { FeatureContext } from '../people/feature-context'

/** The handlers for every method in `reviews-and-checks-contract.ts`. */
export function reviewAndCheckHandlers(ctx: FeatureContext): HandlersFor<typeof reviewAndCheckMethods> {
  void ctx
  return {}
}
