import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { vaultExists } from '../vault/vault-file'

/** Where everything lives inside the data folder (the user's app-data folder in the app). */
export function dataPaths(dataDir: string) {
  return {
    dataDir,
    database: join(dataDir, 'register.db'),
    /** Present only while set-up runs: a database beside it without a vault is half-made, not orphaned. */
    setupMarker: join(dataDir, 'setup-in-progress'),
    backups: join(dataDir, 'backups'),
    logs: join(dataDir, 'logs'),
  }
}

export type DataPaths = ReturnType<typeof dataPaths>

/**
 * Whether the folder holds a school's register: a vault, or a database that is not a
 * half-finished set-up (or restore). Logs, backups and the sign-in counter do not count.
 */
export function holdsRegister(dataDir: string): boolean {
  if (vaultExists(dataDir)) return true
  const paths = dataPaths(dataDir)
  return existsSync(paths.database) && !existsSync(paths.setupMarker)
}
