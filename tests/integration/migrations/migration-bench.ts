// A register's database stopped at one migration: rows are written into the schema as it stood
// then, the next migration runs through knex's migrator exactly as openDatabase runs it, and what
// changed (schema objects, columns, rows) comes back to be compared with what the migration says.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { connectDatabase, type Db } from '../../../electron/core/db/database'
import { BOOKKEEPING, numberOf, schemaChange, schemaOf, sourceUpTo, type MigrationOutcome, type Row } from './schema-of'
import { tempDir } from '../helpers'

export { numberOf, schemaChange, schemaOf, type MigrationOutcome, type Schema, type SchemaChange } from './schema-of'

/** Every row of every table, in the order written (by primary key for a table without rowids). */
async function rowsOf(db: Db): Promise<Map<string, Row[]>> {
  const tables = (await db.raw("SELECT name, sql FROM sqlite_master WHERE type = 'table'")) as { name: string; sql: string }[]
  const rows = new Map<string, Row[]>()
  for (const { name, sql } of tables) {
    if (BOOKKEEPING.has(name)) continue
    rows.set(name, (await db.raw(`SELECT * FROM "${name}"${/WITHOUT ROWID/i.test(sql) ? '' : ' ORDER BY rowid'}`)) as Row[])
  }
  return rows
}

const key = (row: Row) => JSON.stringify(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v]))
const project = (row: Row, columns: string[]) => Object.fromEntries(columns.map((c) => [c, row[c]]))

/**
 * Each row that was there before is still there, with the same values in the columns it had
 * (a multiset match, so two identical rows must both survive). Returns the rows that are new.
 */
function keptRows(before: Map<string, Row[]>, after: Map<string, Row[]>, dropped: readonly string[]): Record<string, Row[]> {
  const added: Record<string, Row[]> = {}
  for (const [table, now] of after) {
    const was = before.get(table) ?? []
    const columns = was[0] ? Object.keys(was[0]) : []
    const left = new Map<string, number>()
    for (const row of was) left.set(key(project(row, columns)), (left.get(key(project(row, columns))) ?? 0) + 1)
    const fresh: Row[] = []
    for (const row of now) {
      const k = key(project(row, columns))
      const n = left.get(k) ?? 0
      if (n > 0) left.set(k, n - 1)
      else fresh.push(row)
    }
    const lost = [...left.entries()].filter(([, n]) => n > 0).map(([k]) => k)
    expect(lost, `rows of ${table} lost or changed by the migration`).toEqual([])
    if (fresh.length) added[table] = fresh
  }
  for (const table of before.keys()) {
    if (!after.has(table)) expect(dropped, `table ${table} was dropped`).toContain(table)
  }
  return added
}

/** A database in a temporary folder, keyed and set as the app sets every connection. */
export class MigrationBench {
  readonly db: Db
  private applied = 0

  private constructor(
    private readonly folder: { dir: string; cleanup: () => void },
    private readonly key: Buffer,
  ) {
    this.db = connectDatabase(join(folder.dir, 'register.db'), key)
  }

  static create(): MigrationBench {
    return new MigrationBench(tempDir('osr-migration-'), randomBytes(32))
  }

  get version(): number {
    return this.applied
  }

  /** Applies the list's migrations up to number `count`, as openDatabase does (knex's migrator, then user_version). */
  async migrateTo(count: number): Promise<void> {
    await this.db.migrate.latest({ migrationSource: sourceUpTo(count) })
    await this.db.raw(`PRAGMA user_version = ${count}`)
    this.applied = count
  }

  /**
   * Runs the next migration and returns what it changed. It must keep every row (outside the
   * tables it drops) and leave the database whole: no broken foreign key, an intact file.
   */
  async migrateNext(options: { drops?: readonly string[] } = {}): Promise<MigrationOutcome> {
    const schemaBefore = await schemaOf(this.db)
    const rowsBefore = await rowsOf(this.db)
    await this.migrateTo(this.applied + 1)
    const addedRows = keptRows(rowsBefore, await rowsOf(this.db), options.drops ?? [])
    expect(await this.db.raw('PRAGMA foreign_key_check')).toEqual([])
    expect(await this.db.raw('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
    return { schema: schemaChange(schemaBefore, await schemaOf(this.db)), addedRows }
  }

  async close(): Promise<void> {
    await this.db.destroy()
    this.key.fill(0)
    this.folder.cleanup()
  }
}

/**
 * The test of one migration: a database with every migration before it applied, handed to the
 * test, which writes its rows, calls `migrateNext()` and compares. Its name is what the
 * migration-coverage test looks for, so each migration in the list must have one.
 */
export function migrationTest(name: string, whatItDoes: string, body: (bench: MigrationBench) => Promise<void>): void {
  it(`${name}: ${whatItDoes}`, async () => {
    const bench = MigrationBench.create()
    try {
      await bench.migrateTo(numberOf(name) - 1)
      await body(bench)
    } finally {
      await bench.close()
    }
  })
}
