import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { AppStatus } from '../../../shared/api/contract'
import type { CallContext } from '../api/dispatcher'

/** The file whose presence means the school has been set up in this data folder. */
export const VAULT_FILE = 'vault.json'

export function appStatus(dataDir: string, appVersion: string, ctx: CallContext): AppStatus {
  return {
    appVersion,
    setUp: existsSync(join(dataDir, VAULT_FILE)),
    unlocked: ctx.session !== null,
    user: ctx.session ? { displayName: ctx.session.displayName, role: ctx.session.role } : null,
  }
}
