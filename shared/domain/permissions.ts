import type { PersonKind, YearGroup } from './people'

/**
 * The password and portable-media permission register (sections 9.2–9.3): who may use a USB
 * stick and whether it has been scanned, who has access to which system, who is exempt from
 * having their own password, and who holds a shared or administrator credential. Never a
 * password: the register records that someone holds an account, not how to get into it.
 */

export const PERMISSION_KINDS = ['portable-media', 'system-access', 'password-exemption', 'credential-holder'] as const
export type PermissionKind = (typeof PERMISSION_KINDS)[number]

export const PERMISSION_KIND_LABELS: Readonly<Record<PermissionKind, string>> = {
  'portable-media': 'Portable media (USB stick or drive)',
  'system-access': 'Access to a system',
  'password-exemption': 'Password exemption',
  'credential-holder': 'Holds a shared or administrator account',
}

/** Short forms for tables. */
export const PERMISSION_KIND_SHORT: Readonly<Record<PermissionKind, string>> = {
  'portable-media': 'Portable media',
  'system-access': 'System access',
  'password-exemption': 'Password exemption',
  'credential-holder': 'Shared / admin account',
}

/** Visitors' records are deleted under the retention rule, so they cannot hold a permission. */
export const PERMISSION_HOLDER_KINDS = ['pupil', 'staff', 'governor', 'volunteer', 'contractor'] as const satisfies readonly PersonKind[]

export const SCAN_RESULTS = ['clean', 'threat-removed', 'refused'] as const
export type ScanResult = (typeof SCAN_RESULTS)[number]

export const SCAN_RESULT_LABELS: Readonly<Record<ScanResult, string>> = {
  clean: 'Clean',
  'threat-removed': 'Threat found and removed',
  refused: 'Threat found – device refused',
}

/** On a given day: not begun yet, in force, past its end date, or revoked. */
export const PERMISSION_STATUSES = ['in-force', 'upcoming', 'expired', 'revoked'] as const
export type PermissionStatus = (typeof PERMISSION_STATUSES)[number]

export const PERMISSION_STATUS_LABELS: Readonly<Record<PermissionStatus, string>> = {
  'in-force': 'In force',
  upcoming: 'Not started yet',
  expired: 'Expired',
  revoked: 'Revoked',
}

/** What the home screen and the register's filters flag. */
export const ATTENTION_FILTERS = ['expiring', 'expired-recently', 'not-cleared'] as const
export type AttentionFilter = (typeof ATTENTION_FILTERS)[number]

/** "Soon" and "recently", in days: expiring within, or expired within, this many days. */
export const ATTENTION_WINDOW_DAYS = 30

export interface PermissionSettings {
  /** A device is cleared for this many days after a clean scan. */
  scanIntervalDays: number
}

/**
 * A month: the policy asks for a scan before portable media is used but sets no interval; a
 * monthly re-scan matches the regular updating of virus protection it asks for, and the ICT
 * manager's usual monthly round. The business manager can change it.
 */
export const DEFAULT_PERMISSION_SETTINGS: PermissionSettings = { scanIntervalDays: 30 }

export interface DeviceScan {
  id: number
  permissionId: number
  /** YYYY-MM-DD */
  scannedOn: string
  scannedBy: string
  tool: string
  result: ScanResult
  notes: string | null
  recordedAt: string
  recordedBy: string
}

export type NotClearedReason = 'never-scanned' | 'threat-refused' | 'out-of-date'

/** Whether a permitted device may be used today, as far as its scans go. */
export interface DeviceClearance {
  cleared: boolean
  reason: NotClearedReason | null
  lastScan: DeviceScan | null
  /** YYYY-MM-DD: the last day the latest good scan counts (null without one). */
  clearedUntil: string | null
}

export interface Permission {
  id: number
  personId: number
  personName: string
  personSortName: string
  personKind: PersonKind
  /** "Year 7 · 7B", "Teaching staff · SENCO", "Southern Water". */
  personDetail: string
  /** The holder has left (their record is archived). */
  personLeft: boolean
  kind: PermissionKind
  deviceMake: string | null
  deviceSerial: string | null
  systemName: string | null
  accountName: string | null
  /** What it covers, in one line: "Kingston DataTraveler 32GB, serial AA12345678". */
  covers: string
  /** The senior member of staff who gave the permission. */
  authorisedBy: string
  /** YYYY-MM-DD */
  startsOn: string
  endsOn: string | null
  conditions: string | null
  /** Today. */
  status: PermissionStatus
  recordedAt: string
  recordedBy: string
  revokedAt: string | null
  revokedBy: string | null
  revokeReason: string | null
  /** Portable media only; computed for today with the school's scan rule. */
  clearance: DeviceClearance | null
}

export interface PermissionPage {
  rows: Permission[]
  total: number
}

export interface PermissionDetail extends Permission {
  /** Newest first. */
  scans: DeviceScan[]
}

export type SerialVerdict = 'cleared' | 'not-cleared' | 'not-started' | 'expired' | 'revoked' | 'holder-left' | 'unknown'

/** The answer at the desk to "may this stick be used?". */
export interface SerialAnswer {
  /** What was typed, tidied. */
  serial: string
  verdict: SerialVerdict
  /** Only "cleared" means yes. */
  mayBeUsed: boolean
  /** One or two plain sentences: the answer and what to do. */
  message: string
  permission: Permission | null
}

export interface HolderSummary {
  id: number
  name: string
  sortName: string
  kind: PersonKind
  detail: string
  left: boolean
  /** YYYY-MM-DD, when they have left. */
  leftOn: string | null
}

export interface PersonHoldings {
  person: HolderSummary
  /** In force first, then the rest, newest first. */
  permissions: Permission[]
}

/** A system or shared account, and everyone who holds it now. */
export interface HeldSystem {
  kind: Exclude<PermissionKind, 'portable-media'>
  systemName: string
  accountName: string | null
  holders: { permissionId: number; personId: number; name: string; detail: string; left: boolean; endsOn: string | null }[]
}

export interface Leaver {
  person: HolderSummary
  /** left: archived already; leaving: in the year group that leaves at the end of this school year. */
  why: 'left' | 'leaving'
  yearGroup: YearGroup | null
  /** In force or not started yet. */
  permissions: Permission[]
}

export interface LeaversList {
  /** The year groups counted as leaving (the top year group in the directory unless chosen). */
  leavingYearGroups: YearGroup[]
  rows: Leaver[]
}

/** Counts for the home screen: no names, no content. */
export interface PermissionSummary {
  /** YYYY-MM-DD */
  asOf: string
  inForce: number
  expiringSoon: number
  expiredRecently: number
  devicesNotCleared: number
  windowDays: number
}

export interface PersonChoice {
  id: number
  name: string
  kind: PersonKind
  detail: string
}
