// The first sign-in after updating to the version with role keys, on the large school: the
// register is turned back into what the version before wrote (the test suite's own helper), then
// the business manager signs in: the role keys are made, the whole incident log is encrypted in
// one transaction, and the file is rewritten (VACUUM) so no page keeps the old text. Once per school.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { Core } from '../electron/core/core'
import { toPreviousVersion } from '../tests/integration/previous-version'
import { signIn } from './large-school'
import { MANAGER } from './store'
import { call, ms, round, rows, say } from './table'

const SECTION = 'The first sign-in after the update (role keys), large school'

export async function benchUpgrade(core: Core, dataDir: string): Promise<void> {
  say('Turning the large school back into the previous version, then signing in once...')
  await call(core, 'session.lock', {})
  await toPreviousVersion(dataDir, { [MANAGER.username]: MANAGER.password })
  const before = statSync(join(dataDir, 'register.db')).size
  const t = process.hrtime.bigint()
  await signIn(core)
  const took = ms(t) / 1000
  const after = statSync(join(dataDir, 'register.db')).size
  const { db } = core.store.requireOpen()
  const [{ n }] = (await db('incidents').whereNotNull('data_key').count({ n: '*' })) as [{ n: number }]
  rows.push({
    section: SECTION,
    name: 'sign-in that makes the role keys, encrypts the incident log and rewrites the file',
    value: round(took, 1),
    unit: 's',
    target: '(no target)',
    met: null,
    note: `${Number(n).toLocaleString('en-GB')} entries encrypted; the file ${round(before / 2 ** 20, 1)} MiB before, ${round(after / 2 ** 20, 1)} MiB after; once, at the first sign-in of a business manager, headteacher or DSL`,
    detail: { seconds: took, bytesBefore: before, bytesAfter: after },
  })
}
