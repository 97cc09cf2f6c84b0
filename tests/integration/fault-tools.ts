import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Core } from '../../electron/core/core'

// Shared by the fault tests (faults.test.ts, faults-heavy.test.ts).

/** SQLite's own check of every page and index: "ok", or what is wrong. */
export async function integrity(core: Core): Promise<string> {
  const rows = (await core.store.requireOpen().db.raw('PRAGMA integrity_check')) as { integrity_check: string }[]
  return rows.map((r) => r.integrity_check).join('; ')
}

/** Every file of a folder, byte for byte: to show that a refused action changed nothing on disk. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    if (statSync(file).isFile()) out[name] = readFileSync(file).toString('base64')
  }
  return out
}

/** Runs a system command; null when it worked, else the first line of what it said. */
export function run(cmd: string, args: string[]): string | null {
  try {
    execFileSync(cmd, args, { stdio: 'pipe' })
    return null
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string }
    return (e.stderr?.toString().trim() || e.message).split('\n')[0]!
  }
}
