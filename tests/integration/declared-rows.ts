// The row types the code declares for knex (`declare module 'knex/types/tables'`), read the way
// the compiler reads them: every augmentation of `Tables` merged, each table's read shape
// (`TableOf`'s base), each column's type reduced to what SQLite stores.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'

/** A column as a row type declares it: what it holds, and whether it may be NULL. */
export interface DeclaredColumn {
  holds: 'number' | 'string' | 'Buffer' | `something else (${string})`
  nullable: boolean
}

export interface DeclaredTable {
  /** The file that declares the table, relative to the repository. */
  file: string
  /** Every file that declares it: one, unless a table is declared twice. */
  declaredIn: string[]
  columns: Map<string, DeclaredColumn>
}

const AUGMENTATION = /declare module ['"]knex\/types\/tables['"]/

function filesDeclaringTables(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && AUGMENTATION.test(readFileSync(join(e.parentPath, e.name), 'utf8')))
    .map((e) => join(e.parentPath, e.name))
}

function describe(checker: ts.TypeChecker, type: ts.Type): DeclaredColumn {
  const parts = type.isUnion() ? type.types : [type]
  const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null)
  const values = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)))
  const all = (flags: ts.TypeFlags) => values.length > 0 && values.every((t) => t.flags & flags)
  const holds: DeclaredColumn['holds'] = all(ts.TypeFlags.NumberLike)
    ? 'number'
    : all(ts.TypeFlags.StringLike)
      ? 'string'
      : values.length > 0 && values.every((t) => t.getSymbol()?.getName() === 'Buffer')
        ? 'Buffer'
        : `something else (${checker.typeToString(type)})`
  return { holds, nullable }
}

/**
 * Every table registered with knex under `root/electron`, with its columns. A table registered
 * with `Knex.CompositeTableType` (our `TableOf`) is described by its read shape.
 */
export function declaredTables(root: string): Map<string, DeclaredTable> {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.node.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')) } })
  if (!config) throw new Error('tsconfig.node.json could not be read')
  const program = ts.createProgram({ rootNames: filesDeclaringTables(join(root, 'electron')), options: { ...config.options, noEmit: true } })
  const checker = program.getTypeChecker()
  const knexTables = program.getSourceFiles().find((f) => f.fileName.endsWith('/knex/types/tables.d.ts'))
  if (!knexTables) throw new Error('knex/types/tables.d.ts is not part of the program: is knex installed?')
  const tablesSymbol = checker.getExportsOfModule(checker.getSymbolAtLocation(knexTables)!).find((s) => s.getName() === 'Tables')
  if (!tablesSymbol) throw new Error('knex/types/tables.d.ts exports no Tables interface')

  const tables = new Map<string, DeclaredTable>()
  for (const table of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(tablesSymbol))) {
    const declaration = table.declarations?.[0]
    if (!declaration) continue
    const registered = checker.getTypeOfSymbolAtLocation(table, declaration)
    const base = registered.getProperty('base')
    const row = base ? checker.getTypeOfSymbolAtLocation(base, declaration) : registered
    const columns = new Map<string, DeclaredColumn>()
    for (const column of checker.getPropertiesOfType(row)) columns.set(column.getName(), describe(checker, checker.getTypeOfSymbolAtLocation(column, declaration)))
    const declaredIn = (table.declarations ?? []).map((d) => relative(root, d.getSourceFile().fileName))
    tables.set(table.getName(), { file: declaredIn[0]!, declaredIn, columns })
  }
  return tables
}

/** The repository's root, from this file's place in it. */
export const REPO_ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..')
