import { resolve } from 'node:path'
import { currentDataFolder } from '../core/data-folder/location'
import { CliError } from './errors'

/** The folder --data-dir names, or else the one the app on this computer opens (the per-machine folder, or where it was moved). */
export function dataDirFrom(arg: string | undefined): string {
  if (arg !== undefined) return resolve(arg)
  try {
    return currentDataFolder({ platform: process.platform, env: process.env }).dataDir
  } catch (err) {
    throw new CliError(`Could not tell where this computer’s register is (${(err as Error).message}). Name the folder with --data-dir.`)
  }
}
