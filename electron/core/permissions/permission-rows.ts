import type { Knex } from 'knex'
import { PERSON_KIND_LABELS, STAFF_GROUP_LABELS, yearGroupLabel, type PersonKind } from '../../../shared/domain/people'
import type { DeviceClearance, DeviceScan, HolderSummary, Permission, PermissionStatus, ScanResult } from '../../../shared/domain/permissions'
import { notFound } from '../api/app-error'
import type { Db } from '../db/database'
import { displayNameOfRow, sortNameOfRow } from '../people/services'
import { ukDate } from '../../../shared/dates/uk-format'
import { addDays } from '../../../shared/dates/uk-time'
import type { PersonRow } from '../people/services'
import type { DeviceScanRow, PermissionRow } from './tables'

/** A row of `permissions` with its holder's names and its device's latest scan. */
/** A permission as permissionsQuery reads it: the permission, its holder and its latest scan (a join). */
export type HeldPermissionRow = Omit<PermissionRow, 'created_by' | 'revoked_by'> & { person_kind: PersonKind } & Pick<
  PersonRow,
  'forename' | 'surname' | 'preferred_forename' | 'preferred_surname' | 'year_group' | 'reg_class' | 'staff_group' | 'job_title' | 'organisation' | 'archived_at' | 'left_on'
> & {
  scan_id: number | null
  scan_on: string | null
  scan_by: string | null
  scan_tool: string | null
  scan_result: ScanResult | null
  scan_notes: string | null
  scan_recorded_at: string | null
  scan_recorded_by: string | null
}

/** 24/11/2026, for a YYYY-MM-DD day. */
export const dayText = (day: string) => ukDate(`${day}T12:00:00Z`)

/** How a serial number is compared: case, spaces and dashes do not matter ("aa-1234 5678" is "AA12345678"). */
export function serialKey(serial: string): string {
  return serial.toUpperCase().replace(/[\s-]+/gu, '')
}

const LATEST_SCAN = '(SELECT s.id FROM device_scans s WHERE s.permission_id = p.id ORDER BY s.scanned_on DESC, s.id DESC LIMIT 1)'

export function permissionsQuery(db: Db): Knex.QueryBuilder {
  return db('permissions as p')
    .join('people as h', 'h.id', 'p.person_id')
    .leftJoin('device_scans as ls', (j) => void j.on('ls.id', '=', db.raw(LATEST_SCAN)))
    .select(
      'p.id',
      'p.person_id',
      'p.kind',
      'p.device_make',
      'p.device_serial',
      'p.serial_key',
      'p.system_name',
      'p.account_name',
      'p.authorised_by',
      'p.starts_on',
      'p.ends_on',
      'p.conditions',
      'p.created_at',
      'p.created_by_name',
      'p.revoked_at',
      'p.revoked_on',
      'p.revoked_by_name',
      'p.revoke_reason',
      'h.kind as person_kind',
      'h.forename',
      'h.surname',
      'h.preferred_forename',
      'h.preferred_surname',
      'h.year_group',
      'h.reg_class',
      'h.staff_group',
      'h.job_title',
      'h.organisation',
      'h.archived_at',
      'h.left_on',
      'ls.id as scan_id',
      'ls.scanned_on as scan_on',
      'ls.scanned_by as scan_by',
      'ls.tool as scan_tool',
      'ls.result as scan_result',
      'ls.notes as scan_notes',
      'ls.recorded_at as scan_recorded_at',
      'ls.recorded_by_name as scan_recorded_by',
    )
}

// ---- what "in force on a day" means, in SQL and in code -------------------------------------

const notRevokedBy = (q: Knex.QueryBuilder, day: string) => q.where((w) => void w.whereNull('p.revoked_on').orWhere('p.revoked_on', '>', day))

/** In force on a day: begun, not ended, not revoked by then. */
export function whereInForce(q: Knex.QueryBuilder, day: string): Knex.QueryBuilder {
  return notRevokedBy(q, day)
    .where('p.starts_on', '<=', day)
    .where((w) => void w.whereNull('p.ends_on').orWhere('p.ends_on', '>=', day))
}

/** Neither ended nor revoked by a day: in force, or still to begin. */
export function whereCurrentOrUpcoming(q: Knex.QueryBuilder, day: string): Knex.QueryBuilder {
  return notRevokedBy(q, day).where((w) => void w.whereNull('p.ends_on').orWhere('p.ends_on', '>=', day))
}

export function whereStatus(q: Knex.QueryBuilder, status: PermissionStatus, day: string): Knex.QueryBuilder {
  switch (status) {
    case 'in-force':
      return whereInForce(q, day)
    case 'upcoming':
      return notRevokedBy(q, day).where('p.starts_on', '>', day)
    case 'expired':
      return notRevokedBy(q, day).where('p.ends_on', '<', day)
    case 'revoked':
      return q.where('p.revoked_on', '<=', day)
  }
}

/** In force on a day, portable media, and its latest scan missing, refused, or older than the rule allows. */
export function whereNotCleared(q: Knex.QueryBuilder, day: string, intervalDays: number): Knex.QueryBuilder {
  return whereInForce(q, day)
    .where('p.kind', 'portable-media')
    .where((w) => void w.whereNull('ls.id').orWhere('ls.result', 'refused').orWhere('ls.scanned_on', '<', addDays(day, -intervalDays)))
}

export function statusOn(r: Pick<PermissionRow, 'revoked_on' | 'starts_on' | 'ends_on'>, day: string): PermissionStatus {
  if (r.revoked_on !== null && r.revoked_on <= day) return 'revoked'
  if (r.starts_on > day) return 'upcoming'
  if (r.ends_on !== null && r.ends_on < day) return 'expired'
  return 'in-force'
}

// ---- rows to results ------------------------------------------------------------------------

export function personDetailOf(r: Pick<PersonRow, 'year_group' | 'reg_class' | 'staff_group' | 'job_title' | 'organisation'> & { kind: PersonKind }): string {
  const parts =
    r.kind === 'pupil'
      ? [r.year_group ? yearGroupLabel(r.year_group) : null, r.reg_class]
      : r.kind === 'staff'
        ? [r.staff_group ? STAFF_GROUP_LABELS[r.staff_group] : 'Staff', r.job_title]
        : [PERSON_KIND_LABELS[r.kind], r.organisation ?? r.job_title]
  return parts.filter(Boolean).join(' · ')
}

export function toHolder(r: PersonRow): HolderSummary {
  return {
    id: r.id,
    name: displayNameOfRow(r),
    sortName: sortNameOfRow(r),
    kind: r.kind,
    detail: personDetailOf(r),
    left: r.archived_at !== null,
    leftOn: r.left_on,
  }
}

/** What a permission covers, in one line. */
export function coversOf(r: Pick<PermissionRow, 'kind' | 'device_make' | 'device_serial' | 'system_name' | 'account_name'>): string {
  switch (r.kind) {
    case 'portable-media':
      return `${r.device_make ?? ''}, serial ${r.device_serial ?? ''}`
    case 'system-access':
      return r.account_name ? `${r.system_name ?? ''} (account ${r.account_name})` : (r.system_name ?? '')
    case 'password-exemption':
      return r.system_name ?? ''
    case 'credential-holder':
      return `${r.system_name ?? ''}: ${r.account_name ?? ''}`
  }
}

export function toScan(r: Omit<DeviceScanRow, 'recorded_by'>): DeviceScan {
  return {
    id: r.id,
    permissionId: r.permission_id,
    scannedOn: r.scanned_on,
    scannedBy: r.scanned_by,
    tool: r.tool,
    result: r.result,
    notes: r.notes,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by_name,
  }
}

function latestScanOf(r: HeldPermissionRow): DeviceScan | null {
  if (r.scan_id === null) return null
  return toScan({
    id: r.scan_id,
    permission_id: r.id,
    scanned_on: r.scan_on!,
    scanned_by: r.scan_by!,
    tool: r.scan_tool!,
    result: r.scan_result!,
    notes: r.scan_notes,
    recorded_at: r.scan_recorded_at!,
    recorded_by_name: r.scan_recorded_by!,
  })
}

/** Whether a device may be used on a day as far as its scans go: a good scan within the rule's days. */
export function clearanceOf(lastScan: DeviceScan | null, day: string, intervalDays: number): DeviceClearance {
  if (!lastScan) return { cleared: false, reason: 'never-scanned', lastScan, clearedUntil: null }
  if (lastScan.result === 'refused') return { cleared: false, reason: 'threat-refused', lastScan, clearedUntil: null }
  const clearedUntil = addDays(lastScan.scannedOn, intervalDays)
  if (clearedUntil < day) return { cleared: false, reason: 'out-of-date', lastScan, clearedUntil }
  return { cleared: true, reason: null, lastScan, clearedUntil }
}

export function toPermission(r: HeldPermissionRow, day: string, intervalDays: number): Permission {
  const person = { ...r, kind: r.person_kind }
  return {
    id: r.id,
    personId: r.person_id,
    personName: displayNameOfRow(r),
    personSortName: sortNameOfRow(r),
    personKind: r.person_kind,
    personDetail: personDetailOf(person),
    personLeft: r.archived_at !== null,
    kind: r.kind,
    deviceMake: r.device_make,
    deviceSerial: r.device_serial,
    systemName: r.system_name,
    accountName: r.account_name,
    covers: coversOf(r),
    authorisedBy: r.authorised_by,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    conditions: r.conditions,
    status: statusOn(r, day),
    recordedAt: r.created_at,
    recordedBy: r.created_by_name,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by_name,
    revokeReason: r.revoke_reason,
    clearance: r.kind === 'portable-media' ? clearanceOf(latestScanOf(r), day, intervalDays) : null,
  }
}

export async function findPermissionRow(db: Db, id: number): Promise<HeldPermissionRow> {
  const row = (await permissionsQuery(db).where('p.id', id).first()) as HeldPermissionRow | undefined
  if (!row) throw notFound('That permission is not in the register. Refresh the list and try again.')
  return row
}
