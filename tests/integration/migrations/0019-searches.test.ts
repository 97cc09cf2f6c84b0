import { describe, expect } from 'vitest'
import { migrationTest } from './migration-bench'

describe('migration 0019', () => {
  migrationTest('0019-searches', 'adds the searches and confiscated items tables, empty, each refusing deletes', async (bench) => {
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added).toEqual([
      'index confiscations_taken_on_index',
      'index searches_reference_unique',
      'index searches_searched_on_index',
      'table confiscations',
      'table searches',
      'trigger confiscations_no_delete',
      'trigger searches_no_delete',
    ])
    expect(addedRows).toEqual({})
  })
})
