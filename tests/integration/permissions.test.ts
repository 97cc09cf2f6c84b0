import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { seedPeopleDemo } from '../../electron/core/people/demo-people'
import { seedPermissionsDemo } from '../../electron/core/permissions/demo-permissions'
import { permissionRegisterCheck } from '../../electron/core/permissions/register-check'
import { METHOD_NAMES } from '../../shared/api/contract'
import { PASSWORD_REFUSAL } from '../../shared/domain/looks-like-a-password'
import type { Role } from '../../shared/domain/roles'
import { ok, refused } from './helpers'
import { auditRows, clock, school, type School } from './people-fixtures'
import { pdfsig, pdfsigUnsigned, pdftotext, qpdfCheck } from './pdf-tools'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

const MEDIA = { kind: 'portable-media' as const, deviceMake: 'Kingston DataTraveler 32GB', deviceSerial: 'AA12345678', authorisedBy: 'Mrs Jasmine Patel (Headteacher)', startsOn: '2026-06-01', endsOn: '2026-08-31' }
const SCAN = { scannedOn: '2026-06-16', scannedBy: 'Łukasz Kowalski', tool: 'Sophos Endpoint 2024.3', result: 'clean' as const }

/** A school with a few people, the ICT manager signed in, and a clock that can be moved. */
async function register(start = '2026-06-16T09:00:00Z') {
  const time = clock(start)
  const s = await school(time.now)
  open.push(s)
  const teacher = await ok(s.core, 'people.create', { kind: 'staff', forename: 'Seán', surname: "O'Brien", staffGroup: 'teaching', jobTitle: 'Teacher of Computing' })
  const head = await ok(s.core, 'people.create', { kind: 'staff', forename: 'Jasmine', surname: 'Patel', staffGroup: 'leadership', jobTitle: 'Headteacher' })
  const pupil = await ok(s.core, 'people.create', { kind: 'pupil', forename: 'Zoë', surname: 'Fairbairn', dateOfBirth: '2014-03-14', yearGroup: '6', regClass: '6B' })
  const infant = await ok(s.core, 'people.create', { kind: 'pupil', forename: 'Ivy', surname: 'Lee', dateOfBirth: '2020-01-10', yearGroup: '1', regClass: '1W' })
  const visitor = await ok(s.core, 'visitors.register', { forename: 'Vic', surname: 'Tor', dbs: { status: 'not-needed' } })
  await s.as('ict')
  /** Moves the clock; a long jump finds the register locked, so the user signs in again. */
  const jump = async (iso: string, role: Role = 'ict') => {
    time.set(iso)
    await s.as(role)
  }
  return { ...s, time, jump, teacher, head, pupil, infant, visitor }
}

const count = async (core: Core, table: string) => Number(((await core.store.requireOpen().db(table).count({ n: '*' })) as { n: number }[])[0]!.n)

describe('the permission register', () => {
  it('grants a USB permission, records a scan, clears the stick by serial number, and revokes it', async () => {
    const { core, teacher } = await register()
    const granted = await ok(core, 'permissions.grant', { ...MEDIA, personId: teacher.id, conditions: 'Coursework only; encrypted with BitLocker.' })
    expect(granted).toMatchObject({
      personName: "Seán O'Brien",
      personDetail: 'Teaching staff · Teacher of Computing',
      kind: 'portable-media',
      covers: 'Kingston DataTraveler 32GB, serial AA12345678',
      status: 'in-force',
      recordedBy: 'A ict',
      clearance: { cleared: false, reason: 'never-scanned', lastScan: null },
    })
    expect((await ok(core, 'permissions.lookupSerial', { serial: 'aa12345678' })).verdict).toBe('not-cleared')

    const detail = await ok(core, 'permissions.recordScan', { ...SCAN, permissionId: granted.id })
    expect(detail.scans).toEqual([expect.objectContaining({ scannedOn: '2026-06-16', tool: 'Sophos Endpoint 2024.3', result: 'clean', recordedBy: 'A ict' })])
    expect(detail.clearance).toMatchObject({ cleared: true, clearedUntil: '2026-07-16' })

    // Case, spaces and dashes do not matter at the desk.
    const answer = await ok(core, 'permissions.lookupSerial', { serial: ' aa-1234 5678 ' })
    expect(answer).toMatchObject({ verdict: 'cleared', mayBeUsed: true, serial: 'AA12345678', permission: { id: granted.id } })
    expect(answer.message).toBe(
      "Cleared: Seán O'Brien’s Kingston DataTraveler 32GB is permitted until 31/08/2026 and was scanned on 16/06/2026 (clean). The scan counts until 16/07/2026.",
    )

    const revoked = await ok(core, 'permissions.revoke', { id: granted.id, reason: 'Stick reported lost' })
    expect(revoked).toMatchObject({ status: 'revoked', revokedBy: 'A ict', revokeReason: 'Stick reported lost', revokedAt: '2026-06-16T09:00:00.000Z' })
    const after = await ok(core, 'permissions.lookupSerial', { serial: 'AA12345678' })
    expect(after).toMatchObject({ verdict: 'revoked', mayBeUsed: false })
    expect(after.message).toMatch(/^Not permitted: .* was revoked on 16\/06\/2026 \(Stick reported lost\)\. It may not be used\.$/)
    expect((await refused(core, 'permissions.revoke', { id: granted.id, reason: 'again' })).message).toBe('This permission was already revoked on 16/06/2026 by A ict.')
    expect((await refused(core, 'permissions.recordScan', { ...SCAN, permissionId: granted.id })).kind).toBe('conflict')

    // Nothing is lost: the revoked permission and its scan are still there, and every change is audited without its content.
    expect(await ok(core, 'permissions.get', { id: granted.id })).toMatchObject({ status: 'revoked', scans: [expect.objectContaining({ result: 'clean' })] })
    expect(await auditRows(core, 'permission.grant')).toEqual([expect.objectContaining({ target: `permission:${granted.id}`, detail: 'portable-media' })])
    expect(await auditRows(core, 'permission.scan')).toEqual([expect.objectContaining({ target: `permission:${granted.id}`, detail: 'clean' })])
    expect(await auditRows(core, 'permission.revoke')).toEqual([expect.objectContaining({ target: `permission:${granted.id}`, detail: null })])
  })

  it('answers "may this stick be used?" in every state, with the clock moving past the scan rule', async () => {
    const { core, teacher, head, jump } = await register()
    const unknown = await ok(core, 'permissions.lookupSerial', { serial: 'ZZ999' })
    expect(unknown).toMatchObject({ verdict: 'unknown', mayBeUsed: false, permission: null })
    expect(unknown.message).toMatch(/^No stick with serial number ZZ999 has ever been permitted\. It may not be used/)

    const stick = await ok(core, 'permissions.grant', { ...MEDIA, personId: teacher.id })
    const later = await ok(core, 'permissions.grant', { ...MEDIA, deviceSerial: 'BB-555-777', personId: head.id, startsOn: '2026-07-01' })
    expect(await ok(core, 'permissions.lookupSerial', { serial: 'bb555777' })).toMatchObject({ verdict: 'not-started', message: expect.stringContaining('starts on 01/07/2026') })
    expect((await ok(core, 'permissions.lookupSerial', { serial: 'AA12345678' })).message).toContain('it has never been scanned. Scan it before it is used.')

    // A refused device is not cleared until a later scan is clean.
    await ok(core, 'permissions.recordScan', { ...SCAN, scannedOn: '2026-06-15', result: 'refused', notes: 'Trojan found; stick returned' , permissionId: stick.id })
    const refusedAnswer = await ok(core, 'permissions.lookupSerial', { serial: 'AA12345678' })
    expect(refusedAnswer).toMatchObject({ verdict: 'not-cleared', permission: { clearance: { reason: 'threat-refused' } } })
    expect(refusedAnswer.message).toContain('its last scan, on 15/06/2026, found a threat and the device was refused')
    await ok(core, 'permissions.recordScan', { ...SCAN, scannedOn: '2026-06-16', result: 'threat-removed', permissionId: stick.id })
    expect((await ok(core, 'permissions.lookupSerial', { serial: 'AA12345678' })).verdict).toBe('cleared')

    // 30 days after the scan it still counts; on the 31st it does not.
    await jump('2026-07-16T09:00:00Z')
    expect((await ok(core, 'permissions.lookupSerial', { serial: 'AA12345678' })).verdict).toBe('cleared')
    await jump('2026-07-17T09:00:00Z')
    const stale = await ok(core, 'permissions.lookupSerial', { serial: 'AA12345678' })
    expect(stale).toMatchObject({ verdict: 'not-cleared', permission: { clearance: { cleared: false, reason: 'out-of-date', clearedUntil: '2026-07-16' } } })
    expect(stale.message).toContain('its last scan was on 16/06/2026, more than 30 days ago')
    expect((await ok(core, 'permissions.summary', {})).devicesNotCleared).toBe(2) // the head's stick has started and was never scanned

    // The business manager changes the rule; the answer follows it.
    await jump('2026-07-17T09:00:00Z', 'manager')
    expect(await ok(core, 'permissions.updateSettings', { scanIntervalDays: 45 })).toEqual({ scanIntervalDays: 45 })
    expect(await auditRows(core, 'permission.settings')).toEqual([expect.objectContaining({ detail: 'scan rule 30 → 45 days' })])
    expect((await ok(core, 'permissions.lookupSerial', { serial: 'AA12345678' })).verdict).toBe('cleared')
    expect((await ok(core, 'permissions.settings', {})).scanIntervalDays).toBe(45)

    // Past its end date: expired. A holder who has left: not permitted either.
    await ok(core, 'people.archive', { id: head.id, leftOn: '2026-07-17' })
    expect((await ok(core, 'permissions.lookupSerial', { serial: 'BB555777' })).verdict).toBe('holder-left')
    await jump('2026-09-01T09:00:00Z')
    const ended = await ok(core, 'permissions.lookupSerial', { serial: 'AA12345678' })
    expect(ended).toMatchObject({ verdict: 'expired', mayBeUsed: false })
    expect(ended.message).toContain('ended on 31/08/2026')
    expect(later.id).toBeGreaterThan(stick.id)
  })

  it('refuses anything that looks like a password in every text field, and saves nothing', async () => {
    const { core, teacher } = await register()
    const stick = await ok(core, 'permissions.grant', { ...MEDIA, personId: teacher.id })
    const before = { permissions: await count(core, 'permissions'), scans: await count(core, 'device_scans'), audit: await count(core, 'audit_log') }
    const system = { kind: 'credential-holder' as const, personId: teacher.id, systemName: 'Twitter', accountName: '@therosewoodsch', authorisedBy: 'Jasmine Patel', startsOn: '2026-06-01' }
    const attempts: [string, unknown, string][] = [
      ['permissions.grant', { ...system, accountName: 'admin password: Tr0ub4dor' }, 'accountName'],
      ['permissions.grant', { ...system, accountName: 'Summer2024!' }, 'accountName'],
      ['permissions.grant', { ...system, systemName: 'SIMS pwd=hunter22' }, 'systemName'],
      ['permissions.grant', { ...system, conditions: 'Login is x7Kp2qLm9Rt4' }, 'conditions'],
      ['permissions.grant', { ...system, authorisedBy: 'P@ssw0rd' }, 'authorisedBy'],
      ['permissions.grant', { ...MEDIA, personId: teacher.id, deviceMake: 'Kingston Xk9$mP2q' }, 'deviceMake'],
      ['permissions.grant', { ...MEDIA, personId: teacher.id, deviceSerial: 'Password123' }, 'deviceSerial'],
      ['permissions.grant', { kind: 'system-access', personId: teacher.id, systemName: 'CPOMS', accountName: 'Welcome123', authorisedBy: 'Jasmine Patel', startsOn: '2026-06-01' }, 'accountName'],
      ['permissions.grant', { kind: 'password-exemption', personId: teacher.id, systemName: 'Class login PIN: 4821', authorisedBy: 'Jasmine Patel', startsOn: '2026-06-01' }, 'systemName'],
      ['permissions.revoke', { id: stick.id, reason: 'new password is Qwerty123' }, 'reason'],
      ['permissions.recordScan', { ...SCAN, permissionId: stick.id, tool: 'Sophos, admin pwd: abc' }, 'tool'],
      ['permissions.recordScan', { ...SCAN, permissionId: stick.id, scannedBy: 'letmein' }, 'scannedBy'],
      ['permissions.recordScan', { ...SCAN, permissionId: stick.id, notes: 'unlock code a3f9c2e81b7d5c60' }, 'notes'],
    ]
    for (const [method, input, field] of attempts) {
      const error = await refused(core, method as (typeof METHOD_NAMES)[number], input)
      expect(error, `${method} ${field}`).toEqual({ kind: 'validation', field, message: PASSWORD_REFUSAL })
    }
    expect({ permissions: await count(core, 'permissions'), scans: await count(core, 'device_scans'), audit: await count(core, 'audit_log') }).toEqual(before)

    // Ordinary school text passes: names with apostrophes, product names, serial numbers, handles and addresses.
    const fine = await ok(core, 'permissions.grant', { ...system, accountName: '@therosewoodsch', conditions: 'Year 7 – class 7B posts only; Mr O’Connor checks first.' })
    expect(fine.covers).toBe('Twitter: @therosewoodsch')
    await ok(core, 'permissions.grant', { kind: 'system-access', personId: teacher.id, systemName: 'SIMS admin account', accountName: 'admin@rosewood.sch.uk', authorisedBy: "Seán O'Brien", startsOn: '2026-06-01' })
    await ok(core, 'permissions.grant', { ...MEDIA, personId: teacher.id, deviceSerial: '0718bf2a39c4D5E6', deviceMake: 'SanDisk Ultra 64GB' })
  })

  it('refuses bad input and impossible grants with a plain sentence naming the field', async () => {
    const { core, teacher, pupil, infant, visitor } = await register()
    const base = { ...MEDIA, personId: teacher.id }
    expect(await refused(core, 'permissions.grant', { ...base, endsOn: undefined })).toMatchObject({ field: 'endsOn', message: 'Give the last day of the permission: portable media always has an end date.' })
    expect(await refused(core, 'permissions.grant', { ...base, endsOn: '2026-05-01' })).toMatchObject({ field: 'endsOn', message: 'The permission ends before it starts: check the dates.' })
    expect(await refused(core, 'permissions.grant', { ...base, startsOn: '2026-02-30' })).toMatchObject({ field: 'startsOn' })
    expect(await refused(core, 'permissions.grant', { ...base, startsOn: '2026-01-01', endsOn: '2026-06-15' })).toMatchObject({ field: 'endsOn', message: expect.stringContaining('already have ended') })
    expect(await refused(core, 'permissions.grant', { ...base, deviceSerial: 'A!' })).toMatchObject({ field: 'deviceSerial' })
    expect(await refused(core, 'permissions.grant', { ...base, deviceMake: '' })).toMatchObject({ field: 'deviceMake', message: 'Please give the make and model of the device.' })
    expect(await refused(core, 'permissions.grant', { ...base, kind: 'memory-card' })).toMatchObject({ field: 'kind', message: 'Please choose what kind of permission this is.' })
    expect(await refused(core, 'permissions.grant', { ...base, extra: 1 })).toMatchObject({ kind: 'validation' })
    expect(await refused(core, 'permissions.grant', { ...base, personId: visitor.id })).toMatchObject({ field: 'personId', message: expect.stringContaining('recorded as a visitor') })
    expect(await refused(core, 'permissions.grant', { ...base, personId: 99_999 })).toMatchObject({ field: 'personId' })
    const account = { kind: 'credential-holder' as const, systemName: 'Website', accountName: 'admin', authorisedBy: 'Jasmine Patel', startsOn: '2026-06-01' }
    expect(await refused(core, 'permissions.grant', { ...account, personId: pupil.id })).toMatchObject({ field: 'personId', message: expect.stringContaining('is a pupil') })
    // A password exemption: the youngest need no reason; anyone from Year 7 does (section 9.3).
    const exemption = { kind: 'password-exemption' as const, systemName: 'School network', authorisedBy: 'Jasmine Patel', startsOn: '2026-06-01' }
    expect((await ok(core, 'permissions.grant', { ...exemption, personId: infant.id })).status).toBe('in-force')
    expect(await refused(core, 'permissions.grant', { ...exemption, personId: teacher.id })).toMatchObject({ field: 'conditions', message: expect.stringContaining('From Year 7') })
    expect((await ok(core, 'permissions.grant', { ...exemption, personId: teacher.id, conditions: 'Uses the accessible login while waiting for new hardware' })).kind).toBe('password-exemption')

    // One stick, one permission at a time; the same account twice for one person is refused too.
    await ok(core, 'permissions.grant', base)
    expect((await refused(core, 'permissions.grant', { ...base, deviceSerial: 'aa 1234-5678' })).message).toBe(
      "That stick (serial AA12345678) already has a permission for Seán O'Brien until 31/08/2026. Revoke that one first, or check the serial number.",
    )
    await ok(core, 'permissions.grant', { ...account, personId: teacher.id })
    expect(await refused(core, 'permissions.grant', { ...account, accountName: 'ADMIN', personId: teacher.id })).toMatchObject({ kind: 'conflict' })

    // Scans only of a device, not in the future; a permission that is not there is named as such.
    const web = (await ok(core, 'permissions.list', { kind: 'credential-holder', status: 'all', offset: 0, limit: 10 })).rows[0]!
    expect(await refused(core, 'permissions.recordScan', { ...SCAN, permissionId: web.id })).toMatchObject({ field: 'permissionId' })
    const stick = (await ok(core, 'permissions.list', { kind: 'portable-media', status: 'all', offset: 0, limit: 10 })).rows[0]!
    expect(await refused(core, 'permissions.recordScan', { ...SCAN, permissionId: stick.id, scannedOn: '2026-06-17' })).toMatchObject({ field: 'scannedOn', message: 'The date of the scan is in the future.' })
    expect(await refused(core, 'permissions.recordScan', { ...SCAN, permissionId: stick.id, result: 'ok' })).toMatchObject({ field: 'result', message: 'Say what the scan found.' })
    expect(await refused(core, 'permissions.get', { id: 12_345 })).toMatchObject({ kind: 'not-found' })
    expect(await refused(core, 'permissions.revoke', { id: stick.id, reason: '' })).toMatchObject({ field: 'reason' })
    expect(await refused(core, 'permissions.updateSettings', { scanIntervalDays: 30 })).toMatchObject({ kind: 'forbidden' })
  })

  it('lets ICT and the business manager write, the head and DSL read, and reception nothing', async () => {
    const s = await register()
    const { core, teacher } = s
    const stick = await ok(core, 'permissions.grant', { ...MEDIA, personId: teacher.id })
    const permissionMethods = METHOD_NAMES.filter((m) => m.startsWith('permissions.'))
    const writes = ['permissions.grant', 'permissions.revoke', 'permissions.recordScan', 'permissions.updateSettings'] as const
    await s.as('office')
    for (const method of permissionMethods) expect((await refused(core, method, {})).kind, method).toBe('forbidden')
    for (const role of ['head', 'dsl'] as const) {
      await s.as(role)
      for (const method of writes) expect((await refused(core, method, {})).kind, `${role} ${method}`).toBe('forbidden')
      expect((await ok(core, 'permissions.get', { id: stick.id })).covers).toContain('AA12345678')
      expect((await ok(core, 'permissions.lookupSerial', { serial: 'AA12345678' })).verdict).toBe('not-cleared')
    }
    await s.as('manager')
    expect((await ok(core, 'permissions.revoke', { id: stick.id, reason: 'Left in the library' })).revokedBy).toBe('Bethan Manager')
  })

  it('lists, filters and pages the register; finds people; groups systems; names leavers; counts for the home screen', async () => {
    const { core, teacher, head, pupil, infant, jump } = await register()
    const grant = (input: Record<string, unknown>) => ok(core, 'permissions.grant', { authorisedBy: 'Jasmine Patel', startsOn: '2026-06-01', ...input } as never)
    const a = await grant({ ...MEDIA, personId: teacher.id, endsOn: '2026-07-10' })
    const b = await grant({ ...MEDIA, personId: pupil.id, deviceSerial: 'CC1', deviceMake: 'Integral 16GB' })
    await grant({ kind: 'credential-holder', personId: teacher.id, systemName: 'Facebook', accountName: 'therosewoodschool' })
    await grant({ kind: 'credential-holder', personId: head.id, systemName: 'facebook', accountName: 'TheRosewoodSchool' })
    await grant({ kind: 'system-access', personId: pupil.id, systemName: 'Purple Mash' })
    await grant({ kind: 'password-exemption', personId: infant.id, systemName: 'School network' })
    const gone = await grant({ kind: 'system-access', personId: head.id, systemName: 'SIMS', endsOn: '2026-06-20' })
    await ok(core, 'permissions.recordScan', { ...SCAN, permissionId: b.id })

    const list = (q: Record<string, unknown>) => ok(core, 'permissions.list', { offset: 0, limit: 50, ...q } as never)
    expect((await list({})).total).toBe(7)
    expect((await list({ kind: 'portable-media' })).rows.map((r) => r.id).sort()).toEqual([a.id, b.id])
    expect((await list({ personId: teacher.id })).total).toBe(2)
    expect((await list({ text: "o'bri" })).total).toBe(2)
    expect((await list({ text: 'cc1' })).rows.map((r) => r.id)).toEqual([b.id])
    expect((await list({ text: 'rosewood' })).total).toBe(2)
    expect((await list({ text: 'purple' })).total).toBe(1)
    expect((await list({ attention: 'not-cleared' })).rows.map((r) => r.id)).toEqual([a.id])
    expect((await list({ attention: 'expiring' })).rows.map((r) => r.id).sort()).toEqual([a.id, gone.id])
    const page = await list({ limit: 3, offset: 3 })
    expect(page).toMatchObject({ total: 7, rows: expect.any(Array) })
    expect(page.rows).toHaveLength(3)
    // Sorted by the core before paging: by when each ends (those with no end last), by holder.
    const ends = async (q: Record<string, unknown>) => (await list(q)).rows.map((r) => r.endsOn)
    expect([...(await ends({ sort: { key: 'endsOn', order: 'asc' }, limit: 2 })), ...(await ends({ sort: { key: 'endsOn', order: 'asc' }, offset: 2, limit: 1 }))]).toEqual(['2026-06-20', '2026-07-10', '2026-08-31'])
    const allEnds = await ends({ sort: { key: 'endsOn', order: 'desc' } })
    expect(allEnds.filter(Boolean)).toEqual([...allEnds.filter(Boolean)].sort().reverse())
    expect(allEnds.findIndex((e) => e === null)).toBeGreaterThanOrEqual(allEnds.filter(Boolean).length)
    const surnames = async (order: 'asc' | 'desc') => (await list({ sort: { key: 'holder', order } })).rows.map((r) => r.personSortName.split(',')[0])
    expect(await surnames('asc')).toEqual(['Fairbairn', 'Fairbairn', 'Lee', "O'Brien", "O'Brien", 'Patel', 'Patel'])
    expect(await surnames('desc')).toEqual(['Patel', 'Patel', "O'Brien", "O'Brien", 'Lee', 'Fairbairn', 'Fairbairn'])
    expect(await refused(core, 'permissions.list', { offset: 0, limit: 5, status: 'all', sort: { key: 'status', order: 'asc' } })).toMatchObject({ kind: 'validation' })

    expect(await ok(core, 'permissions.summary', {})).toEqual({ asOf: '2026-06-16', inForce: 7, expiringSoon: 2, expiredRecently: 0, devicesNotCleared: 1, windowDays: 30 })
    // Shared accounts group whatever the case they were typed in.
    const systems = await ok(core, 'permissions.holders', {})
    const facebook = systems.find((x) => x.systemName.toLowerCase() === 'facebook')!
    expect(facebook.holders.map((h) => h.name)).toEqual(["Seán O'Brien", 'Jasmine Patel'])
    expect((await ok(core, 'permissions.holders', { text: 'mash' })).map((x) => x.systemName)).toEqual(['Purple Mash'])
    expect((await ok(core, 'permissions.people', { text: 'zo' })).map((p) => [p.name, p.detail])).toEqual([['Zoë Fairbairn', 'Year 6 · 6B']])

    // Year 6 is the top year in this primary: Zoë leaves this summer holding two things.
    await jump('2026-06-21T09:00:00Z', 'manager')
    await ok(core, 'people.archive', { id: head.id, leftOn: '2026-06-21' })
    const leavers = await ok(core, 'permissions.leavers', {})
    expect(leavers.leavingYearGroups).toEqual(['6'])
    expect(leavers.rows.map((l) => [l.person.name, l.why, l.permissions.length])).toEqual([
      ['Jasmine Patel', 'left', 1],
      ['Zoë Fairbairn', 'leaving', 2],
    ])
    expect((await ok(core, 'permissions.leavers', { yearGroups: ['1'] })).rows.map((l) => l.person.name)).toEqual(['Jasmine Patel', 'Ivy Lee'])
    expect((await list({ status: 'expired' })).rows.map((r) => r.id)).toEqual([gone.id])
    expect((await list({ attention: 'expired-recently', status: 'expired' })).total).toBe(1)

    const holdings = await ok(core, 'permissions.forPerson', { personId: head.id })
    expect(holdings.person).toMatchObject({ name: 'Jasmine Patel', left: true, leftOn: '2026-06-21' })
    expect(holdings.permissions.map((p) => p.status)).toEqual(['in-force', 'expired'])
  })

  it('keeps permissions and scans: the database refuses to change or remove them', async () => {
    const { core, teacher } = await register()
    const stick = await ok(core, 'permissions.grant', { ...MEDIA, personId: teacher.id })
    await ok(core, 'permissions.recordScan', { ...SCAN, permissionId: stick.id })
    const { db } = core.store.requireOpen()
    await expect(db('permissions').where({ id: stick.id }).delete()).rejects.toThrow(/never deleted/)
    await expect(db('permissions').where({ id: stick.id }).update({ ends_on: '2030-01-01' })).rejects.toThrow(/never changed/)
    await expect(db('device_scans').where({ permission_id: stick.id }).update({ result: 'refused' })).rejects.toThrow(/never changed/)
    await expect(db('device_scans').where({ permission_id: stick.id }).delete()).rejects.toThrow(/never removed/)
    const plan = (await db.raw("EXPLAIN QUERY PLAN SELECT id FROM permissions WHERE kind = 'portable-media' AND serial_key = 'AA'")) as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/INDEX permissions_serial/)
  })
})

// ---- the signed register --------------------------------------------------------------------


async function issue(core: Core, input: { to?: string; anonymised?: boolean }, folder: string) {
  const { jobId } = await ok(core, 'reports.start', { type: 'permission-register', anonymised: false, ...input })
  let job = await ok(core, 'reports.job', { jobId })
  for (let i = 0; job.status === 'running' && i < 600; i++) {
    await new Promise((r) => setTimeout(r, 50))
    job = await ok(core, 'reports.job', { jobId })
  }
  if (job.status !== 'done') throw new Error(`report ${job.status}: ${job.message}`)
  mkdirSync(folder, { recursive: true })
  const { file } = await ok(core, 'reports.save', { jobId, file: join(folder, `${jobId}.pdf`) })
  if (process.env['OSR_KEEP_PAGES']) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', file, join(process.env['OSR_KEEP_PAGES'], `permission-register${input.to ? `-${input.to}` : ''}`)])
  return { file, report: job.report! }
}

describe('the signed permission register', () => {
  it('prints what was in force on a date, with revocations and scans; pdfsig, qpdf and pdftotext agree', async () => {
    const { core, dir, teacher, head, pupil, jump, as } = await register('2026-05-01T09:00:00Z')
    const stick = await ok(core, 'permissions.grant', { ...MEDIA, personId: teacher.id, startsOn: '2026-05-01', conditions: 'Coursework only' })
    await ok(core, 'permissions.recordScan', { ...SCAN, scannedOn: '2026-05-01', permissionId: stick.id })
    const lost = await ok(core, 'permissions.grant', { ...MEDIA, personId: pupil.id, deviceSerial: 'LOST-001', deviceMake: 'Integral 8GB', startsOn: '2026-05-01' })
    await ok(core, 'permissions.grant', { kind: 'credential-holder', personId: head.id, systemName: 'Twitter', accountName: '@therosewoodsch', authorisedBy: 'Chair of Governors', startsOn: '2026-05-01' })
    await ok(core, 'permissions.grant', { kind: 'system-access', personId: teacher.id, systemName: 'SIMS', authorisedBy: 'Jasmine Patel', startsOn: '2026-05-01', endsOn: '2026-05-31' })
    await jump('2026-06-10T09:00:00Z')
    await ok(core, 'permissions.recordScan', { ...SCAN, scannedOn: '2026-06-10', result: 'threat-removed', notes: 'Adware removed', permissionId: stick.id })
    await ok(core, 'permissions.revoke', { id: lost.id, reason: 'Stick reported lost' })

    const now = await issue(core, {}, dir)
    expect(now.report).toMatchObject({ type: 'permission-register', title: 'Permission register', periodFrom: '2026-06-10', periodTo: '2026-06-10' })
    // Made by the ICT manager, who does not hold the key to the school's certificate: not signed, and says so.
    expect(pdfsigUnsigned(now.file)).toMatch(/does not contain any signatures/)
    expect(pdftotext(now.file)).toContain('Not digitally signed')
    expect(qpdfCheck(now.file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(now.file)
    for (const expected of [
      '2 permissions in force on 10 June 2026',
      "Seán O'Brien",
      'Kingston DataTraveler 32GB',
      'Serial AA12345678',
      'Coursework only',
      '10/06/2026: Threat found and removed',
      'Cleared until 10/07/2026',
      'Twitter',
      'Account @therosewoodsch',
      'Chair of Governors',
      'Revoked in the twelve months to 10 June 2026 (1)',
      'Zoë Fairbairn',
      'Integral 8GB, serial LOST-001',
      'Stick reported lost',
      'Ran out in the twelve months to 10 June 2026 (1)',
      'SIMS',
      'Scans of the devices in force, in the twelve months to 10 June 2026 (2)',
      '01/05/2026',
      'Adware removed',
      'Sophos Endpoint 2024.3',
      'Not digitally signed',
    ]) {
      expect(text, expected).toContain(expected)
    }

    // As at 15 May: the lost stick was still permitted, SIMS access had not run out, and only the first scan had happened.
    // The business manager holds the school's certificate: theirs is signed.
    await as('manager')
    const earlier = await issue(core, { to: '2026-05-15' }, dir)
    expect(pdfsig(earlier.file)).toContain('Signature is Valid.')
    const then = pdftotext(earlier.file)
    expect(then).toContain('4 permissions in force on 15 May 2026')
    expect(then).toContain('Integral 8GB')
    expect(then).toContain('Never scanned')
    expect(then).toContain('Revoked in the twelve months to 15 May 2026 (0)')
    expect(then).not.toContain('Adware removed')

    // Anonymised: people by who they are, not by name.
    const anonymous = pdftotext((await issue(core, { anonymised: true }, dir)).file)
    expect(anonymous).not.toContain("O'Brien")
    expect(anonymous).not.toContain('Seán')
    expect(anonymous).toContain('a member of staff')

    expect((await refused(core, 'reports.start', { type: 'permission-register', anonymised: false, to: '2026-06-11' })).message).toMatch(/in the future/)
    await jump('2026-06-10T09:05:00Z', 'office')
    expect((await refused(core, 'reports.start', { type: 'permission-register', anonymised: false })).kind).toBe('forbidden')
  })
})

describe('demo permissions and the health check', () => {
  it('seeds a year (small) or ten years (large) of realistic permissions and scans once, and they pass the register check', async () => {
    const { core, dir, teacher, jump } = await register()
    await jump('2026-06-16T09:00:00Z', 'manager')
    for (let i = 0; i < 12; i++) await ok(core, 'people.create', { kind: 'staff', forename: `Staff${'ABCDEFGHIJKL'[i]}`, surname: 'Jones', staffGroup: i < 3 ? 'leadership' : 'teaching', jobTitle: i === 0 ? 'Headteacher' : 'Teacher' })
    expect((await seedPermissionsDemo(core.store, 'large', { now: Date.parse('2026-06-16T09:00:00Z') }))[0]).toMatch(/permissions/)
    const permissions = await count(core, 'permissions')
    expect(permissions).toBeGreaterThan(700)
    expect(await count(core, 'device_scans')).toBeGreaterThan(2500)
    const { db } = core.store.requireOpen()
    expect(Number(((await db('permissions').whereNotNull('revoked_at').count({ n: '*' })) as { n: number }[])[0]!.n)).toBeGreaterThan(20)
    expect((await db('permissions').min({ d: 'starts_on' }).first())!.d).toMatch(/^2016-09/)
    // Seeding again adds nothing twice.
    expect(await seedPermissionsDemo(core.store, 'large')).toEqual(['Permissions are already there, left as they were.'])
    expect(await count(core, 'permissions')).toBe(permissions)

    const summary = await ok(core, 'permissions.summary', {})
    expect(summary.inForce).toBeGreaterThan(50)
    expect(summary.expiringSoon + summary.expiredRecently).toBeGreaterThan(0)
    expect(await permissionRegisterCheck.run(core)).toMatchObject({ ok: true })

    // The signed register of a large school shows every permission in force.
    const { file } = await issue(core, {}, dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(file)
    const inForce = await ok(core, 'permissions.list', { status: 'in-force', offset: 0, limit: 500 })
    expect(text).toContain(`${inForce.total} permissions in force on 16 June 2026`)
    for (const p of inForce.rows) expect(text, p.covers).toContain(p.kind === 'portable-media' ? `Serial ${p.deviceSerial}` : p.systemName)

    // A password written round the API is caught by the check.
    await db('permissions').insert({ person_id: teacher.id, kind: 'system-access', system_name: 'SIMS', account_name: 'pwd=secret1', authorised_by: 'x', starts_on: '2026-06-01', created_at: 'x', created_by: 1, created_by_name: 'x' })
    expect(await permissionRegisterCheck.run(core)).toMatchObject({ ok: false, detail: expect.stringContaining('looks like a password') })
  })

  it('adds a dozen or so permissions a year, for two school years, at small scale through seed-demo', async () => {
    const { core, jump } = await register()
    await jump('2026-06-16T09:00:00Z', 'manager')
    await seedPeopleDemo(core.store, 'small', { now: Date.parse('2026-06-16T09:00:00Z') })
    const lines = await seedPermissionsDemo(core.store, 'small', { now: Date.parse('2026-06-16T09:00:00Z') })
    expect(lines[0]).toMatch(/^\d+ permissions \(\d+ revoked\) and \d+ scans of portable media$/)
    const total = await count(core, 'permissions')
    expect(total).toBeGreaterThanOrEqual(10)
    expect(total).toBeLessThanOrEqual(30)
    expect(await permissionRegisterCheck.run(core)).toMatchObject({ ok: true })
  })
})
