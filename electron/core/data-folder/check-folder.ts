import { execFile } from 'node:child_process'
import { existsSync, statfsSync } from 'node:fs'
import { defaultDataFolder, pathsFor, type Machine } from './location'

/**
 * What the check may ask of the computer beyond the path itself. The app uses the real ones;
 * tests pass their own to stand for a network drive they cannot mount.
 */
export interface FolderProbe {
  /** The file-system type number of the nearest existing folder (Linux statfs f_type), or null when unknown. */
  fileSystemType?: (folder: string) => number | null
  /** Windows drive letters (upper case, no colon) that are mapped network drives. */
  networkDrives?: () => Promise<string[]>
}

export type FolderPlace =
  | { kind: 'local' }
  | { kind: 'relative' }
  | { kind: 'network'; why: string }
  | { kind: 'synced'; service: string }

/** Linux statfs magic numbers of network file systems (linux/magic.h, and FUSE, which is how most cloud mounts appear). */
const NETWORK_FILE_SYSTEMS: Record<number, string> = {
  0x6969: 'an NFS network share',
  0x517b: 'an SMB network share',
  0xff534d42: 'a Windows (CIFS) network share',
  0xfe534d42: 'a Windows (SMB2) network share',
  0x5346414f: 'an AFS network share',
  0x00c36400: 'a Ceph network share',
  0x65735546: 'a FUSE mount (often a network or cloud drive)',
}

/**
 * Where a folder is, as far as the register is concerned: on this computer's own disk, on a
 * network, or inside a folder a cloud service keeps in sync. Names are compared without case
 * because Windows and macOS ignore it.
 */
export async function placeOf(folder: string, machine: Machine, probe: FolderProbe = realProbe(machine)): Promise<FolderPlace> {
  const p = pathsFor(machine.platform)
  if (!p.isAbsolute(folder) || (machine.platform === 'win32' && !/^([A-Za-z]:[\\/]|\\\\)/.test(folder))) return { kind: 'relative' }
  const full = p.resolve(folder)
  const lower = full.toLowerCase()

  if (machine.platform === 'win32' && full.startsWith('\\\\')) return { kind: 'network', why: 'is on another computer on the network' }

  for (const name of ['OneDrive', 'OneDriveCommercial', 'OneDriveConsumer']) {
    const root = machine.env[name]
    if (root && p.isAbsolute(root) && isInside(lower, p.resolve(root).toLowerCase(), p.sep)) return { kind: 'synced', service: 'OneDrive' }
  }
  const segments = full.split(/[\\/]/).map((s) => s.toLowerCase())
  const service = syncedService(segments)
  if (service) return { kind: 'synced', service }

  if (machine.platform === 'win32' && probe.networkDrives) {
    const letter = full[0]!.toUpperCase()
    const mapped = await probe.networkDrives().catch((): string[] => [])
    if (mapped.includes(letter)) return { kind: 'network', why: `is on ${letter}:, a drive mapped to a network share` }
  }
  if (machine.platform !== 'win32' && probe.fileSystemType) {
    const type = probe.fileSystemType(full)
    const what = type === null ? undefined : NETWORK_FILE_SYSTEMS[type]
    if (what) return { kind: 'network', why: `is on ${what}` }
  }
  return { kind: 'local' }
}

function isInside(child: string, parent: string, sep: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

/** The cloud service whose folder this is, from the folder names those services create. */
function syncedService(segments: string[]): string | null {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!
    if (s.startsWith('onedrive')) return 'OneDrive'
    if (s === 'dropbox' || s.startsWith('dropbox (')) return 'Dropbox'
    if (s === 'my drive' || s === 'google drive' || s === 'googledrive' || s === 'shared drives') return 'Google Drive'
    if (s === 'icloud drive' || s === 'iclouddrive' || s === 'com~apple~clouddocs' || s === 'mobile documents') return 'iCloud Drive'
    if (s === 'box' || s === 'box sync' || s === 'box drive') return 'Box'
    // macOS keeps every file-provider cloud folder (OneDrive, Dropbox, Google Drive, Box) here.
    if (s === 'cloudstorage' && segments[i - 1] === 'library') return 'a cloud service'
  }
  return null
}

export type FolderCheck = { ok: true } | { ok: false; reason: string }

/**
 * Whether the live register may be kept in this folder. The encrypted database is written
 * a page at a time: a sync service can put another computer's older copy over it, and a
 * network drive can drop a write, and either can leave a damaged database. So both are refused,
 * with the reason, and a relative path (which would land wherever the app was started from).
 */
export async function checkDataFolder(folder: string, machine: Machine, probe?: FolderProbe): Promise<FolderCheck> {
  const place = await placeOf(folder, machine, probe)
  const example = `Choose a folder on this computer’s own disk, such as ${defaultDataFolder(machine)}.`
  switch (place.kind) {
    case 'local':
      return { ok: true }
    case 'relative':
      return { ok: false, reason: `“${folder}” is not a whole path. Give the folder from the drive or the top folder. ${example}` }
    case 'network':
      return {
        ok: false,
        reason:
          `This folder ${place.why}. The register must live on this computer’s own disk: if the network drops while the ` +
          `encrypted database is being written, it can be damaged. ${example}`,
      }
    case 'synced':
      return {
        ok: false,
        reason:
          `This folder is inside ${place.service}. The register must live on this computer’s own disk: a synced copy can be ` +
          `overwritten by another computer’s older copy and the encrypted database can be damaged. ${example}`,
      }
  }
}

/**
 * A warning (never a refusal) for a folder that readable copies are saved into: the user may
 * mean to share the file, but should know it will leave this computer.
 */
export async function exportFolderWarning(folder: string, machine: Machine, probe?: FolderProbe): Promise<string | null> {
  const place = await placeOf(folder, machine, probe)
  if (place.kind === 'synced') return `This folder is synced to ${place.service}: a copy of the file will leave this computer and be stored online.`
  if (place.kind === 'network') return `This folder ${place.why}: other people with access to that share will be able to open the file.`
  return null
}

/** The probe the app uses: statfs on Linux and macOS, `net use` on Windows. */
export function realProbe(machine: Machine): FolderProbe {
  if (machine.platform === 'win32') return { networkDrives: windowsNetworkDrives }
  return {
    fileSystemType(folder) {
      const p = pathsFor(machine.platform)
      let dir = folder
      while (!existsSync(dir) && p.dirname(dir) !== dir) dir = p.dirname(dir)
      try {
        // macOS numbers file systems in the order they were loaded: only Linux's numbers mean something fixed.
        return machine.platform === 'linux' ? statfsSync(dir).type : null
      } catch {
        return null
      }
    },
  }
}

function windowsNetworkDrives(): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('net', ['use'], { timeout: 5000, windowsHide: true }, (err, stdout) => resolve(err ? [] : parseNetUse(stdout)))
  })
}

/** Drive letters from `net use` output ("OK   Z:   \\server\share   Microsoft Windows Network"), whatever the language of the status words. */
export function parseNetUse(output: string): string[] {
  const letters = new Set<string>()
  for (const line of output.split(/\r?\n/)) {
    const m = /(?:^|\s)([A-Za-z]):\s+\\\\\S/.exec(line)
    if (m) letters.add(m[1]!.toUpperCase())
  }
  return [...letters]
}
