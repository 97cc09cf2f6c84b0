import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { API_CHANNEL } from '../../shared/api/method-names'
import type { CoreClient } from '../core-host/core-client'
import { APP_ORIGIN } from './app-protocol'

/**
 * The only place that touches ipcMain. One channel carries every API call to the core host
 * (through core-client.ts), whose dispatcher checks the role and validates the input; here we
 * only make sure the message comes from our own window's top frame, loaded from our own origin.
 */
export function registerApi(core: CoreClient, mainWindow: () => BrowserWindow): void {
  ipcMain.handle(API_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, mainWindow())) {
      return { ok: false, error: { kind: 'forbidden', message: 'This request did not come from the app window.' } }
    }
    return core.call(method, input)
  })
}

export function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow): boolean {
  const frame = event.senderFrame
  if (!frame || event.sender !== win.webContents || frame !== event.sender.mainFrame) return false
  const url = frame.url
  const dev = process.env['ELECTRON_RENDERER_URL']
  return url.startsWith(`${APP_ORIGIN}/`) || (!!dev && process.defaultApp && url.startsWith(dev))
}
