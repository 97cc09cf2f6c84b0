// One test per migration, 0001 to 0008: each starts from a database with the migrations before
// it applied and the rows the app wrote then, runs the migration, and compares (migration-bench.ts).
import { describe, expect } from 'vitest'
import { appendAudit, verifyAudit } from '../../../electron/core/audit/audit-trail'
import { DEFAULT_INCIDENT_CATEGORIES } from '../../../shared/domain/incidents'
import { DEFAULT_CHECK_TEMPLATES } from '../../../shared/domain/reviews-and-checks'
import { migrationTest } from './migration-bench'
import { AT, publicKey, writeIncident, writePerson, writeReport, writeSchool, writeStaffAccounts, writeUser, writeVisitWithAgreement } from './rows-of-the-time'

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

describe('migrations 0001 to 0008', () => {
  migrationTest('0001-initial', 'creates the school, settings, users and an append-only audit trail', async (bench) => {
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added.sort()).toEqual(
      ['table school', 'trigger school_single_row', 'table settings', 'table users', 'index users_username', 'table audit_log', 'index audit_log_at', 'trigger audit_log_no_update', 'trigger audit_log_no_delete'].sort(),
    )
    expect(addedRows).toEqual({})

    // What set-up writes: one school, its settings, the business manager and the first entries.
    const { db } = bench
    await writeSchool(db)
    const manager = await writeUser(db, 'bmanager', 'manager', 'Bethan Manager')
    await writeUser(db, 'swyn', 'dsl', 'Siân Ŵyn', manager)
    await appendAudit(db, { userId: manager, username: 'bmanager', action: 'session.login', at: AT })
    expect(await verifyAudit(db)).toMatchObject({ ok: true, checked: 3 })

    await expect(writeSchool(db)).rejects.toThrow(/only one school per register/)
    await expect(db('users').insert({ username: 'BManager', display_name: 'Another', role: 'office', created_at: AT })).rejects.toThrow(/UNIQUE/)
    // @ts-expect-error the role is not one the register knows: the table's CHECK refuses it, as its row type does
    await expect(db('users').insert({ username: 'governor', display_name: 'A governor', role: 'governor', created_at: AT })).rejects.toThrow(/CHECK/)
    await expect(db('audit_log').where({ id: 1 }).update({ detail: 'role head' })).rejects.toThrow(/the audit trail is append-only/)
    await expect(db('audit_log').where({ id: 3 }).delete()).rejects.toThrow(/the audit trail is append-only/)
    // @ts-expect-error not a result the trail knows: the table's CHECK refuses it, as its row type does
    await expect(db('audit_log').insert({ at: AT, action: 'x', result: 'maybe', prev_hash: '', hash: '' })).rejects.toThrow(/CHECK/)
  })

  migrationTest('0002-reports', 'adds the signing certificates and the register of issued reports', async (bench) => {
    const { manager } = await writeStaffAccounts(bench.db)
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({
      added: ['index reports_produced_at', 'index reports_sha256', 'table reports', 'table signing_certificates'],
      removed: [],
      changed: [],
      addedColumns: {},
      removedColumns: {},
    })
    expect(addedRows).toEqual({})

    const { db } = bench
    await db('signing_certificates').insert({
      source: 'generated',
      p12: Buffer.from('3082', 'hex'),
      passphrase: 'pass',
      holder: 'Ysgol Gymraeg Llanfair',
      organisation: 'Ysgol Gymraeg Llanfair',
      fingerprint: 'AB:CD:EF',
      not_before: AT,
      not_after: '2031-03-02T09:15:00.000Z',
      created_at: AT,
    })
    await writeReport(db, manager, AT)
    expect(await db('reports').first('anonymised', 'password_protected')).toEqual({ anonymised: 0, password_protected: 0 })
    await expect(writeReport(db, 999, AT)).rejects.toThrow(/FOREIGN KEY/)
    // @ts-expect-error not a source a certificate has: the table's CHECK refuses it, as its row type does
    await expect(db('signing_certificates').insert({ source: 'found', p12: Buffer.alloc(1), passphrase: '', holder: '', organisation: '', fingerprint: '', not_before: AT, not_after: AT, created_at: AT })).rejects.toThrow(/CHECK/)
  })

  migrationTest('0003-people', 'adds people, their name search, acceptable use agreements and visits', async (bench) => {
    const { manager } = await writeStaffAccounts(bench.db)
    await writeReport(bench.db, manager, AT)
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added.sort()).toEqual(
      [
        'table people',
        'index people_mis_id',
        'index people_username',
        'index people_kind',
        'index people_pupil_groups',
        'trigger people_keep_records',
        'table person_search',
        'index person_search_person',
        'table aup_versions',
        'trigger aup_versions_no_update',
        'trigger aup_versions_no_delete',
        'table aup_version_audiences',
        'index aup_version_audiences_version',
        'table aup_renewals',
        'index aup_renewals_audience',
        'table agreements',
        'index agreements_person',
        'index agreements_version',
        'index agreements_supersedes',
        'trigger agreements_no_update',
        'table visits',
        'index visits_person',
        'index visits_signed_in',
        'index visits_on_site',
        'index visits_host',
        'index visits_agreement',
      ].sort(),
    )
    expect([schema.removed, schema.changed, schema.addedColumns]).toEqual([[], [], {}])
    expect(addedRows).toEqual({})

    const { db } = bench
    const pupil = await writePerson(db, { kind: 'pupil', forename: 'Siôn', surname: "O'Brien", yearGroup: '5', regClass: '5B', misId: '1042' }, manager)
    // An admission number and a staff code may be the same; two pupils may not share one.
    const teacher = await writePerson(db, { kind: 'staff', forename: 'Rhys', surname: 'Jones' }, manager)
    await db('people').where({ id: teacher }).update({ mis_id: '1042' })
    await expect(db('people').insert({ kind: 'pupil', forename: 'A', surname: 'B', mis_id: '1042', source: 'import', created_at: AT, updated_at: AT })).rejects.toThrow(/UNIQUE/)
    const visitor = await writePerson(db, { kind: 'visitor', forename: 'Mair', surname: 'Hughes' }, manager)
    const { agreement } = await writeVisitWithAgreement(db, visitor, teacher, manager)
    expect(await db('person_search').where({ person_id: pupil }).orderBy('token').pluck('token')).toEqual(['obrien', 'sion'])

    await expect(db('people').where({ id: pupil }).delete()).rejects.toThrow(/people are archived, not deleted/)
    await expect(db('agreements').where({ id: agreement }).update({ state: 'withdrawn' })).rejects.toThrow(/agreements are never edited/)
    await expect(db('aup_versions').update({ body: 'other words' })).rejects.toThrow(/agreement texts are never changed/)
    // Retention removes a visitor with their visits, agreements and name search.
    await db('people').where({ id: visitor }).delete()
    expect([await db('visits').count({ n: '*' }), await db('agreements').count({ n: '*' }), await db('person_search').where({ person_id: visitor }).count({ n: '*' })]).toEqual([[{ n: 0 }], [{ n: 0 }], [{ n: 0 }]])
  })

  migrationTest('0004-incidents', 'adds the signed incident log and its default categories', async (bench) => {
    const { manager } = await writeStaffAccounts(bench.db)
    const pupil = await writePerson(bench.db, { kind: 'pupil', forename: 'Siôn', surname: "O'Brien", yearGroup: '5', regClass: '5B', misId: '1042' }, manager)
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added.sort()).toEqual(
      [
        'table signing_keys',
        'index signing_keys_user_id_public_key_unique',
        'trigger signing_keys_no_update',
        'trigger signing_keys_no_delete',
        'table incident_categories',
        'index incident_categories_name',
        'trigger incident_categories_no_delete',
        'table incidents',
        'index incidents_reference_unique',
        'index incidents_occurred',
        'index incidents_category',
        'index incidents_status',
        'index incidents_waiting',
        'trigger incidents_no_delete',
        'table incident_records',
        'index incident_records_incident',
        'trigger incident_records_no_update',
        'trigger incident_records_no_delete',
        'table incident_people',
        'index incident_people_person',
        'table incident_steps',
        'table incident_referrals',
        'index incident_referrals_made',
        'table incident_files',
        'index incident_files_incident',
        'trigger incident_files_no_update',
        'trigger incident_files_no_delete',
      ].sort(),
    )
    expect([schema.removed, schema.changed, schema.addedColumns]).toEqual([[], [], {}])
    // The categories every school starts with, in the domain's order and with its procedures.
    expect(Object.keys(addedRows)).toEqual(['incident_categories'])
    const categories = addedRows['incident_categories']!.sort((a, b) => (a['id'] as number) - (b['id'] as number))
    expect(categories.map(({ name, steps, no_files, ict, retired_at }) => ({ name, steps: JSON.parse(steps as string) as unknown, noFiles: no_files === 1, ict: ict === 1, retired_at }))).toEqual(
      DEFAULT_INCIDENT_CATEGORIES.map((c) => ({ name: c.name, steps: c.steps, noFiles: c.noFiles, ict: c.ict, retired_at: null })),
    )
    // The upgrade's own clock (the migration has no injected one): one instant for all of them.
    expect(new Set(categories.map((c) => c['created_at'])).size).toBe(1)
    expect(categories[0]!['created_at']).toMatch(ISO_INSTANT)

    const { db } = bench
    const [keyId] = (await db('signing_keys').insert({ user_id: manager, public_key: publicKey(), created_at: AT })) as number[]
    const { incident, record } = await writeIncident(db, { reference: 'OS-2026-001', recorder: manager, keyId: keyId!, people: [{ personId: pupil, part: 'affected' }] })
    await db('incident_referrals').insert({ incident_id: incident, key: 'police', agency: 'Police', made_on: '2026-03-02', record_id: record })
    await db('incident_files').insert({ incident_id: incident, record_id: record, sha256: 'ab', content: Buffer.from('evidence') })
    await expect(db('incident_records').where({ id: record }).update({ body: '{}' })).rejects.toThrow(/incident records are never changed/)
    await expect(db('incident_files').delete()).rejects.toThrow(/evidence files are never removed/)
    await expect(db('incidents').delete()).rejects.toThrow(/incident log entries are never deleted/)
    await expect(db('incident_categories').where({ id: categories[0]!['id'] as number }).delete()).rejects.toThrow(/categories are retired, not deleted/)
    await expect(db('incident_categories').insert({ name: (categories[0]!['name'] as string).toUpperCase(), steps: '[]', created_at: AT })).rejects.toThrow(/UNIQUE/)
    await expect(db('signing_keys').update({ public_key: publicKey() })).rejects.toThrow(/signing keys are never changed/)
  })

  migrationTest('0005-reviews-and-checks', 'adds policies and their reviews, recurring checks with the default ones, and the filtering change log', async (bench) => {
    const { manager, ict } = await writeStaffAccounts(bench.db)
    const pupil = await writePerson(bench.db, { kind: 'pupil', forename: 'Siôn', surname: "O'Brien", yearGroup: '5', regClass: '5B', misId: '1042' }, manager)
    const [keyId] = (await bench.db('signing_keys').insert({ user_id: manager, public_key: publicKey(), created_at: AT })) as number[]
    const { incident } = await writeIncident(bench.db, { reference: 'OS-2026-001', recorder: manager, keyId: keyId!, people: [{ personId: pupil, part: 'affected' }] })
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added.sort()).toEqual(
      [
        'table policies',
        'index policies_title',
        'index policies_next_review',
        'trigger policies_no_delete',
        'table policy_documents',
        'index policy_documents_policy',
        'trigger policy_documents_no_update',
        'trigger policy_documents_no_delete',
        'table policy_reviews',
        'index policy_reviews_policy',
        'index policy_reviews_incident',
        'trigger policy_reviews_no_delete',
        'trigger policy_reviews_ratify_once',
        'table check_templates',
        'index check_templates_name',
        'table check_rhythms',
        'table check_occurrences',
        'index check_occurrences_template',
        'index check_occurrences_done',
        'trigger check_occurrences_no_update',
        'trigger check_occurrences_no_delete',
        'table check_missed_notes',
        'trigger check_missed_notes_no_update',
        'trigger check_missed_notes_no_delete',
        'table filtering_changes',
        'index filtering_changes_changed',
        'index filtering_changes_corrects',
        'trigger filtering_changes_no_update',
        'trigger filtering_changes_no_delete',
      ].sort(),
    )
    expect([schema.removed, schema.changed, schema.addedColumns]).toEqual([[], [], {}])
    // The default checks, each with its rhythm counted from the day of the upgrade.
    expect(Object.keys(addedRows).sort()).toEqual(['check_rhythms', 'check_templates'])
    const templates = addedRows['check_templates']!.sort((a, b) => (a['id'] as number) - (b['id'] as number))
    expect(templates.map((t) => ({ name: t['name'], description: t['description'], role: t['responsible_role'], retired: t['retired_on'] }))).toEqual(
      DEFAULT_CHECK_TEMPLATES.map((d) => ({ name: d.name, description: d.description, role: d.role, retired: null })),
    )
    const rhythms = new Map(addedRows['check_rhythms']!.map((r) => [r['template_id'], r]))
    expect(templates.map((t) => rhythms.get(t['id']))).toEqual(
      DEFAULT_CHECK_TEMPLATES.map((d, i) => ({ template_id: templates[i]!['id'], from_on: (templates[i]!['created_at'] as string).slice(0, 10), rhythm: d.rhythm, every_years: d.everyYears })),
    )

    const { db } = bench
    const [policy] = (await db('policies').insert({ title: 'Online safety policy', owner: 'DSL', review_interval_months: 12, next_review_on: '2026-09-01', created_at: AT, created_by: manager, updated_at: AT })) as number[]
    const [review] = (await db('policy_reviews').insert({
      policy_id: policy!,
      reviewed_on: '2026-03-02',
      reviewed_by: 'Siân Ŵyn',
      changes: 'Brought forward after an incident',
      next_review_on: '2027-03-02',
      incident_id: incident,
      recorded_at: AT,
      recorded_by: manager,
      recorded_by_name: 'Bethan Manager',
    })) as number[]
    await db('policy_reviews').where({ id: review }).update({ ratified_on: '2026-03-03', ratified_at: AT, ratified_by: manager, ratified_by_name: 'Bethan Manager' })
    await expect(db('policy_reviews').where({ id: review }).update({ ratified_on: '2026-03-04', ratified_at: AT })).rejects.toThrow(/a review is only ever ratified, once/)
    await db('check_occurrences').insert({ template_id: templates[0]!['id'] as number, done_on: '2026-03-02', done_by: 'Tomos ICT', result: 'pass', recorded_at: AT, recorded_by: ict, recorded_by_name: 'Tomos ICT' })
    await expect(db('check_occurrences').update({ result: 'issues' })).rejects.toThrow(/a recorded check is never changed/)
    const [change] = (await db('filtering_changes').insert({ changed_on: '2026-03-02', change: 'allow', target_kind: 'site', target: 'example.org', reason: 'Lesson', requested_by: 'Rhys Jones', approved_by: 'Siân Ŵyn', recorded_at: AT, recorded_by: ict, recorded_by_name: 'Tomos ICT' })) as number[]
    await expect(db('filtering_changes').where({ id: change }).delete()).rejects.toThrow(/the filtering change log is never edited/)
  })

  migrationTest('0006-permissions', 'adds the permission register, changed only by one revocation, and device scans', async (bench) => {
    const { manager, ict } = await writeStaffAccounts(bench.db)
    const teacher = await writePerson(bench.db, { kind: 'staff', forename: 'Rhys', surname: 'Jones' }, manager)
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema.added.sort()).toEqual(
      [
        'table permissions',
        'index permissions_serial',
        'index permissions_person',
        'index permissions_starts',
        'index permissions_ends',
        'index permissions_system',
        'trigger permissions_no_delete',
        'trigger permissions_revoke_only',
        'table device_scans',
        'index device_scans_latest',
        'trigger device_scans_no_update',
        'trigger device_scans_no_delete',
      ].sort(),
    )
    expect([schema.removed, schema.changed, schema.addedColumns, addedRows]).toEqual([[], [], {}, {}])

    const { db } = bench
    const [permission] = (await db('permissions').insert({
      person_id: teacher,
      kind: 'portable-media',
      device_make: 'SanDisk',
      device_serial: '4C53-0001',
      serial_key: '4C530001',
      authorised_by: 'Bethan Manager',
      starts_on: '2026-03-02',
      created_at: AT,
      created_by: manager,
      created_by_name: 'Bethan Manager',
    })) as number[]
    await db('device_scans').insert({ permission_id: permission!, scanned_on: '2026-03-02', scanned_by: 'Tomos ICT', tool: 'Defender', result: 'clean', recorded_at: AT, recorded_by: ict, recorded_by_name: 'Tomos ICT' })
    await expect(db('permissions').where({ id: permission }).update({ device_serial: 'other' })).rejects.toThrow(/a permission is never changed/)
    await db('permissions').where({ id: permission }).update({ revoked_at: AT, revoked_on: '2026-03-02', revoked_by: manager, revoked_by_name: 'Bethan Manager', revoke_reason: 'Left' })
    await expect(db('permissions').where({ id: permission }).update({ revoke_reason: 'Changed my mind' })).rejects.toThrow(/a permission is never changed/)
    await expect(db('permissions').delete()).rejects.toThrow(/permissions are revoked, never deleted/)
    await expect(db('device_scans').update({ result: 'refused' })).rejects.toThrow(/scans are never changed/)
  })

  migrationTest('0007-annual-review', 'adds one row per year for the headteacher’s annual review commentary', async (bench) => {
    const { manager } = await writeStaffAccounts(bench.db)
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: ['table annual_reviews'], removed: [], changed: [], addedColumns: {}, removedColumns: {} })
    expect(addedRows).toEqual({})
    await bench.db('annual_reviews').insert({ start_year: 2025, updated_at: AT, updated_by: manager, updated_by_name: 'Bethan Manager' })
    expect(await bench.db('annual_reviews').first('commentary', 'priorities', 'head_name', 'chair_name')).toEqual({ commentary: '', priorities: '', head_name: '', chair_name: '' })
    await expect(bench.db('annual_reviews').insert({ start_year: 2025, updated_at: AT, updated_by: manager, updated_by_name: 'Bethan Manager' })).rejects.toThrow(/UNIQUE|PRIMARY/)
  })

  migrationTest('0008-audit-search', 'indexes the audit trail’s action, user and target so a word search scans the index', async (bench) => {
    const { manager } = await writeStaffAccounts(bench.db)
    for (let i = 0; i < 20; i++) await appendAudit(bench.db, { userId: manager, username: 'bmanager', action: 'person.view', target: `person:${i}`, at: AT })
    const { schema, addedRows } = await bench.migrateNext()
    expect(schema).toEqual({ added: ['index audit_log_search'], removed: [], changed: [], addedColumns: {}, removedColumns: {} })
    expect(addedRows).toEqual({})
    expect(await verifyAudit(bench.db)).toMatchObject({ ok: true, checked: 23 })
    // A search by words reads only the index's columns (and the id it carries), never the table.
    const plan = (await bench.db.raw("EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE action LIKE '%view%' OR username LIKE '%view%' OR target LIKE '%view%'")) as { detail: string }[]
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX audit_log_search/)
  })
})
