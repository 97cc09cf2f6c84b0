import type { MethodName } from './method-names'
import type { MethodSpec } from './contract-kit'

/** The password and portable-media permission register. */
export const permissionMethods = {} as const satisfies Partial<Record<MethodName, MethodSpec>>
