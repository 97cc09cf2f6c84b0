import type { MethodName } from './method-names'
import type { MethodSpec } from './contract-kit'

/** Policy reviews, recurring checks and the filtering change log. */
export const reviewAndCheckMethods = {} as const satisfies Partial<Record<MethodName, MethodSpec>>
