import type { FromHost, ToHost } from './protocol'

/** The host's side of the line to the main process, whichever way the host was started. */
export interface ParentChannel {
  send(message: FromHost): void
  onMessage(listener: (message: ToHost) => void): void
  /** The main process went away without saying goodbye (child_process only; Electron ends a utility process itself). */
  onDisconnect(listener: () => void): void
  /** Sends a last message, then ends the process once it has left. */
  end(last: FromHost, code: number): void
}

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown
  postMessage(message: unknown): void
}

/**
 * Electron's `utilityProcess.fork` gives the child `process.parentPort`; Node's
 * `child_process.fork` gives it `process.send` and `process.on('message')`. The same built host
 * runs under either, so the app and the tests (which have no Electron) run the same file.
 */
export function parentChannel(): ParentChannel {
  const port = (process as unknown as { parentPort?: ElectronParentPort }).parentPort
  if (port) {
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) => void port.on('message', (event) => listener(event.data as ToHost)),
      onDisconnect: () => {},
      end(last, code) {
        port.postMessage(last)
        // postMessage has no callback: give it a turn of the event loop to leave.
        setTimeout(() => process.exit(code), 20)
      },
    }
  }
  const send = process.send?.bind(process)
  if (send) {
    return {
      // After the main process has gone there is nobody to answer; the host is closing by then.
      send: (message) => void (process.connected && send(message)),
      onMessage: (listener) => void process.on('message', (message) => listener(message as ToHost)),
      onDisconnect: (listener) => void process.on('disconnect', listener),
      end(last, code) {
        if (process.connected) send(last, undefined, {}, () => process.exit(code))
        else process.exit(code)
      },
    }
  }
  throw new Error('The core host has no parent to serve: start it with Electron’s utilityProcess.fork or Node’s child_process.fork.')
}
