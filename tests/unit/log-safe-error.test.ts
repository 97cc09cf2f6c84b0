import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '../../electron/core/api/app-error'
import { describeError } from '../../electron/core/log-safe-error'

const NAME = 'Zephyrine Quarrington'

describe('what the app log says about an error', () => {
  it('keeps the kind, the code and the frames, and drops every message that can quote a record', () => {
    const zodError = z.object({ forename: z.string().max(3) }).safeParse({ forename: NAME }).error!
    const appError = new AppError('conflict', `${NAME} is already in the register.`)
    let fsError: unknown
    try {
      readFileSync(`/nonexistent/evidence/${NAME} screenshot.png`)
    } catch (err) {
      fsError = err
    }
    const multiLine = new TypeError(`first line\n    at ${NAME} (fake frame)\nmore`)
    const withCause = new Error('outer', { cause: Object.assign(new Error(`inner ${NAME}`), { code: 'SQLITE_ERROR' }) })
    const fts = Object.assign(new Error(`select * from search where search match ? - fts5: syntax error near "${NAME}"`), { name: 'SqliteError', code: 'SQLITE_ERROR' })
    const text = [zodError, appError, fsError, multiLine, withCause, fts, NAME].map((e) => describeError(e).join('\n')).join('\n')
    expect(text).not.toContain('Zephyrine')
    expect(describeError(appError)[0]).toBe('kind: AppError')
    expect(describeError(fsError)[0]).toBe('kind: Error; code: ENOENT; syscall: open')
    expect(describeError(zodError)[0]).toBe('kind: ZodError')
    expect(describeError(withCause)).toContain('caused by kind: Error; code: SQLITE_ERROR')
    expect(describeError(fts)[0]).toBe('kind: SqliteError; code: SQLITE_ERROR')
    expect(describeError(NAME)).toEqual(['kind: string (not an Error; its value is not logged)'])
    expect(describeError(appError)[1]).toMatch(/^at .*log-safe-error\.test\.ts/)
  })

  it('keeps SQLite’s own words when they name only the schema', () => {
    const sqlite = (message: string, code: string) => Object.assign(new Error(message), { name: 'SqliteError', code })
    expect(describeError(sqlite('insert into `people` (`mis_id`) values (?) - UNIQUE constraint failed: people.mis_id', 'SQLITE_CONSTRAINT_UNIQUE'))[0]).toBe(
      'kind: SqliteError; code: SQLITE_CONSTRAINT_UNIQUE; sqlite: UNIQUE constraint failed: people.mis_id',
    )
    expect(describeError(sqlite('database or disk is full', 'SQLITE_FULL'))[0]).toBe('kind: SqliteError; code: SQLITE_FULL; sqlite: database or disk is full')
    // A CHECK names its expression when unnamed: that can hold a literal, so it is left out.
    expect(describeError(sqlite(`CHECK constraint failed: kind IN ('${NAME}')`, 'SQLITE_CONSTRAINT_CHECK'))[0]).toBe('kind: SqliteError; code: SQLITE_CONSTRAINT_CHECK')
  })
})
