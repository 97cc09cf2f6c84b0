// The date of an incident, checked by the core whatever the window sends: nothing before 1990,
// nothing before the school's records began without the reason (kept with the entry), nothing
// more than a year old without the writer's confirmation. On real encrypted files.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { openRaw } from '../../electron/core/db/sqlcipher'
import { findUserSlot, openUserSlot } from '../../electron/core/vault/vault'
import { MANAGER, newCore, ok, refused, SCHOOL, tempDir } from './helpers'
import { readVaultFile } from './legacy-vault'
import { issueReport, pdftotext } from './pdf-tools'
import { auditRows, clock, school, type School } from './people-fixtures'

let open: School | null = null
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  await open?.close()
  open = null
  for (const c of cleanups.splice(0)) await c()
})

const entryFor = (categoryId: number) => (occurredOn: string) => ({
  occurredOn,
  occurredTime: null,
  place: 'Library',
  onSite: true,
  device: 'school' as const,
  categoryId,
  description: 'A pupil found a way round the filter.',
  actionTaken: 'Filter rule added.',
  childsWords: null,
  people: [],
  status: 'open' as const,
  outcome: null,
})

const count = async (core: Core) => (await ok(core, 'incidents.list', { offset: 0, limit: 50 })).total

/** A school set up on the clock's day, saying nothing about when its records began. */
async function newSchool(now: () => number): Promise<{ core: Core; dir: string }> {
  const t = tempDir('osr-dates-')
  const core = newCore(t.dir, { now })
  cleanups.push(async () => {
    await core.close()
    t.cleanup()
  })
  await ok(core, 'setup.create', { school: SCHOOL, manager: MANAGER })
  return { core, dir: t.dir }
}

describe('the date of an incident', () => {
  it('refuses a date before 1990 (a slip of the year) and takes an old but possible one when confirmed', async () => {
    open = await school(clock('2026-12-05T09:00:00Z').now)
    const { core } = open
    await ok(core, 'school.setRecordsBegan', { on: '1990-01-01' })
    await open.as('dsl')
    const entry = entryFor((await ok(core, 'incidents.categories', {}))[0]!.id)
    for (const day of ['1900-01-01', '1989-12-31']) {
      expect(await refused(core, 'incidents.record', { entry: entry(day), oldDateConfirmed: true, beforeRecordsReason: 'From the paper log.' }), day).toMatchObject({
        kind: 'validation',
        field: 'occurredOn',
        message: 'That date is before 1990, earlier than any record this register holds. Check the year.',
      })
    }
    expect(await count(core)).toBe(0)
    await ok(core, 'incidents.record', { entry: entry('1990-01-01'), oldDateConfirmed: true })
    await ok(core, 'incidents.record', { entry: entry('2026-12-04') })
    expect(await count(core)).toBe(2)
  })

  it('refuses an incident more than a year old unless the writer confirms the date; an unchanged date is not asked about again', async () => {
    open = await school(clock('2026-12-05T09:00:00Z').now)
    const { core } = open
    await open.as('dsl')
    const entry = entryFor((await ok(core, 'incidents.categories', {}))[0]!.id)
    for (const input of [{ entry: entry('2025-12-04') }, { entry: entry('2025-12-04'), oldDateConfirmed: false }]) {
      expect(await refused(core, 'incidents.record', input)).toEqual({
        kind: 'validation',
        field: 'occurredOn',
        message: '04/12/2025 is more than a year ago. Check the year; if the incident really happened then, confirm the date and save again.',
      })
    }
    expect(await count(core)).toBe(0)
    // A year ago to the day is not "more than a year".
    await ok(core, 'incidents.record', { entry: entry('2025-12-05') })
    const { id } = await ok(core, 'incidents.record', { entry: entry('2025-12-04'), oldDateConfirmed: true })
    expect(await count(core)).toBe(2)

    // Closing it later keeps its date: no confirmation is asked for again.
    await ok(core, 'incidents.amend', { id, entry: { ...entry('2025-12-04'), status: 'closed', outcome: 'Dealt with.' }, reason: 'Closed: dealt with.' })
    // Moving it further back is a new date: asked again, and nothing changes until confirmed.
    expect((await refused(core, 'incidents.amend', { id, entry: entry('2025-06-01'), reason: 'The date was wrong.' })).field).toBe('occurredOn')
    expect((await ok(core, 'incidents.get', { id })).current.version).toBe(2)
    await ok(core, 'incidents.amend', { id, entry: entry('2025-06-01'), reason: 'The date was wrong.', oldDateConfirmed: true })
    expect((await ok(core, 'incidents.get', { id })).current.entry.occurredOn).toBe('2025-06-01')
  })

  it('refuses an incident dated before the school’s records began unless the reason is given, and keeps the reason with the entry', async () => {
    const c = clock('2026-12-05T09:00:00Z')
    const { core, dir } = await newSchool(c.now)
    // Without a day given at set-up, the records begin on the day of set-up.
    expect(await ok(core, 'school.recordsBegan', {})).toEqual({ on: '2026-12-05' })
    const entry = entryFor((await ok(core, 'incidents.categories', {}))[0]!.id)

    for (const input of [{ entry: entry('2026-12-04') }, { entry: entry('2026-12-04'), beforeRecordsReason: '   ' }]) {
      const error = await refused(core, 'incidents.record', input)
      expect(error.kind).toBe('validation')
      expect(error.field).toBe('beforeRecordsReason')
    }
    expect((await refused(core, 'incidents.record', { entry: entry('2026-12-04') })).message).toBe(
      '04/12/2026 is before the school’s records began (05/12/2026). Check the year; if the incident really happened then, say why it is being recorded now.',
    )
    expect(await count(core)).toBe(0)

    const reason = 'Written on paper the day before the register was set up.'
    const { id } = await ok(core, 'incidents.record', { entry: entry('2026-12-04'), beforeRecordsReason: reason })
    let detail = await ok(core, 'incidents.get', { id })
    expect(detail.current.beforeRecordsReason).toBe(reason)
    // The signed copy of the entry says it too.
    const printed = await issueReport(core, { type: 'incident-record', recordId: id }, join(dir, 'out'))
    expect(pdftotext(printed.file)).toContain(`Before the school’s records began Why it was recorded later: ${reason}`)
    // An amendment that keeps the date keeps the reason on the new version; the signed chain still holds.
    await ok(core, 'incidents.amend', { id, entry: { ...entry('2026-12-04'), place: 'The library' }, reason: 'The place was wrong.' })
    detail = await ok(core, 'incidents.get', { id })
    expect(detail.current.version).toBe(2)
    expect(detail.current.beforeRecordsReason).toBe(reason)
    expect(detail.versions.every((v) => v.signature.valid)).toBe(true)
    // Moved to a day after the records began, it no longer carries one.
    await ok(core, 'incidents.amend', { id, entry: entry('2026-12-05'), reason: 'The date was wrong.' })
    expect((await ok(core, 'incidents.get', { id })).current.beforeRecordsReason).toBeNull()
    // An entry on or after the day needs none, and keeps none even when one is sent.
    const later = await ok(core, 'incidents.record', { entry: entry('2026-12-05'), beforeRecordsReason: 'Not needed here.' })
    expect((await ok(core, 'incidents.get', { id: later.id })).current.beforeRecordsReason).toBeNull()
  })

  it('lets the business manager move the day the records began, audited; nobody else; never after today or before 1990', async () => {
    const c = clock('2026-12-05T09:00:00Z')
    open = await school(c.now)
    const { core } = open
    await ok(core, 'school.setRecordsBegan', { on: '2024-09-02' })
    expect(await ok(core, 'school.recordsBegan', {})).toEqual({ on: '2024-09-02' })
    expect((await auditRows(core, 'school.recordsBegan')).map((r) => r.detail)).toEqual(['01/09/2000 → 02/09/2024'])
    expect(await refused(core, 'school.setRecordsBegan', { on: '2026-12-06' })).toMatchObject({ kind: 'validation', field: 'on', message: expect.stringMatching(/cannot begin after today/) })
    expect((await refused(core, 'school.setRecordsBegan', { on: '1989-06-01' })).message).toMatch(/before 1990/)
    expect((await refused(core, 'school.setRecordsBegan', { on: '2025-02-30' })).message).toMatch(/does not exist/)
    expect(await ok(core, 'school.recordsBegan', {})).toEqual({ on: '2024-09-02' })

    await open.as('dsl')
    expect((await refused(core, 'school.setRecordsBegan', { on: '2020-01-01' })).kind).toBe('forbidden')
    // Everyone who records reads it (the form asks for a reason before saving).
    expect(await ok(core, 'school.recordsBegan', {})).toEqual({ on: '2024-09-02' })
    const entry = entryFor((await ok(core, 'incidents.categories', {}))[0]!.id)
    expect((await refused(core, 'incidents.record', { entry: entry('2024-09-01'), oldDateConfirmed: true })).field).toBe('beforeRecordsReason')
    await ok(core, 'incidents.record', { entry: entry('2024-09-02'), oldDateConfirmed: true })
  })

  it('refuses a day of set-up’s records that has not come yet, and sets up nothing', async () => {
    const t = tempDir('osr-dates-')
    const core = newCore(t.dir, { now: clock('2026-12-05T09:00:00Z').now })
    cleanups.push(async () => {
      await core.close()
      t.cleanup()
    })
    expect(await refused(core, 'setup.create', { school: SCHOOL, manager: MANAGER, recordsBeganOn: '2027-01-04' })).toMatchObject({ kind: 'validation', field: 'recordsBeganOn' })
    expect((await ok(core, 'app.status', {})).setUp).toBe(false)
    await ok(core, 'setup.create', { school: SCHOOL, manager: MANAGER, recordsBeganOn: '2019-09-02' })
    expect(await ok(core, 'school.recordsBegan', {})).toEqual({ on: '2019-09-02' })
  })

  it('a register from before this version starts its records on its earliest incident (migration 0017)', async () => {
    const c = clock('2026-12-05T09:00:00Z')
    const { core, dir } = await newSchool(c.now)
    await ok(core, 'school.setRecordsBegan', { on: '2021-01-01' })
    const entry = entryFor((await ok(core, 'incidents.categories', {}))[0]!.id)
    await ok(core, 'incidents.record', { entry: entry('2022-03-14'), oldDateConfirmed: true })
    await ok(core, 'incidents.record', { entry: entry('2023-05-01'), oldDateConfirmed: true })
    await core.close()

    // Back to schema 16: no records-began column, the migration not yet applied.
    const search = findUserSlot(readVaultFile(dir), MANAGER.username)
    if (!('found' in search)) throw new Error('no manager slot')
    const raw = openRaw(join(dir, 'register.db'), (await openUserSlot(search.found, MANAGER.password)).dbKey)
    raw.exec('ALTER TABLE school DROP COLUMN records_began_on')
    raw.exec("DELETE FROM knex_migrations WHERE name = '0017-records-began'")
    raw.exec('PRAGMA user_version = 16')
    raw.close()

    const again = newCore(dir, { now: c.now })
    cleanups.push(() => again.close())
    await ok(again, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    expect(await ok(again, 'school.recordsBegan', {})).toEqual({ on: '2022-03-14' })
  })
})
