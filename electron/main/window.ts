import { BrowserWindow, session, shell } from 'electron'
import { join } from 'node:path'
import { APP_ORIGIN } from './app-protocol'

/** The only schemes a link in the app may open, and only in the system's own handler. */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:'])

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Online Safety Register',
    backgroundColor: '#f6f7fb',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      navigateOnDragDrop: false,
    },
  })

  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.on('will-redirect', (event) => event.preventDefault())
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
  win.once('ready-to-show', () => win.show())

  const devServer = process.env['ELECTRON_RENDERER_URL']
  void win.loadURL(devServer && !isPackaged() ? devServer : `${APP_ORIGIN}/index.html`)
  return win
}

/** Permissions the app never needs (camera, location, notifications...) are refused. Call once ready. */
export function refusePermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
}

function openExternally(url: string): void {
  try {
    if (EXTERNAL_SCHEMES.has(new URL(url).protocol)) void shell.openExternal(url)
  } catch {
    // Not a URL: nothing to open.
  }
}

function isPackaged(): boolean {
  return !process.defaultApp
}
