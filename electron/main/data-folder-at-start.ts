import { app, dialog } from 'electron'
import { dataFolderAtStartup, grantUsersModify } from '../core/data-folder/startup'
import { markInUse } from '../core/data-folder/in-use'

/**
 * The data folder this run opens (see dataFolderAtStartup), marked as open by the app until it
 * quits. A folder that is synced or on a network is never opened: the app says why and quits.
 */
export async function openDataFolder(log: (message: string) => void): Promise<string> {
  const machine = { platform: process.platform, env: process.env }
  const folder = await dataFolderAtStartup({
    machine,
    legacyDir: app.getPath('userData'),
    shareWithAllUsers: process.platform === 'win32' ? grantUsersModify : undefined,
  })
  if (!folder.ok) {
    dialog.showErrorBox('The records cannot be opened from this folder', folder.reason)
    app.exit(1)
    // Never returns: the app is exiting.
    return new Promise<string>(() => undefined)
  }
  for (const note of folder.notes) log(`Data folder: ${note}`)
  const unmark = markInUse(folder.dataDir)
  // 'exit' also follows app.exit (a restart after a move), which skips the app's quit events.
  process.once('exit', unmark)
  return folder.dataDir
}
