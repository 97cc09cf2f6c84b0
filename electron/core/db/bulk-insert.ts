import type { Knex } from 'knex'
import type { Tables } from 'knex/types/tables'

/** A row as it is inserted into `table` (its declared row, with the columns SQLite fills left out). */
export type NewRow<T extends keyof Tables> = Knex.ResolveTableType<Tables[T], 'insert'>

/** knex writes a many-row insert as one compound SELECT, and SQLite allows 500 terms in one. */
const CHUNK = 400

/**
 * Inserts many rows in chunks and returns their new ids, in order. Inside one transaction on
 * the register's single connection, the new rows are exactly the ids above the old maximum.
 */
export async function insertMany<T extends keyof Tables>(trx: Knex.Transaction, table: T, rows: NewRow<T>[], chunk = CHUNK): Promise<number[]> {
  if (rows.length === 0) return []
  // The rows are typed by the signature; inside, the table is just its name.
  const name: string = table
  const [before] = (await trx(name).max({ id: 'id' })) as { id: number | null }[]
  for (let i = 0; i < rows.length; i += chunk) await trx(name).insert(rows.slice(i, i + chunk))
  const ids = (await trx(name).where('id', '>', before?.id ?? 0).orderBy('id').pluck('id')) as number[]
  if (ids.length !== rows.length) throw new Error(`expected ${rows.length} new ${table} rows, found ${ids.length}`)
  return ids
}

/** Inserts rows that need no ids back (search keys, visits), in chunks. */
export async function insertChunks<T extends keyof Tables>(trx: Knex.Transaction, table: T, rows: NewRow<T>[], chunk = CHUNK): Promise<void> {
  const name: string = table
  for (let i = 0; i < rows.length; i += chunk) await trx(name).insert(rows.slice(i, i + chunk))
}
