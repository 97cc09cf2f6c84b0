// The two chains the register can prove whole, walked at the scale of the large school.
import type { Core } from '../electron/core/core'
import { call, ms, round, rows, say } from './table'

const SECTION = 'Checking the chains, large school'

export async function benchVerify(core: Core): Promise<void> {
  say('Walking the audit chain and the incident log’s signatures...')
  let t = process.hrtime.bigint()
  const audit = await call<{ ok: boolean; checked: number }>(core, 'audit.verify', {})
  const auditS = ms(t) / 1000
  if (!audit.ok) throw new Error('the audit chain of the large school did not verify')
  rows.push({
    section: SECTION,
    name: `audit.verify: the hash chain over ${audit.checked.toLocaleString('en-GB')} entries`,
    value: round(auditS),
    unit: 's',
    target: '< 5 s (proposed)',
    met: auditS < 5,
    note: 'every entry re-hashed and linked, in pages',
  })

  t = process.hrtime.bigint()
  const incidents = await call<{ ok: boolean; checked: number }>(core, 'incidents.verify', {})
  const incidentsS = ms(t) / 1000
  rows.push({
    section: SECTION,
    name: `incidents.verify: ${incidents.checked.toLocaleString('en-GB')} signed records (hash, link, Ed25519 signature each)`,
    value: round(incidentsS),
    unit: 's',
    target: '(no target)',
    met: incidents.ok ? null : false,
    note: 'run on demand from Settings, not on a screen the office waits for',
  })
}
