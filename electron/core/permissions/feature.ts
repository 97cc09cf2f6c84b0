import { permissionsKind } from '../../../shared/features/permissions/contract'
import { defineFeature } from '../feature-kit/feature'
import { permissionRegister } from './reports/permission-register'
import { permissions as permissionsMigration } from '../db/migrations/0006-permissions'
import { permissionsAttention } from './attention'
import { demoPermissions } from './demo-permissions'
import { permissionRegisterCheck } from './register-check'
import { findHolders, heldSystems, holdingsOf, leaversHolding, lookupSerial, permissionSummary } from './lookups'
import { getPermission, grantPermission, listPermissions, recordScan, revokePermission } from './permissions'
import { readScanSettings, updateScanSettings } from './scan-settings'

export const permissionsFeature = defineFeature({
  kind: permissionsKind,
  reports: { 'permission-register': permissionRegister },
  migrations: [permissionsMigration],
  demo: demoPermissions,
  checks: [permissionRegisterCheck],
  attention: permissionsAttention,
  handlers: {
    'permissions.list': (input, ctx) => listPermissions(ctx, input),
    'permissions.get': (input, ctx) => getPermission(ctx, input.id),
    'permissions.grant': (input, ctx) => grantPermission(ctx, input),
    'permissions.revoke': (input, ctx) => revokePermission(ctx, input.id, input.reason),
    'permissions.recordScan': (input, ctx) => recordScan(ctx, input),
    'permissions.lookupSerial': (input, ctx) => lookupSerial(ctx, input.serial),
    'permissions.forPerson': (input, ctx) => holdingsOf(ctx, input.personId),
    'permissions.holders': (input, ctx) => heldSystems(ctx, input.text),
    'permissions.leavers': (input, ctx) => leaversHolding(ctx, input.yearGroups),
    'permissions.summary': (_input, ctx) => permissionSummary(ctx),
    'permissions.people': (input, ctx) => findHolders(ctx, input.text),
    'permissions.settings': (_input, ctx) => readScanSettings(ctx.store.requireOpen().db),
    'permissions.updateSettings': (input, ctx) => updateScanSettings(ctx, input),
  },
})
