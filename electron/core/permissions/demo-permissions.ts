import type { ScanResult } from '../../../shared/domain/permissions'
import type { DemoScale, DemoSeeder } from '../demo/demo'
import { insertChunks, insertMany } from '../db/bulk-insert'
import { displayNameOfRow } from '../people/services'
import type { RegisterStore } from '../store/register-store'
import { serialKey } from './permission-rows'
import { random } from '../demo/random'
import { ukDay, ukInstant } from '../../../shared/dates/uk-time'
import { addDays } from '../../../shared/dates/uk-time'
import type { PermissionRow } from './tables'

const MAKES = ['Kingston DataTraveler Exodia 32GB', 'SanDisk Ultra Flair 64GB', 'Integral Courier 16GB', 'Samsung BAR Plus 128GB', 'Verbatim Store n Go 32GB', 'Kingston IronKey Locker+ 50 16GB', 'Crucial X6 portable SSD 500GB']
const TOOLS = ['Sophos Endpoint', 'Microsoft Defender', 'ESET Endpoint Security']
const SYSTEMS = ['SIMS', 'CPOMS', 'Google Workspace admin console', 'Smoothwall filtering console', 'Parent payments (ParentPay)', 'Library system (Reading Cloud)']
const ACCOUNTS: readonly [string, string][] = [
  ['Twitter / X', '@therosewoodsch'],
  ['Facebook', 'therosewoodschool'],
  ['LinkedIn', 'the-rosewood-school'],
  ['School website (WordPress)', 'site administrator'],
  ['Microsoft 365', 'global administrator'],
]
const CONDITIONS = ['Lesson resources only', 'Encrypted stick only; no pupil data', 'Return to the ICT office at the end of the year', 'Not to leave the school site']
const REVOKE_REASONS = ['Stick reported lost', 'Replaced by an encrypted stick', 'Left the school', 'No longer needed', 'Threat found twice: device withdrawn']

interface Plan {
  /** Academic years of history, counting back from this one. */
  years: number
  sticksPerYear: number
  accessPerYear: number
  exemptionsPerYear: number
}

const PLANS: Readonly<Record<DemoScale, Plan>> = {
  small: { years: 2, sticksPerYear: 5, accessPerYear: 2, exemptionsPerYear: 2 },
  large: { years: 10, sticksPerYear: 45, accessPerYear: 30, exemptionsPerYear: 6 },
}

type NewPermission = Omit<PermissionRow, 'id'>

/**
 * Demonstration permissions and scans on the demo people: a year of them at small scale, ten
 * years at large (sticks for the school year, some lost or withdrawn, monthly scans, the shared
 * social media and administrator accounts passing between senior staff). One audited change.
 */
export async function seedPermissionsDemo(store: RegisterStore, scale: DemoScale, options: { now?: number } = {}): Promise<string[]> {
  const { db, session } = store.requireOpen()
  if (await db('permissions').first()) return ['Permissions are already there, left as they were.']
  const people = await db('people').whereNull('archived_at').whereIn('kind', ['staff', 'pupil']).orderBy('id')
  const staff = people.filter((p) => p.kind === 'staff')
  const leaders = staff.filter((p) => p.staff_group === 'leadership')
  const youngest = people.filter((p) => p.kind === 'pupil' && (p.year_group === 'R' || p.year_group === '1' || p.year_group === '7'))
  if (staff.length === 0 || leaders.length === 0) return ['No demo staff to hold permissions: add the demo people first.']
  const rnd = random(scale === 'small' ? 11 : 2027)
  const now = options.now ?? Date.now()
  const today = ukDay(now)
  const academicStart = Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 1 : 0)
  const head = leaders.find((p) => p.job_title === 'Headteacher') ?? leaders[0]!
  const authoriser = `${displayNameOfRow(head)} (Headteacher)`
  const technician = staff.find((p) => p.job_title === 'IT Technician')
  const scanner = technician ? displayNameOfRow(technician) : session.displayName
  const at = (day: string) => new Date(Math.min(now, ukInstant(day, '10:00'))).toISOString()
  const base = { created_by: session.userId, created_by_name: session.displayName, revoked_at: null, revoked_on: null, revoked_by: null, revoked_by_name: null, revoke_reason: null, conditions: null }
  const revoke = (p: NewPermission, day: string, reason: string): NewPermission =>
    day > today ? p : { ...p, revoked_at: at(day), revoked_on: day, revoked_by: session.userId, revoked_by_name: session.displayName, revoke_reason: reason }

  const permissions: NewPermission[] = []
  let serial = 0x3a1f00
  for (let y = academicStart - PLANS[scale].years + 1; y <= academicStart; y++) {
    const start = `${y}-09-0${rnd.int(2, 9)}`
    const end = `${y + 1}-08-31`
    if (start > today) continue
    for (let i = 0; i < PLANS[scale].sticksPerYear; i++) {
      const make = rnd.pick(MAKES)
      const deviceSerial = rnd.chance(0.5) ? `${(serial++).toString(16).toUpperCase()}${rnd.int(1000, 9999)}` : `AA${String(rnd.int(10_000_000, 99_999_999))}`
      // In the current year a few run for one term only, so some expire soon or have just expired.
      const short = y === academicStart && i % 5 === 4
      const endsOn = short ? addDays(today, rnd.int(-20, 25)) : end
      let p: NewPermission = {
        ...base,
        person_id: rnd.pick(staff).id,
        kind: 'portable-media',
        device_make: make,
        device_serial: deviceSerial,
        serial_key: serialKey(deviceSerial),
        system_name: null,
        account_name: null,
        authorised_by: authoriser,
        starts_on: start,
        ends_on: endsOn < start ? end : endsOn,
        conditions: rnd.chance(0.5) ? rnd.pick(CONDITIONS) : null,
        created_at: at(start),
      }
      if (rnd.chance(0.12)) p = revoke(p, addDays(start, rnd.int(20, 250)), rnd.pick(REVOKE_REASONS))
      permissions.push(p)
    }
    for (let i = 0; i < PLANS[scale].accessPerYear; i++) {
      const p: NewPermission = { ...base, person_id: rnd.pick(staff).id, kind: 'system-access', device_make: null, device_serial: null, serial_key: null, system_name: rnd.pick(SYSTEMS), account_name: null, authorised_by: authoriser, starts_on: start, ends_on: end, created_at: at(start) }
      permissions.push(rnd.chance(0.08) ? revoke(p, addDays(start, rnd.int(30, 300)), 'No longer needed') : p)
    }
    for (let i = 0; i < PLANS[scale].exemptionsPerYear && youngest.length > 0; i++) {
      const pupil = rnd.pick(youngest)
      const older = pupil.year_group === '7'
      permissions.push({
        ...base,
        person_id: pupil.id,
        kind: 'password-exemption',
        device_make: null,
        device_serial: null,
        serial_key: null,
        system_name: 'Pupil network logins',
        account_name: null,
        authorised_by: authoriser,
        starts_on: start,
        ends_on: end,
        conditions: older ? 'Uses a simpler sign-in while a screen reader is set up (SENCO’s plan)' : 'Class picture login in Reception and Key Stage 1',
        created_at: at(start),
      })
    }
  }
  // The shared accounts (section 5.2: senior leaders know the official social media accounts), handed over every few years.
  for (const [system, account] of scale === 'small' ? ACCOUNTS.slice(0, 3) : ACCOUNTS) {
    for (let y = academicStart - PLANS[scale].years + 1; y <= academicStart; y += 4) {
      const start = `${y}-09-01`
      const handOver = y + 4 <= academicStart ? `${y + 4}-08-31` : null
      for (const holder of [head, rnd.pick(leaders)].filter((p, i, all) => all.indexOf(p) === i)) {
        const p: NewPermission = { ...base, person_id: holder.id, kind: 'credential-holder', device_make: null, device_serial: null, serial_key: null, system_name: system, account_name: account, authorised_by: 'Chair of Governors', starts_on: start, ends_on: null, created_at: at(start) }
        permissions.push(handOver && scale === 'large' ? revoke(p, handOver, 'Handed over to the new senior leadership team') : p)
      }
    }
  }

  // Scans: a first one when the stick is permitted, then about monthly in term, up to its end, its revocation or today.
  const scans: { index: number; scanned_on: string; result: ScanResult }[] = []
  permissions.forEach((p, index) => {
    if (p.kind !== 'portable-media') return
    const stop = [p.ends_on!, p.revoked_on ?? p.ends_on!, today].sort()[0]!
    let day = addDays(p.starts_on, rnd.int(0, 3))
    while (day <= stop) {
      if (!rnd.chance(0.15)) scans.push({ index, scanned_on: day, result: rnd.chance(0.03) ? 'refused' : rnd.chance(0.05) ? 'threat-removed' : 'clean' })
      day = addDays(day, rnd.int(25, 40))
    }
  })

  await store.change({ action: 'permissions.demo', detail: `${scale} demo permissions and scans` }, async (trx) => {
    const ids = await insertMany(trx, 'permissions', permissions)
    await insertChunks(
      trx,
      'device_scans',
      scans.map((s) => ({
        permission_id: ids[s.index]!,
        scanned_on: s.scanned_on,
        scanned_by: scanner,
        tool: TOOLS[s.index % TOOLS.length]!,
        result: s.result,
        notes: s.result === 'refused' ? 'Malware found; the stick was handed back and not used' : s.result === 'threat-removed' ? 'Adware removed' : null,
        recorded_at: at(s.scanned_on),
        recorded_by: session.userId,
        recorded_by_name: session.displayName,
      })),
    )
  })
  const revoked = permissions.filter((p) => p.revoked_at).length
  return [`${permissions.length} permissions (${revoked} revoked) and ${scans.length} scans of portable media`]
}

export const demoPermissions: DemoSeeder = { name: 'Permissions and scans', seed: (ctx) => seedPermissionsDemo(ctx.store, ctx.scale, { now: ctx.store.now() }) }
