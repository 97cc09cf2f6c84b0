// Backup and restore at the scale of the large school, and what they add to locking and signing in.
import type { Core } from '../electron/core/core'
import type { BackupCheck, BackupInfo } from '../shared/domain/backups'
import { signIn } from './large-school'
import { SCHOOL } from './store'
import { call, ms, round, rows, say } from './table'

const SECTION = 'Backup and restore, large school'
const TARGET_S = 60

async function seconds<T>(work: () => Promise<T>): Promise<{ s: number; value: T }> {
  const t = process.hrtime.bigint()
  const value = await work()
  return { s: ms(t) / 1000, value }
}

export async function benchBackup(core: Core): Promise<void> {
  say('Backing up, checking and restoring the large school...')
  const made = await seconds(() => call<BackupInfo>(core, 'backup.now', {}))
  const mib = made.value.sizeBytes / 2 ** 20
  rows.push({
    section: SECTION,
    name: 'backup.now (VACUUM INTO, still encrypted, wrapped with the vault and a SHA-256)',
    value: round(made.s),
    unit: 's',
    target: `< ${TARGET_S} s`,
    met: made.s < TARGET_S,
    note: `${round(mib, 1)} MiB file`,
    detail: { sizeBytes: made.value.sizeBytes },
  })

  const inspected = await seconds(() => call<BackupCheck>(core, 'backup.inspect', { file: made.value.file }))
  rows.push({
    section: SECTION,
    name: 'backup.inspect (hash, unwrap, open and count the copy)',
    value: round(inspected.s),
    unit: 's',
    target: `< ${TARGET_S} s`,
    met: inspected.s < TARGET_S,
    note: `${inspected.value.records.auditEntries.toLocaleString('en-GB')} audit entries counted`,
  })

  const restored = await seconds(() => call(core, 'backup.restore', { file: made.value.file, confirmSchoolName: SCHOOL.name }))
  rows.push({
    section: SECTION,
    name: 'backup.restore (check, replace, keep the replaced copy; locks)',
    value: round(restored.s),
    unit: 's',
    target: `< ${TARGET_S} s`,
    met: restored.s < TARGET_S,
    note: 'the school then signs in again',
  })

  // The first business manager's sign-in of the day also runs the daily jobs (a backup when
  // none is a day old, the visitor retention run): the wait the office sees on a large register.
  const backupsBefore = core.backups.list().length
  const first = await seconds(() => signIn(core))
  const { db } = core.store.requireOpen()
  const dailyBackup = core.backups.list().length > backupsBefore
  const retention = (await db('audit_log').where('action', 'retention.run').andWhere('at', '>=', new Date(Date.now() - first.s * 1000 - 1000).toISOString()).first('detail')) as { detail: string | null } | undefined
  rows.push({
    section: SECTION,
    name: 'first sign-in after the restore (with the daily jobs that were due)',
    value: round(first.s),
    unit: 's',
    target: '(no target)',
    met: null,
    note: `${dailyBackup ? 'made the daily backup' : 'no daily backup due'}; ${retention ? `ran the visitor retention (${retention.detail ?? ''})` : 'no retention run due'}; once a day, after the unlock itself`,
  })

  // Locking after a change makes the on-lock backup: the wait at every lock (and idle lock).
  await call(core, 'settings.update', { idleLockMinutes: 15 })
  const locked = await seconds(() => call(core, 'session.lock', {}))
  rows.push({
    section: SECTION,
    name: 'lock after a change (with the on-lock backup)',
    value: round(locked.s),
    unit: 's',
    target: '(no target)',
    met: null,
    note: 'proposed: < 60 s, as a backup; the window waits for it',
  })
  const again = await seconds(() => signIn(core))
  rows.push({
    section: SECTION,
    name: 'sign-in again (nothing due; scrypt N=2^14 of the bench, not the calibrated cost)',
    value: round(again.s, 3),
    unit: 's',
    target: '< 0.5 s',
    met: again.s < 0.5,
  })
}
