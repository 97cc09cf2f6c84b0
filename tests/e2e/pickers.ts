import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { APIRequestContext } from '@playwright/test'
import { expect } from './fixtures'

/**
 * The native pickers are the main process's dialogs; the test bridge answers them from a queue
 * the spec fills. `nextPick` says what the next picker returns: a path under the bridge's temp
 * "computer" (so nothing is written outside it), or null for Cancel. Returns the full path.
 */
export async function nextPick(request: APIRequestContext, relativePath: string | null, kind: 'folder' | 'file' | 'save' = 'folder'): Promise<string | null> {
  const path = relativePath === null ? null : join(await machineRoot(request), relativePath)
  // A folder picker returns a folder that exists (its "New folder" button makes one); so does the Save window, for the file's folder.
  if (path && kind === 'folder') mkdirSync(path, { recursive: true })
  if (path && kind === 'save') mkdirSync(dirname(path), { recursive: true })
  const r = await request.post('/__bridge/next-pick', { data: { path } })
  expect(r.ok()).toBe(true)
  return path
}

/** The temp folder that stands for this computer's disk; the register is in its "Online Safety Register". */
export async function machineRoot(request: APIRequestContext): Promise<string> {
  return ((await (await request.get('/__bridge/folders')).json()) as { machineRoot: string }).machineRoot
}

/**
 * What the pickers were asked for, in order: their kind (folder, file, save) and title; for the
 * Save window also the file it suggested (`defaultPath`) and its "Save as type" list.
 */
export async function picksAsked(request: APIRequestContext): Promise<{ kind: string; title: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] }[]> {
  return (await (await request.get('/__bridge/picks')).json()) as { kind: string; title: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] }[]
}

/**
 * Queues the Save window's answer: `relativePath` under the bridge's "computer" (null: Cancel).
 * A file already there stands for the user having said yes to "replace it?"; the spec queues
 * one only where that is what it means.
 */
export function nextSave(request: APIRequestContext, relativePath: string | null): Promise<string | null> {
  return nextPick(request, relativePath, 'save')
}
