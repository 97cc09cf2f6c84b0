import Database from 'better-sqlite3-multiple-ciphers'
import { AppError } from '../api/app-error'

export type RawDatabase = Database.Database

/**
 * Applies the key and the settings every connection needs, in the order SQLCipher requires:
 * cipher and legacy format before the key, then a first read (where a wrong key fails),
 * then WAL, full sync, foreign keys. See docs/stack-notes.md, "The database: SQLCipher through knex".
 */
export function keyConnection(db: RawDatabase, key: Buffer, options: { readonly?: boolean } = {}): void {
  db.pragma(`cipher='sqlcipher'`)
  db.pragma('legacy=4')
  db.pragma(`key="x'${key.toString('hex')}'"`)
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch (err) {
    throw cannotOpen(err)
  }
  if (!options.readonly) {
    db.pragma('journal_mode=WAL')
    db.pragma('synchronous=FULL')
  }
  db.pragma('foreign_keys=ON')
  db.pragma('busy_timeout=5000')
  // A 64 MB page cache keeps full scans of the encrypted file close to plain SQLite's speed.
  db.pragma('cache_size=-65536')
}

/** Opens one encrypted database file directly (backups, checks, tests), keyed and checked. */
export function openRaw(file: string, key: Buffer, options: { readonly?: boolean; mustExist?: boolean } = {}): RawDatabase {
  let db: RawDatabase
  try {
    db = new Database(file, { readonly: !!options.readonly, fileMustExist: !!options.mustExist })
  } catch (err) {
    throw cannotOpen(err)
  }
  try {
    keyConnection(db, key, options)
  } catch (err) {
    db.close()
    throw err
  }
  return db
}

export { Database }

function cannotOpen(err: unknown): AppError {
  const code = (err as { code?: string }).code
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppError(
      'internal',
      'The records file could not be opened: it is damaged or is not a register file. ' +
        'Nothing has been changed. Restore the latest backup from the Backups screen, or ask your IT support.',
    )
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new AppError('not-found', 'The records file is missing or cannot be read. Check that the data folder is there and not read-only.')
  }
  return new AppError('internal', 'The records file could not be opened. Nothing has been changed. Please try again, or ask your IT support.')
}
