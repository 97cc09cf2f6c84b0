import type { RegisterStore } from '../store/register-store'

/** What the people, agreement and reception handlers need: the open store and the core's clock. */
export interface FeatureContext {
  store: RegisterStore
  /** The core's clock (tests move it; the app uses Date.now). */
  now: () => number
}
