import { app, powerMonitor, shell } from 'electron'
import { join } from 'node:path'
import { createCoreClient } from '../core-host/core-client'
import { utilityHost } from './core-host-process'
import { registerApi } from './ipc'
import { registerAppProtocol, registerAppScheme } from './app-protocol'
import { createMainWindow, refusePermissions } from './window'

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
  // The records live in another process (out/main/core-host.js): a backup or a verify there
  // never freezes this one, which keeps the window painting and answering keys.
  const core = createCoreClient({
    spawn: utilityHost(join(__dirname, 'core-host.js')),
    init: {
      dataDir: app.getPath('userData'),
      appVersion: app.getVersion(),
      renderWorker: join(__dirname, 'render-worker.js'),
      exportDir: join(app.getPath('documents'), 'Online Safety Register'),
    },
    openFile: async (file) => {
      const problem = await shell.openPath(file)
      if (problem) throw new Error(problem)
    },
    // The next host writes this to the app's log too.
    onUnexpectedExit: (how) => console.error(`The register's process ended unexpectedly (${how}); a new one was started`),
  })

  registerAppProtocol(join(__dirname, '../renderer'))
  const win = createMainWindow()
  registerApi(core, () => win)

  // When Windows locks the screen or the PC sleeps, the register locks too: its key leaves memory.
  const lockNow = () => void core.lock()
  powerMonitor.on('lock-screen', lockNow)
  powerMonitor.on('suspend', lockNow)

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('window-all-closed', () => app.quit())

  // Quitting locks the register first (with its on-lock backup), then exits.
  let closing = false
  app.on('will-quit', (event) => {
    if (closing) return
    closing = true
    event.preventDefault()
    void core.close().finally(() => app.exit(0))
  })
}
