import { join } from 'node:path'

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
