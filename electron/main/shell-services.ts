import { app, dialog, ipcMain, type BrowserWindow } from 'electron'
import { SHELL_CHANNEL } from '../../shared/api/shell-names'
import type { SignedInUser } from '../../shared/domain/users'
import type { CoreClient } from '../core-host/core-client'
import { grantUsersModify } from '../core/data-folder/startup'
import { isTrustedSender } from './ipc'
import { createShellServices, type ShellServices } from './shell-handlers'

/**
 * The shell's own services (native pickers, the data folder) on their own channel, answered
 * here in the main process and never forwarded to the core. The logic is in shell-handlers.ts.
 */
export function registerShellServices(core: CoreClient, dataDir: string, mainWindow: () => BrowserWindow, log: (message: string) => void): ShellServices {
  const services = createShellServices({
    machine: { platform: process.platform, env: process.env },
    dataDir,
    documentsDir: app.getPath('documents'),
    pickers: {
      async folder({ title, defaultPath }) {
        const r = await dialog.showOpenDialog(mainWindow(), { title, defaultPath, properties: ['openDirectory', 'createDirectory', 'promptToCreate', 'dontAddToRecent'] })
        return r.canceled ? null : (r.filePaths[0] ?? null)
      },
      async file({ title, filters }) {
        const r = await dialog.showOpenDialog(mainWindow(), { title, filters, properties: ['openFile', 'dontAddToRecent'] })
        return r.canceled ? null : (r.filePaths[0] ?? null)
      },
      // Windows and macOS always ask before returning a file that is there; Linux only when told.
      // Not added to Recent: a safeguarding copy should not be one click away in Quick Access.
      async save({ title, defaultPath, filters }) {
        const r = await dialog.showSaveDialog(mainWindow(), { title, defaultPath, filters, properties: ['showOverwriteConfirmation', 'createDirectory', 'dontAddToRecent'] })
        return r.canceled || !r.filePath ? null : r.filePath
      },
    },
    async signedInUser() {
      const r = await core.call('app.status', {})
      return r.ok ? ((r.value as { user: SignedInUser | null }).user ?? null) : null
    },
    closeRegister: () => core.close(),
    // app.exit skips will-quit (and its lock), so lock first: a move that was refused left it open.
    async restart() {
      await core.close()
      app.relaunch()
      app.exit(0)
    },
    afterMove: process.platform === 'win32' ? grantUsersModify : undefined,
    log,
  })
  ipcMain.handle(SHELL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, mainWindow())) {
      return { ok: false, error: { kind: 'forbidden', message: 'This request did not come from the app window.' } }
    }
    return services.call(method, input)
  })
  return services
}
