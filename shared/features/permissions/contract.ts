import { z } from 'zod'
import { id, noInput, returns, sortOf, defineKind, type MethodSpec } from '../../api/contract-kit'
import { isoDate } from '../../api/fields'
import type { Role } from '../../domain/roles'
import { YEAR_GROUPS } from '../../domain/people'
import { looksLikeAPassword, PASSWORD_REFUSAL } from '../../domain/looks-like-a-password'
import {
  ATTENTION_FILTERS,
  PERMISSION_KINDS,
  PERMISSION_STATUSES,
  SCAN_RESULTS,
  type HeldSystem,
  type LeaversList,
  type Permission,
  type PermissionDetail,
  type PermissionPage,
  type PermissionSettings,
  type PermissionSummary,
  type PersonChoice,
  type PersonHoldings,
  type SerialAnswer,
} from '../../domain/permissions'

/** The ICT manager keeps the register, with the business manager. */
const WRITERS = ['manager', 'ict'] as const satisfies readonly Role[]
/** The headteacher and DSL see who holds what; reception sees nothing of it. */
const READERS = ['manager', 'ict', 'head', 'dsl'] as const satisfies readonly Role[]
const MANAGER = ['manager'] as const satisfies readonly Role[]

// ---- field rules ----------------------------------------------------------------------------
// Every text this register stores is checked for anything that looks like a password (section
// 9.3): the app refuses it at the door rather than keeping it encrypted.

const refusePasswords = <T extends z.ZodType<string | undefined>>(schema: T, options: { randomAllowed?: boolean } = {}) =>
  schema.refine((v) => v === undefined || !looksLikeAPassword(v, options), PASSWORD_REFUSAL)

/** A required short text. */
const text = (what: string, max: number) =>
  refusePasswords(z.string({ error: `Please give the ${what}.` }).trim().min(1, `Please give the ${what}.`).max(max, `The ${what} can be at most ${max} characters.`))
/** An optional text; an empty box means none. */
const optionalText = (what: string, max: number) => refusePasswords(z.string().trim().max(max, `The ${what} can be at most ${max} characters.`).optional())

/**
 * A serial number looks random by nature, so only the well-known passwords are refused here;
 * the characters a serial number uses leave no room for password symbols or a "password:" label.
 */
export const deviceSerial = refusePasswords(
  z
    .string({ error: 'Please give the serial number printed on the stick or shown by the computer.' })
    .trim()
    .min(3, 'A serial number has at least 3 characters.')
    .max(60, 'A serial number can be at most 60 characters.')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, 'A serial number uses letters, digits, spaces, dots, dashes and slashes only.'),
  { randomAllowed: true },
)

const grantCommon = {
  personId: id,
  authorisedBy: text('name of the senior member of staff who gave the permission', 100),
  startsOn: isoDate,
  endsOn: isoDate.optional(),
  conditions: optionalText('conditions', 500),
}

export const permissionGrant = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('portable-media'),
        deviceMake: text('make and model of the device', 100),
        deviceSerial,
        ...grantCommon,
        // A USB stick's permission is reviewed: it always has an end date.
        endsOn: z.string({ error: 'Give the last day of the permission: portable media always has an end date.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written as YYYY-MM-DD.'),
      })
      .strict(),
    z.object({ kind: z.literal('system-access'), systemName: text('name of the system', 100), accountName: optionalText('account name', 100), ...grantCommon }).strict(),
    z.object({ kind: z.literal('password-exemption'), systemName: text('name of the system they are exempt on', 100), ...grantCommon }).strict(),
    z.object({ kind: z.literal('credential-holder'), systemName: text('name of the system or service', 100), accountName: text('account name', 100), ...grantCommon }).strict(),
  ],
  { error: 'Please choose what kind of permission this is.' },
)
export type PermissionGrant = z.output<typeof permissionGrant>

export const permissionRevoke = z.object({ id, reason: text('reason for revoking it', 300) }).strict()

export const scanRecord = z
  .object({
    permissionId: id,
    scannedOn: isoDate,
    scannedBy: text('name of the person who scanned it', 100),
    tool: text('anti-virus or anti-malware tool used', 100),
    result: z.enum(SCAN_RESULTS, { message: 'Say what the scan found.' }),
    notes: optionalText('notes', 300),
  })
  .strict()
export type ScanRecord = z.output<typeof scanRecord>

/** Searches are not stored, so they are not checked for passwords. */
const search = z.string().trim().max(100, 'Search with at most 100 characters.')

/** The register's columns it can be sorted by (status depends on the day, so it is a filter instead). */
export const PERMISSION_SORT_KEYS = ['holder', 'kind', 'endsOn', 'startsOn'] as const

export const permissionList = z
  .object({
    kind: z.enum(PERMISSION_KINDS, { message: 'Please choose a kind of permission.' }).optional(),
    status: z.enum([...PERMISSION_STATUSES, 'all'], { message: 'Show permissions in force, not started, expired, revoked or all.' }).default('in-force'),
    attention: z.enum(ATTENTION_FILTERS, { message: 'That is not a filter the register knows.' }).optional(),
    personId: id.optional(),
    text: search.optional(),
    /** Newest first when not given. */
    sort: sortOf(PERMISSION_SORT_KEYS),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()
export type PermissionListQuery = z.output<typeof permissionList>

export const scanSettings = z
  .object({
    scanIntervalDays: z
      .number({ error: 'Give the number of days a scan counts for.' })
      .int('Give a whole number of days.')
      .min(1, 'A scan counts for at least 1 day.')
      .max(365, 'A scan counts for at most 365 days: scan portable media at least once a year.'),
  })
  .strict()

/** The password and portable-media permission register. */
export const permissionMethods = {
  'permissions.list': {
    summary: 'A page of the permission register, filtered by kind, status, person or text',
    access: READERS,
    input: permissionList,
    output: returns<PermissionPage>(),
  },
  'permissions.get': {
    summary: 'One permission with every scan of its device',
    access: READERS,
    input: z.object({ id }).strict(),
    output: returns<PermissionDetail>(),
  },
  'permissions.grant': {
    summary: 'Grant a permission: portable media, system access, a password exemption or a shared/admin account (never a password)',
    access: WRITERS,
    input: permissionGrant,
    output: returns<Permission>(),
  },
  'permissions.revoke': {
    summary: 'Revoke a permission now, with the reason (it stays in the register)',
    access: WRITERS,
    input: permissionRevoke,
    output: returns<Permission>(),
  },
  'permissions.recordScan': {
    summary: 'Record an anti-virus/malware scan of a permitted device',
    access: WRITERS,
    input: scanRecord,
    output: returns<PermissionDetail>(),
  },
  'permissions.lookupSerial': {
    summary: 'May this stick be used? By its serial number (case and spaces do not matter)',
    access: READERS,
    input: z.object({ serial: z.string().trim().min(1, 'Type the serial number of the stick.').max(60, 'A serial number can be at most 60 characters.') }).strict(),
    output: returns<SerialAnswer>(),
  },
  'permissions.forPerson': {
    summary: 'Everything one person holds or has held',
    access: READERS,
    input: z.object({ personId: id }).strict(),
    output: returns<PersonHoldings>(),
  },
  'permissions.holders': {
    summary: 'Each system and shared account, with everyone who holds it now',
    access: READERS,
    input: z.object({ text: search.optional() }).strict(),
    output: returns<HeldSystem[]>(),
  },
  'permissions.leavers': {
    summary: 'People who have left or leave this school year and still hold something',
    access: READERS,
    input: z.object({ yearGroups: z.array(z.enum(YEAR_GROUPS, { message: 'Please choose a year group.' })).max(YEAR_GROUPS.length).optional() }).strict(),
    output: returns<LeaversList>(),
  },
  'permissions.summary': {
    summary: 'Counts for the home screen: in force, expiring, expired recently, devices not cleared',
    access: READERS,
    input: noInput,
    output: returns<PermissionSummary>(),
  },
  'permissions.people': {
    summary: 'Find a person to grant a permission to: names and groups only',
    access: READERS,
    input: z.object({ text: search.min(1, 'Type a few letters of their name.') }).strict(),
    output: returns<PersonChoice[]>(),
  },
  'permissions.settings': {
    summary: 'The school’s scan rule: how many days a scan of portable media counts for',
    access: READERS,
    input: noInput,
    output: returns<PermissionSettings>(),
  },
  'permissions.updateSettings': {
    summary: 'Change the scan rule',
    access: MANAGER,
    input: scanSettings,
    output: returns<PermissionSettings>(),
  },
} as const satisfies Record<string, MethodSpec>

/** The permissions kind: its methods and the audit trail's words for the actions it writes. */
export const permissionsKind = defineKind({
  name: 'permissions',
  methods: permissionMethods,
  auditWords: {
    'permission.grant': 'Granted a permission (portable media, system or account)',
    'permission.revoke': 'Revoked a permission',
    'permission.scan': 'Recorded a scan of portable media',
    'permission.settings': 'Changed the portable media scan rule',
    'permissions.demo': 'Added demonstration permissions and scans',
  },
})
