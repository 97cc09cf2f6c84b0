import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createShellServices, refusedAfterMove, type Pickers } from '../../electron/main/shell-handlers'
import type { Core } from '../../electron/core/core'
import type { SignedInUser } from '../../shared/domain/users'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'

// The main process's shell services with the real core and scripted dialogs: everything but
// Electron's own `dialog`, which is passed in.

let cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

async function setUp(): Promise<{ root: string; dataDir: string; core: Core; answers: (string | null)[]; shell: ReturnType<typeof createShellServices>; restarts: number[] }> {
  const t = tempDir()
  const machine = { platform: 'linux' as const, env: { XDG_DATA_HOME: t.dir, HOME: t.dir } }
  const dataDir = join(t.dir, 'Online Safety Register')
  const core = newCore(dataDir)
  cleanups.push(t.cleanup, () => core.close())
  await setUpSchool(core)
  const answers: (string | null)[] = []
  const pickers: Pickers = { folder: async () => answers.shift() ?? null, file: async () => answers.shift() ?? null }
  const restarts: number[] = []
  const shell = createShellServices({
    machine,
    probe: { fileSystemType: () => 0xef53 },
    pickers,
    dataDir,
    async signedInRole() {
      const r = await core.call('app.status', {})
      return r.ok ? ((r.value as { user: SignedInUser | null }).user?.role ?? null) : null
    },
    closeRegister: () => core.close(),
    restart: () => void restarts.push(1),
  })
  return { root: t.dir, dataDir, core, answers, shell, restarts }
}

describe('the shell services', () => {
  it('answer the folder picker, with a warning for an export into a synced folder only', async () => {
    const { shell, answers, root } = await setUp()
    answers.push(join(root, 'OneDrive - Ysgol', 'Reports'), join(root, 'OneDrive - Ysgol', 'Backups'), null, '/media/usb/report.osrbackup')
    expect(await shell.call('shell.pickFolder', { title: 'Save the report', purpose: 'export' })).toEqual({
      ok: true,
      value: { path: join(root, 'OneDrive - Ysgol', 'Reports'), warning: 'This folder is synced to OneDrive: a copy of the file will leave this computer and be stored online.' },
    })
    expect(await shell.call('shell.pickFolder', { title: 'Back up', purpose: 'backup' })).toMatchObject({ ok: true, value: { warning: null } })
    expect(await shell.call('shell.pickFolder', { title: 'Back up', purpose: 'backup' })).toEqual({ ok: true, value: { path: null, warning: null } })
    expect(await shell.call('shell.pickFile', { title: 'Backup file', filters: [{ name: 'Backups', extensions: ['osrbackup'] }] })).toEqual({ ok: true, value: { path: '/media/usb/report.osrbackup' } })
  })

  it('validate their input and refuse unknown names', async () => {
    const { shell } = await setUp()
    expect(await shell.call('shell.pickFolder', { title: 'x', purpose: 'anywhere' })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'purpose' } })
    expect(await shell.call('shell.moveDataFolder', { to: 'relative/folder' })).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/whole path/) } })
    expect(await shell.call('core.deleteEverything', {})).toMatchObject({ ok: false, error: { kind: 'not-found' } })
  })

  it('show and move the data folder only for the business manager', async () => {
    const { shell, core, root } = await setUp()
    await ok(core, 'users.create', { username: 'office1', displayName: 'Owen Office', role: 'office', password: 'marble copper lantern quiet' })
    await ok(core, 'session.lock', {})
    expect(await shell.call('shell.dataFolder', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    await ok(core, 'session.login', { username: 'office1', password: 'marble copper lantern quiet' })
    expect(await shell.call('shell.moveDataFolder', { to: join(root, 'new') })).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
    expect(existsSync(join(root, 'new'))).toBe(false)
  })

  it('explain why a chosen folder will not do, then move the register and refuse the core until a restart', async () => {
    const { shell, core, root, dataDir, answers, restarts } = await setUp()
    expect(await shell.call('shell.dataFolder', {})).toEqual({ ok: true, value: { path: dataDir, defaultPath: dataDir, moved: false } })
    answers.push(join(root, 'Dropbox', 'Register'))
    const synced = await shell.call('shell.pickDataFolder', {})
    expect(synced).toMatchObject({ ok: true, value: { path: join(root, 'Dropbox', 'Register'), refusal: expect.stringMatching(/^This folder is inside Dropbox\./) } })
    const target = join(root, 'disk2', 'Register')
    answers.push(target)
    expect(await shell.call('shell.pickDataFolder', {})).toEqual({ ok: true, value: { path: target, refusal: null } })

    const guarded = refusedAfterMove(core, shell)
    const moved = await shell.call('shell.moveDataFolder', { to: target })
    expect(moved).toMatchObject({ ok: true, value: { path: target } })
    expect(await shell.call('shell.moveProgress', {})).toEqual({ ok: true, value: null })
    expect(await guarded.call('app.status', {})).toMatchObject({ ok: false, error: { kind: 'locked', message: expect.stringMatching(/Restart the app/) } })
    expect(readdirSync(target)).toContain('register.db')

    await shell.call('shell.restart', {})
    expect(restarts).toHaveLength(1)
    const after = newCore(target)
    cleanups.push(() => after.close())
    expect(await ok(after, 'session.login', { username: MANAGER.username, password: MANAGER.password })).toMatchObject({ role: 'manager' })
  })

  it('refuse a non-empty folder before locking anything', async () => {
    const { shell, core, root } = await setUp()
    const busy = join(root, 'busy')
    mkdirSync(join(busy, 'something'), { recursive: true })
    expect(await shell.call('shell.moveDataFolder', { to: busy })).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/is not empty/) } })
    expect(await refusedAfterMove(core, shell).call('school.get', {})).toMatchObject({ ok: true })
  })
})
