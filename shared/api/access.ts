import type { Role } from '../domain/roles'

/**
 * Role lists more than one record kind's contract grants access to. A list that belongs to one
 * kind alone stays in that kind's contract.
 */
export const ALL_ROLES = ['manager', 'head', 'dsl', 'ict', 'office'] as const satisfies readonly Role[]
export const MANAGER = ['manager'] as const satisfies readonly Role[]
export const AUDIT_READERS = ['manager', 'head'] as const satisfies readonly Role[]
export const CHECKERS = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]
/** The people directory and agreement records: the business manager writes, the head and DSL read. */
export const PEOPLE_READERS = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]
/** The ICT manager also reads agreement status (with usernames) before granting access (section 7.3). */
export const AUP_READERS = ['manager', 'head', 'dsl', 'ict'] as const satisfies readonly Role[]
/** A safeguarding hold is the business manager's or the DSL's call. */
export const HOLD_SETTERS = ['manager', 'dsl'] as const satisfies readonly Role[]
export const RECEPTION = ['manager', 'office'] as const satisfies readonly Role[]
/** Anyone who may have to call the roll in an evacuation. */
export const ROLL_CALL = ['manager', 'office', 'head', 'dsl'] as const satisfies readonly Role[]
