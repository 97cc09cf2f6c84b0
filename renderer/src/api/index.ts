import type { ApiBridge, MethodInput, MethodOutput } from '@shared/api/contract'
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
  throw new ApiCallError(isApiError(r?.error) ? r.error : unreachable)
}
