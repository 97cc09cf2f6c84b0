import type { Role } from '@shared/domain/roles'

/** Who reads the policies, checks, filtering log and calendar (the core's access lists say the same). */
export const REVIEW_ROLES: readonly Role[] = ['manager', 'head', 'dsl', 'ict']
