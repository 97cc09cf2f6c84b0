import { app, dialog, Menu, shell, type BrowserWindow } from 'electron'
import { electronSupport } from '../../shared/shell/electron-support'
import type { WindowNoticeKey } from '../../shared/shell/window-notices'
import { aboutDialog, dataFolderDialog, electronSupportDialog, menuTemplate } from './app-menu'
import { contextMenuTemplate } from './context-menu'
import { handleRenderCrashes } from './render-crash'
import { showsRecords, urlWithNotice } from './window-notice-url'
import { isOurUrl, startUrl } from './window'

export type ShellOptions = {
  version: string
  /** The register's records folder, shown by Help → Where are the records? */
  dataDir: string
  /** Locks the register in the core (the same as the screen locking). */
  lockNow(): Promise<unknown>
  log(message: string): void
  isQuitting(): boolean
}

/** Today's date where the PC is (YYYY-MM-DD), for the Electron support dates. */
function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/**
 * The thin Electron side of the menus and the crash handling: the templates and rules live in
 * app-menu.ts, context-menu.ts and render-crash.ts, which are tested without Electron.
 */
export function installWindowShell(win: BrowserWindow, options: ShellOptions): void {
  const support = electronSupport(process.versions.electron, localIsoDate(new Date()))
  const contents = win.webContents

  const lockFromMenu = async (key: WindowNoticeKey) => {
    const here = contents.getURL()
    try {
      await options.lockNow()
    } catch (err) {
      options.log(`Locking from the menu failed: ${err instanceof Error ? err.message : String(err)}`)
    }
    // Reloading drops whatever the page showed; the sign-in screen says why it is there.
    if (showsRecords(here)) await contents.loadURL(urlWithNotice(here, startUrl(), isOurUrl, key, '#/login'))
  }

  const menu = menuTemplate({
    isPackaged: app.isPackaged,
    platform: process.platform,
    electronSupport: support,
    actions: {
      lockNow: () => void lockFromMenu('locked-from-menu'),
      hideScreen: () => void lockFromMenu('hidden-from-menu'),
      showAbout: () =>
        void dialog.showMessageBox(
          win,
          aboutDialog({
            version: options.version,
            electronVersion: process.versions.electron,
            chromeVersion: process.versions.chrome,
            dataDir: options.dataDir,
            electronSupport: support,
          }),
        ),
      showDataFolder: () =>
        void dialog.showMessageBox(win, dataFolderDialog(options.dataDir)).then(async ({ response }) => {
          if (response !== 0) return
          const problem = await shell.openPath(options.dataDir)
          if (problem) void dialog.showMessageBox(win, { type: 'warning', message: 'The folder could not be opened.', detail: `${options.dataDir}\n\n${problem}` })
        }),
      showElectronSupport: () => {
        if (support) void dialog.showMessageBox(win, electronSupportDialog(support))
      },
    },
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu))

  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, {
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => void contents.session.addWordToSpellCheckerDictionary(word),
    })
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window: win })
  })

  handleRenderCrashes(contents, {
    reloadUrl: (current) => urlWithNotice(current, startUrl(), isOurUrl, 'window-restarted'),
    log: options.log,
    now: () => Date.now(),
    isQuitting: options.isQuitting,
    giveUp: () => {
      dialog.showErrorBox(
        'Online Safety Register has to close',
        `The app's window kept stopping, so the app will now close. Anything you had saved is safe.\n\nOpen the app again. If this happens again, tell your ICT support: the app's log in ${options.dataDir} says what happened.`,
      )
      app.quit()
    },
  })
}
