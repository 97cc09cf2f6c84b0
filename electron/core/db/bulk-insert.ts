import type { Knex } from 'knex'

/** knex writes a many-row insert as one compound SELECT, and SQLite allows 500 terms in one. */
const CHUNK = 400

/**
 * Inserts many rows in chunks and returns their new ids, in order. Inside one transaction on
 * the register's single connection, the new rows are exactly the ids above the old maximum.
 */
export async function insertMany<T extends object>(trx: Knex.Transaction, table: string, rows: T[], chunk = CHUNK): Promise<number[]> {
  if (rows.length === 0) return []
  const [before] = (await trx(table).max({ id: 'id' })) as { id: number | null }[]
  for (let i = 0; i < rows.length; i += chunk) await trx(table).insert(rows.slice(i, i + chunk))
  const ids = (await trx(table).where('id', '>', before?.id ?? 0).orderBy('id').pluck('id')) as number[]
  if (ids.length !== rows.length) throw new Error(`expected ${rows.length} new ${table} rows, found ${ids.length}`)
  return ids
}

/** Inserts rows that need no ids back (search keys, visits), in chunks. */
export async function insertChunks<T extends object>(trx: Knex.Transaction, table: string, rows: T[], chunk = CHUNK): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await trx(table).insert(rows.slice(i, i + chunk))
}
