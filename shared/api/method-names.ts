/**
 * Every method of the API, by name. Kept apart from the contract (which needs zod) so the
 * sandboxed preload can build `window.api` from it without bundling a validation library.
 * `contract.ts` is type-checked against this list, so the two cannot drift apart.
 */
export const METHOD_NAMES = ['app.status'] as const

export type MethodName = (typeof METHOD_NAMES)[number]

/** The one IPC channel the preload and the main process share. */
export const API_CHANNEL = 'osr:api'
