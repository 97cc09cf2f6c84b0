import type { PermissionKind, ScanResult } from '../../../shared/domain/permissions'
import type { TableOf } from '../db/table-types'

/** One permission (a password or portable media): never edited, only revoked. */
export interface PermissionRow {
  id: number
  person_id: number
  kind: PermissionKind
  device_make: string | null
  device_serial: string | null
  /** The serial number normalised for look-ups. */
  serial_key: string | null
  system_name: string | null
  account_name: string | null
  authorised_by: string
  starts_on: string
  ends_on: string | null
  conditions: string | null
  created_at: string
  created_by: number
  created_by_name: string
  revoked_at: string | null
  revoked_on: string | null
  revoked_by: number | null
  revoked_by_name: string | null
  revoke_reason: string | null
}

/** A scan of a permitted device. */
export interface DeviceScanRow {
  id: number
  permission_id: number
  scanned_on: string
  scanned_by: string
  tool: string
  result: ScanResult
  notes: string | null
  recorded_at: string
  recorded_by: number
  recorded_by_name: string
}

declare module 'knex/types/tables' {
  interface Tables {
    permissions: TableOf<PermissionRow, 'id'>
    device_scans: TableOf<DeviceScanRow, 'id'>
  }
}
