import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, schemaVersionOf } from '../../electron/core/db/database'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { SCHEMA_VERSION } from '../../electron/core/db/migrations/index'
import { tempDir } from './helpers'

let cleanup: () => void = () => {}
afterEach(() => cleanup())

describe('the encrypted database', () => {
  it('creates the schema, stores rows, and keeps them unreadable without the key', async () => {
    const t = tempDir()
    cleanup = t.cleanup
    const file = join(t.dir, 'register.db')
    const key = randomBytes(32)
    const db = await openDatabase(file, key)
    await db('settings').insert({ key: 'probe', value: JSON.stringify('Ysgol Gymraeg Siôn Cwilt') })
    await db.destroy()

    const raw = readFileSync(file)
    expect(raw.includes(Buffer.from('Ysgol'))).toBe(false)
    expect(raw.includes(Buffer.from('SQLite format 3'))).toBe(false)

    expect(() => openRaw(file, randomBytes(32))).toThrow(/damaged or is not a register file/)
    const again = openRaw(file, key)
    expect(schemaVersionOf(again)).toBe(SCHEMA_VERSION)
    expect(again.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({ value: '"Ysgol Gymraeg Siôn Cwilt"' })
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal')
    again.close()
  })

  it('refuses a database saved by a newer version, and changes nothing', async () => {
    const t = tempDir()
    cleanup = t.cleanup
    const file = join(t.dir, 'register.db')
    const key = randomBytes(32)
    await (await openDatabase(file, key)).destroy()
    const raw = openRaw(file, key)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    await expect(openDatabase(file, key)).rejects.toThrow(/newer version of Online Safety Register/)
    const check = openRaw(file, key)
    expect(schemaVersionOf(check)).toBe(SCHEMA_VERSION + 1)
    check.close()
  })

  it('refuses to change or delete an audit entry', async () => {
    const t = tempDir()
    cleanup = t.cleanup
    const db = await openDatabase(join(t.dir, 'register.db'), randomBytes(32))
    await db('audit_log').insert({ id: 1, at: 'now', action: 'test', result: 'ok', prev_hash: '', hash: 'h' })
    await expect(db('audit_log').update({ action: 'changed' })).rejects.toThrow(/append-only/)
    await expect(db('audit_log').delete()).rejects.toThrow(/append-only/)
    expect(await db('audit_log').select('action')).toEqual([{ action: 'test' }])
    await db.destroy()
  })
})
