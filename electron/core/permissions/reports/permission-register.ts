import type { Content } from 'pdfmake/interfaces'
import { PERMISSION_KINDS, PERMISSION_KIND_SHORT, SCAN_RESULT_LABELS, type DeviceScan, type Permission, type PermissionKind } from '../../../../shared/domain/permissions'
import { invalid } from '../../api/app-error'
import { clearanceOf, dayText, permissionsQuery, toPermission, toScan, whereInForce, type HeldPermissionRow } from '../permission-rows'
import { readScanSettings } from '../scan-settings'
import type { ReportContext, ReportRequest } from '../../reports/builders/report-builder'
import { emptyNote, longTable } from '../../reports/builders/table'
import { HEADING } from '../../reports/builders/keep-with-next'
import type { ReportBody } from '../../reports/builders/report-body'
import { ukLongDate } from '../../../../shared/dates/uk-format'
import { isRealDay, ukDay } from '../../../../shared/dates/uk-time'
import { addDays } from '../../../../shared/dates/uk-time'

const SECTION_TITLES: Readonly<Record<PermissionKind, string>> = {
  'portable-media': 'Portable media',
  'system-access': 'Access to systems',
  'password-exemption': 'Password exemptions',
  'credential-holder': 'Shared and administrator accounts',
}

const NONE_IN_FORCE: Readonly<Record<PermissionKind, string>> = {
  'portable-media': 'No portable media was permitted on the date.',
  'system-access': 'Nobody had a recorded permission to use a system on the date.',
  'password-exemption': 'Nobody was exempt from having their own password on the date.',
  'credential-holder': 'Nobody was recorded as holding a shared or administrator account on the date.',
}

const longDay = (day: string) => ukLongDate(`${day}T12:00:00Z`)

/** A heading with what follows it (the heading never ends a page alone: keep-with-next.ts). */
function section(heading: string, body: Content): Content {
  return { stack: [{ text: heading, style: 'h2', headlineLevel: HEADING }, body] }
}


/**
 * The register as it stood on a day: every permission in force then, by kind (portable media
 * with its last scan by that day and whether it was cleared), then the twelve months before it:
 * revocations, permissions that ran out, and every scan of the devices in force. Built from
 * the records as they are now: a permission revoked later shows as in force on the day.
 */
/** As at `to`: the day the register is printed for (today when not given). */
export async function permissionRegister(ctx: ReportContext, { to: asAt }: ReportRequest<'permission-register'>): Promise<ReportBody> {
  const { db, names } = ctx
  const today = ukDay(ctx.now())
  const day = asAt ?? today
  if (!isRealDay(day)) throw invalid('to', 'The date of the register is not a real date.')
  if (day > today) throw invalid('to', 'That date is in the future: the register can show what was in force up to today.')
  const { scanIntervalDays } = await readScanSettings(db)
  const yearBefore = addDays(day, -365)
  const load = async (narrow: (q: ReturnType<typeof permissionsQuery>) => void) => {
    const q = permissionsQuery(db)
    narrow(q)
    return ((await q.orderBy([{ column: 'p.starts_on' }, { column: 'p.id' }])) as HeldPermissionRow[]).map((r) => ({ p: toPermission(r, day, scanIntervalDays), leftOn: r.left_on }))
  }

  const inForce = await load((q) => void whereInForce(q, day))
  const revoked = await load((q) => void q.whereBetween('p.revoked_on', [yearBefore, day]))
  const expired = await load((q) => void q.whereBetween('p.ends_on', [yearBefore, addDays(day, -1)]).where((w) => void w.whereNull('p.revoked_on').orWhereRaw('p.revoked_on > p.ends_on')))
  const devices = inForce.filter((x) => x.p.kind === 'portable-media')
  const scans = devices.length
    ? (await db('device_scans')
        .whereIn('permission_id', devices.map((x) => x.p.id))
        .where('scanned_on', '<=', day)
        .orderBy([{ column: 'scanned_on', order: 'desc' }, { column: 'id', order: 'desc' }])).map(toScan)
    : []
  const lastScan = new Map<number, DeviceScan>()
  for (const s of scans) if (!lastScan.has(s.permissionId)) lastScan.set(s.permissionId, s)
  const byId = new Map(devices.map((x) => [x.p.id, x.p]))

  const holder = (x: { p: Permission; leftOn: string | null }) =>
    `${names.name(x.p.personName)}\n${names.enabled ? '' : x.p.personDetail}${x.leftOn && x.leftOn <= day ? `\nLeft ${dayText(x.leftOn)}` : ''}`
  const span = (p: Permission) => `${dayText(p.startsOn)}\nto ${p.endsOn ? dayText(p.endsOn) : 'no end date'}`
  const rows: string[][] = []
  const sections: Content[] = []
  let notCleared = 0
  for (const kind of PERMISSION_KINDS) {
    const items = inForce.filter((x) => x.p.kind === kind)
    let tableRows: string[][]
    let content: Content
    if (kind === 'portable-media') {
      tableRows = items.map((x) => {
        const c = clearanceOf(lastScan.get(x.p.id) ?? null, day, scanIntervalDays)
        if (!c.cleared) notCleared++
        const scan = c.lastScan ? `${dayText(c.lastScan.scannedOn)}: ${SCAN_RESULT_LABELS[c.lastScan.result]}` : 'Never scanned'
        return [holder(x), `${x.p.deviceMake ?? ''}\nSerial ${x.p.deviceSerial ?? ''}`, names.name(x.p.authorisedBy), span(x.p), names.text(x.p.conditions) || '—', `${scan}\n${c.cleared ? `Cleared until ${dayText(c.clearedUntil!)}` : 'NOT CLEARED'}`]
      })
      content = longTable(['Holder', 'Device', 'Authorised by', 'Dates', 'Conditions', 'Last scan by the date'], [88, 92, 62, 52, '*', 88], tableRows, { fontSize: 8 })
    } else {
      tableRows = items.map((x) => [holder(x), kind === 'credential-holder' || x.p.accountName ? `${x.p.systemName ?? ''}\nAccount ${x.p.accountName ?? ''}` : (x.p.systemName ?? ''), names.name(x.p.authorisedBy), span(x.p), names.text(x.p.conditions) || '—'])
      content = longTable(['Holder', kind === 'password-exemption' ? 'Exempt on' : 'System and account', 'Authorised by', 'Dates', 'Conditions'], [110, 110, 72, 56, '*'], tableRows, { fontSize: 8 })
    }
    rows.push(...tableRows)
    sections.push(section(`${SECTION_TITLES[kind]} (${items.length})`, items.length ? content : emptyNote(NONE_IN_FORCE[kind])))
  }

  const revokedRows = revoked.map((x) => [holder(x), PERMISSION_KIND_SHORT[x.p.kind], x.p.covers, dayText(x.p.startsOn), `${dayText(ukDay(x.p.revokedAt!))}\nby ${names.name(x.p.revokedBy)}`, names.text(x.p.revokeReason)])
  const expiredRows = expired.map((x) => [holder(x), PERMISSION_KIND_SHORT[x.p.kind], x.p.covers, dayText(x.p.startsOn), dayText(x.p.endsOn!)])
  const recentScans = scans.filter((s) => s.scannedOn >= yearBefore).reverse()
  const scanRows = recentScans.map((s) => {
    const p = byId.get(s.permissionId)!
    return [dayText(s.scannedOn), `${names.name(p.personName)}\n${p.deviceMake ?? ''}, serial ${p.deviceSerial ?? ''}`, s.tool, names.name(s.scannedBy), SCAN_RESULT_LABELS[s.result], names.text(s.notes) || '—']
  })
  rows.push(...revokedRows, ...expiredRows, ...scanRows)

  const counts = PERMISSION_KINDS.map((k) => `${inForce.filter((x) => x.p.kind === k).length} ${PERMISSION_KIND_SHORT[k].toLowerCase()}`).join(', ')
  return {
    content: [
      {
        text: [
          `${inForce.length} permission${inForce.length === 1 ? '' : 's'} in force on ${longDay(day)}: ${counts}. `,
          devices.length ? `${notCleared} of ${devices.length} device${devices.length === 1 ? '' : 's'} not cleared on the date. ` : '',
          `A device counts as cleared for ${scanIntervalDays} days after a scan that found it clean or removed a threat (the school’s current rule). `,
          'The register never holds passwords: it names who holds an account, not how to sign in to it.',
        ].join(''),
        margin: [0, 0, 0, 4],
      },
      ...sections,
      section(
        `Revoked in the twelve months to ${longDay(day)} (${revokedRows.length})`,
        revokedRows.length ? longTable(['Holder', 'Kind', 'What it covered', 'From', 'Revoked', 'Reason'], [88, 60, '*', 50, 70, 90], revokedRows, { fontSize: 8 }) : emptyNote('Nothing was revoked in those twelve months.'),
      ),
      section(
        `Ran out in the twelve months to ${longDay(day)} (${expiredRows.length})`,
        expiredRows.length ? longTable(['Holder', 'Kind', 'What it covered', 'From', 'Ended'], [100, 70, '*', 56, 56], expiredRows, { fontSize: 8 }) : emptyNote('No permission ran out in those twelve months.'),
      ),
      section(
        `Scans of the devices in force, in the twelve months to ${longDay(day)} (${scanRows.length})`,
        scanRows.length ? longTable(['Date', 'Holder and device', 'Tool', 'Scanned by', 'Result', 'Notes'], [52, '*', 80, 70, 70, 80], scanRows, { fontSize: 8 }) : emptyNote('None of the devices in force was scanned in those twelve months.'),
      ),
    ],
    rows,
    // A register at one date: the frame shows that single day.
    periodFrom: day,
    periodTo: day,
  }
}
