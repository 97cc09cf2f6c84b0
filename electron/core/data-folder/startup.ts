import { execFile } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { holdsRegister } from '../store/paths'
import { checkDataFolder, type FolderProbe } from './check-folder'
import { currentDataFolder, type Machine } from './location'
import { moveDataFolder } from './move-folder'

export type StartupFolder =
  | { ok: true; dataDir: string; notes: string[] }
  /** The app must not open the register here: show `reason` and quit. */
  | { ok: false; dataDir: string; reason: string }

export interface StartupOptions {
  machine: Machine
  /**
   * Where earlier versions kept the register (Electron's per-user app-data folder). A register
   * found there, with none in the per-machine folder, is moved across once.
   */
  legacyDir?: string
  probe?: FolderProbe
  /** Lets every Windows account on the computer change files in a folder the app creates (the app: icacls). */
  shareWithAllUsers?: (folder: string) => Promise<void>
}

/**
 * Which folder the app opens at start-up, before anything else touches the disk: the per-machine
 * folder, or the place the business manager moved the register to. A folder that has become
 * synced or a network drive is refused with the reason (the app shows it and quits) rather
 * than opened and risked.
 */
export async function dataFolderAtStartup(options: StartupOptions): Promise<StartupFolder> {
  const { machine, legacyDir } = options
  let location
  try {
    location = currentDataFolder(machine)
  } catch (err) {
    return { ok: false, dataDir: '', reason: `The note of where the records are could not be read (${(err as Error).message}). Ask the school’s IT support to check it, or use the command line’s --data-dir.` }
  }
  const { dataDir, defaultDir, moved } = location
  const check = await checkDataFolder(dataDir, machine, options.probe)
  if (!check.ok) {
    const where = moved ? `The records were moved to ${dataDir}. ` : ''
    return { ok: false, dataDir, reason: `${where}${check.reason} Move the folder back to this computer’s disk (or ask IT support), then open the app again.` }
  }

  const notes: string[] = []
  if (!existsSync(defaultDir)) {
    mkdirSync(defaultDir, { recursive: true })
    await options.shareWithAllUsers?.(defaultDir).catch((err: unknown) => notes.push(`Could not let every account change ${defaultDir}: ${String(err)}`))
  }
  if (!moved && legacyDir && !holdsRegister(dataDir) && holdsRegister(legacyDir)) {
    try {
      await moveDataFolder(legacyDir, dataDir, { machine, probe: options.probe, registerFilesOnly: true })
      notes.push(`Moved the register from ${legacyDir} to ${dataDir}, where every account on this computer opens it.`)
    } catch (err) {
      // Never leave a school without its records: keep using the old place, and say so in the log.
      notes.push(`The register stays in ${legacyDir}: ${(err as Error).message}`)
      return { ok: true, dataDir: legacyDir, notes }
    }
  }
  return { ok: true, dataDir, notes }
}

/**
 * On Windows a folder made in ProgramData lets other accounts read, not change, what the first
 * account wrote. Grants the built-in Users group (by its SID, whatever the language of Windows)
 * modify rights, inherited by everything inside.
 */
export function grantUsersModify(folder: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('icacls', [folder, '/grant', '*S-1-5-32-545:(OI)(CI)M'], { timeout: 15_000, windowsHide: true }, (err) => (err ? reject(err) : resolve()))
  })
}
