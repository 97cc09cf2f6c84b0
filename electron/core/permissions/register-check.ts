import { looksLikeAPassword } from '../../../shared/domain/looks-like-a-password'
import type { RegisterCheck } from '../health/register-checks'

/**
 * The permission register's promises: nothing stored looks like a password (the API refuses one,
 * so a hit means the database was written around it), every scan is of a device, and no stick
 * has two permissions counting at once.
 */
export const permissionRegisterCheck: RegisterCheck = {
  name: 'Permission register',
  async run(core) {
    const { db } = core.store.requireOpen()
    const problems: string[] = []
    const rows = await db('permissions').select('id', 'kind', 'device_make', 'device_serial', 'system_name', 'account_name', 'authorised_by', 'conditions', 'revoke_reason')
    const texts = (r: (typeof rows)[number]) => [r.device_make, r.system_name, r.account_name, r.authorised_by, r.conditions, r.revoke_reason]
    const suspect = rows.filter((r) => texts(r).some((t) => t && looksLikeAPassword(t)) || (r.device_serial && looksLikeAPassword(r.device_serial, { randomAllowed: true })))
    const scanTexts = await db('device_scans').select('id', 'scanned_by', 'tool', 'notes')
    const suspectScans = scanTexts.filter((s) => [s.scanned_by, s.tool, s.notes].some((t) => t && looksLikeAPassword(t)))
    if (suspect.length + suspectScans.length > 0) {
      problems.push(`${suspect.length + suspectScans.length} record(s) hold text that looks like a password (permissions ${suspect.map((r) => r.id).slice(0, 5).join(', ') || '—'}; scans ${suspectScans.map((s) => s.id).slice(0, 5).join(', ') || '—'}). Revoke and re-grant them without it.`)
    }
    const [strays] = (await db('device_scans as s').join('permissions as p', 'p.id', 's.permission_id').whereNot('p.kind', 'portable-media').count({ n: '*' })) as { n: number }[]
    if (Number(strays?.n) > 0) problems.push(`${Number(strays?.n)} scan(s) belong to a permission that is not for a device.`)
    const doubled = (await db('permissions as a')
      .join('permissions as b', (j) => void j.on('a.serial_key', '=', 'b.serial_key').andOn('a.id', '<', 'b.id'))
      .where('a.kind', 'portable-media')
      .where('b.kind', 'portable-media')
      .whereRaw("coalesce(a.revoked_on, a.ends_on, '9999-12-31') >= b.starts_on AND coalesce(b.revoked_on, b.ends_on, '9999-12-31') >= a.starts_on")
      .whereRaw('coalesce(a.revoked_on, a.ends_on) IS NOT a.starts_on')
      .select('a.serial_key')) as { serial_key: string }[]
    if (doubled.length > 0) problems.push(`${doubled.length} stick(s) have two permissions at once (serial ${doubled[0]!.serial_key}${doubled.length > 1 ? ', …' : ''}).`)
    if (problems.length > 0) return { ok: false, detail: problems.join(' ') }
    return { ok: true, detail: `${rows.length} permission(s) and ${scanTexts.length} scan(s): no password-like text, every scan is of a device, no stick permitted twice at once.` }
  },
}
