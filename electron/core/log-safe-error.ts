/**
 * What the app log may say about an error: its kind, its code and where it happened — never
 * its message, which can carry a record. knex puts the SQL and an insert's values in the
 * message (we turn that off, but a message is still the wrong place to trust), zod quotes the
 * input, an AppError quotes a name, an fs error quotes a path that can be an evidence file's
 * name. The only message text kept is SQLite's own wording about the schema, matched whole.
 */

/** SQLite's messages that name only tables, columns and constraints. */
const SQLITE_SAFE: readonly RegExp[] = [
  /^(UNIQUE|NOT NULL|PRIMARY KEY) constraint failed: [\w.]+(, [\w.]+)*$/,
  /^CHECK constraint failed: [\w.]+$/,
  /^(FOREIGN KEY|CHECK) constraint failed$/,
  /^no such (table|column|index): [\w.]+$/,
  /^(database is locked|database table is locked|database or disk is full|disk I\/O error|file is not a database|attempt to write a readonly database|out of memory|interrupted|too many SQL variables)$/,
]

const MAX_FRAMES = 12
const MAX_CAUSES = 3

function safeSqliteWords(err: { message?: unknown }): string | null {
  if (typeof err.message !== 'string') return null
  // knex prefixes the statement ("insert into … - UNIQUE constraint failed: …"); SQLite's words come last.
  const at = err.message.lastIndexOf(' - ')
  const words = (at >= 0 ? err.message.slice(at + 3) : err.message).trim()
  return SQLITE_SAFE.some((re) => re.test(words)) ? words : null
}

/** A V8 frame: "at fn (file:line:col)" or "at file:line:col"; "at new Promise (<anonymous>)" too. */
const FRAME = /^at (async )?(\S[^()]* \()?([^()]+:\d+:\d+|<anonymous>|native)\)?$/

/**
 * Stack frames only: where it was thrown, then the app's own frames (the packages' inner
 * workings say little). V8 starts a stack with "name: message", and a message can span
 * lines that look like frames, so that head is cut off by its exact text first.
 */
function framesOf(e: Error): string[] {
  if (typeof e.stack !== 'string') return []
  const head = e.message ? `${e.name}: ${e.message}` : e.name
  const body = e.stack.startsWith(head) ? e.stack.slice(head.length) : e.stack
  const frames = body
    .split('\n')
    .map((f) => f.trim())
    .filter((f) => FRAME.test(f))
  const ours = frames.slice(1).filter((f) => !/node_modules|\(node:|^at (async )?node:|<anonymous>/.test(f))
  return [...frames.slice(0, 1), ...ours].slice(0, MAX_FRAMES)
}

const token = (v: unknown) => (typeof v === 'string' && /^[\w.-]{1,60}$/.test(v)) || (typeof v === 'number' && Number.isFinite(v)) ? String(v) : null

/** Lines describing an error (and its causes) for the log, with nothing a user typed in them. */
export function describeError(detail: unknown, depth = 0): string[] {
  if (!(detail instanceof Error)) return [`kind: ${detail === null ? 'null' : typeof detail} (not an Error; its value is not logged)`]
  const e = detail as Error & { code?: unknown; errno?: unknown; syscall?: unknown }
  const kind = token(e.name) ?? token(e.constructor?.name) ?? 'Error'
  const facts = [`kind: ${kind}`]
  const code = token(e.code)
  if (code) facts.push(`code: ${code}`)
  if (token(e.syscall)) facts.push(`syscall: ${String(e.syscall)}`)
  if (code?.startsWith('SQLITE')) {
    const words = safeSqliteWords(e)
    if (words) facts.push(`sqlite: ${words}`)
  }
  const lines = [facts.join('; '), ...framesOf(e)]
  if (e.cause !== undefined && depth < MAX_CAUSES) lines.push(...describeError(e.cause, depth + 1).map((l, i) => (i === 0 ? `caused by ${l}` : l)))
  return lines
}
