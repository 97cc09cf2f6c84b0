import { describe, expect } from 'vitest'
import { migrationTest } from './migration-bench'

describe('migration 0018', () => {
  migrationTest('0018-consent', 'adds the consent form and answer tables, empty', async (bench) => {
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added).toEqual(expect.arrayContaining(['table consent_forms', 'table consent_answers']))
    expect(addedRows).toEqual({})
  })
})
