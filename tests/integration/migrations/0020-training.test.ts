import { describe, expect } from 'vitest'
import { migrationTest } from './migration-bench'

describe('migration 0020', () => {
  migrationTest('0020-training', 'adds the training tables, empty, and leaves every other table as it was', async (bench) => {
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added).toEqual([
      'index training_records_completed_on_index',
      'index training_records_person_id_course_completed_on_unique',
      'table training_certificates',
      'table training_people',
      'table training_records',
    ])
    expect(schema.removed).toEqual([])
    expect(schema.changed).toEqual([])
    expect(addedRows).toEqual({})
  })
})
