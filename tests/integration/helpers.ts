import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh temporary folder for one test's data, removed afterwards. */
export function tempDir(prefix = 'osr-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

import { createCore, type Core } from '../../electron/core/core'
import type { CoreFeature } from '../../electron/core/feature-kit/feature'
import type { MethodInput, MethodOutput } from '../../shared/api/contract'
import type { MethodName } from '../../shared/api/method-names'

/** A low scrypt cost so tests run fast; the calibrated cost is tested on its own. */
export const FAST_KDF = { N: 1 << 12, r: 8, p: 1 }

export const SCHOOL = {
  name: 'Ysgol Gymraeg Llanfair',
  address: '1 Heol yr Ysgol, Llanfair',
  urn: '123456',
  dslName: 'Siân Ŵyn',
  deputyDslNames: ['Łukasz Nowak'],
  onlineSafetyGovernor: 'Ярослава Коваль',
}

export const MANAGER = { username: 'bmanager', displayName: 'Bethan Manager', password: 'kettle violet harbour jump' }

export function newCore(dataDir: string, extra: { now?: () => number; features?: readonly CoreFeature[] } = {}): Core {
  const errors: unknown[] = []
  return createCore({ dataDir, appVersion: '0.0.0-test', kdfCost: FAST_KDF, logger: { error: (m, d) => errors.push([m, d]) }, ...extra })
}

/** Calls a method and returns its value, failing the test with the core's message otherwise. */
export async function ok<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.call(method, input)
  if (!r.ok) throw new Error(`${method} failed: ${r.error.kind}: ${r.error.message}`)
  return r.value as MethodOutput<M>
}

/** Calls a method that must fail, and returns its error. */
export async function refused(core: Core, method: MethodName, input: unknown) {
  const r = await core.call(method, input)
  if (r.ok) throw new Error(`${method} should have failed but returned ${JSON.stringify(r.value)}`)
  return r.error
}

/** The day the tests' school says its records began: early enough for any incident a test records. */
export const RECORDS_BEGAN = '2000-09-01'

export async function setUpSchool(core: Core, options: { recordsBeganOn?: string } = {}): Promise<string> {
  const { recoveryKey } = await ok(core, 'setup.create', { school: SCHOOL, manager: MANAGER, recordsBeganOn: options.recordsBeganOn ?? RECORDS_BEGAN })
  return recoveryKey
}
