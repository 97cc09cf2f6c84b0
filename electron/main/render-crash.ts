import type { RenderProcessGoneDetails } from 'electron'

/** The part of a window's webContents the crash handler needs. */
export type CrashableContents = {
  on(event: 'render-process-gone', listener: (event: unknown, details: Pick<RenderProcessGoneDetails, 'reason' | 'exitCode'>) => void): unknown
  getURL(): string
  loadURL(url: string): Promise<void>
  isDestroyed(): boolean
}

export type CrashOptions = {
  /** The address to reload at, given the address the page was on (adds the notice; see urlWithNotice). */
  reloadUrl(currentUrl: string): string
  log(message: string): void
  /** Milliseconds; injected so tests control time. */
  now(): number
  /** Called instead of reloading when the page keeps crashing: the shell tells the user and stops. */
  giveUp(): void
  /** While the app is quitting, a page going away is expected. */
  isQuitting(): boolean
}

/** Three crashes within two minutes is not a one-off: reloading again would only loop. */
export const CRASH_LIMIT = 3
export const CRASH_WINDOW_MS = 120_000

/**
 * When the page's process dies (a crash, out of memory, killed by Windows), the window would stay
 * white. Instead: log it, and load the page again with a plain message. The register's session
 * lives in the core, not the page, so nothing saved is lost.
 */
export function handleRenderCrashes(contents: CrashableContents, options: CrashOptions): void {
  const recent: number[] = []
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || options.isQuitting() || contents.isDestroyed()) return
    const at = options.now()
    while (recent.length > 0 && at - recent[0]! > CRASH_WINDOW_MS) recent.shift()
    recent.push(at)
    options.log(`The window's page stopped (${details.reason}, exit code ${details.exitCode}); crash ${recent.length} in ${CRASH_WINDOW_MS / 1000} s`)
    if (recent.length >= CRASH_LIMIT) {
      options.log('The window keeps stopping: not reloading it again')
      options.giveUp()
      return
    }
    contents.loadURL(options.reloadUrl(contents.getURL())).catch((err: unknown) => {
      options.log(`Reloading the window after it stopped failed: ${err instanceof Error ? err.message : String(err)}`)
    })
  })
}
