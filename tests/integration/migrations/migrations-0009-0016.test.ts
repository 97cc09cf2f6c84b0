// One test per migration, 0009 to 0016 (migration-bench.ts). Where a migration fills in or moves
// values (audit entries for keys and roles, who was involved in an incident, filtering checks,
// report numbers), the test writes the rows the app held before and compares every value after.
import { describe, expect } from 'vitest'
import { appendAudit, verifyAudit } from '../../../electron/core/audit/audit-trail'
import { signingKeyEvent } from '../../../electron/core/audit/chained-facts'
import { RegisterNumbers } from '../../../electron/core/reports/register-numbers'
import { FILTERING_CHECK_NAMES } from '../../../shared/domain/reviews-and-checks'
import { MigrationBench, migrationTest } from './migration-bench'
import { AT, publicKey, writeIncident, writePerson, writeReport, writeStaffAccounts, writeVisitWithAgreement } from './rows-of-the-time'

const LATER = '2026-03-04T16:40:00.000Z'

describe('migrations 0009 to 0016', () => {
  migrationTest('0009-chained-keys-and-roles', 'enters each signing key and each role the audit trail never recorded, as they stood at the upgrade', async (bench) => {
    const { db } = bench
    const { manager, dsl, ict } = await writeStaffAccounts(db)
    // An account made by an older version, whose entry named no user.
    const [office] = (await db('users').insert({ username: 'reception', display_name: 'Rhian Reception', role: 'office', must_change_password: 1, created_at: AT, created_by: manager })) as number[]
    await appendAudit(db, { userId: manager, username: 'bmanager', action: 'user.create', target: null, detail: 'role office', at: AT })
    // A role changed on the users screen (chained) and one changed in the database, outside the app.
    await db('users').where({ id: dsl }).update({ role: 'head' })
    await appendAudit(db, { userId: manager, username: 'bmanager', action: 'user.update', target: `user:${dsl}`, detail: 'role dsl → head', at: AT })
    await db('users').where({ id: ict }).update({ role: 'manager' })

    const pupil = await writePerson(db, { kind: 'pupil', forename: 'Siôn', surname: "O'Brien", yearGroup: '5', regClass: '5B', misId: '1042' }, manager)
    const keys: Record<string, { id: number; key: string }> = {}
    for (const [who, userId] of [['manager', manager], ['dsl', dsl], ['ict', ict]] as const) {
      const key = publicKey()
      const [id] = (await db('signing_keys').insert({ user_id: userId, public_key: key, created_at: AT })) as number[]
      keys[who] = { id: id!, key }
    }
    // The manager's key was entered when it was made; the DSL's signed records 2 and 3; the ICT manager's nothing.
    await appendAudit(db, { userId: manager, username: 'bmanager', ...signingKeyEvent({ id: keys['manager']!.id, userId: manager, publicKey: keys['manager']!.key, after: 0 }), at: AT })
    await writeIncident(db, { reference: 'OS-2026-001', recorder: manager, keyId: keys['manager']!.id, people: [{ personId: pupil, part: 'affected' }] })
    await writeIncident(db, { reference: 'OS-2026-002', recorder: dsl, keyId: keys['dsl']!.id, people: [] })
    await writeIncident(db, { reference: 'OS-2026-003', recorder: dsl, keyId: keys['dsl']!.id, people: [] })
    await appendAudit(db, { userId: dsl, username: 'swyn', action: 'incident.create', target: 'incident:3', at: LATER })
    const entriesBefore = (await db('audit_log').count({ n: '*' }))[0]!.n as number

    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: [], removed: [], changed: [], addedColumns: {}, removedColumns: {} })
    expect(Object.keys(addedRows)).toEqual(['audit_log'])
    // Keys in the order made, then the users whose role the trail did not hold; at the trail's last entry's time, by nobody.
    expect(addedRows['audit_log']!.map(({ id, at, user_id, username, action, target, result, detail }) => ({ id, at, user_id, username, action, target, result, detail }))).toEqual([
      { id: entriesBefore + 1, at: LATER, user_id: null, username: null, action: 'signing-key.create', target: `signing-key:${keys['dsl']!.id}`, result: 'ok', detail: `user ${dsl}; Ed25519 public key ${keys['dsl']!.key}; signs incident records after no. 1` },
      { id: entriesBefore + 2, at: LATER, user_id: null, username: null, action: 'signing-key.create', target: `signing-key:${keys['ict']!.id}`, result: 'ok', detail: `user ${ict}; Ed25519 public key ${keys['ict']!.key}; signs incident records after no. 3` },
      { id: entriesBefore + 3, at: LATER, user_id: null, username: null, action: 'user.role', target: `user:${ict}`, result: 'ok', detail: 'role manager, as the register held it at the upgrade' },
      { id: entriesBefore + 4, at: LATER, user_id: null, username: null, action: 'user.role', target: `user:${office}`, result: 'ok', detail: 'role office, as the register held it at the upgrade' },
    ])
    expect(await verifyAudit(db)).toMatchObject({ ok: true, checked: entriesBefore + 4 })

    // A register made by this version has an empty trail at this point: set-up enters its own.
    const fresh = MigrationBench.create()
    try {
      await fresh.migrateTo(bench.version - 1)
      expect((await fresh.migrateNext()).addedRows).toEqual({})
    } finally {
      await fresh.close()
    }
  })

  migrationTest('0010-key-slots', 'adds to each user the key slot they sign in with, empty until their first sign-in', async (bench) => {
    const { manager } = await writeStaffAccounts(bench.db)
    await writeReport(bench.db, manager, AT)
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: [], removed: [], changed: ['table users'], addedColumns: { users: ['key_slot_id TEXT', 'key_slot_digest TEXT'] }, removedColumns: {} })
    expect(addedRows).toEqual({})
    expect(await bench.db('users').orderBy('id').select('username', 'key_slot_id', 'key_slot_digest')).toEqual([
      { username: 'bmanager', key_slot_id: null, key_slot_digest: null },
      { username: 'swyn', key_slot_id: null, key_slot_digest: null },
      { username: 'tict', key_slot_id: null, key_slot_digest: null },
    ])
  })

  migrationTest('0011-role-keys', 'adds the role keys’ check values and moves who was involved in each incident into the incident’s row', async (bench) => {
    const { db } = bench
    const { manager, dsl } = await writeStaffAccounts(db)
    const pupil = await writePerson(db, { kind: 'pupil', forename: 'Siôn', surname: "O'Brien", yearGroup: '5', regClass: '5B', misId: '1042' }, manager)
    const classmate = await writePerson(db, { kind: 'pupil', forename: 'Ffion', surname: 'Evans', yearGroup: '5', regClass: '5B', misId: '1043' }, manager)
    const teacher = await writePerson(db, { kind: 'staff', forename: 'Rhys', surname: 'Jones' }, manager)
    const [keyId] = (await db('signing_keys').insert({ user_id: dsl, public_key: publicKey(), created_at: AT })) as number[]
    // Written out of order, and one pupil in two parts: the row lists them by person, then part.
    const first = await writeIncident(db, {
      reference: 'OS-2026-001',
      recorder: dsl,
      keyId: keyId!,
      people: [
        { personId: teacher, part: 'witness' },
        { personId: classmate, part: 'alleged' },
        { personId: pupil, part: 'witness' },
        { personId: pupil, part: 'affected' },
      ],
    })
    const nobody = await writeIncident(db, { reference: 'OS-2026-002', recorder: dsl, keyId: keyId!, people: [] })
    const third = await writeIncident(db, { reference: 'OS-2026-003', recorder: dsl, keyId: keyId!, people: [{ personId: classmate, part: 'reporter' }] })

    const { schema, addedRows } = await bench.migrateNext({ drops: ['incident_people'] })
    expect(schema).toEqual({
      added: ['table role_keys', 'trigger role_keys_no_update'],
      removed: ['index incident_people_person', 'table incident_people'],
      changed: ['table incidents'],
      addedColumns: { incidents: ['data_key TEXT', 'people TEXT'] },
      removedColumns: {},
    })
    expect(addedRows).toEqual({})
    expect(await db('incidents').orderBy('id').select('id', 'data_key', 'people')).toEqual([
      {
        id: first.incident,
        data_key: null,
        people: JSON.stringify([
          { personId: pupil, part: 'affected' },
          { personId: pupil, part: 'witness' },
          { personId: classmate, part: 'alleged' },
          { personId: teacher, part: 'witness' },
        ]),
      },
      { id: nobody.incident, data_key: null, people: '[]' },
      { id: third.incident, data_key: null, people: JSON.stringify([{ personId: classmate, part: 'reporter' }]) },
    ])
    await db('role_keys').insert({ name: 'safeguarding', check_value: 'check', created_at: AT })
    await expect(db('role_keys').update({ check_value: 'other' })).rejects.toThrow(/role keys are never changed/)
  })

  migrationTest('0012-drafts', 'adds drafts: one per user, form and record', async (bench) => {
    const { dsl } = await writeStaffAccounts(bench.db)
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: ['index drafts_user_id_form_record_key_unique', 'table drafts'], removed: [], changed: [], addedColumns: {}, removedColumns: {} })
    expect(addedRows).toEqual({})
    const draft = { user_id: dsl, form: 'incident.amend', record_key: '7', sealed_with: 'safeguarding', content: 'sealed', saved_at: AT }
    await bench.db('drafts').insert(draft)
    await bench.db('drafts').insert({ ...draft, record_key: '8' })
    await expect(bench.db('drafts').insert(draft)).rejects.toThrow(/UNIQUE/)
    await bench.db('drafts').insert({ user_id: dsl, form: 'visit.sign-in', content: '{}', saved_at: AT })
    expect(await bench.db('drafts').where({ form: 'visit.sign-in' }).first('record_key', 'sealed_with')).toEqual({ record_key: '', sealed_with: null })
  })

  migrationTest('0013-typed-signatures', 'adds the typed name someone agrees with instead of a drawn signature, keeping every agreement and its visits', async (bench) => {
    const { db } = bench
    const { manager } = await writeStaffAccounts(db)
    const teacher = await writePerson(db, { kind: 'staff', forename: 'Rhys', surname: 'Jones' }, manager)
    const visitor = await writePerson(db, { kind: 'visitor', forename: 'Mair', surname: 'Hughes' }, manager)
    const { agreement } = await writeVisitWithAgreement(db, visitor, teacher, manager)
    const { id: _original, ...original } = (await db('agreements').where({ id: agreement }).first())!
    await db('agreements').insert({ ...original, method: 'paper', signature_png: null, paper_received_on: '2026-03-03', supersedes_id: agreement, correction_reason: 'Signed on paper' })

    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: [], removed: [], changed: ['table agreements'], addedColumns: { agreements: ['typed_signature TEXT'] }, removedColumns: {} })
    expect(addedRows).toEqual({})
    expect(await db('agreements').pluck('typed_signature')).toEqual([null, null])
    await db('agreements').insert({ ...original, signature_png: null, typed_signature: 'Mair Hughes' })
    await expect(db('agreements').where({ id: agreement }).update({ typed_signature: 'Mair Hughes' })).rejects.toThrow(/agreements are never edited/)
  })

  migrationTest('0014-record-holds', 'adds the flag that keeps a person named in a safeguarding record from retention, clear until it is set', async (bench) => {
    const { db } = bench
    const { manager, dsl } = await writeStaffAccounts(db)
    const teacher = await writePerson(db, { kind: 'staff', forename: 'Rhys', surname: 'Jones' }, manager)
    const visitor = await writePerson(db, { kind: 'visitor', forename: 'Mair', surname: 'Hughes' }, manager)
    await db('people').where({ id: teacher }).update({ safeguarding_hold: 1, hold_reason: 'Ongoing enquiry', hold_set_by: manager, hold_set_at: AT })
    await writeVisitWithAgreement(db, visitor, teacher, manager)
    const [keyId] = (await db('signing_keys').insert({ user_id: dsl, public_key: publicKey(), created_at: AT })) as number[]
    await writeIncident(db, { reference: 'OS-2026-001', recorder: dsl, keyId: keyId!, people: [{ personId: visitor, part: 'witness' }] })

    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: [], removed: [], changed: ['table people'], addedColumns: { people: ['named_in_record INTEGER NOT NULL DEFAULT 0'] }, removedColumns: {} })
    expect(addedRows).toEqual({})
    // The people an older incident names are in its (by now encrypted) row: the first retention
    // run by a key holder marks them (people/record-holds.ts), not the migration.
    expect(await db('people').orderBy('id').select('id', 'safeguarding_hold', 'named_in_record')).toEqual([
      { id: teacher, safeguarding_hold: 1, named_in_record: 0 },
      { id: visitor, safeguarding_hold: 0, named_in_record: 0 },
    ])
  })

  migrationTest('0015-filtering-checks', 'marks the checks the DfE filtering standards expect a full log of', async (bench) => {
    const { db } = bench
    const { ict } = await writeStaffAccounts(db)
    const [own] = (await db('check_templates').insert({ name: 'Monthly filter spot check', description: 'Our own', responsible_role: 'ict', created_at: AT, updated_at: AT })) as number[]
    await db('check_rhythms').insert({ template_id: own, from_on: '2026-03-02', rhythm: 'monthly', every_years: null })
    const web = (await db('check_templates').where({ name: 'Web filter check' }).first('id')) as { id: number }
    await db('check_occurrences').insert({ template_id: web.id, done_on: '2026-03-02', done_by: 'Tomos ICT', result: 'pass', recorded_at: AT, recorded_by: ict, recorded_by_name: 'Tomos ICT' })
    await db('check_missed_notes').insert({ template_id: web.id, period_start: '2026-02-23', note: 'Half term', recorded_at: AT, recorded_by: ict, recorded_by_name: 'Tomos ICT' })

    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: [], removed: [], changed: ['table check_templates'], addedColumns: { check_templates: ['filtering INTEGER NOT NULL DEFAULT 0'] }, removedColumns: {} })
    expect(addedRows).toEqual({})
    const templates = (await db('check_templates').orderBy('id').select('name', 'filtering')) as { name: string; filtering: number }[]
    expect(templates.filter((t) => t.filtering === 1).map((t) => t.name)).toEqual([...FILTERING_CHECK_NAMES])
    expect(templates.find((t) => t.name === 'Monthly filter spot check')?.filtering).toBe(0)
    expect(templates.filter((t) => t.filtering === 0)).toHaveLength(templates.length - FILTERING_CHECK_NAMES.length)
  })

  migrationTest('0016-report-numbers', 'numbers every issued report by its year of issue, in the order entered', async (bench) => {
    const { db } = bench
    const { manager } = await writeStaffAccounts(db)
    // Entered in this order; the third was issued in 2025 but entered after one of 2026 (a clock put right).
    const issued = ['2025-11-03T10:00:00.000Z', '2026-01-05T08:30:00.000Z', '2025-12-31T23:59:59.000Z', '2026-06-30T23:30:00.000Z', '2026-12-31T23:30:00.000Z']
    const ids: number[] = []
    for (const at of issued) ids.push(await writeReport(db, manager, at))

    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: ['index reports_number'], removed: [], changed: ['table reports'], addedColumns: { reports: ['number TEXT'] }, removedColumns: {} })
    expect(addedRows).toEqual({})
    expect(await db('reports').orderBy('id').select('id', 'number')).toEqual([
      { id: ids[0], number: '2025-0001' },
      { id: ids[1], number: '2026-0001' },
      { id: ids[2], number: '2025-0002' },
      // 23:30 on 30 June is already 1 July in the UK; still 2026.
      { id: ids[3], number: '2026-0002' },
      { id: ids[4], number: '2026-0003' },
    ])
    // The next report carries on from the numbers the upgrade gave; no number is given twice.
    expect(await new RegisterNumbers().hold(db, 'job', Date.parse('2026-12-31T12:00:00.000Z'))).toBe('2026-0004')
    expect(await new RegisterNumbers().hold(db, 'job', Date.parse('2027-01-04T12:00:00.000Z'))).toBe('2027-0001')
    const id = await writeReport(db, manager, LATER)
    await expect(db('reports').where({ id }).update({ number: '2026-0002' })).rejects.toThrow(/UNIQUE/)
  })
})
