import { contextBridge, ipcRenderer } from 'electron'
import { API_CHANNEL } from '../../shared/api/method-names'
import { SHELL_CHANNEL, SHELL_METHOD_NAMES } from '../../shared/api/shell-names'

// Exactly two objects reach the page: a function per API method, and one per shell service
// (native pickers, the data folder), nothing else of Electron's.
const api = Object.freeze(
  Object.fromEntries(
    __OSR_METHOD_NAMES__.map((name) => [name, (input: unknown) => ipcRenderer.invoke(API_CHANNEL, name, input)]),
  ),
)
const shell = Object.freeze(
  Object.fromEntries(SHELL_METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(SHELL_CHANNEL, name, input)])),
)

contextBridge.exposeInMainWorld('api', api)
contextBridge.exposeInMainWorld('shell', shell)
