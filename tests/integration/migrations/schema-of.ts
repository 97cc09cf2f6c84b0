// What a register's schema is at a migration, and what changed between two: for the migration
// tests (migration-bench.ts) and for previous-version.ts, which the upgrade bench uses too, so this
// file loads no test runner.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Knex } from 'knex'
import { connectDatabase, type Db } from '../../../electron/core/db/database'
import { MIGRATIONS, migrationSource, type Migration } from '../../../electron/core/db/migrations/index'

/** knex's own bookkeeping: not part of the register's schema. */
export const BOOKKEEPING = new Set(['knex_migrations', 'knex_migrations_lock', 'sqlite_sequence'])

/** The real migration source, cut after the first `count` migrations. */
export function sourceUpTo(count: number): Knex.MigrationSource<Migration> {
  return { ...migrationSource, getMigrations: async (loadExtensions) => (await migrationSource.getMigrations(loadExtensions)).slice(0, count) }
}

interface ColumnInfo {
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  pk: number
}

/** Every table's columns, index and trigger, as SQLite holds them. */
export interface Schema {
  /** "table people", "index people_kind", "trigger people_keep_records" → its CREATE statement. */
  objects: Map<string, string | null>
  /** Each table's columns, described as `name TYPE [NOT NULL] [DEFAULT x] [PK]`. */
  columns: Map<string, string[]>
}

export interface SchemaChange {
  added: string[]
  removed: string[]
  /** Objects whose CREATE statement changed (a table that gained a column, a rewritten trigger). */
  changed: string[]
  /** Columns new to a table that was there before. */
  addedColumns: Record<string, string[]>
  removedColumns: Record<string, string[]>
}

export type Row = Record<string, unknown>

export interface MigrationOutcome {
  schema: SchemaChange
  /** Rows that were not there before, per table (tables the migration created included). */
  addedRows: Record<string, Row[]>
}

const describeColumn = (c: ColumnInfo) =>
  [c.name, c.type, c.notnull ? 'NOT NULL' : '', c.dflt_value !== null ? `DEFAULT ${c.dflt_value}` : '', c.pk ? 'PK' : ''].filter(Boolean).join(' ')

export async function schemaOf(db: Db): Promise<Schema> {
  const rows = (await db.raw("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name")) as { type: string; name: string; sql: string | null }[]
  const objects = new Map<string, string | null>()
  const columns = new Map<string, string[]>()
  for (const r of rows) {
    if (BOOKKEEPING.has(r.name)) continue
    objects.set(`${r.type} ${r.name}`, r.sql)
    if (r.type === 'table') columns.set(r.name, ((await db.raw(`PRAGMA table_info("${r.name}")`)) as ColumnInfo[]).map(describeColumn))
  }
  return { objects, columns }
}

export function schemaChange(before: Schema, after: Schema): SchemaChange {
  const change: SchemaChange = { added: [], removed: [], changed: [], addedColumns: {}, removedColumns: {} }
  for (const [name, sql] of after.objects) {
    if (!before.objects.has(name)) change.added.push(name)
    else if (before.objects.get(name) !== sql) change.changed.push(name)
  }
  for (const name of before.objects.keys()) if (!after.objects.has(name)) change.removed.push(name)
  for (const [table, was] of before.columns) {
    const now = after.columns.get(table)
    if (!now) continue
    const added = now.filter((c) => !was.includes(c))
    const removed = was.filter((c) => !now.includes(c))
    if (added.length) change.addedColumns[table] = added
    if (removed.length) change.removedColumns[table] = removed
  }
  return change
}

/** The place of a migration in the list (1 for the first), failing when the list has no such name. */
export function numberOf(name: string): number {
  const index = MIGRATIONS.findIndex((m) => m.name === name)
  if (index < 0) throw new Error(`No migration named ${name} in electron/core/db/migrations/index.ts`)
  return index + 1
}

/** The schema of a new register with the list's first `count` migrations applied. */
export async function schemaAfter(count: number): Promise<Schema> {
  const dir = mkdtempSync(join(tmpdir(), 'osr-schema-'))
  const key = randomBytes(32)
  const db = connectDatabase(join(dir, 'register.db'), key)
  try {
    await db.migrate.latest({ migrationSource: sourceUpTo(count) })
    return await schemaOf(db)
  } finally {
    await db.destroy()
    key.fill(0)
    rmSync(dir, { recursive: true, force: true })
  }
}
