// The migration list as a whole: each migration in it has a test of its own in this folder, and
// a new register (every migration at once, as the app opens it) ends with the same schema as an
// old one brought up one migration at a time.
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, schemaVersionOf } from '../../../electron/core/db/database'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/db/migrations/index'
import { openRaw } from '../../../electron/core/db/sqlcipher'
import { tempDir } from '../helpers'
import { MigrationBench, schemaOf } from './migration-bench'

/** The migrations named by the migrationTest calls in this folder's test files. */
function testedMigrations(): string[] {
  const names: string[] = []
  for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith('.test.ts'))) {
    for (const m of readFileSync(join(import.meta.dirname, file), 'utf8').matchAll(/migrationTest\(\s*'([^']+)'/g)) names.push(m[1]!)
  }
  return names
}

describe('the migration list', () => {
  it('has a test of its own for every migration, and no test for a migration it does not have', () => {
    const listed = MIGRATIONS.map((m) => m.name)
    const tested = testedMigrations()
    expect(
      listed.filter((name) => !tested.includes(name)),
      'Each migration in electron/core/db/migrations/index.ts needs a migrationTest in tests/integration/migrations/',
    ).toEqual([])
    expect(tested.filter((name) => !listed.includes(name))).toEqual([])
    expect(tested.filter((name, i) => tested.indexOf(name) !== i)).toEqual([])
  })

  it('gives a new register the same schema as an old one upgraded one migration at a time', async () => {
    const folder = tempDir('osr-migration-')
    const key = randomBytes(32)
    const stepped = MigrationBench.create()
    try {
      const file = join(folder.dir, 'register.db')
      const whole = await openDatabase(file, key)
      const atOnce = await schemaOf(whole)
      await whole.destroy()
      const probe = openRaw(file, key)
      expect(schemaVersionOf(probe)).toBe(SCHEMA_VERSION)
      probe.close()

      for (let n = 1; n <= MIGRATIONS.length; n++) await stepped.migrateTo(n)
      const oneByOne = await schemaOf(stepped.db)
      expect(oneByOne.objects.size).toBeGreaterThan(50)
      expect([...oneByOne.objects.entries()]).toEqual([...atOnce.objects.entries()])
      expect([...oneByOne.columns.entries()]).toEqual([...atOnce.columns.entries()])
      expect(await stepped.db.raw('PRAGMA user_version')).toEqual([{ user_version: SCHEMA_VERSION }])
    } finally {
      await stepped.close()
      key.fill(0)
      folder.cleanup()
    }
  })
})
