import { describe, expect } from 'vitest'
import { migrationTest } from './migration-bench'
import { writeStaffAccounts, AT } from './rows-of-the-time'

describe('migration 0023', () => {
  migrationTest('0023-governor-oversight', 'adds the governor oversight tables, empty, leaving the accounts as they were', async (bench) => {
    const { db } = bench
    await writeStaffAccounts(db)
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added).toEqual([
      'index oversight_actions_due_on_index',
      'index oversight_actions_meeting_id_index',
      'index oversight_meetings_met_on_index',
      'table oversight_actions',
      'table oversight_meetings',
    ])
    expect(schema.removed).toEqual([])
    expect(schema.changed).toEqual([])
    expect(addedRows).toEqual({})
    // An action belongs to its meeting, or to none (an annual review priority).
    const [meeting] = (await db('oversight_meetings').insert({ met_on: '2026-10-08', governor: 'G', dsl: 'D', others: '', notes: 'N', recorded_at: AT, recorded_by_name: 'x' })) as number[]
    await db('oversight_actions').insert([
      { source: 'meeting', meeting_id: meeting!, action: 'A', owner: 'o', due_on: '2026-11-01', recorded_at: AT, recorded_by_name: 'x' },
      { source: 'annual-pack', pack_year: 2025, action: 'B', owner: 'o', due_on: '2026-11-01', recorded_at: AT, recorded_by_name: 'x' },
    ])
    expect(await db('oversight_actions').orderBy('id').pluck('meeting_id')).toEqual([meeting, null])
    await expect(db('oversight_actions').insert({ source: 'meeting', meeting_id: 999, action: 'C', owner: 'o', due_on: '2026-11-01', recorded_at: AT, recorded_by_name: 'x' })).rejects.toThrow(/FOREIGN KEY/)
  })
})
