import knexFactory, { type Knex } from 'knex'
import Client_BetterSQLite3 from 'knex/lib/dialects/better-sqlite3/index.js'
import { AppError } from '../api/app-error'
import { Database, keyConnection, openRaw, type RawDatabase } from './sqlcipher'
import { migrationSource, SCHEMA_VERSION } from './migrations/index'

/** knex's better-sqlite3 client, on the SQLCipher-capable build of the same driver. */
class CipherClient extends Client_BetterSQLite3 {
  _driver() {
    return Database
  }
}

export type Db = Knex

export function schemaVersionOf(raw: RawDatabase): number {
  return raw.pragma('user_version', { simple: true }) as number
}

export function newerSchemaError(found: number): AppError {
  return new AppError(
    'conflict',
    `These records were saved by a newer version of Online Safety Register (data version ${found}; this copy reads up to ${SCHEMA_VERSION}). ` +
      'Nothing has been changed. Install the latest version of the app to open them.',
  )
}

/**
 * Opens (or creates) the encrypted database with a raw 32-byte key, brings its schema up to
 * date and returns a knex instance on one connection. The key is checked first on a direct
 * connection, so a wrong key or a damaged file fails here with a clear message.
 */
export async function openDatabase(file: string, key: Buffer): Promise<Db> {
  const probe = openRaw(file, key)
  const found = schemaVersionOf(probe)
  probe.close()
  if (found > SCHEMA_VERSION) throw newerSchemaError(found)

  const db = connectDatabase(file, key)
  try {
    await db.migrate.latest({ migrationSource })
    await db.raw(`PRAGMA user_version = ${SCHEMA_VERSION}`)
  } catch (err) {
    await db.destroy()
    throw err
  }
  return db
}

/**
 * A knex instance on one keyed connection to the file, with the schema left as it is: what
 * openDatabase migrates, and what the migration tests step through one migration at a time.
 */
export function connectDatabase(file: string, key: Buffer): Db {
  // The pool re-keys each new connection with the caller's buffer: whoever opened the
  // database wipes that buffer after destroy() (see the store's lock()).
  return knexFactory({
    client: CipherClient,
    connection: { filename: file },
    useNullAsDefault: true,
    // By default knex writes the statement with its bound values into an error's message: a
    // failed insert would carry a child's details into the log. Placeholders only.
    compileSqlOnError: false,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: RawDatabase, done: (err: Error | null, conn: RawDatabase) => void) {
        try {
          keyConnection(conn, key)
          done(null, conn)
        } catch (err) {
          done(err as Error, conn)
        }
      },
    },
  })
}
