import { app, powerMonitor, shell } from 'electron'
import { join } from 'node:path'
import { createCore } from '../core/core'
import { workerRenderer } from '../core/reports/pdf/pdf-renderer'
import { createFileLogger } from '../core/logger'
import { registerApi } from './ipc'
import { registerAppProtocol, registerAppScheme } from './app-protocol'
import { createMainWindow, refusePermissions } from './window'
import { installWindowShell } from './shell-menus'
import { openDataFolder } from './data-folder-at-start'
import { registerShellServices } from './shell-services'
import { refusedAfterMove } from './shell-handlers'

// A second copy would open the same encrypted database twice: hand over to the first one.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  registerAppScheme()
  void start()
}

async function start(): Promise<void> {
  await app.whenReady()
  refusePermissions()
  const dataDir = await openDataFolder((dir) => createFileLogger(join(dir, 'logs', 'app.log')))
  const logger = createFileLogger(join(dataDir, 'logs', 'app.log'))
  const core = createCore({
    dataDir,
    appVersion: app.getVersion(),
    logger,
    pdfRenderer: workerRenderer(join(__dirname, 'render-worker.js')),
    exportDir: join(app.getPath('documents'), 'Online Safety Register'),
    openFile: async (file) => {
      const problem = await shell.openPath(file)
      if (problem) throw new Error(problem)
    },
  })

  registerAppProtocol(join(__dirname, '../renderer'))
  const log = (message: string) => logger.error(message)
  let closing = false
  // The window's size and place are each Windows user's own: app.getPath('userData'), not the records' folder.
  const win = createMainWindow({ settingsDir: app.getPath('userData'), log })
  const shellServices = registerShellServices(core, dataDir, () => win)
  registerApi(refusedAfterMove(core, shellServices), () => win)

  // When Windows locks the screen or the PC sleeps, the register locks too: its key leaves memory.
  const lockNow = () => void core.call('session.lock', {})
  powerMonitor.on('lock-screen', lockNow)
  powerMonitor.on('suspend', lockNow)

  // The menu bar, the right-click menu and recovery from a crashed page (shell-menus.ts).
  installWindowShell(win, { version: app.getVersion(), dataDir, lockNow: () => core.call('session.lock', {}), log, isQuitting: () => closing })

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
