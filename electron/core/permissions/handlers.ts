import type { permissionMethods } from '../../../shared/api/permissions-contract'
import type { HandlersFor } from '../api/dispatcher'
import type { FeatureContext } from '../people/feature-context'

/** The handlers for every method in `permissions-contract.ts`. */
export function permissionHandlers(ctx: FeatureContext): HandlersFor<typeof permissionMethods> {
  void ctx
  return {}
}
