import { getCurrentScope, onScopeDispose } from 'vue'

export interface Debounced<A extends unknown[]> {
  (...args: A): void
  /** Drops a pause still waiting, so `run` is not called for it. */
  cancel(): void
}

/**
 * Calls `run` once the typing has paused for `ms` (each new call starts the pause again).
 * A pause still waiting when the screen closes is dropped: otherwise the search reaches the
 * core after the screen has gone, and after F9 the locked core's refusal replaces "the screen
 * was hidden" on the sign-in screen with "the register locked itself".
 */
export function useDebounced<A extends unknown[]>(run: (...args: A) => void, ms: number): Debounced<A> {
  let waiting: ReturnType<typeof setTimeout> | undefined
  const cancel = (): void => {
    clearTimeout(waiting)
    waiting = undefined
  }
  const debounced = (...args: A): void => {
    cancel()
    waiting = setTimeout(() => {
      waiting = undefined
      run(...args)
    }, ms)
  }
  if (getCurrentScope()) onScopeDispose(cancel)
  return Object.assign(debounced, { cancel })
}
