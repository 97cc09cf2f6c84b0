import { contract, type ApiBridge, type MethodInput, type MethodOutput } from '@shared/api/contract'
import type { MethodName } from '@shared/api/method-names'
import { isApiError, type ApiError } from '@shared/api/result'

/** Thrown by `call` when the core refuses or fails: carries the core's plain-English message. */
export class ApiCallError extends Error {
  readonly kind: ApiError['kind']
  readonly field: string | undefined

  constructor(error: ApiError) {
    super(error.message)
    this.name = 'ApiCallError'
    this.kind = error.kind
    this.field = error.field
  }
}

const unreachable: ApiError = {
  kind: 'internal',
  message: 'The app window lost touch with the records. Please close the app and open it again.',
}

function bridge(): ApiBridge {
  return window.api
}

type LockedListener = (error: ApiCallError) => void
let lockedListener: LockedListener | null = null

/**
 * Who to tell when the core answers that the register has locked itself (idle lock in the
 * core, or another window locked it). One place handles it, so no screen has to.
 */
export function onRegisterLocked(listener: LockedListener | null): void {
  lockedListener = listener
}

/**
 * 'locked' from a method open to anyone means something else: from `session.login` it is
 * "too many attempts, wait", which the sign-in screen shows itself. `app.status` answers
 * 'locked' only when the process holding the records stopped while it was asked.
 */
function meansRegisterLocked(method: MethodName, error: ApiCallError): boolean {
  return error.kind === 'locked' && (contract[method].access !== 'anyone' || method === 'app.status')
}

/**
 * The renderer's one way to reach the core. Resolves with the value, or throws an
 * ApiCallError whose message can be shown to the user as it is.
 */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  let result: unknown
  try {
    result = await bridge()[method](input)
  } catch {
    throw new ApiCallError(unreachable)
  }
  const r = result as { ok?: unknown; value?: unknown; error?: unknown }
  if (r && r.ok === true) return r.value as MethodOutput<M>
  const error = new ApiCallError(isApiError(r?.error) ? r.error : unreachable)
  if (meansRegisterLocked(method, error)) lockedListener?.(error)
  throw error
}

/** The message to show for anything a call threw, even something that is not an ApiCallError. */
export function messageOf(err: unknown, fallback = 'Something went wrong. Please try again.'): string {
  return err instanceof ApiCallError ? err.message : fallback
}
