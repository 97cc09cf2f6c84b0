// The cost of encryption on the large school's own heaviest queries: the same SQL on the live
// SQLCipher file and on a decrypted copy of it, each through its own better-sqlite3 connection
// with the app's pragmas (64 MB page cache), run back to back.
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Core } from '../electron/core/core'
import { Database, keyConnection, type RawDatabase } from '../electron/core/db/sqlcipher'
import { median, ms, round, rows, say } from './table'

const SECTION = 'SQLCipher / plain SQLite on the large school (same SQL, same data)'
const REPEATS = 3
const TARGET = 1.3

const LIKE3 = "action LIKE ? ESCAPE '\\' OR username LIKE ? ESCAPE '\\' OR target LIKE ? ESCAPE '\\'"

/** The SQL behind the screens that read the most pages (audit-trail.ts, visits), with their inputs. */
const QUERIES: { name: string; sql: string; args: unknown[][] }[] = [
  {
    name: 'audit.list words: COUNT of a LIKE on three columns, 1M entries',
    sql: `SELECT count(*) AS n FROM audit_log WHERE (${LIKE3})`,
    args: ['%backup%', '%a.oconnor%', '%person:4242%'].map((l) => [l, l, l]),
  },
  {
    name: 'audit.list a month: COUNT and newest id by date',
    sql: "SELECT count(*) AS n, max(id) AS top FROM audit_log WHERE at >= ? AND at < ?",
    args: [
      ['2026-10-01', '2026-11-01'],
      ['2025-03-01', '2025-04-01'],
      ['2019-01-01', '2019-02-01'],
    ],
  },
  {
    name: 'visits of a school year, newest 100',
    sql: 'SELECT v.*, p.forename, p.surname FROM visits v JOIN people p ON p.id = v.person_id WHERE v.signed_in_at >= ? AND v.signed_in_at < ? ORDER BY v.signed_in_at DESC LIMIT 100',
    args: [
      ['2025-09-01', '2026-09-01'],
      ['2023-09-01', '2024-09-01'],
      ['2021-09-01', '2022-09-01'],
    ],
  },
]

export async function benchPlainCopy(core: Core, dir: string): Promise<void> {
  const { db, key } = core.store.requireOpen()
  say('Decrypting a copy of the large school to compare the same SQL on plain SQLite...')
  await db.raw('PRAGMA wal_checkpoint(TRUNCATE)')
  const plainFile = join(dir, 'plain-copy.db')
  copyFileSync(core.store.paths.database, plainFile)
  const decrypting = new Database(plainFile)
  const t = process.hrtime.bigint()
  keyConnection(decrypting, Buffer.from(key))
  // rekey is refused in WAL mode (docs/stack-notes.md): decrypt with the rollback journal, then the app's settings.
  decrypting.pragma('journal_mode=DELETE')
  decrypting.pragma("rekey=''")
  decrypting.close()
  const decryptedS = ms(t) / 1000

  const open = (kind: 'plain' | 'cipher'): RawDatabase => {
    if (kind === 'cipher') {
      const c = new Database(core.store.paths.database, { readonly: true })
      keyConnection(c, Buffer.from(key), { readonly: true })
      return c
    }
    const p = new Database(plainFile, { readonly: true })
    p.pragma('foreign_keys=ON')
    p.pragma('cache_size=-65536')
    return p
  }
  const conns = { plain: open('plain'), cipher: open('cipher') }
  try {
    for (const q of QUERIES) {
      const stmts = { plain: conns.plain.prepare(q.sql), cipher: conns.cipher.prepare(q.sql) }
      for (const kind of ['plain', 'cipher'] as const) for (const a of q.args) stmts[kind].all(...a) // warm-up
      const times = { plain: [] as number[], cipher: [] as number[] }
      for (let rep = 0; rep < REPEATS; rep++) {
        for (const a of q.args) {
          for (const kind of rep % 2 ? (['cipher', 'plain'] as const) : (['plain', 'cipher'] as const)) {
            const s = process.hrtime.bigint()
            stmts[kind].all(...a)
            times[kind].push(ms(s))
          }
        }
      }
      const ratio = median(times.cipher.map((c, i) => c / times.plain[i]!))
      rows.push({
        section: SECTION,
        name: `${q.name} (median of ${times.plain.length} pairs)`,
        value: round(ratio),
        unit: 'x',
        target: `< ${TARGET}x`,
        met: ratio < TARGET,
        note: `medians: plain ${round(median(times.plain), 1)} ms, SQLCipher ${round(median(times.cipher), 1)} ms`,
        detail: { plainMs: times.plain.map((v) => round(v)), cipherMs: times.cipher.map((v) => round(v)) },
      })
    }
  } finally {
    conns.plain.close()
    conns.cipher.close()
    rmSync(plainFile, { force: true })
    rmSync(`${plainFile}-journal`, { force: true })
  }
  say(`(the copy was decrypted in ${round(decryptedS, 1)} s)`)
}
