import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  checkDataFolder,
  currentDataFolder,
  dataFolderAtStartup,
  defaultDataFolder,
  exportFolderWarning,
  moveDataFolder,
  MoveRefused,
  parseNetUse,
  markInUse,
  openByApp,
  POINTER_FILE,
  type Machine,
} from '../../electron/core/data-folder'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

/** A Linux machine whose default folder is inside a temp folder (through XDG_DATA_HOME). */
function machineIn(root: string): Machine {
  return { platform: 'linux', env: { XDG_DATA_HOME: join(root, 'xdg'), HOME: root } }
}
const noNetwork = { fileSystemType: () => 0xef53 /* ext4 */ }
const windows = (env: Record<string, string> = {}): Machine => ({ platform: 'win32', env: { ProgramData: 'C:\\ProgramData', ...env } })

describe('the default folder', () => {
  it('is per machine on Windows and macOS, and per user on Linux', () => {
    expect(defaultDataFolder(windows())).toBe('C:\\ProgramData\\Online Safety Register')
    expect(defaultDataFolder({ platform: 'win32', env: {} })).toBe('C:\\ProgramData\\Online Safety Register')
    expect(defaultDataFolder({ platform: 'darwin', env: { HOME: '/Users/bethan' } })).toBe('/Users/Shared/Online Safety Register')
    expect(defaultDataFolder({ platform: 'linux', env: { HOME: '/home/bethan' } })).toBe('/home/bethan/.local/share/Online Safety Register')
    expect(defaultDataFolder({ platform: 'linux', env: { HOME: '/home/b', XDG_DATA_HOME: '/data' } })).toBe('/data/Online Safety Register')
  })
})

describe('checking a folder for the register', () => {
  it('accepts a folder on the computer’s own disk', async () => {
    expect(await checkDataFolder('D:\\Records\\Online Safety', windows(), { networkDrives: async () => ['Z'] })).toEqual({ ok: true })
    expect(await checkDataFolder('/srv/osr', { platform: 'linux', env: {} }, noNetwork)).toEqual({ ok: true })
  })

  it('refuses OneDrive by its environment variables and by the folder name, with the reason and a folder to use instead', async () => {
    const env = { OneDriveCommercial: 'C:\\Users\\bethan\\OneDrive - Ysgol Llanfair' }
    const byVar = await checkDataFolder('c:\\users\\bethan\\onedrive - ysgol llanfair\\Register', windows(env))
    expect(byVar).toEqual({
      ok: false,
      reason:
        'This folder is inside OneDrive. The register must live on this computer’s own disk: a synced copy can be overwritten by ' +
        'another computer’s older copy and the encrypted database can be damaged. Choose a folder on this computer’s own disk, such as ' +
        'C:\\ProgramData\\Online Safety Register.',
    })
    // A synced folder redirected somewhere with another name is still known by the variable.
    const redirected = await checkDataFolder('E:\\Sync\\Register', windows({ OneDrive: 'E:\\Sync' }))
    expect(redirected.ok).toBe(false)
    const byName = await checkDataFolder('C:\\Users\\bethan\\OneDrive\\Documents', windows())
    expect(byName).toMatchObject({ ok: false, reason: expect.stringMatching(/^This folder is inside OneDrive\./) })
  })

  it.each([
    ['C:\\Users\\b\\Dropbox\\Register', 'Dropbox'],
    ['C:\\Users\\b\\Dropbox (Ysgol)\\Register', 'Dropbox'],
    ['G:\\My Drive\\Register', 'Google Drive'],
    ['C:\\Users\\b\\Google Drive\\Register', 'Google Drive'],
    ['C:\\Users\\b\\iCloudDrive\\Register', 'iCloud Drive'],
    ['C:\\Users\\b\\Box\\Register', 'Box'],
  ])('refuses %s (inside %s)', async (folder, service) => {
    const r = await checkDataFolder(folder, windows())
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining(`This folder is inside ${service}.`) })
  })

  it('refuses the cloud folders of a Mac', async () => {
    const mac: Machine = { platform: 'darwin', env: {} }
    expect((await checkDataFolder('/Users/b/Library/Mobile Documents/com~apple~CloudDocs/Register', mac, {})).ok).toBe(false)
    expect(await checkDataFolder('/Users/b/Library/CloudStorage/Dropbox-Ysgol/Register', mac, {})).toMatchObject({ ok: false })
  })

  it('refuses a network share, a mapped network drive and a network mount', async () => {
    const unc = await checkDataFolder('\\\\server\\office\\Register', windows())
    expect(unc).toMatchObject({ ok: false, reason: expect.stringMatching(/^This folder is on another computer on the network\. .*if the network drops/) })
    const mapped = await checkDataFolder('z:\\Register', windows(), { networkDrives: async () => ['Z'] })
    expect(mapped).toMatchObject({ ok: false, reason: expect.stringMatching(/^This folder is on Z:, a drive mapped to a network share\./) })
    const nfs = await checkDataFolder('/mnt/office/osr', { platform: 'linux', env: {} }, { fileSystemType: () => 0x6969 })
    expect(nfs).toMatchObject({ ok: false, reason: expect.stringMatching(/^This folder is on an NFS network share\./) })
    const smb = await checkDataFolder('/mnt/office/osr', { platform: 'linux', env: {} }, { fileSystemType: () => 0xfe534d42 })
    expect(smb).toMatchObject({ ok: false })
  })

  it('reads this machine’s real file system (a temp folder is local)', async () => {
    const t = tempDir()
    cleanups.push(t.cleanup)
    expect(await checkDataFolder(join(t.dir, 'not-yet-made', 'deeper'), { platform: 'linux', env: {} })).toEqual({ ok: true })
  })

  it('refuses a relative path', async () => {
    expect(await checkDataFolder('records', { platform: 'linux', env: {} }, noNetwork)).toMatchObject({ ok: false, reason: expect.stringMatching(/is not a whole path/) })
    expect(await checkDataFolder('\\Records', windows())).toMatchObject({ ok: false })
  })

  it('finds mapped drives in `net use` output in any language', () => {
    const english = [
      'New connections will be remembered.',
      '',
      'Status       Local     Remote                    Network',
      '-------------------------------------------------------------------------------',
      'OK           Z:        \\\\server\\office          Microsoft Windows Network',
      'Unavailable  h:        \\\\server\\home\\bethan    Microsoft Windows Network',
      '             \\\\server\\IPC$                       Microsoft Windows Network',
      'The command completed successfully.',
    ].join('\r\n')
    expect(parseNetUse(english)).toEqual(['Z', 'H'])
    expect(parseNetUse('Statut  Local  Distant\r\nOK      Y:     \\\\serveur\\bureau   Réseau Microsoft Windows')).toEqual(['Y'])
  })

  it('only warns for a folder that a copy of a report is saved into', async () => {
    expect(await exportFolderWarning('C:\\Users\\b\\OneDrive\\Reports', windows())).toBe(
      'This folder is synced to OneDrive: a copy of the file will leave this computer and be stored online.',
    )
    expect(await exportFolderWarning('\\\\server\\office', windows())).toMatch(/other people with access to that share/)
    expect(await exportFolderWarning('E:\\', windows(), { networkDrives: async () => [] })).toBeNull()
  })
})

/** A register set up in a temp machine's default folder, with a person in it, locked. */
async function registerIn(root: string): Promise<{ machine: Machine; from: string }> {
  const machine = machineIn(root)
  const from = currentDataFolder(machine).dataDir
  const core = newCore(from)
  await setUpSchool(core)
  await ok(core, 'people.create', { kind: 'staff', forename: 'Łukasz', surname: 'Kowalski', staffGroup: 'teaching', jobTitle: 'Teacher of Computing' })
  await ok(core, 'backup.now', {})
  await core.close()
  return { machine, from }
}

async function signInAndCountPeople(dataDir: string): Promise<number> {
  const core = newCore(dataDir)
  try {
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    return (await ok(core, 'people.list', { kind: 'staff' })).total
  } finally {
    await core.close()
  }
}

describe('moving the register', () => {
  it('copies and checks every file, points the default folder at the new place, and removes the old copy after the next sign-in', async () => {
    const t = tempDir()
    cleanups.push(t.cleanup)
    const { machine, from } = await registerIn(t.dir)
    const to = join(t.dir, 'disk2', 'Register')
    const progress: number[] = []

    const result = await moveDataFolder(from, to, { machine, probe: noNetwork, onProgress: (p) => progress.push(p.copiedBytes) })

    expect(result.dataDir).toBe(to)
    expect(progress.at(-1)).toBe(result.bytes)
    expect(readdirSync(to).sort()).toEqual(expect.arrayContaining(['backups', 'register.db', 'vault.json', 'moved-from.json']))
    // The default folder holds only the pointer and the old copy, put aside so nothing opens it by mistake.
    expect(JSON.parse(readFileSync(join(from, POINTER_FILE), 'utf8'))).toMatchObject({ version: 1, dataDir: to })
    expect(currentDataFolder(machine)).toEqual({ dataDir: to, defaultDir: from, moved: true })
    const left = readdirSync(from)
    expect(left.filter((n) => n !== POINTER_FILE)).toEqual([expect.stringMatching(/^moved-away-/)])
    expect(existsSync(join(from, 'register.db'))).toBe(false)

    expect(await signInAndCountPeople(to)).toBe(1)
    expect(readdirSync(from)).toEqual([POINTER_FILE])
    expect(existsSync(join(to, 'moved-from.json'))).toBe(false)

    // Start-up now opens the new place.
    expect(await dataFolderAtStartup({ machine, probe: noNetwork })).toEqual({ ok: true, dataDir: to, notes: [] })

    // And back again: the pointer goes.
    await moveDataFolder(to, from, { machine, probe: noNetwork })
    expect(existsSync(join(from, POINTER_FILE))).toBe(false)
    expect(await signInAndCountPeople(from)).toBe(1)
  })

  it('leaves the old folder in use when a file disappears half way, and removes the partial copy', async () => {
    const t = tempDir()
    cleanups.push(t.cleanup)
    const { machine, from } = await registerIn(t.dir)
    const to = join(t.dir, 'disk2', 'Register')
    // vault.json is copied last (names in order): it vanishes while the first files are copied, as if another program took it.
    const vault = readFileSync(join(from, 'vault.json'))
    let removed = false

    const failed = moveDataFolder(from, to, {
      machine,
      probe: noNetwork,
      onProgress: (p) => {
        if (!removed && p.copiedBytes > 0) {
          removed = true
          rmSync(join(from, 'vault.json'))
        }
      },
    })
    await expect(failed).rejects.toThrow(MoveRefused)
    await expect(failed).rejects.toThrow(`they are still in ${from} and the app keeps using them`)
    expect(removed).toBe(true)
    expect(existsSync(to)).toBe(false)
    expect(existsSync(join(from, POINTER_FILE))).toBe(false)
    expect(currentDataFolder(machine).dataDir).toBe(from)
    writeFileSync(join(from, 'vault.json'), vault)
    expect(await signInAndCountPeople(from)).toBe(1)
  })

  it('refuses a synced, non-empty or nested target before copying anything', async () => {
    const t = tempDir()
    cleanups.push(t.cleanup)
    const { machine, from } = await registerIn(t.dir)

    const synced = join(t.dir, 'OneDrive - Ysgol', 'Register')
    await expect(moveDataFolder(from, synced, { machine, probe: noNetwork })).rejects.toThrow(/^This folder is inside OneDrive\..* The records were not moved/)
    expect(existsSync(synced)).toBe(false)

    const busy = join(t.dir, 'busy')
    mkdirSync(busy)
    writeFileSync(join(busy, 'letter.docx'), 'x')
    await expect(moveDataFolder(from, busy, { machine, probe: noNetwork })).rejects.toThrow(/is not empty/)
    expect(readdirSync(busy)).toEqual(['letter.docx'])

    await expect(moveDataFolder(from, join(from, 'inner'), { machine, probe: noNetwork })).rejects.toThrow(/inside the current data folder/)
    await expect(moveDataFolder(from, join(t.dir, 'network'), { machine, probe: { fileSystemType: () => 0x6969 } })).rejects.toThrow(/NFS network share/)
    await expect(moveDataFolder(join(t.dir, 'empty'), join(t.dir, 'x'), { machine, probe: noNetwork })).rejects.toThrow(/There is no register/)
    expect(await signInAndCountPeople(from)).toBe(1)
  })
})

describe('the note the app leaves while it has the register open', () => {
  it('names a running app, and is ignored once that process has gone', () => {
    const t = tempDir()
    cleanups.push(t.cleanup)
    const unmark = markInUse(t.dir, 424242)
    expect(openByApp(t.dir, (pid) => pid === 424242)).toBe(424242)
    expect(openByApp(t.dir, () => false)).toBeNull()
    unmark()
    expect(openByApp(t.dir, () => true)).toBeNull()
    // This process's own note (the app moving its own register) does not count.
    markInUse(t.dir)
    expect(openByApp(t.dir, () => true)).toBeNull()
  })
})

describe('the folder at start-up', () => {
  it('refuses to open a register that has been put in a synced folder, saying why', async () => {
    const t = tempDir()
    cleanups.push(t.cleanup)
    const machine = machineIn(t.dir)
    const defaultDir = defaultDataFolder(machine)
    mkdirSync(defaultDir, { recursive: true })
    writeFileSync(join(defaultDir, POINTER_FILE), JSON.stringify({ version: 1, dataDir: join(t.dir, 'Dropbox', 'Register'), movedAt: '' }))
    const r = await dataFolderAtStartup({ machine, probe: noNetwork })
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^The records were moved to .*Dropbox.*This folder is inside Dropbox\..*open the app again\.$/) })
  })

  it('moves a register from the old per-user folder into the per-machine folder once', async () => {
    const t = tempDir()
    cleanups.push(t.cleanup)
    const legacyDir = join(t.dir, 'roaming', 'Online Safety Register')
    const core = newCore(legacyDir)
    await setUpSchool(core)
    await core.close()
    // Electron keeps its own files in the same folder: they stay where they are.
    mkdirSync(join(legacyDir, 'GPUCache'))
    writeFileSync(join(legacyDir, 'Preferences'), '{}')
    const machine = machineIn(t.dir)
    const shared: string[] = []

    const r = await dataFolderAtStartup({ machine, legacyDir, probe: noNetwork, shareWithAllUsers: async (f) => void shared.push(f) })

    const defaultDir = defaultDataFolder(machine)
    expect(r).toEqual({ ok: true, dataDir: defaultDir, notes: [expect.stringMatching(/^Moved the register from /)] })
    expect(shared).toEqual([defaultDir])
    expect(await signInAndCountPeople(defaultDir)).toBe(0)
    expect(existsSync(join(legacyDir, 'register.db'))).toBe(false)
    expect(readdirSync(legacyDir).sort()).toEqual(['GPUCache', 'Preferences'])
    expect(existsSync(join(defaultDir, 'Preferences'))).toBe(false)
    // The second start finds the register where it now is.
    expect(await dataFolderAtStartup({ machine, legacyDir, probe: noNetwork })).toEqual({ ok: true, dataDir: defaultDir, notes: [] })
  })
})
