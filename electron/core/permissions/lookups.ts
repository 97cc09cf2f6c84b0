import { YEAR_GROUPS, type YearGroup } from '../../../shared/domain/people'
import {
  ATTENTION_WINDOW_DAYS,
  PERMISSION_HOLDER_KINDS,
  PERMISSION_STATUSES,
  type HeldSystem,
  type Leaver,
  type LeaversList,
  type Permission,
  type PermissionSummary,
  type PersonChoice,
  type PersonHoldings,
  type SerialAnswer,
} from '../../../shared/domain/permissions'
import { invalid } from '../api/app-error'
import type { Db } from '../db/database'
import type { FeatureContext } from '../feature-kit/feature-context'
import { queryWords, whereNamesStartWith } from '../people/services'
import { displayNameOfRow, findPerson, orderByName } from '../people/services'
import { dayText, permissionsQuery, personDetailOf, serialKey, toHolder, toPermission, whereCurrentOrUpcoming, whereInForce, whereNotCleared, whereStatus, type HeldPermissionRow } from './permission-rows'
import { readScanSettings } from './scan-settings'
import { ukDay } from '../../../shared/dates/uk-time'
import { addDays } from '../../../shared/dates/uk-time'
import type { PersonRow } from '../people/services'

/** In force first, then not started, expired, revoked; newest first within each. */
const byStanding = (a: Permission, b: Permission) =>
  PERMISSION_STATUSES.indexOf(a.status) - PERMISSION_STATUSES.indexOf(b.status) || b.startsOn.localeCompare(a.startsOn) || b.id - a.id

async function loadRows(ctx: FeatureContext, narrow: (q: ReturnType<typeof permissionsQuery>, today: string) => void): Promise<Permission[]> {
  const { db } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const { scanIntervalDays } = await readScanSettings(db)
  const query = permissionsQuery(db)
  narrow(query, today)
  const rows = (await query) as HeldPermissionRow[]
  return rows.map((r) => toPermission(r, today, scanIntervalDays))
}

/** The answer at the desk: may this stick be used? Only a permission in force with a good, recent scan says yes. */
export async function lookupSerial(ctx: FeatureContext, typed: string): Promise<SerialAnswer> {
  const key = serialKey(typed)
  if (key.length < 3) throw invalid('serial', 'Type the serial number in full: at least 3 letters or digits.')
  const found = (await loadRows(ctx, (q) => void q.where('p.kind', 'portable-media').where('p.serial_key', key))).sort(byStanding)
  const p = found[0] ?? null
  const serial = p?.deviceSerial ?? typed.trim()
  if (!p) {
    return { serial, verdict: 'unknown', mayBeUsed: false, permission: null, message: `No stick with serial number ${serial} has ever been permitted. It may not be used: check the number, or grant a permission and scan it first.` }
  }
  const { scanIntervalDays } = await readScanSettings(ctx.store.requireOpen().db)
  const whose = `${p.personName}’s ${p.deviceMake ?? 'device'}`
  const answer = (verdict: SerialAnswer['verdict'], message: string): SerialAnswer => ({ serial, verdict, mayBeUsed: verdict === 'cleared', permission: p, message })
  switch (p.status) {
    case 'revoked':
      return answer('revoked', `Not permitted: the permission for ${whose} was revoked on ${dayText(ukDay(p.revokedAt!))}${p.revokeReason ? ` (${p.revokeReason})` : ''}. It may not be used.`)
    case 'expired':
      return answer('expired', `Not permitted: the permission for ${whose} ended on ${dayText(p.endsOn!)}. It may not be used until a new permission is granted and it is scanned.`)
    case 'upcoming':
      return answer('not-started', `Not permitted yet: the permission for ${whose} starts on ${dayText(p.startsOn)}.`)
    case 'in-force':
      break
  }
  if (p.personLeft) return answer('holder-left', `Not permitted: ${p.personName} has left the school. Revoke the permission and collect the device.`)
  const c = p.clearance!
  const until = p.endsOn ? ` until ${dayText(p.endsOn)}` : ''
  if (c.cleared) {
    return answer('cleared', `Cleared: ${whose} is permitted${until} and was scanned on ${dayText(c.lastScan!.scannedOn)} (${c.lastScan!.result === 'clean' ? 'clean' : 'a threat was found and removed'}). The scan counts until ${dayText(c.clearedUntil!)}.`)
  }
  const why =
    c.reason === 'never-scanned'
      ? 'it has never been scanned'
      : c.reason === 'threat-refused'
        ? `its last scan, on ${dayText(c.lastScan!.scannedOn)}, found a threat and the device was refused`
        : `its last scan was on ${dayText(c.lastScan!.scannedOn)}, more than ${scanIntervalDays} days ago`
  return answer('not-cleared', `Permitted but not cleared: ${whose} is permitted${until}, but ${why}. Scan it before it is used.`)
}

/** Everything one person holds or has held. */
export async function holdingsOf(ctx: FeatureContext, personId: number): Promise<PersonHoldings> {
  const person = await findPerson(ctx.store.requireOpen().db, personId)
  const permissions = (await loadRows(ctx, (q) => void q.where('p.person_id', personId))).sort(byStanding)
  return { person: toHolder(person), permissions }
}

/** Each system and shared account in force today, with everyone who holds it. */
export async function heldSystems(ctx: FeatureContext, text: string | undefined): Promise<HeldSystem[]> {
  const rows = await loadRows(ctx, (q, today) => {
    whereInForce(q, today).whereNot('p.kind', 'portable-media')
    const t = text?.trim()
    if (t) {
      const like = `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      void q.where((w) => void w.whereRaw("p.system_name LIKE ? ESCAPE '\\'", [like]).orWhereRaw("p.account_name LIKE ? ESCAPE '\\'", [like]))
    }
  })
  const groups = new Map<string, HeldSystem>()
  for (const p of rows) {
    const key = `${p.kind}|${(p.systemName ?? '').toLowerCase()}|${(p.accountName ?? '').toLowerCase()}`
    const group = groups.get(key) ?? { kind: p.kind as HeldSystem['kind'], systemName: p.systemName ?? '', accountName: p.accountName, holders: [] }
    group.holders.push({ permissionId: p.id, personId: p.personId, name: p.personName, detail: p.personDetail, left: p.personLeft, endsOn: p.endsOn })
    groups.set(key, group)
  }
  const sortName = new Map(rows.map((p) => [p.id, p.personSortName]))
  for (const g of groups.values()) g.holders.sort((a, b) => (sortName.get(a.permissionId) ?? '').localeCompare(sortName.get(b.permissionId) ?? '', 'en-GB'))
  return [...groups.values()].sort((a, b) => a.systemName.localeCompare(b.systemName, 'en-GB') || (a.accountName ?? '').localeCompare(b.accountName ?? '', 'en-GB') || a.kind.localeCompare(b.kind))
}

/** The top year group among current pupils: the one that leaves at the end of the school year. */
async function topYearGroup(db: Db): Promise<YearGroup[]> {
  const present = (await db('people').where({ kind: 'pupil' }).whereNull('archived_at').distinct('year_group').pluck('year_group')) as YearGroup[]
  const top = [...YEAR_GROUPS].reverse().find((y) => present.includes(y))
  return top ? [top] : []
}

/**
 * People who have left (archived) or leave at the end of this school year (pupils in the leaving
 * year group) and still hold a permission that has not ended or been revoked. The directory
 * keeps no future leaving date for staff: they appear here once archived.
 */
export async function leaversHolding(ctx: FeatureContext, yearGroups: YearGroup[] | undefined): Promise<LeaversList> {
  const { db } = ctx.store.requireOpen()
  const leaving = yearGroups ?? (await topYearGroup(db))
  const rows = await loadRows(ctx, (q, today) => {
    whereCurrentOrUpcoming(q, today).where((w) => {
      void w.whereNotNull('h.archived_at')
      if (leaving.length > 0) void w.orWhere((l) => void l.where('h.kind', 'pupil').whereIn('h.year_group', leaving))
    })
  })
  const people = new Map<number, PersonRow>()
  if (rows.length > 0) {
    for (const r of (await db('people').whereIn('id', [...new Set(rows.map((p) => p.personId))]))) people.set(r.id, r)
  }
  const byPerson = new Map<number, Leaver>()
  for (const p of rows) {
    const person = people.get(p.personId)!
    const entry = byPerson.get(p.personId) ?? { person: toHolder(person), why: person.archived_at ? 'left' : 'leaving', yearGroup: person.year_group, permissions: [] }
    entry.permissions.push(p)
    byPerson.set(p.personId, entry)
  }
  const list = [...byPerson.values()]
  for (const l of list) l.permissions.sort(byStanding)
  // Those already gone first: their permissions should have been revoked.
  list.sort((a, b) => (a.why === b.why ? a.person.sortName.localeCompare(b.person.sortName, 'en-GB') : a.why === 'left' ? -1 : 1))
  return { leavingYearGroups: leaving, rows: list }
}

/** Counts only, for the home screen. */
export async function permissionSummary(ctx: FeatureContext): Promise<PermissionSummary> {
  const { db } = ctx.store.requireOpen()
  const today = ukDay(ctx.now())
  const { scanIntervalDays } = await readScanSettings(db)
  const count = async (q: ReturnType<typeof permissionsQuery>) => Number(((await q.clearSelect().count({ n: '*' })) as { n: number }[])[0]?.n ?? 0)
  return {
    asOf: today,
    inForce: await count(whereInForce(permissionsQuery(db), today)),
    expiringSoon: await count(whereInForce(permissionsQuery(db), today).whereNotNull('p.ends_on').where('p.ends_on', '<=', addDays(today, ATTENTION_WINDOW_DAYS))),
    expiredRecently: await count(whereStatus(permissionsQuery(db), 'expired', today).where('p.ends_on', '>=', addDays(today, -ATTENTION_WINDOW_DAYS))),
    devicesNotCleared: await count(whereNotCleared(permissionsQuery(db), today, scanIntervalDays)),
    windowDays: ATTENTION_WINDOW_DAYS,
  }
}

/** Current people who may hold a permission, found by a few letters of their name: names and groups only. */
export async function findHolders(ctx: FeatureContext, text: string): Promise<PersonChoice[]> {
  const { db } = ctx.store.requireOpen()
  const words = queryWords(text)
  if (words.length === 0) return []
  const query = db('people').whereIn('kind', [...PERMISSION_HOLDER_KINDS]).whereNull('archived_at')
  whereNamesStartWith(query, words)
  const rows = await orderByName(query.select('id', 'kind', 'forename', 'surname', 'preferred_forename', 'preferred_surname', 'year_group', 'reg_class', 'staff_group', 'job_title', 'organisation')).limit(20)
  return rows.map((r) => ({ id: r.id, name: displayNameOfRow(r), kind: r.kind, detail: personDetailOf(r) }))
}
