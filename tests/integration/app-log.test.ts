import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { createFileLogger, logFileIn, runtimeVersions } from '../../electron/core/logger'
import type { IncidentEntry } from '../../shared/domain/incidents'
import { FAST_KDF, ok, refused, setUpSchool, tempDir } from './helpers'

// The app log is what a school sends its IT support. It must say what failed and where, and
// never what was being saved: these tests put a real core on a real encrypted register, make
// saves fail inside SQLite, and read the file.

let cleanup: (() => Promise<void>) | null = null
afterEach(async () => {
  await cleanup?.()
  cleanup = null
})

async function loggedSchool(): Promise<{ core: Core; dir: string; logFile: string }> {
  const t = tempDir('osr-log-')
  const logger = createFileLogger(logFileIn(t.dir))
  logger.started(runtimeVersions('9.8.7'))
  const core = createCore({ dataDir: t.dir, appVersion: '9.8.7', kdfCost: FAST_KDF, logger, now: () => Date.parse('2026-06-16T09:00:00Z') })
  cleanup = async () => {
    await core.close()
    t.cleanup()
  }
  await setUpSchool(core)
  return { core, dir: t.dir, logFile: logFileIn(t.dir) }
}

const DESCRIPTION = 'Zephyrine Quarrington-Blythe was sent pictures of herself edited to mock her weight'
const CHILDS_WORDS = 'They call me Marmalade-Ankles every lunchtime'

function entry(categoryId: number, personId: number): IncidentEntry {
  return {
    occurredOn: '2026-06-15',
    occurredTime: '13:10',
    place: 'Behind the Ferncastle sports hall',
    onSite: true,
    device: 'personal',
    categoryId,
    description: DESCRIPTION,
    actionTaken: 'Phoned Mrs Quarrington-Blythe at 15:20',
    childsWords: CHILDS_WORDS,
    people: [{ personId, part: 'affected' }],
    status: 'open',
    outcome: null,
  }
}

/** Everything identifying the child or the incident that a leak would carry. */
const CONTENT = ['Zephyrine', 'Quarrington', 'Marmalade', 'Ferncastle', 'pictures of herself', 'mock her weight', '15:20']

describe('the app log', () => {
  it('starts with the versions, and records a failed incident save by kind, code and place, with no word of the incident', async () => {
    const { core, logFile } = await loggedSchool()
    const categories = await ok(core, 'incidents.categories', {})
    const pupil = await ok(core, 'people.create', { kind: 'pupil', forename: 'Zephyrine', surname: 'Quarrington-Blythe', yearGroup: '8', regClass: '8Q', dateOfBirth: '2013-02-03' })
    const { db } = core.store.requireOpen()

    // 1. A trigger refuses the insert (SQLITE_CONSTRAINT_TRIGGER): the dispatcher's "internal" path.
    await db.raw(`CREATE TRIGGER test_refuse_incident BEFORE INSERT ON incidents BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    const refusedSave = await refused(core, 'incidents.record', { entry: entry(categories[0]!.id, pupil.id) })
    expect(refusedSave.kind).toBe('internal')
    expect(refusedSave.message).toMatch(/^Something went wrong inside the app/)
    await db.raw('DROP TRIGGER test_refuse_incident')

    // 2. A unique index refuses the second of two entries on the same day and time (SQLITE_CONSTRAINT_UNIQUE):
    // SQLite's own words name the columns, never the values. (The words of an entry are encrypted,
    // each time differently, so an index on them would never clash.)
    await db.raw('CREATE UNIQUE INDEX test_one_a_minute ON incidents(occurred_on, occurred_time)')
    await ok(core, 'incidents.record', { entry: entry(categories[0]!.id, pupil.id) })
    expect((await refused(core, 'incidents.record', { entry: entry(categories[0]!.id, pupil.id) })).kind).toBe('internal')

    // knex itself no longer puts bound values in an error's message (compileSqlOnError: false).
    await db('settings').insert({ key: 'test.once', value: 'first' })
    const direct = await db('settings')
      .insert({ key: 'test.once', value: DESCRIPTION })
      .then(
        () => null,
        (err: Error) => err,
      )
    expect(direct?.message).toMatch(/UNIQUE constraint failed: settings\.key/)
    expect(direct?.message).not.toContain('Zephyrine')

    const log = readFileSync(logFile, 'utf8')
    expect(log).toMatch(/^\S+Z START Online Safety Register 9\.8\.7 · Node \d+\.\d+\.\d+ · \S+ \S+ \S+\n/)
    const entries = log.split(/\n(?=\S)/)
    const errors = entries.filter((e) => e.includes(' ERROR '))
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatch(/ERROR Unexpected error in incidents\.record\n  kind: SqliteError; code: SQLITE_CONSTRAINT_TRIGGER\n  at /)
    expect(errors[1]).toMatch(/ERROR Unexpected error in incidents\.record\n  kind: SqliteError; code: SQLITE_CONSTRAINT_UNIQUE; sqlite: UNIQUE constraint failed: incidents\.occurred_on, incidents\.occurred_time\n  at /)
    // Where: the stack frames reach the core's own code.
    expect(errors[0]).toMatch(/at .*incidents/)
    for (const word of CONTENT) expect(log).not.toContain(word)
    expect(log).not.toContain('refused by the test') // a trigger's words are not trusted either
    expect(log).not.toMatch(/insert into/i) // nor the statement
  })

  it('rotates by size: the current file, then numbered older ones, the oldest dropped', () => {
    const t = tempDir('osr-log-rotate-')
    try {
      const file = join(t.dir, 'logs', 'app.log')
      const logger = createFileLogger(file, { maxBytes: 2_000, keep: 2 })
      logger.started(runtimeVersions('1.2.3'))
      for (let i = 1; i <= 120; i++) logger.error(`Daily backup failed (round ${String(i).padStart(3, '0')})`, Object.assign(new Error('ENOSPC: no space left, write'), { code: 'ENOSPC' }))
      const current = readFileSync(file, 'utf8')
      const older = readFileSync(join(t.dir, 'logs', 'app.1.log'), 'utf8')
      const oldest = readFileSync(join(t.dir, 'logs', 'app.2.log'), 'utf8')
      expect(existsSync(join(t.dir, 'logs', 'app.3.log'))).toBe(false)
      const rounds = (text: string) => [...text.matchAll(/round (\d{3})/g)].map((m) => Number(m[1]))
      // The last round is in the current file; each older file ends just before the next one starts.
      expect(rounds(current).at(-1)).toBe(120)
      expect(rounds(older).at(-1)).toBe(rounds(current)[0]! - 1)
      expect(rounds(oldest).at(-1)).toBe(rounds(older)[0]! - 1)
      // The start line and the first rounds went with the file that was dropped.
      expect(rounds(oldest)[0]).toBeGreaterThan(1)
      expect(`${oldest}${older}${current}`).not.toContain('START')
      for (const name of ['app.log', 'app.1.log', 'app.2.log']) expect(statSync(join(t.dir, 'logs', name)).size).toBeLessThan(2_000 + 600)
      expect(current).not.toContain('no space left') // the message text is never written, even an fs error's
      expect(current).toContain('kind: Error; code: ENOSPC')
    } finally {
      t.cleanup()
    }
  })
})
