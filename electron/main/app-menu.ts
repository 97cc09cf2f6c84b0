import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron'
import type { ElectronSupport } from '../../shared/shell/electron-support'

/** What the menu's own items do; the shell wires them to the core and the window (shell-menus.ts). */
export type MenuActions = {
  /** Lock the register (the core forgets the key) and show the sign-in screen. */
  lockNow(): void
  /** The same as F9: lock and hide what is on the screen at once. */
  hideScreen(): void
  showAbout(): void
  showDataFolder(): void
  showElectronSupport(): void
}

export type MenuInputs = {
  isPackaged: boolean
  platform: NodeJS.Platform
  /** Where the Electron this copy is built on stands; a warning item appears when it is ending. */
  electronSupport: ElectronSupport | null
  actions: MenuActions
}

export const APP_NAME = 'Online Safety Register'

/**
 * The window's menu bar, the Windows way: File, Edit, View, Help. No DevTools, reload or
 * "Learn More" link in the installed app: a school office has no use for them, and DevTools would
 * show whatever the page holds.
 */
export function menuTemplate({ isPackaged, platform, electronSupport, actions }: MenuInputs): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'lock-now', label: '&Lock the register now', accelerator: 'CmdOrCtrl+L', click: () => actions.lockNow() },
      // The window itself answers F9 (even with the menu bar hidden); the menu only shows the key.
      { id: 'hide-screen', label: '&Hide the screen', accelerator: 'F9', registerAccelerator: false, click: () => actions.hideScreen() },
      { type: 'separator' },
      mac ? { role: 'quit', label: `Quit ${APP_NAME}` } : { role: 'quit', label: 'E&xit' },
    ],
  }
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  }
  const developer: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom', label: 'Actual size' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...developer,
    ],
  }
  const supportWarning: MenuItemConstructorOptions[] =
    electronSupport && (electronSupport.state === 'ended' || electronSupport.state === 'ending-soon')
      ? [{ type: 'separator' }, { id: 'electron-support', label: electronSupport.state === 'ended' ? '⚠ This version needs updating' : '⚠ An update will be needed soon', click: () => actions.showElectronSupport() }]
      : []
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { id: 'where-are-the-records', label: '&Where are the records?', click: () => actions.showDataFolder() },
      ...supportWarning,
      { type: 'separator' },
      { id: 'about', label: `&About ${APP_NAME}`, click: () => actions.showAbout() },
    ],
  }
  // macOS puts the app's own menu first; the register is built for Windows, but keep a Mac usable.
  const appMenu: MenuItemConstructorOptions[] = mac ? [{ role: 'appMenu' }] : []
  return [...appMenu, file, edit, view, help]
}

export type AboutInputs = {
  version: string
  electronVersion: string
  chromeVersion: string
  dataDir: string
  electronSupport: ElectronSupport | null
}

export function aboutDialog({ version, electronVersion, chromeVersion, dataDir, electronSupport }: AboutInputs): MessageBoxOptions {
  return {
    type: 'info',
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${version}`,
    detail: [
      'Online safety records for the school office: incidents, agreements, reviews and checks, permissions and signed reports.',
      '',
      `Records folder: ${dataDir}`,
      `Electron ${electronVersion}, Chromium ${chromeVersion}.`,
      ...(electronSupport ? [electronSupport.message] : []),
      '',
      'Updates are installed by your ICT support; the app never downloads anything.',
    ].join('\n'),
    buttons: ['OK'],
    defaultId: 0,
    noLink: true,
  }
}

/** The buttons of "Where are the records?": the first opens the folder in Explorer. */
export const DATA_FOLDER_BUTTONS = ['Open the folder', 'Close'] as const

export function dataFolderDialog(dataDir: string): MessageBoxOptions {
  return {
    type: 'info',
    title: 'Where are the records?',
    message: 'The register’s records are kept, encrypted, in this folder:',
    detail: [
      dataDir,
      '',
      'It holds the encrypted records, the backups made on this computer and the app’s log. Nobody can read them without signing in to the app.',
      'Uninstalling the app does not delete this folder. Do not move or edit its files by hand: use Backups in the app to copy the records somewhere else.',
    ].join('\n'),
    buttons: [...DATA_FOLDER_BUTTONS],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
}

export function electronSupportDialog(support: ElectronSupport): MessageBoxOptions {
  return {
    type: support.state === 'ended' ? 'warning' : 'info',
    title: 'Updating the app',
    message: support.state === 'ended' ? 'This version of the app needs updating' : 'An update will be needed soon',
    detail: `${support.message}\n\nThe app does not update itself: your ICT support installs each new version, signed, for every user of this computer. The records are kept.`,
    buttons: ['OK'],
    defaultId: 0,
    noLink: true,
  }
}
