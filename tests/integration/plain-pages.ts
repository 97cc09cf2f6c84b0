import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Database, keyConnection } from '../../electron/core/db/sqlcipher'
import { tempDir } from './helpers'

/**
 * Every page of the database decrypted with the database key alone — free pages and the
 * write-ahead log's too — as one buffer: a copy of the file and its WAL is re-keyed to no key
 * (SQLCipher rewrites every page), and the copy's bytes are read. What a holder of the database
 * key (any user's password) could read from the file.
 */
export function everyPageWithDatabaseKey(dir: string, dbKey: Buffer): Buffer {
  const t = tempDir('osr-pages-')
  try {
    const copy = join(t.dir, 'copy.db')
    copyFileSync(join(dir, 'register.db'), copy)
    if (existsSync(join(dir, 'register.db-wal'))) copyFileSync(join(dir, 'register.db-wal'), `${copy}-wal`)
    const raw = new Database(copy)
    keyConnection(raw, dbKey)
    raw.pragma('wal_checkpoint(TRUNCATE)')
    raw.pragma('journal_mode=DELETE')
    raw.pragma("rekey=''")
    raw.close()
    return readFileSync(copy)
  } finally {
    t.cleanup()
  }
}
