import type { ApiError, ErrorKind } from '../../../shared/api/result'

/**
 * An error the core means to show the user. Anything else thrown by a handler is a bug:
 * the dispatcher logs it and shows a generic "internal" message instead.
 */
export class AppError extends Error {
  readonly kind: ErrorKind
  readonly field: string | undefined

  constructor(kind: ErrorKind, message: string, field?: string) {
    super(message)
    this.name = 'AppError'
    this.kind = kind
    this.field = field
  }

  toApiError(): ApiError {
    return this.field === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, field: this.field }
  }
}

export const notFound = (message: string) => new AppError('not-found', message)
export const conflict = (message: string) => new AppError('conflict', message)
export const invalid = (field: string, message: string) => new AppError('validation', message, field)
