import type { incidentMethods } from '../../../shared/api/incidents-contract'
import type { HandlersFor } from '../api/dispatcher'
import type { FeatureContext } from '../people/feature-context'

/** The handlers for every method in `incidents-contract.ts`. */
export function incidentHandlers(ctx: FeatureContext): HandlersFor<typeof incidentMethods> {
  void ctx
  return {}
}
