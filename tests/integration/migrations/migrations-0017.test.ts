// One test per migration from 0017 on (migration-bench.ts): the day the school's records began.
import { describe, expect } from 'vitest'
import { MigrationBench, migrationTest, numberOf } from './migration-bench'
import { AT, publicKey, writeIncident, writeSchool, writeStaffAccounts } from './rows-of-the-time'

describe('migrations from 0017', () => {
  migrationTest('0017-records-began', 'gives the school the day its records began: its earliest incident, or the day it was set up', async (bench) => {
    const { db } = bench
    const { manager } = await writeStaffAccounts(db)
    const [keyId] = (await db('signing_keys').insert({ user_id: manager, public_key: publicKey(), created_at: AT })) as number[]
    const first = await writeIncident(db, { reference: 'OS-2026-001', recorder: manager, keyId: keyId!, people: [] })
    await writeIncident(db, { reference: 'OS-2026-002', recorder: manager, keyId: keyId!, people: [] })
    // An entry for something that happened before the register was set up (backdated at the time).
    await db('incidents').where({ id: first.incident }).update({ occurred_on: '2024-11-18' })

    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: [], removed: [], changed: ['table school'], addedColumns: { school: ['records_began_on TEXT'] }, removedColumns: {} })
    expect(addedRows).toEqual({})
    expect(await db('school').pluck('records_began_on')).toEqual(['2024-11-18'])

    // A register with no incident yet starts from the day it was set up.
    const empty = MigrationBench.create()
    try {
      await empty.migrateTo(numberOf('0017-records-began') - 1)
      await writeSchool(empty.db)
      await empty.migrateNext()
      expect(await empty.db('school').pluck('records_began_on')).toEqual([AT.slice(0, 10)])
    } finally {
      await empty.close()
    }
  })
})
