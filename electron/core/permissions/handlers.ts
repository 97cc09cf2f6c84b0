import type { permissionMethods } from '../../../shared/api/permissions-contract'
import type { HandlersFor } from '../api/dispatcher'
import type { FeatureContext } from '../people/feature-context'
import { findHolders, heldSystems, holdingsOf, leaversHolding, lookupSerial, permissionSummary } from './lookups'
import { getPermission, grantPermission, listPermissions, recordScan, revokePermission } from './permissions'
import { readScanSettings, updateScanSettings } from './scan-settings'

/** The handlers for every method in `permissions-contract.ts`. */
export function permissionHandlers(ctx: FeatureContext): HandlersFor<typeof permissionMethods> {
  return {
    'permissions.list': (input) => listPermissions(ctx, input),
    'permissions.get': (input) => getPermission(ctx, input.id),
    'permissions.grant': (input) => grantPermission(ctx, input),
    'permissions.revoke': (input) => revokePermission(ctx, input.id, input.reason),
    'permissions.recordScan': (input) => recordScan(ctx, input),
    'permissions.lookupSerial': (input) => lookupSerial(ctx, input.serial),
    'permissions.forPerson': (input) => holdingsOf(ctx, input.personId),
    'permissions.holders': (input) => heldSystems(ctx, input.text),
    'permissions.leavers': (input) => leaversHolding(ctx, input.yearGroups),
    'permissions.summary': () => permissionSummary(ctx),
    'permissions.people': (input) => findHolders(ctx, input.text),
    'permissions.settings': () => readScanSettings(ctx.store.requireOpen().db),
    'permissions.updateSettings': (input) => updateScanSettings(ctx, input),
  }
}
