import { contextBridge, ipcRenderer } from 'electron'
import { API_CHANNEL, METHOD_NAMES } from '../../shared/api/method-names'

// Exactly one object reaches the page: a function per API method, nothing else of Electron's.
const api = Object.freeze(
  Object.fromEntries(
    METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(API_CHANNEL, name, input)]),
  ),
)

contextBridge.exposeInMainWorld('api', api)
