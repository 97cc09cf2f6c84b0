import type { Knex } from 'knex'

/** The columns of a row that may be NULL: SQLite fills them with NULL when an insert leaves them out. */
type NullableColumns<Row> = { [K in keyof Row]-?: null extends Row[K] ? K : never }[keyof Row]

type Optional<Row, Keys extends keyof Row> = { [K in Exclude<keyof Row, Keys>]: Row[K] } & { [K in Keys]?: Row[K] }

/**
 * How a table is registered with knex (`declare module 'knex/types/tables'`): reads give `Row`;
 * an insert may leave out the columns that can be NULL and those named in `Filled` (a column
 * with a DEFAULT, or an id SQLite assigns); an update may give any of the insert's columns.
 */
export type TableOf<Row, Filled extends keyof Row = never> = Knex.CompositeTableType<Row, Optional<Row, NullableColumns<Row> | Filled>>
