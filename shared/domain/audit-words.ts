import type { AuditEntry, AuditResult } from './audit'
import { auditActionLabel } from './audit-actions'
import { REPORT_TYPES } from './reports'
import { ROLE_LABELS, type Role } from './roles'
import { schoolYearLabel } from '../dates/school-year'

/**
 * An audit entry in the words a school office reads, for the Audit trail screen and the printed
 * trail alike: the action ("Signed in"), the record in words (a name, "incident OS-2025-014", a
 * policy's title), UK date and time, and the detail without codes. The core reads what each
 * `kind:id` points at when the trail is read (electron/core/audit/audit-references.ts) and sends
 * it with the entry; here it is put into words.
 */
export interface AuditEntryWords {
  /** dd/mm/yyyy hh:mm, UK time. */
  when: string
  who: string
  action: string
  /** The record it was done to, in words; '' when none. */
  target: string
  result: string
  detail: string
}

/** `kind:id` as the audit trail writes references to records ("incident:5", "policy-review:2"). */
export const REFERENCE_PATTERN = /\b([a-z][a-z-]*):(\d+)\b/g

/** A record the reference points at that is no longer in the register, by its kind alone. */
const GONE: Readonly<Record<string, string>> = {
  user: 'a user no longer in the register',
  person: 'a person no longer in the directory',
  incident: 'an incident',
  'incident-record': 'the incident record of an incident',
  'incident-category': 'an incident category',
  policy: 'a policy',
  'policy-review': 'a policy review',
  'policy-document': 'a policy document',
  check: 'a recurring check',
  permission: 'a permission',
  agreement: 'an agreement',
  visit: 'a visit no longer kept (past its retention)',
  'signing-key': 'a signing key',
  report: 'an issued report',
  filtering: 'a filtering change',
}

/** Targets that name a whole part of the register rather than one record. */
const PLAIN_TARGETS: Readonly<Record<string, string>> = {
  school: 'the school profile',
  incidents: 'the incident log',
  incident: 'a new incident',
  visitors: 'visitor records',
}

/** Why the register was locked (the detail of `session.lock`). */
const LOCK_REASONS: Readonly<Record<string, string>> = {
  user: 'locked by the user',
  idle: 'locked after a time without use',
  quit: 'locked when the app was closed',
  restore: 'locked to restore a backup',
  rekey: 'locked to change the encryption key',
}

/** Why a sign-in was refused (the detail of a refused `session.login`). */
const REFUSED_SIGN_IN: Readonly<Record<string, string>> = {
  'wrong-password': 'the password did not match',
  'unknown-user': 'no user with that name',
  'disabled-user': 'the account is disabled',
  'wrong-recovery-key': 'the recovery key did not match',
  'key slot not listed': 'the account’s key had been tampered with',
}

export const RESULT_WORDS: Readonly<Record<AuditResult, string>> = { ok: 'Done', refused: 'Refused', failed: 'Failed' }

const UK_DATE_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** 24/11/2026 14:05 in UK time, whatever the computer's own time zone. */
export function ukDateTimeOf(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : UK_DATE_TIME.format(d).replace(',', '')
}

/** The school year a `year:2025` target names: "the school year 2025–26". */
const schoolYear = (start: number) => `the school year ${schoolYearLabel(start)}`

/**
 * A detail as stored, with the references it makes in other forms written as `kind:id` (a new
 * signing key's entry says "user 3; …"): the core looks them up, and the words replace them.
 */
export function detailReferences(detail: string | null): string | null {
  return detail ? detail.replace(/\buser (\d+);/g, 'user:$1;') : detail
}

/** Every `kind:id` in a text replaced by what it points at, or by its kind when that record is gone: never a bare code. */
export function referencesInWords(text: string, references: Readonly<Record<string, string>>): string {
  return text.replace(REFERENCE_PATTERN, (whole, kind: string, id: string) => {
    if (kind === 'year') return schoolYear(Number(id))
    return references[whole] ?? GONE[kind] ?? `a ${kind.replace(/-/g, ' ')} record`
  })
}

function targetInWords(target: string | null, references: Readonly<Record<string, string>>): string {
  if (!target) return ''
  if (target in PLAIN_TARGETS) return PLAIN_TARGETS[target]!
  if (target in REPORT_TYPES) return `“${REPORT_TYPES[target as keyof typeof REPORT_TYPES].title}”`
  const report = /^([a-z-]+):(\d+)$/.exec(target)
  // A report about one record is named by its type and the record ("incident-record:5").
  if (report && report[1]! in REPORT_TYPES && report[1] !== 'incident-record') return `“${REPORT_TYPES[report[1] as keyof typeof REPORT_TYPES].title}”`
  const replaced = /^replaced:(.+)$/.exec(target)
  if (replaced) return `the copy kept before the restore (${replaced[1]})`
  return referencesInWords(target, references)
}

/** A SHA-256 in groups of eight and a certificate fingerprint in groups of eight bytes: each group stays whole on a line. */
function groupedCodes(text: string): string {
  return text
    .replace(/\b(public key )([A-Za-z0-9+/]{43}=)/g, (_, lead: string, key: string) => `${lead}${key.match(/.{1,11}/g)!.join(' ')}`)
    .replace(/\bsha256 ([0-9a-f]{64})\b/gi, (_, hex: string) => `SHA-256 ${hex.match(/.{8}/g)!.join(' ')}`)
    .replace(/\b([0-9A-F]{2}(?::[0-9A-F]{2}){31})\b/g, (fp: string) => fp.split(':').reduce<string[]>((groups, byte, i) => (i % 8 ? (groups[groups.length - 1] += `:${byte}`) : groups.push(byte), groups), []).join(' '))
}

function detailInWords(entry: Pick<AuditEntry, 'action' | 'detail'>, references: Readonly<Record<string, string>>): string {
  const detail = entry.detail
  if (!detail) return ''
  if (entry.action === 'session.lock') return LOCK_REASONS[detail] ?? detail
  if (entry.action === 'session.login' && REFUSED_SIGN_IN[detail]) return REFUSED_SIGN_IN[detail]
  const roles = detail.replace(/\b(role )(manager|head|dsl|ict|office)\b( → )?(manager|head|dsl|ict|office)?/g, (_, lead: string, from: Role, arrow?: string, to?: Role) =>
    `${lead}${ROLE_LABELS[from]}${arrow && to ? `${arrow}${ROLE_LABELS[to]}` : ''}`,
  )
  return groupedCodes(referencesInWords(detailReferences(roles)!, references))
    .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z\b/g, (iso) => ukDateTimeOf(iso))
    .replace(/\b(\d{4})-(\d\d)-(\d\d)\b/g, '$3/$2/$1')
}

/**
 * One entry in words. `displayName` and `references` come from the core with the entry; an
 * entry without them (a user since removed, a record gone) still reads as words.
 */
export function auditEntryInWords(entry: AuditEntry): AuditEntryWords {
  const { references } = entry
  return {
    when: ukDateTimeOf(entry.at),
    // No user: the app itself (an automatic sign-out), or someone whose sign-in was refused.
    who: entry.displayName ?? entry.username ?? (entry.result === 'ok' ? 'The app' : 'Someone not signed in'),
    action: auditActionLabel(entry.action),
    target: targetInWords(entry.target, references),
    result: RESULT_WORDS[entry.result] ?? entry.result,
    detail: detailInWords(entry, references),
  }
}
