import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type MethodSpec } from '../../shared/api/contract'
import { METHOD_NAMES } from '../../shared/api/contract'
import { ROLES, type Role } from '../../shared/domain/roles'
import type { Core } from '../../electron/core/core'
import { newCore, ok, setUpSchool, tempDir } from './helpers'

// The same walk on the real core: signed in as each role, every method it may not call is
// refused with "forbidden", and the audit trail shows nothing was done.
let core: Core
let cleanup: () => void
const password = 'copper meadow sleepy anchor'

beforeAll(async () => {
  const t = tempDir()
  cleanup = t.cleanup
  core = newCore(t.dir)
  await setUpSchool(core)
  for (const role of ROLES.filter((r) => r !== 'manager')) {
    const user = await ok(core, 'users.create', { username: `user-${role}`, displayName: `A ${role}`, role, password: 'first given password here' })
    await ok(core, 'users.resetPassword', { id: user.id, newPassword: password })
  }
  await ok(core, 'session.lock', {})
})

afterAll(async () => {
  await core.close()
  cleanup()
})

describe.each(ROLES.filter((r) => r !== 'manager'))('signed in as %s', (role: Role) => {
  it('is refused every method outside its role, changing nothing', async () => {
    await ok(core, 'session.login', { username: `user-${role}`, password })
    const before = core.store.requireOpen()
    const countAudit = async () => Number(((await before.db('audit_log').count({ n: '*' })) as { n: number }[])[0]!.n)
    const auditBefore = await countAudit()
    const forbidden = METHOD_NAMES.filter((m) => {
      const access = (contract[m] as MethodSpec).access
      return access !== 'anyone' && !access.includes(role)
    })
    expect(forbidden.length).toBeGreaterThan(0)
    for (const method of forbidden) {
      const r = await core.call(method, {})
      expect(r.ok, method).toBe(false)
      if (!r.ok) expect(r.error.kind, method).toBe('forbidden')
    }
    expect(await countAudit()).toBe(auditBefore)
    await ok(core, 'session.lock', {})
  })
})
