import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeDurably } from '../vault/vault-file'

/** Written by the app while it has the register open, so the command line can refuse to move it from under the app. */
export const IN_USE_FILE = 'app-open.json'

export function markInUse(dataDir: string, pid = process.pid): () => void {
  const file = join(dataDir, IN_USE_FILE)
  writeDurably(file, JSON.stringify({ pid }))
  return () => rmSync(file, { force: true })
}

/**
 * The process id of the app that has this register open, or null. A note left by an app that
 * crashed names a process that no longer runs, and is ignored.
 */
export function openByApp(dataDir: string, isRunning: (pid: number) => boolean = processRuns): number | null {
  const file = join(dataDir, IN_USE_FILE)
  if (!existsSync(file)) return null
  try {
    const pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid
    return typeof pid === 'number' && pid !== process.pid && isRunning(pid) ? pid : null
  } catch {
    return null
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as { code?: string }).code === 'EPERM'
  }
}
