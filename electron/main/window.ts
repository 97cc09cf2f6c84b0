import { BrowserWindow, screen, session, shell } from 'electron'
import { join } from 'node:path'
import { APP_ORIGIN } from './app-protocol'
import { configureSpellcheck } from './spellcheck'
import { placeWindow, readWindowState, trackWindowState, writeWindowState, WINDOW_STATE_FILE } from './window-state'

/** The only schemes a link in the app may open, and only in the system's own handler. */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:'])

export type MainWindowOptions = {
  /** Each Windows user's own settings folder (not the records' folder): the window's size and place. */
  settingsDir: string
  log(message: string): void
}

export function createMainWindow({ settingsDir, log }: MainWindowOptions): BrowserWindow {
  const stateFile = join(settingsDir, WINDOW_STATE_FILE)
  const { state, problem } = readWindowState(stateFile)
  if (problem) log(`Window size and position: ${problem}; using the default`)
  const placement = placeWindow(
    state,
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  )
  const spellcheck = configureSpellcheck(session.defaultSession, process.platform)

  const win = new BrowserWindow({
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    width: placement.width,
    height: placement.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Online Safety Register',
    backgroundColor: '#f6f7fb',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck,
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
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize()
    win.show()
  })
  trackWindowState(win, (next) => writeWindowState(stateFile, next), {
    onError: (err) => log(`Could not save the window's size and position: ${err instanceof Error ? err.message : String(err)}`),
  })

  void win.loadURL(startUrl())
  return win
}

/** The page the window opens: the built UI on app://ui, or the dev server when not packaged. */
export function startUrl(): string {
  const devServer = process.env['ELECTRON_RENDERER_URL']
  return devServer && !isPackaged() ? devServer : `${APP_ORIGIN}/index.html`
}

/** Whether an address is the app's own page (not something the window was somehow sent to). */
export function isOurUrl(url: string): boolean {
  const devServer = process.env['ELECTRON_RENDERER_URL']
  return url.startsWith(`${APP_ORIGIN}/`) || (!!devServer && !isPackaged() && url.startsWith(devServer))
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
