import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/core/db/database'
import { declaredTables, REPO_ROOT, type DeclaredColumn, type DeclaredTable } from './declared-rows'
import { tempDir } from './helpers'

/** knex's own bookkeeping and SQLite's: no feature reads or writes them. */
const NOT_THE_REGISTERS = new Set(['knex_migrations', 'knex_migrations_lock', 'sqlite_sequence'])

interface ColumnInfo {
  name: string
  type: string
  notnull: number
  pk: number
}

const HOLDS: Record<string, DeclaredColumn['holds']> = { INTEGER: 'number', TEXT: 'string', BLOB: 'Buffer' }

/** What the schema says a column is, in the words of a declared column. */
const expected = (c: ColumnInfo): DeclaredColumn => ({ holds: HOLDS[c.type.toUpperCase()] ?? `something else (${c.type})`, nullable: !c.notnull && !c.pk })

const say = (c: DeclaredColumn) => `${c.holds}${c.nullable ? ' or NULL' : ''}`

/** Every way the declared rows and the schema of a new register disagree, in words. */
function drift(schema: Map<string, ColumnInfo[]>, declared: Map<string, DeclaredTable>): string[] {
  const problems: string[] = []
  for (const [table, columns] of schema) {
    const row = declared.get(table)
    if (!row) {
      problems.push(`table ${table} has no declared row (declare it in its feature's tables.ts)`)
      continue
    }
    for (const column of columns) {
      const mine = row.columns.get(column.name)
      if (!mine) problems.push(`${table}.${column.name} is a column the row in ${row.file} does not declare`)
      else if (say(mine) !== say(expected(column))) problems.push(`${table}.${column.name} holds ${say(expected(column))}, but ${row.file} declares ${say(mine)}`)
    }
    for (const name of row.columns.keys()) if (!columns.some((c) => c.name === name)) problems.push(`${table}.${name} is declared in ${row.file} but the table has no such column`)
  }
  for (const [table, row] of declared) if (!schema.has(table)) problems.push(`${row.file} declares table ${table}, which a new register does not have`)
  return problems
}

describe('the rows declared for knex', () => {
  const folder = tempDir()
  const schema = new Map<string, ColumnInfo[]>()
  let declared: Map<string, DeclaredTable>

  beforeAll(async () => {
    const db = await openDatabase(join(folder.dir, 'register.db'), randomBytes(32))
    try {
      const tables = (await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) as { name: string }[]
      for (const { name } of tables) if (!NOT_THE_REGISTERS.has(name)) schema.set(name, (await db.raw(`PRAGMA table_info("${name}")`)) as ColumnInfo[])
    } finally {
      await db.destroy()
    }
    declared = declaredTables(REPO_ROOT)
  }, 120_000)
  afterAll(() => folder.cleanup())

  it('match the schema of a new register, table by table and column by column', () => {
    expect(schema.size).toBeGreaterThan(30)
    expect(drift(schema, declared)).toEqual([])
  })

  it('are each declared once, in a tables.ts of a feature folder', () => {
    const misplaced = [...declared].filter(([, t]) => t.declaredIn.length !== 1 || !/^electron\/core\/[a-z-]+\/tables\.ts$/.test(t.file)).map(([name, t]) => `${name} (${t.declaredIn.join(', ')})`)
    expect(misplaced).toEqual([])
  })

  // The comparison itself must see drift of every kind, or a clean run above proves nothing.
  it('finds a table without a row, a column either side lacks, and a column declared wrongly', () => {
    // Rows written from the schema itself, then spoilt: independent of what the features declare.
    const altered = new Map<string, DeclaredTable>(
      [...schema].map(([name, columns]) => [name, { file: `electron/core/${name.split('_')[0]}/tables.ts`, declaredIn: [], columns: new Map(columns.map((c) => [c.name, expected(c)])) }]),
    )
    expect(drift(schema, altered)).toEqual([])
    altered.delete('settings')
    altered.get('people')!.columns.delete('archived_by')
    altered.get('visits')!.columns.set('badge_number', { holds: 'string', nullable: true })
    altered.get('drafts')!.columns.set('content', { holds: 'string', nullable: true })
    altered.get('reports')!.columns.set('page_count', { holds: 'string', nullable: false })
    altered.set('consents', { file: 'electron/core/consents/tables.ts', declaredIn: [], columns: new Map() })
    expect(drift(schema, altered)).toEqual([
      'drafts.content holds string, but electron/core/drafts/tables.ts declares string or NULL',
      'people.archived_by is a column the row in electron/core/people/tables.ts does not declare',
      'reports.page_count holds number, but electron/core/reports/tables.ts declares string',
      "table settings has no declared row (declare it in its feature's tables.ts)",
      'visits.badge_number is declared in electron/core/visits/tables.ts but the table has no such column',
      'electron/core/consents/tables.ts declares table consents, which a new register does not have',
    ])
  })
})
