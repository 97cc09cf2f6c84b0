import { contract, type MethodSpec } from '@shared/api/contract'
import type { MethodName } from '@shared/api/method-names'
import { ROLES, type Role } from '@shared/domain/roles'

/**
 * The roles the core allows every one of these methods, in the contract's order: the window asks
 * the contract who may do something instead of keeping lists of its own that could drift from it.
 * Hiding a button or a screen is a courtesy; the core refuses a forbidden call anyway.
 */
export function allowedTo(...methods: [MethodName, ...MethodName[]]): readonly Role[] {
  return ROLES.filter((role) => methods.every((m) => mayCall(role, m)))
}

export function mayCall(role: Role, method: MethodName): boolean {
  const access = (contract[method] as MethodSpec).access
  return access === 'anyone' || access.includes(role)
}
