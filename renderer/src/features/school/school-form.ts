import { schoolProfile } from '@shared/api/fields'
import type { SchoolProfile } from '@shared/domain/school'
import type { FieldErrors } from '@/lib/field-errors'

export const MAX_DEPUTIES = 10

/** The fields of the school profile form, as the core names them. */
export const SCHOOL_FIELDS = ['name', 'address', 'urn', 'dslName', 'onlineSafetyGovernor'] as const

export function emptySchool(): SchoolProfile {
  return { name: '', address: '', urn: '', dslName: '', deputyDslNames: [], onlineSafetyGovernor: '' }
}

export function schoolFieldNames(form: SchoolProfile): string[] {
  return [...SCHOOL_FIELDS, 'deputyDslNames', ...form.deputyDslNames.map((_, i) => `deputyDslNames.${i}`)]
}

/**
 * Checks the form with the contract's own rules, so messages match the core's. Blank deputy
 * rows are dropped from the form first (an empty row left after "Add" is not an error).
 * Returns what to send, or null after putting the messages under the fields.
 */
export function checkSchool(form: SchoolProfile, errors: FieldErrors): SchoolProfile | null {
  form.deputyDslNames = form.deputyDslNames.filter((d) => d.trim() !== '')
  const parsed = schoolProfile.safeParse(form)
  if (!parsed.success) errors.fromIssues(parsed.error.issues)
  return parsed.success && !errors.has() ? parsed.data : null
}
