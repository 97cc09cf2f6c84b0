import type { PERMISSION_SORT_KEYS, PermissionGrant, PermissionListQuery, ScanRecord } from '../../../shared/features/permissions/contract'
import { needsUsername } from '../../../shared/domain/people'
import { ATTENTION_WINDOW_DAYS, PERMISSION_HOLDER_KINDS, PERMISSION_KINDS, type Permission, type PermissionDetail, type PermissionPage } from '../../../shared/domain/permissions'
import { conflict, invalid } from '../api/app-error'
import type { FeatureContext } from '../feature-kit/feature-context'
import { queryWords, whereNamesStartWith } from '../people/services'
import { blank } from '../people/services'
import { displayNameOfRow } from '../people/services'
import { dayText, findPermissionRow, permissionsQuery, serialKey, toPermission, toScan, whereCurrentOrUpcoming, whereInForce, whereNotCleared, whereStatus, type HeldPermissionRow } from './permission-rows'
import { readScanSettings } from './scan-settings'
import { isRealDay, ukDay } from '../../../shared/dates/uk-time'
import { addDays } from '../../../shared/dates/uk-time'
import type { PersonRow } from '../people/services'

const iso = (ms: number) => new Date(ms).toISOString()

// A chosen column first, then newest first. A permission with no end date comes after every dated one.
const SORT_SQL: Record<(typeof PERMISSION_SORT_KEYS)[number], string> = {
  holder: 'coalesce(h.preferred_surname, h.surname) COLLATE NOCASE {dir}, coalesce(h.preferred_forename, h.forename) COLLATE NOCASE {dir}',
  kind: `CASE p.kind ${PERMISSION_KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} END {dir}`,
  endsOn: 'p.ends_on IS NULL, p.ends_on {dir}',
  startsOn: 'p.starts_on {dir}',
}

/** A page of the register, newest first unless sorted. */
export async function listPermissions(ctx: FeatureContext, q: PermissionListQuery): Promise<PermissionPage> {
  const { db } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const { scanIntervalDays } = await readScanSettings(db)
  const query = permissionsQuery(db)
  if (q.kind) void query.where('p.kind', q.kind)
  if (q.status !== 'all') whereStatus(query, q.status, today)
  if (q.personId) void query.where('p.person_id', q.personId)
  if (q.attention === 'expiring') whereInForce(query, today).whereNotNull('p.ends_on').where('p.ends_on', '<=', addDays(today, ATTENTION_WINDOW_DAYS))
  if (q.attention === 'expired-recently') whereStatus(query, 'expired', today).where('p.ends_on', '>=', addDays(today, -ATTENTION_WINDOW_DAYS))
  if (q.attention === 'not-cleared') whereNotCleared(query, today, scanIntervalDays)
  const text = q.text?.trim()
  if (text) {
    const words = queryWords(text)
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    // A holder's name, or what the permission covers: a serial number, a make, a system, an account.
    void query.where((w) => {
      if (words.length > 0) void w.where((n) => void whereNamesStartWith(n, words, 'p.person_id'))
      void w
        .orWhere('p.serial_key', 'like', `%${serialKey(text)}%`)
        .orWhereRaw("p.device_make LIKE ? ESCAPE '\\'", [like])
        .orWhereRaw("p.system_name LIKE ? ESCAPE '\\'", [like])
        .orWhereRaw("p.account_name LIKE ? ESCAPE '\\'", [like])
    })
  }
  const [count] = (await query.clone().clearSelect().count({ n: '*' })) as { n: number }[]
  if (q.sort) void query.orderByRaw(SORT_SQL[q.sort.key].replaceAll('{dir}', q.sort.order === 'desc' ? 'DESC' : 'ASC'))
  const rows = (await query.orderBy([{ column: 'p.starts_on', order: 'desc' }, { column: 'p.id', order: 'desc' }]).offset(q.offset).limit(q.limit)) as HeldPermissionRow[]
  return { rows: rows.map((r) => toPermission(r, today, scanIntervalDays)), total: Number(count?.n ?? 0) }
}

export async function getPermission(ctx: FeatureContext, id: number): Promise<PermissionDetail> {
  const { db } = ctx.store.requireOpen()
  const row = await findPermissionRow(db, id)
  const { scanIntervalDays } = await readScanSettings(db)
  const scans = await db('device_scans').where({ permission_id: id }).orderBy([{ column: 'scanned_on', order: 'desc' }, { column: 'id', order: 'desc' }])
  return { ...toPermission(row, ukDay(ctx.now()), scanIntervalDays), scans: scans.map(toScan) }
}

async function readPermission(ctx: FeatureContext, id: number): Promise<Permission> {
  const { db } = ctx.store.requireOpen()
  return toPermission(await findPermissionRow(db, id), ukDay(ctx.now()), (await readScanSettings(db)).scanIntervalDays)
}

/** Who may hold what: never a visitor (their records go under retention), never a leaver, no pupil with an administrator account. */
function checkHolder(person: PersonRow, input: PermissionGrant): void {
  const name = displayNameOfRow(person)
  if (!(PERMISSION_HOLDER_KINDS as readonly string[]).includes(person.kind)) {
    throw invalid('personId', `${name} is recorded as a visitor, and visitors’ records are deleted after the retention period. Record them as a contractor or volunteer to grant a permission.`)
  }
  if (person.archived_at) throw conflict(`${name} has left (their record is archived), so nothing new can be granted to them.`)
  if (input.kind === 'credential-holder' && person.kind === 'pupil') {
    throw invalid('personId', `${name} is a pupil. Shared and administrator accounts are held by named members of staff.`)
  }
  // From Year 7 everyone has their own username and password (section 9.3); an exemption past that age needs a reason.
  const youngest = person.kind === 'pupil' && person.year_group !== null && !needsUsername(person.year_group)
  if (input.kind === 'password-exemption' && !youngest && !blank(input.conditions)) {
    throw invalid('conditions', `From Year 7 everyone has their own username and password. Say in the conditions why ${name} is exempt, and until when.`)
  }
}

function checkDates(input: PermissionGrant, today: string): void {
  if (!isRealDay(input.startsOn)) throw invalid('startsOn', 'The first day is not a real date.')
  if (input.endsOn === undefined) return
  if (!isRealDay(input.endsOn)) throw invalid('endsOn', 'The last day is not a real date.')
  if (input.endsOn < input.startsOn) throw invalid('endsOn', 'The permission ends before it starts: check the dates.')
  if (input.endsOn < today) throw invalid('endsOn', 'That last day has passed, so the permission would already have ended. Check the dates.')
}

/** Refuses a second permission for the same stick, or the same system or account, while the first still counts. */
async function checkNoOverlap(ctx: FeatureContext, input: PermissionGrant, serial: string | null, today: string): Promise<void> {
  const { db } = ctx.store.requireOpen()
  const q = whereCurrentOrUpcoming(permissionsQuery(db), today).where('p.kind', input.kind)
  if (input.kind === 'portable-media') void q.where('p.serial_key', serial)
  else void q.where('p.person_id', input.personId).whereRaw('p.system_name = ? COLLATE NOCASE', [input.systemName])
  if ('accountName' in input && input.accountName) void q.whereRaw("coalesce(p.account_name, '') = ? COLLATE NOCASE", [input.accountName])
  const clash = (await q.first()) as HeldPermissionRow | undefined
  if (!clash) return
  const until = clash.ends_on ? ` until ${dayText(clash.ends_on)}` : ''
  if (serial) {
    throw conflict(`That stick (serial ${clash.device_serial}) already has a permission for ${displayNameOfRow(clash)}${until}. Revoke that one first, or check the serial number.`)
  }
  throw conflict(`${displayNameOfRow(clash)} already holds this${until}. Revoke it first if it needs to change.`)
}

export async function grantPermission(ctx: FeatureContext, input: PermissionGrant): Promise<Permission> {
  const { db, session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const person = await db('people').where({ id: input.personId }).first()
  if (!person) throw invalid('personId', 'That person is not in the register. Search for them again.')
  checkHolder(person, input)
  checkDates(input, today)
  const media = input.kind === 'portable-media'
  const serial = media ? serialKey(input.deviceSerial) : null
  if (media && serial!.length < 3) throw invalid('deviceSerial', 'A serial number has at least 3 letters or digits.')
  await checkNoOverlap(ctx, input, serial, today)

  const event = { action: 'permission.grant', target: null as string | null, detail: input.kind }
  const id = await ctx.store.change(event, async (trx) => {
    const [newId] = (await trx('permissions').insert({
      person_id: person.id,
      kind: input.kind,
      device_make: media ? input.deviceMake : null,
      device_serial: media ? input.deviceSerial : null,
      serial_key: serial,
      system_name: media ? null : input.systemName,
      account_name: input.kind === 'system-access' || input.kind === 'credential-holder' ? (blank(input.accountName) ?? null) : null,
      authorised_by: input.authorisedBy,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      conditions: blank(input.conditions),
      created_at: iso(ctx.now()),
      created_by: session.userId,
      created_by_name: session.displayName,
    })) as number[]
    event.target = `permission:${Number(newId)}`
    return Number(newId)
  })
  return readPermission(ctx, id)
}

/** Revokes a permission from now. It stays in the register, with who revoked it, when and why. */
export async function revokePermission(ctx: FeatureContext, id: number, reason: string): Promise<Permission> {
  const { db, session } = ctx.store.requireOpen()
  const row = await findPermissionRow(db, id)
  if (row.revoked_at) throw conflict(`This permission was already revoked on ${dayText(row.revoked_on!)} by ${row.revoked_by_name}.`)
  await ctx.store.change({ action: 'permission.revoke', target: `permission:${id}` }, (trx) =>
    trx('permissions')
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: iso(ctx.now()), revoked_on: ukDay(ctx.now()), revoked_by: session.userId, revoked_by_name: session.displayName, revoke_reason: reason }),
  )
  return readPermission(ctx, id)
}

/** Records a scan of a permitted device. Only a permission that still counts can be cleared by one. */
export async function recordScan(ctx: FeatureContext, input: ScanRecord): Promise<PermissionDetail> {
  const { db, session } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const row = await findPermissionRow(db, input.permissionId)
  if (row.kind !== 'portable-media') throw invalid('permissionId', 'Only portable media is scanned: this permission is not for a device.')
  if (row.revoked_at) throw conflict(`This stick’s permission was revoked on ${dayText(row.revoked_on!)}, so a scan cannot clear it. Grant a new permission first.`)
  if (row.ends_on && row.ends_on < today) throw conflict(`This stick’s permission ended on ${dayText(row.ends_on)}. Grant a new permission before recording a scan.`)
  if (!isRealDay(input.scannedOn)) throw invalid('scannedOn', 'The date of the scan is not a real date.')
  if (input.scannedOn > today) throw invalid('scannedOn', 'The date of the scan is in the future.')
  await ctx.store.change({ action: 'permission.scan', target: `permission:${row.id}`, detail: input.result }, (trx) =>
    trx('device_scans').insert({
      permission_id: row.id,
      scanned_on: input.scannedOn,
      scanned_by: input.scannedBy,
      tool: input.tool,
      result: input.result,
      notes: blank(input.notes),
      recorded_at: iso(ctx.now()),
      recorded_by: session.userId,
      recorded_by_name: session.displayName,
    }),
  )
  return getPermission(ctx, row.id)
}
