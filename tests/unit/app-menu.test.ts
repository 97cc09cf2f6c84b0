import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { aboutDialog, dataFolderDialog, DATA_FOLDER_BUTTONS, menuTemplate, type MenuActions } from '../../electron/main/app-menu'
import { electronSupport } from '../../shared/shell/electron-support'

function actions(): MenuActions {
  return { lockNow: vi.fn(), hideScreen: vi.fn(), showAbout: vi.fn(), showDataFolder: vi.fn(), showElectronSupport: vi.fn() }
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const top = template.find((m) => m.label?.replace('&', '') === label)
  expect(top, `menu ${label}`).toBeDefined()
  return top!.submenu as MenuItemConstructorOptions[]
}

/** Every role and label in the menu bar, flattened. */
function everything(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((m) => [m.role ?? '', m.label ?? '', ...everything((m.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]).filter(Boolean)
}

const supported = electronSupport('45.4.1', '2026-12-04')

describe('the application menu', () => {
  it('is File, Edit, View, Help on Windows', () => {
    const template = menuTemplate({ isPackaged: true, platform: 'win32', electronSupport: supported, actions: actions() })
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help'])
  })

  it('File locks the register, hides the screen (showing F9, which the window answers) and exits', () => {
    const acts = actions()
    const file = submenu(menuTemplate({ isPackaged: true, platform: 'win32', electronSupport: supported, actions: acts }), 'File')
    const lock = file.find((i) => i.id === 'lock-now')!
    const hide = file.find((i) => i.id === 'hide-screen')!
    expect(lock.label).toMatch(/Lock the register now/)
    expect(hide).toMatchObject({ accelerator: 'F9', registerAccelerator: false })
    ;(lock.click as () => void)()
    ;(hide.click as () => void)()
    expect(acts.lockNow).toHaveBeenCalledOnce()
    expect(acts.hideScreen).toHaveBeenCalledOnce()
    expect(file.at(-1)?.role).toBe('quit')
  })

  it('Edit has the standard editing roles', () => {
    const edit = submenu(menuTemplate({ isPackaged: true, platform: 'win32', electronSupport: supported, actions: actions() }), 'Edit')
    expect(edit.map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'])
  })

  it('the installed app has no reload, DevTools or Learn More', () => {
    const all = everything(menuTemplate({ isPackaged: true, platform: 'win32', electronSupport: supported, actions: actions() }))
    expect(all).not.toContain('toggleDevTools')
    expect(all).not.toContain('reload')
    expect(all).not.toContain('forceReload')
    expect(all.join(' ')).not.toMatch(/learn more|electronjs/i)
    expect(submenu(menuTemplate({ isPackaged: true, platform: 'win32', electronSupport: supported, actions: actions() }), 'View').map((i) => i.role).filter(Boolean)).toEqual([
      'zoomIn',
      'zoomOut',
      'resetZoom',
      'togglefullscreen',
    ])
  })

  it('a developer’s copy keeps reload and DevTools', () => {
    const view = submenu(menuTemplate({ isPackaged: false, platform: 'win32', electronSupport: supported, actions: actions() }), 'View')
    expect(view.map((i) => i.role)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']))
  })

  it('Help says where the records are and shows About', () => {
    const acts = actions()
    const help = submenu(menuTemplate({ isPackaged: true, platform: 'win32', electronSupport: supported, actions: acts }), 'Help')
    ;(help.find((i) => i.id === 'where-are-the-records')!.click as () => void)()
    ;(help.find((i) => i.id === 'about')!.click as () => void)()
    expect(acts.showDataFolder).toHaveBeenCalledOnce()
    expect(acts.showAbout).toHaveBeenCalledOnce()
    expect(help.find((i) => i.id === 'electron-support')).toBeUndefined()
  })

  it('Help warns when the Electron it is built on is out of support', () => {
    const acts = actions()
    const ended = electronSupport('45.4.1', '2027-06-01')
    const help = submenu(menuTemplate({ isPackaged: true, platform: 'win32', electronSupport: ended, actions: acts }), 'Help')
    const item = help.find((i) => i.id === 'electron-support')!
    expect(item.label).toMatch(/needs updating/)
    ;(item.click as () => void)()
    expect(acts.showElectronSupport).toHaveBeenCalledOnce()
  })

  it('a Mac gets its app menu first', () => {
    const template = menuTemplate({ isPackaged: true, platform: 'darwin', electronSupport: supported, actions: actions() })
    expect(template[0]?.role).toBe('appMenu')
  })
})

describe('the Help dialogs', () => {
  it('About shows the version, the records folder and the Electron support', () => {
    const box = aboutDialog({ version: '0.1.0', electronVersion: '45.4.1', chromeVersion: '154.0.1', dataDir: 'C:\\ProgramData\\Online Safety Register', electronSupport: supported })
    expect(box.message).toContain('0.1.0')
    expect(box.detail).toContain('C:\\ProgramData\\Online Safety Register')
    expect(box.detail).toContain('Electron 45.4.1')
    expect(box.detail).toContain(supported!.message)
  })

  it('Where are the records? names the folder and offers to open it', () => {
    const box = dataFolderDialog('C:\\ProgramData\\Online Safety Register')
    expect(box.detail).toContain('C:\\ProgramData\\Online Safety Register')
    expect(box.buttons?.[0]).toBe(DATA_FOLDER_BUTTONS[0])
    expect(box.cancelId).toBe(1)
  })
})
