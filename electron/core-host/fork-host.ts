import { fork, type ChildProcess } from 'node:child_process'
import type { HostProcess } from './core-client'
import type { FromHost } from './protocol'

/**
 * The core host as a Node child process, for the tests and the bench (the app uses Electron's
 * utilityProcess, which Node does not have). `serialization: 'advanced'` is structured clone, as
 * utilityProcess and the window's IPC use, so a result crosses the same way. `onChild` hands the
 * raw ChildProcess to a test that wants to kill it.
 */
export function forkHost(hostFile: string, onChild?: (child: ChildProcess) => void, execArgv: string[] = []): () => HostProcess {
  return () => {
    const child = fork(hostFile, [], { serialization: 'advanced', execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    onChild?.(child)
    // A send to a host that has just died fails here; its exit answers the calls.
    child.on('error', () => {})
    return {
      send: (message) => void (child.connected && child.send(message)),
      onMessage: (listener) => void child.on('message', (message) => listener(message as FromHost)),
      onExit: (listener) => void child.on('exit', (code, signal) => listener(signal ? `signal ${signal}` : `exit code ${code}`)),
      kill: () => void child.kill('SIGKILL'),
    }
  }
}
