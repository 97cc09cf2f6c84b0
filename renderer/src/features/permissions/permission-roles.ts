import type { Role } from '@shared/domain/roles'

/** Who sees the permission register (the ICT manager and business manager change it; reception sees none of it). */
export const PERMISSION_ROLES: readonly Role[] = ['manager', 'ict', 'head', 'dsl']
export const PERMISSION_WRITERS: readonly Role[] = ['manager', 'ict']
