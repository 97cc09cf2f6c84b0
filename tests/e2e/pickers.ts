import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { APIRequestContext } from '@playwright/test'
import { expect } from './fixtures'

/**
 * The native pickers are the main process's dialogs; the test bridge answers them from a queue
 * the spec fills. `nextPick` says what the next picker returns: a path under the bridge's temp
 * "computer" (so nothing is written outside it), or null for Cancel. Returns the full path.
 */
export async function nextPick(request: APIRequestContext, relativePath: string | null, kind: 'folder' | 'file' = 'folder'): Promise<string | null> {
  const path = relativePath === null ? null : join(await machineRoot(request), relativePath)
  // A folder picker returns a folder that exists (its "New folder" button makes one).
  if (path && kind === 'folder') mkdirSync(path, { recursive: true })
  const r = await request.post('/__bridge/next-pick', { data: { path } })
  expect(r.ok()).toBe(true)
  return path
}

/** The temp folder that stands for this computer's disk; the register is in its "Online Safety Register". */
export async function machineRoot(request: APIRequestContext): Promise<string> {
  return ((await (await request.get('/__bridge/folders')).json()) as { machineRoot: string }).machineRoot
}

/** What the pickers were asked for, in order: their kind (folder, file) and title. */
export async function picksAsked(request: APIRequestContext): Promise<{ kind: string; title: string }[]> {
  return (await (await request.get('/__bridge/picks')).json()) as { kind: string; title: string }[]
}
