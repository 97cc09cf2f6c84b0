import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createShellServices, refusedAfterMove, replaceOnlyWhenAsked, type FileFilter, type Pickers } from '../../electron/main/shell-handlers'
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

interface SaveAsked {
  title: string
  defaultPath: string
  filters: FileFilter[]
}

async function setUp(): Promise<{ root: string; dataDir: string; core: Core; answers: (string | null)[]; saves: SaveAsked[]; shell: ReturnType<typeof createShellServices>; restarts: number[] }> {
  const t = tempDir()
  const machine = { platform: 'linux' as const, env: { XDG_DATA_HOME: t.dir, HOME: t.dir } }
  const dataDir = join(t.dir, 'Online Safety Register')
  const core = newCore(dataDir)
  cleanups.push(t.cleanup, () => core.close())
  await setUpSchool(core)
  const answers: (string | null)[] = []
  const saves: SaveAsked[] = []
  const pickers: Pickers = {
    folder: async () => answers.shift() ?? null,
    file: async () => answers.shift() ?? null,
    save: async (options) => {
      saves.push(options)
      return answers.shift() ?? null
    },
  }
  const restarts: number[] = []
  const shell = createShellServices({
    machine,
    probe: { fileSystemType: () => 0xef53 },
    pickers,
    dataDir,
    documentsDir: join(t.dir, 'Documents'),
    async signedInUser() {
      const r = await core.call('app.status', {})
      return r.ok ? ((r.value as { user: SignedInUser | null }).user ?? null) : null
    },
    closeRegister: () => core.close(),
    restart: () => void restarts.push(1),
  })
  return { root: t.dir, dataDir, core, answers, saves, shell, restarts }
}

describe('the shell services', () => {
  it('answer the folder picker (encrypted backups: no warning, even in a synced folder) and the file picker', async () => {
    const { shell, answers, root } = await setUp()
    answers.push(join(root, 'OneDrive - Ysgol', 'Backups'), null, '/media/usb/report.osrbackup')
    expect(await shell.call('shell.pickFolder', { title: 'Back up' })).toEqual({ ok: true, value: { path: join(root, 'OneDrive - Ysgol', 'Backups') } })
    expect(await shell.call('shell.pickFolder', { title: 'Back up' })).toEqual({ ok: true, value: { path: null } })
    expect(await shell.call('shell.pickFile', { title: 'Backup file', filters: [{ name: 'Backups', extensions: ['osrbackup'] }] })).toEqual({ ok: true, value: { path: '/media/usb/report.osrbackup' } })
  })

  it('open the Save window in Documents with the suggested name and its type, then where this person last saved', async () => {
    const { shell, core, answers, saves, root } = await setUp()
    const governors = join(root, 'Governors')
    answers.push(join(governors, 'Audit for governors.pdf'), null, join(governors, 'calendar.ics'), join(root, 'Documents', 'chat'))
    expect(await shell.call('shell.pickSaveFile', { title: 'Save a copy of the report', fileName: 'Audit trail 2025–26.pdf' })).toEqual({
      ok: true,
      value: { path: join(governors, 'Audit for governors.pdf'), replaces: false, warning: null },
    })
    expect(await shell.call('shell.pickSaveFile', { title: 'Save a copy of the report', fileName: 'Audit trail 2025–26.pdf' })).toEqual({ ok: true, value: { path: null, replaces: false, warning: null } })
    await shell.call('shell.pickSaveFile', { title: 'Save the calendar for Outlook', fileName: 'Online safety calendar 2026-06-16.ics' })
    expect(saves).toEqual([
      { title: 'Save a copy of the report', defaultPath: join(root, 'Documents', 'Audit trail 2025–26.pdf'), filters: [{ name: 'PDF document', extensions: ['pdf'] }] },
      // Cancelling keeps the folder last saved to.
      { title: 'Save a copy of the report', defaultPath: join(governors, 'Audit trail 2025–26.pdf'), filters: [{ name: 'PDF document', extensions: ['pdf'] }] },
      { title: 'Save the calendar for Outlook', defaultPath: join(governors, 'Online safety calendar 2026-06-16.ics'), filters: [{ name: 'iCalendar file (Outlook)', extensions: ['ics'] }] },
    ])

    // Someone else signing in starts from Documents: a folder's name can say whose records are in it.
    await ok(core, 'users.create', { username: 'dsl1', displayName: 'Dee Dsl', role: 'dsl', password: 'marble copper lantern quiet' })
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'dsl1', password: 'marble copper lantern quiet' })
    await shell.call('shell.pickSaveFile', { title: 'Save a copy of chat', fileName: 'chat' })
    expect(saves.at(-1)).toEqual({ title: 'Save a copy of chat', defaultPath: join(root, 'Documents', 'chat'), filters: [{ name: 'File', extensions: ['*'] }] })
  })

  it('warn when the chosen file’s folder is synced to the cloud', async () => {
    const { shell, answers, root } = await setUp()
    answers.push(join(root, 'OneDrive - Ysgol', 'Reports', 'Audit.pdf'), join(root, 'Dropbox', 'chat.txt'))
    expect(await shell.call('shell.pickSaveFile', { title: 'Save a copy of the report', fileName: 'Audit.pdf' })).toEqual({
      ok: true,
      value: { path: join(root, 'OneDrive - Ysgol', 'Reports', 'Audit.pdf'), replaces: false, warning: 'This folder is synced to OneDrive: a copy of the file will leave this computer and be stored online.' },
    })
    expect(await shell.call('shell.pickSaveFile', { title: 'Save a copy of chat.txt', fileName: 'chat.txt' })).toMatchObject({ ok: true, value: { warning: expect.stringMatching(/Dropbox/) } })
  })

  it('let the core replace a file only when the Save window has just asked about that very file', async () => {
    const { shell, core, answers, root } = await setUp()
    const guarded = replaceOnlyWhenAsked(core, shell)
    const folder = join(root, 'Calendars')
    mkdirSync(folder)
    const mine = join(folder, 'Mine.ics')
    const other = join(folder, 'Other.ics')
    writeFileSync(mine, 'my own calendar')
    writeFileSync(other, 'someone else’s calendar')
    const refusedReplace = { ok: false, error: { kind: 'conflict', message: expect.stringMatching(/^The app replaces a file only when you have just said yes to replacing it in the Save window\. Nothing was saved\./) } }

    // The window cannot ask for a replacement on its own.
    expect(await guarded.call('calendar.exportIcs', { file: mine, replace: true })).toMatchObject(refusedReplace)
    expect(readFileSync(mine, 'utf8')).toBe('my own calendar')

    // The Save window returned a file that was there: the user said yes to replacing that one.
    answers.push(mine)
    expect(await shell.call('shell.pickSaveFile', { title: 'Save the calendar', fileName: 'Calendar.ics' })).toMatchObject({ ok: true, value: { path: mine, replaces: true } })
    expect(await guarded.call('calendar.exportIcs', { file: other, replace: true })).toMatchObject(refusedReplace)
    expect(readFileSync(other, 'utf8')).toBe('someone else’s calendar')
    // A wrong try does not use up the answer for the file it was about; the first right one does.
    expect(await guarded.call('calendar.exportIcs', { file: mine, replace: true })).toMatchObject({ ok: true, value: { file: mine } })
    expect(readFileSync(mine, 'utf8')).toMatch(/^BEGIN:VCALENDAR/)
    writeFileSync(mine, 'my own calendar again')
    expect(await guarded.call('calendar.exportIcs', { file: mine, replace: true })).toMatchObject(refusedReplace)
    expect(readFileSync(mine, 'utf8')).toBe('my own calendar again')

    // A later Save window (here: a new name) ends the answer about an earlier file.
    answers.push(mine, join(folder, 'New.ics'))
    await shell.call('shell.pickSaveFile', { title: 'Save the calendar', fileName: 'Calendar.ics' })
    expect(await shell.call('shell.pickSaveFile', { title: 'Save the calendar', fileName: 'Calendar.ics' })).toMatchObject({ ok: true, value: { replaces: false } })
    expect(await guarded.call('calendar.exportIcs', { file: mine, replace: true })).toMatchObject(refusedReplace)
    expect(readFileSync(mine, 'utf8')).toBe('my own calendar again')
    // Saving without replacing goes through as before (and still never over a file).
    expect(await guarded.call('calendar.exportIcs', { file: join(folder, 'New.ics') })).toMatchObject({ ok: true })
    expect(await guarded.call('calendar.exportIcs', { file: mine })).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringMatching(/already a file called “Mine\.ics”/) } })
  })

  it('validate their input and refuse unknown names', async () => {
    const { shell } = await setUp()
    expect(await shell.call('shell.pickFolder', { title: 'x', purpose: 'export' })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'purpose' } })
    expect(await shell.call('shell.pickSaveFile', { title: 'x', fileName: '..\\..\\Windows\\report.pdf' })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'fileName' } })
    expect(await shell.call('shell.pickSaveFile', { title: 'x', fileName: '' })).toMatchObject({ ok: false, error: { kind: 'validation', field: 'fileName' } })
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
