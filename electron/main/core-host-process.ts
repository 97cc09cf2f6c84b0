import { utilityProcess } from 'electron'
import type { HostProcess } from '../core-host/core-client'
import type { FromHost } from '../core-host/protocol'

/**
 * The core host as an Electron utility process: a Node process of its own, so the window's
 * process never waits on SQLCipher. The tests run the same built host with child_process.fork.
 */
export function utilityHost(hostFile: string): () => HostProcess {
  return () => {
    const child = utilityProcess.fork(hostFile, [], { serviceName: 'Online Safety Register records', stdio: 'inherit' })
    return {
      send(message) {
        try {
          child.postMessage(message)
        } catch {
          // It has just ended: its exit answers the calls in flight.
        }
      },
      onMessage: (listener) => void child.on('message', (message: FromHost) => listener(message)),
      onExit: (listener) => void child.on('exit', (code) => listener(`exit code ${code}`)),
      kill: () => void child.kill(),
    }
  }
}
