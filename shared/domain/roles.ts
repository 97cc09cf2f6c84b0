/**
 * The five roles a person can hold in the app (DESIGN.md, "Who uses it").
 * Every API method names the roles allowed to call it; the core checks this on every call.
 */
export const ROLES = ['manager', 'head', 'dsl', 'ict', 'office'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  manager: 'School business manager',
  head: 'Headteacher',
  dsl: 'Designated safeguarding lead',
  ict: 'ICT manager',
  office: 'Office staff (reception)',
}

/** Roles that see everything the school records (not reception, not ICT-only). */
export const SENIOR_ROLES = ['manager', 'head', 'dsl'] as const satisfies readonly Role[]
