/**
 * What every API call returns: a value, or a typed error with a message written for a
 * school office, never a stack trace.
 */
export const ERROR_KINDS = [
  'validation',
  'forbidden',
  'locked',
  'not-found',
  'conflict',
  'internal',
] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

export interface ApiError {
  kind: ErrorKind
  /** Plain English: what happened and what to do next. */
  message: string
  /** For validation errors: the input field at fault, as a dotted path ("visitor.name"). */
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.message === 'string' && (ERROR_KINDS as readonly unknown[]).includes(v.kind)
}
