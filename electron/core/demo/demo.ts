import type { MethodInput, MethodOutput } from '../../../shared/api/contract'
import type { MethodName } from '../../../shared/api/method-names'
import { AppError } from '../api/app-error'
import type { Core } from '../core'
import type { RegisterStore } from '../store/register-store'

export const DEMO_SCALES = ['small', 'large'] as const
export type DemoScale = (typeof DEMO_SCALES)[number]

/**
 * The one password every demo account starts with. For demonstrations and training only:
 * anyone reading this source knows it, and each account must change it at first sign-in.
 */
export const DEMO_PASSWORD = 'demo kestrel marmalade tuesday'

export interface DemoContext {
  scale: DemoScale
  password: string
  /** Calls the API as the signed-in user (roles, validation and audit as in the app); throws on failure. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  /** For seeders that add thousands of records at once (in one audited transaction, not one call each). */
  store: RegisterStore
}

/**
 * One record kind's demo records, named in its descriptor (`demo`). Seeders run in the registry's
 * order (electron/core/features.ts), after the ones whose records they need (incidents need users).
 * A seeder skips what is already there, so seeding twice adds nothing twice.
 */
export interface DemoSeeder {
  /** What it adds, as a heading: "Users". */
  name: string
  /** Adds its records and returns one line per thing worth telling (who was added, what was skipped). */
  seed(ctx: DemoContext): Promise<string[]>
}

export interface DemoReport {
  password: string
  sections: { name: string; lines: string[] }[]
}

export function demoContext(core: Core, scale: DemoScale, password: string): DemoContext {
  return {
    scale,
    password,
    store: core.store,
    async call(method, input) {
      const r = await core.call(method, input)
      if (!r.ok) throw new AppError(r.error.kind, r.error.message, r.error.field)
      return r.value as never
    },
  }
}
