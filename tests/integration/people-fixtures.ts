import type { Core } from '../../electron/core/core'
import { demoSignaturePng } from '../../electron/core/people/demo-signature'
import type { Role } from '../../shared/domain/roles'
import { MANAGER, newCore, ok, setUpSchool, tempDir } from './helpers'

/** A drawn signature as the renderer sends it (signature_pad's toDataURL()). */
export const SIGNATURE = `data:image/png;base64,${demoSignaturePng(42).toString('base64')}`

export const PASSWORD = 'copper meadow sleepy anchor'

/** A settable clock: a Tuesday in term, 10:00 in London (BST). */
export function clock(start = '2026-06-16T09:00:00Z') {
  let t = Date.parse(start)
  return {
    now: () => t,
    set: (iso: string) => void (t = Date.parse(iso)),
    advance: (ms: number) => void (t += ms),
  }
}

export interface School {
  core: Core
  dir: string
  close: () => Promise<void>
  /** Signs in as a user with that role (made on first use), or as the business manager. */
  as: (role: Role) => Promise<void>
}

/** A set-up register in a temp folder, signed in as the business manager. */
export async function school(now?: () => number): Promise<School> {
  const t = tempDir('osr-people-')
  const core = newCore(t.dir, now ? { now } : {})
  await setUpSchool(core)
  const made = new Set<Role>(['manager'])
  const as = async (role: Role) => {
    await ok(core, 'session.lock', {})
    if (role === 'manager') {
      await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
      return
    }
    if (!made.has(role)) {
      await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
      await ok(core, 'users.create', { username: `user-${role}`, displayName: `A ${role}`, role, password: 'first given password here' })
      made.add(role)
      // The core opens nothing else until a new user has chosen their own password.
      await ok(core, 'session.lock', {})
      await ok(core, 'session.login', { username: `user-${role}`, password: 'first given password here' })
      await ok(core, 'account.changePassword', { currentPassword: 'first given password here', newPassword: PASSWORD })
      await ok(core, 'session.lock', {})
    }
    await ok(core, 'session.login', { username: `user-${role}`, password: PASSWORD })
  }
  return {
    core,
    dir: t.dir,
    as,
    close: async () => {
      await core.close()
      t.cleanup()
    },
  }
}

export async function auditRows(core: Core, action: string) {
  const { db } = core.store.requireOpen()
  return (await db('audit_log').where({ action }).orderBy('id')) as { action: string; target: string | null; detail: string | null; result: string }[]
}

/** Timings the report quotes, printed with the test output (console.warn: the only level lint allows). */
export function reportTiming(what: string, ms: number | string): void {
  console.warn(`timing: ${what}: ${typeof ms === 'number' ? ms.toFixed(1) : ms} ms`)
}
