import { describe, expect } from 'vitest'
import { migrationTest } from './migration-bench'

describe('migration 0021', () => {
  migrationTest('0021-approvals', 'adds the approvals, their decisions and social media account holders, empty', async (bench) => {
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added).toEqual(expect.arrayContaining(['table approvals', 'table approval_decisions', 'table approval_account_holders']))
    expect(addedRows).toEqual({})
  })
})
