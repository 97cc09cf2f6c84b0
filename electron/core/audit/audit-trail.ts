import { createHash } from 'node:crypto'
import type { Knex } from 'knex'
import { AUDIT_SORTABLE_ENTRIES, type AuditEntry, type AuditPage, type AuditResult, type ChainVerification } from '../../../shared/domain/audit'
import type { AUDIT_SORT_KEYS } from '../../../shared/api/contract'
import { AppError } from '../api/app-error'
import { AUDIT_ACTION_LABELS } from '../../../shared/domain/audit-actions'
import { detailReferences, REFERENCE_PATTERN } from '../../../shared/domain/audit-words'
import { REPORT_TYPES } from '../../../shared/domain/reports'
import { describeReferences, referencesMatching } from './audit-references'
import type { AuditLogRow } from './tables'

export interface AuditEvent {
  userId: number | null
  username: string | null
  /** What was done, as `area.verb`: "user.create", "session.login", "backup.restore". */
  action: string
  /** What it was done to, as an id or a short label: never record content. */
  target?: string | null
  result?: AuditResult
  /** A short, content-free note: counts, reasons for a refusal. */
  detail?: string | null
  at?: string
}

const GENESIS = ''

/** The hash of one entry covers its own fields and the previous entry's hash. */
export function entryHash(row: Omit<AuditLogRow, 'hash'>): string {
  const fields = [row.id, row.at, row.user_id, row.username, row.action, row.target, row.result, row.detail]
  return createHash('sha256').update(row.prev_hash).update('\n').update(JSON.stringify(fields)).digest('hex')
}

/**
 * Appends one entry, chained to the last. Call inside the transaction that makes the change,
 * so the change and its audit entry are saved together or not at all.
 */
export async function appendAudit(db: Knex | Knex.Transaction, event: AuditEvent): Promise<void> {
  const last = await db('audit_log').select('id', 'hash').orderBy('id', 'desc').first()
  const row: Omit<AuditLogRow, 'hash'> = {
    id: (last?.id ?? 0) + 1,
    at: event.at ?? new Date().toISOString(),
    user_id: event.userId,
    username: event.username,
    action: event.action,
    target: event.target ?? null,
    result: event.result ?? 'ok',
    detail: event.detail ?? null,
    prev_hash: last?.hash ?? GENESIS,
  }
  await db('audit_log').insert({ ...row, hash: entryHash(row) })
}

/** An entry as the table holds it. */
export type StoredEntry = Omit<AuditEntry, 'displayName' | 'references'>

/** Entries with what the screen and the printed trail need to say them in words: each user's name, and what each reference points at. */
export async function withWords(db: Knex, rows: StoredEntry[]): Promise<AuditEntry[]> {
  const usernames = [...new Set(rows.map((r) => r.username).filter((u): u is string => !!u))]
  const names = new Map<string, string>()
  for (let i = 0; i < usernames.length; i += 500) {
    for (const u of await db('users').whereIn('username', usernames.slice(i, i + 500)).select('username', 'display_name')) names.set(u.username, u.display_name)
  }
  const references = await describeReferences(db, rows.flatMap((r) => [r.target, r.detail]))
  return rows.map((r) => {
    const own: Record<string, string> = {}
    for (const text of [r.target, r.detail]) for (const m of (detailReferences(text) ?? '').matchAll(REFERENCE_PATTERN)) if (references[m[0]]) own[m[0]] = references[m[0]]!
    return { ...r, displayName: r.username ? (names.get(r.username) ?? null) : null, references: own }
  })
}

/** Actions in the order of the words the trail shows for them; an action with no words comes after, by its code. */
const BY_ACTION_WORDS = Object.keys(AUDIT_ACTION_LABELS).sort((a, b) => AUDIT_ACTION_LABELS[a]!.localeCompare(AUDIT_ACTION_LABELS[b]!, 'en-GB'))
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`

// A chosen column, then newest first. An entry with nobody, or no record, comes after every other either way.
const AUDIT_SORT_SQL: Record<Exclude<(typeof AUDIT_SORT_KEYS)[number], 'when'>, string> = {
  // By the name the trail shows: the user's name where the user is still in the register, else their username.
  who: 'audit_log.username IS NULL, coalesce((SELECT u.display_name FROM users u WHERE u.username = audit_log.username), audit_log.username) COLLATE NOCASE {dir}',
  action: `CASE action ${BY_ACTION_WORDS.map((a, i) => `WHEN ${quoted(a)} THEN ${i}`).join(' ')} ELSE ${BY_ACTION_WORDS.length} END {dir}, action {dir}`,
  // Records of one kind together ("incident:", "user:"), in number order within it.
  record: "coalesce(target, '') = '', substr(target, 1, instr(target, ':')) {dir}, CAST(substr(target, instr(target, ':') + 1) AS INTEGER) {dir}, target {dir}",
}

export async function listAudit(
  db: Knex,
  query: { from?: string | undefined; to?: string | undefined; text?: string | undefined; sort?: { key: (typeof AUDIT_SORT_KEYS)[number]; order: 'asc' | 'desc' } | undefined; offset: number; limit: number },
): Promise<AuditPage> {
  // Entries are numbered in the order they happened: by when is by number.
  const order = query.sort?.key === 'when' && query.sort.order === 'asc' ? 'asc' : 'desc'
  const byColumn = query.sort && query.sort.key !== 'when' ? AUDIT_SORT_SQL[query.sort.key].replaceAll('{dir}', query.sort.order === 'desc' ? 'DESC' : 'ASC') : null
  const columns = ['id', 'at', 'username', 'action', 'target', 'result', 'detail'] as const
  const words = query.text ? await referencesMatching(db, query.text, AUDIT_ACTION_LABELS, Object.fromEntries(Object.entries(REPORT_TYPES).map(([type, r]) => [type, r.title]))) : null
  if (!query.from && !query.to && !query.text && !byColumn) {
    // The whole trail: its ids run 1..N with no gaps (verify checks that), so the count is the
    // last id and a page is an id range: instant at a million entries, where COUNT and OFFSET scan.
    const last = (await db('audit_log').max({ id: 'id' })) as { id: number | null }[]
    const total = Number(last[0]?.id ?? 0)
    const rows = (
      order === 'desc'
        ? await db('audit_log').select(...columns).where('id', '<=', total - query.offset).orderBy('id', 'desc').limit(query.limit)
        : await db('audit_log').select(...columns).where('id', '>', query.offset).orderBy('id', 'asc').limit(query.limit)
    ) as StoredEntry[]
    return { rows: await withWords(db, rows), total }
  }
  const filtered = db('audit_log').where((q) => {
    if (query.from) void q.where('at', '>=', query.from)
    // `to` is a whole day: everything before the next midnight (UTC strings sort as dates).
    if (query.to) void q.where('at', '<', nextDay(query.to))
    if (query.text) {
      const like = `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      // The codes as stored, and the words the screen shows for them: "Signed in", a user's name, "OS-2025-014".
      void q.where((w) =>
        w
          .whereRaw("action LIKE ? ESCAPE '\\'", [like])
          .orWhereRaw("username LIKE ? ESCAPE '\\'", [like])
          .orWhereRaw("target LIKE ? ESCAPE '\\'", [like])
          .orWhereIn('action', words!.actions)
          .orWhereIn('username', words!.usernames)
          .orWhereIn('target', words!.targets),
      )
    }
  })
  if (byColumn) {
    // Sorted by a column: the whole (filtered) trail is ordered, so this reads every entry it covers.
    const total = !query.from && !query.to && !query.text ? Number(((await db('audit_log').max({ id: 'id' })) as { id: number | null }[])[0]?.id ?? 0) : Number(((await filtered.clone().count({ n: '*' })) as { n: number }[])[0]?.n ?? 0)
    if (total > AUDIT_SORTABLE_ENTRIES) {
      throw new AppError(
        'validation',
        `The trail shows ${total.toLocaleString('en-GB')} entries: too many to sort by who, action or record. Choose a period or words that leave ${AUDIT_SORTABLE_ENTRIES.toLocaleString('en-GB')} or fewer, then sort.`,
        'sort',
      )
    }
    const rows = (await filtered.clone().select(...columns.map((c) => `audit_log.${c}`)).orderByRaw(byColumn).orderBy('audit_log.id', 'desc').offset(query.offset).limit(query.limit)) as StoredEntry[]
    return { rows: await withWords(db, rows), total }
  }
  if (query.text) {
    // Words: one pass over the search index (audit_log_search) for the matching ids, which give
    // both the total and the page; a COUNT and an ORDER BY … OFFSET would each read the table.
    const ids = (await filtered.clone().pluck('id')) as number[]
    ids.sort((a, b) => (order === 'desc' ? b - a : a - b))
    const page = ids.slice(query.offset, query.offset + query.limit)
    const rows = page.length ? ((await db('audit_log').select(...columns).whereIn('id', page).orderBy('id', order)) as StoredEntry[]) : []
    return { rows: await withWords(db, rows), total: ids.length }
  }
  const [countRow] = (await filtered.clone().count({ n: '*' })) as { n: number }[]
  const rows = (await filtered.clone().select(...columns).orderBy('id', order).offset(query.offset).limit(query.limit)) as StoredEntry[]
  return { rows: await withWords(db, rows), total: Number(countRow?.n ?? 0) }
}

/** Walks the whole chain in id order, in pages, and names the first entry that does not fit. */
export async function verifyAudit(db: Knex): Promise<Pick<ChainVerification, 'ok' | 'checked' | 'brokenAt' | 'message'>> {
  let prevHash = GENESIS
  let expectedId = 1
  let checked = 0
  const page = 5000
  for (;;) {
    const rows = await db('audit_log').select('*').where('id', '>=', expectedId).orderBy('id').limit(page)
    for (const row of rows) {
      const problem =
        row.id !== expectedId
          ? `entries before number ${row.id} are missing`
          : row.prev_hash !== prevHash
            ? `entry ${row.id} does not follow on from the entry before it`
            : entryHash(row) !== row.hash
              ? `entry ${row.id} has been changed since it was written`
              : null
      if (problem) {
        return {
          ok: false,
          checked,
          brokenAt: row.id,
          message: `The audit trail has been tampered with or damaged: ${problem}. Keep this computer as it is and tell the headteacher and your IT support.`,
        }
      }
      prevHash = row.hash
      expectedId += 1
      checked += 1
    }
    if (rows.length < page) break
  }
  return { ok: true, checked, brokenAt: null, message: `All ${checked.toLocaleString('en-GB')} entries of the audit trail are intact.` }
}

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString()
}
