import { app, crashReporter, powerMonitor, shell } from 'electron'
import { join } from 'node:path'
import { createCoreClient } from '../core-host/core-client'
import { utilityHost } from './core-host-process'
import { registerApi } from './ipc'
import { registerAppProtocol, registerAppScheme } from './app-protocol'
import { createMainWindow, refusePermissions } from './window'
import { installWindowShell } from './shell-menus'
import { openDataFolder } from './data-folder-at-start'
import { registerShellServices } from './shell-services'
import { refusedAfterMove, replaceOnlyWhenAsked } from './shell-handlers'
import { refuseToOpen } from './open-file-guard'

// Crash dumps stay on this computer (in the app's crashDumps folder): nothing is ever uploaded.
crashReporter.start({ uploadToServer: false })

// A second copy would open the same encrypted database twice: hand over to the first one.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  registerAppScheme()
  void start()
}

/**
 * The main process keeps no log file of its own: its lines (window crashes, start-up notes) go to
 * the app's log in the data folder through the core host, once there is one.
 */
let toAppLog: ((message: string) => void) | null = null
const early: string[] = []
const log = (message: string) => {
  console.error(message)
  if (toAppLog) toAppLog(message)
  else early.push(message)
}

async function start(): Promise<void> {
  await app.whenReady()
  refusePermissions()
  const dataDir = await openDataFolder(log)
  // Copies made only to be opened in the computer's viewer go to this Windows user's temporary
  // folder, not Documents (often synced to OneDrive); saved copies go where the user picks.
  const exportDir = join(app.getPath('temp'), 'Online Safety Register')
  // The records live in another process (out/main/core-host.js): a backup or a verify there
  // never freezes this one, which keeps the window painting and answering keys.
  const core = createCoreClient({
    spawn: utilityHost(join(__dirname, 'core-host.js')),
    init: {
      dataDir,
      appVersion: app.getVersion(),
      renderWorker: join(__dirname, 'render-worker.js'),
      exportDir,
    },
    // shell.openPath runs programs as readily as it shows pictures: main decides for itself what
    // it hands over, whatever the core host asks.
    openFile: async (file) => {
      const refusal = await refuseToOpen(file, exportDir)
      if (refusal) throw new Error(refusal)
      const problem = await shell.openPath(file)
      if (problem) throw new Error(problem)
    },
    // The next host writes this to the app's log too.
    onUnexpectedExit: (how) => console.error(`The register's process ended unexpectedly (${how}); a new one was started`),
  })

  toAppLog = (message) => core.log(message)
  for (const message of early.splice(0)) core.log(message)

  registerAppProtocol(join(__dirname, '../renderer'))
  let closing = false
  // The window's size and place are each Windows user's own: app.getPath('userData'), not the records' folder.
  const win = createMainWindow({ settingsDir: app.getPath('userData'), log })
  const shellServices = registerShellServices(core, dataDir, () => win, log)
  registerApi(refusedAfterMove(replaceOnlyWhenAsked(core, shellServices), shellServices), () => win)

  // When Windows locks the screen or the PC sleeps, the register locks too: its key leaves memory.
  const lockNow = () => void core.lock()
  powerMonitor.on('lock-screen', lockNow)
  powerMonitor.on('suspend', lockNow)

  // The menu bar, the right-click menu and recovery from a crashed page (shell-menus.ts).
  installWindowShell(win, { version: app.getVersion(), dataDir, lockNow: () => core.lock(), log, isQuitting: () => closing })

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('window-all-closed', () => app.quit())

  // Quitting locks the register first (with its on-lock backup), then exits.
  app.on('will-quit', (event) => {
    if (closing) return
    closing = true
    event.preventDefault()
    void core.close().finally(() => app.exit(0))
  })
}
