import type { Contract } from './contract'

/** A method of the API, by name. The names come from the contract (`contract.ts`). */
export type MethodName = keyof Contract & string

/**
 * Every method's name as the preload needs it: electron.vite.config.ts writes the contract's
 * names into the preload as it is built, so the sandboxed preload builds `window.api` without
 * bundling the contract's validation library.
 */
declare global {
  const __OSR_METHOD_NAMES__: readonly string[]
}

/** The one IPC channel the preload and the main process share. */
export const API_CHANNEL = 'osr:api'
