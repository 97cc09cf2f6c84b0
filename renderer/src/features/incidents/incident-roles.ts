import type { Role } from '@shared/domain/roles'

/** Who keeps the incident log. The ICT manager sees only the filtering and security categories (the core filters). */
export const INCIDENT_ROLES: readonly Role[] = ['manager', 'head', 'dsl', 'ict']
/** Who sees the count of entries waiting for the DSL, and may check the whole log's signatures. */
export const SAFEGUARDING_ROLES: readonly Role[] = ['manager', 'head', 'dsl']
/** Who may bring in an earlier log from a spreadsheet. */
export const IMPORT_ROLES: readonly Role[] = ['manager', 'dsl']
