import { z } from 'zod'
import type { Role } from '../domain/roles'
import type { MethodName } from './method-names'
import type { Result } from './result'

/**
 * Who may call a method:
 * - `'anyone'`: also while the app is locked or not yet set up (status, set-up, log in);
 * - a list of roles: only a signed-in user holding one of them.
 */
export type Access = 'anyone' | readonly Role[]

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  /** One line for the map of the code and for error logs. */
  summary: string
  access: Access
  input: I
  /** Phantom: carries the result type; never read at run time. */
  output: O
}

/** Declares a method's result type without a run-time schema. */
function returns<O>(): O {
  return undefined as O
}

const noInput = z.object({}).strict()

export interface AppStatus {
  appVersion: string
  /** Whether the school has been set up in this data folder. */
  setUp: boolean
  /** Whether someone is signed in and the records are open. */
  unlocked: boolean
  user: { displayName: string; role: Role } | null
}

export const contract = {
  'app.status': {
    summary: 'The app version and whether the data folder is set up and unlocked',
    access: 'anyone',
    input: noInput,
    output: returns<AppStatus>(),
  },
} as const satisfies Record<MethodName, MethodSpec>

export type Contract = typeof contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = Contract[M]['output']

/** The shape of `window.api`: one function per method, each resolving to a Result. */
export type ApiBridge = {
  readonly [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>
}
