import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { MethodInput } from '../../shared/api/contract'
import { MANAGER, newCore, ok, refused, setUpSchool, tempDir } from './helpers'
import { issueReport, pdfsig, pdftotext, qpdfCheck } from './pdf-tools'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

// Friday 20 November 2026, in the autumn term of 2026–27.
const NOW = Date.parse('2026-11-20T10:00:00Z')
const GIVEN = 'first given password here'
const PASSWORD = 'amber lantern quiet orchard'

function fresh(now = () => NOW): { core: Core; dir: string } {
  const t = tempDir()
  const core = newCore(t.dir, { now })
  cleanups.push(t.cleanup, () => core.close())
  return { core, dir: t.dir }
}

const MEETING: MethodInput<'oversight.recordMeeting'> = {
  metOn: '2026-10-08',
  governor: 'Gareth Bowen',
  dsl: 'Siân Griffiths',
  others: 'Headteacher',
  notes: 'Went through the half term’s incident figures and the filtering review. Osian’s case was discussed.',
  actions: [
    { action: 'Remind staff how to report a wrongly blocked site', owner: 'DSL', dueOn: '2026-10-22' },
    { action: 'Governor to visit a Computing lesson', owner: 'Gareth Bowen', dueOn: '2027-01-29' },
  ],
}

async function userOf(core: Core, role: 'head' | 'dsl' | 'ict' | 'office') {
  await ok(core, 'users.create', { username: `user-${role}`, displayName: `A ${role}`, role, password: GIVEN })
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: `user-${role}`, password: GIVEN })
  await ok(core, 'account.changePassword', { currentPassword: GIVEN, newPassword: PASSWORD })
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
}
async function as(core: Core, role: string) {
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: `user-${role}`, password: PASSWORD })
}

const auditRows = async (core: Core) =>
  (await core.store.requireOpen().db('audit_log').where('action', 'like', 'oversight.%').orderBy('id').select('action', 'target', 'detail')) as { action: string; target: string; detail: string }[]

describe('governor oversight', () => {
  it('records a meeting with its notes and actions, adds an annual review priority, and follows each action to done; every change is audited without the notes', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    const meeting = await ok(core, 'oversight.recordMeeting', MEETING)
    expect(meeting).toMatchObject({ metOn: '2026-10-08', governor: 'Gareth Bowen', dsl: 'Siân Griffiths', others: 'Headteacher', recordedBy: 'Bethan Manager', actions: 2, actionsOpen: 2 })
    const priority = await ok(core, 'oversight.addAction', { source: 'annual-pack', packYear: 2025, action: 'Bring the parents’ online safety page up to date', owner: 'Business manager', dueOn: '2026-12-18' })
    expect(priority).toMatchObject({ source: 'annual-pack', packYear: 2025, meetingId: null, doneOn: null })

    let view = await ok(core, 'oversight.overview', {})
    // Open actions first, soonest due first.
    expect(view.actions.map((a) => [a.action, a.source, a.meetingOn, a.dueOn])).toEqual([
      ['Remind staff how to report a wrongly blocked site', 'meeting', '2026-10-08', '2026-10-22'],
      ['Bring the parents’ online safety page up to date', 'annual-pack', null, '2026-12-18'],
      ['Governor to visit a Computing lesson', 'meeting', '2026-10-08', '2027-01-29'],
    ])
    const first = view.actions[0]!
    const done = await ok(core, 'oversight.completeAction', { id: first.id, doneOn: '2026-10-20', note: 'Said at the staff briefing and in the bulletin.' })
    expect(done).toMatchObject({ doneOn: '2026-10-20', doneNote: 'Said at the staff briefing and in the bulletin.' })
    expect((await refused(core, 'oversight.completeAction', { id: first.id, doneOn: '2026-10-21', note: 'Again' })).message).toBe('That action was already marked done on 20/10/2026.')

    view = await ok(core, 'oversight.overview', {})
    expect(view.meetings).toEqual([expect.objectContaining({ id: meeting.id, actions: 2, actionsOpen: 1 })])
    expect(view.actions.map((a) => a.doneOn)).toEqual([null, null, '2026-10-20'])

    const audit = await auditRows(core)
    expect(audit.map((r) => [r.action, r.target])).toEqual([
      ['oversight.recordMeeting', `oversight-meeting:${meeting.id}`],
      ['oversight.addAction', `oversight-action:${priority.id}`],
      ['oversight.completeAction', `oversight-action:${first.id}`],
    ])
    // The notes can name a pupil: the audit trail names the record, never its words.
    expect(JSON.stringify(audit)).not.toMatch(/Osian|incident figures|briefing/)
  })

  it('refuses a meeting in the future, an action due before it, a blank note, an impossible date and a priority with no year, changing nothing', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    expect(await refused(core, 'oversight.recordMeeting', { ...MEETING, metOn: '2026-11-21' })).toMatchObject({ field: 'metOn', message: expect.stringMatching(/in the future/) })
    expect(await refused(core, 'oversight.recordMeeting', { ...MEETING, metOn: '2026-02-30' })).toMatchObject({ field: 'metOn', message: 'The day of the meeting is not a real date.' })
    expect(await refused(core, 'oversight.recordMeeting', { ...MEETING, notes: '   ' })).toMatchObject({ kind: 'validation', field: 'notes', message: 'Please enter the notes of the meeting.' })
    expect(await refused(core, 'oversight.recordMeeting', { ...MEETING, actions: [{ action: 'x', owner: 'y', dueOn: '2026-10-01' }] })).toMatchObject({ field: 'actions.0.dueOn', message: 'Action 1 is due before it was set: check the date.' })
    expect(await refused(core, 'oversight.recordMeeting', { ...MEETING, extra: 1 })).toMatchObject({ kind: 'validation' })
    expect(await refused(core, 'oversight.addAction', { source: 'annual-pack', action: 'x', owner: 'y', dueOn: '2026-12-01' })).toMatchObject({ field: 'packYear' })
    expect(await refused(core, 'oversight.addAction', { source: 'annual-pack', packYear: 2027, action: 'x', owner: 'y', dueOn: '2026-12-01' })).toMatchObject({ field: 'packYear', message: expect.stringMatching(/has not started yet/) })
    expect(await refused(core, 'oversight.addAction', { source: 'meeting', action: 'x', owner: 'y', dueOn: '2026-12-01' })).toMatchObject({ field: 'source' })
    expect(await refused(core, 'oversight.addAction', { source: 'other', action: 'x', owner: 'y', dueOn: '2026-11-19' })).toMatchObject({ field: 'dueOn' })
    expect((await ok(core, 'oversight.overview', {})).meetings).toEqual([])
    expect(await auditRows(core)).toEqual([])

    const m = await ok(core, 'oversight.recordMeeting', MEETING)
    const action = (await ok(core, 'oversight.overview', {})).actions[0]!
    expect(await refused(core, 'oversight.completeAction', { id: action.id, doneOn: '2026-10-07', note: 'x' })).toMatchObject({ field: 'doneOn', message: 'The action was set on 08/10/2026: it cannot be done before that.' })
    expect(await refused(core, 'oversight.completeAction', { id: action.id, doneOn: '2026-11-21', note: 'x' })).toMatchObject({ field: 'doneOn', message: expect.stringMatching(/in the future/) })
    expect(await refused(core, 'oversight.completeAction', { id: 999, doneOn: '2026-11-20', note: 'x' })).toMatchObject({ kind: 'not-found' })
    expect(await refused(core, 'oversight.completeAction', { id: action.id, doneOn: '2026-11-20', note: '' })).toMatchObject({ field: 'note' })
    expect((await ok(core, 'oversight.overview', {})).meetings).toEqual([expect.objectContaining({ id: m.id, actionsOpen: 2 })])
    expect((await auditRows(core)).map((r) => r.action)).toEqual(['oversight.recordMeeting'])
  })

  it('lets the headteacher and DSL record and read the meetings; the ICT manager and reception see none of it', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    for (const r of ['head', 'dsl', 'ict', 'office'] as const) await userOf(core, r)
    await ok(core, 'oversight.recordMeeting', MEETING)
    for (const r of ['ict', 'office'] as const) {
      await as(core, r)
      for (const [method, input] of [
        ['oversight.overview', {}],
        ['oversight.recordMeeting', MEETING],
        ['oversight.addAction', { source: 'other', action: 'x', owner: 'y', dueOn: '2026-12-01' }],
        ['oversight.completeAction', { id: 1, doneOn: '2026-11-20', note: 'x' }],
      ] as const)
        expect((await refused(core, method, input)).kind, `${r} ${method}`).toBe('forbidden')
      if (r === 'ict') expect((await ok(core, 'dashboard.get', {})).attention.filter((a) => a.kind === 'governor-oversight')).toEqual([])
    }
    await as(core, 'dsl')
    expect((await ok(core, 'oversight.recordMeeting', { ...MEETING, metOn: '2026-11-19', actions: [] })).recordedBy).toBe('A dsl')
    await as(core, 'head')
    const view = await ok(core, 'oversight.overview', {})
    expect(view.meetings.map((m) => [m.metOn, m.notes.slice(0, 12)])).toEqual([
      ['2026-11-19', 'Went through'],
      ['2026-10-08', 'Went through'],
    ])
    await ok(core, 'oversight.completeAction', { id: view.actions[0]!.id, doneOn: '2026-11-20', note: 'Done.' })
  })

  it('puts actions on the calendar and overdue or due ones on the dashboard of the roles that keep them, and asks for a meeting after a term without one', async () => {
    let now = NOW
    const { core } = fresh(() => now)
    await setUpSchool(core)
    await userOf(core, 'ict')
    await ok(core, 'oversight.recordMeeting', MEETING)
    await ok(core, 'oversight.addAction', { source: 'other', action: 'Send the governor the training figures', owner: 'DSL', dueOn: '2026-11-25' })
    const items = (await ok(core, 'calendar.items', { from: '2026-10-01', to: '2027-01-31' })).filter((i) => i.kind.startsWith('oversight-'))
    expect(items.map((i) => [i.kind, i.dueBy, i.status]).sort()).toEqual(
      [
        ['oversight-action', '2026-10-22', 'overdue'],
        ['oversight-action', '2026-11-25', 'due'],
        ['oversight-action', '2027-01-29', 'upcoming'],
        ['oversight-meeting', '2026-10-08', 'done'],
      ].sort(),
    )
    const mine = async () => (await ok(core, 'dashboard.get', {})).attention.filter((a) => a.kind === 'governor-oversight').map((a) => [a.status, a.title, a.dueBy])
    expect(await mine()).toEqual([
      ['overdue', 'Oversight action: Remind staff how to report a wrongly blocked site', '2026-10-22'],
      ['due', 'Oversight action: Send the governor the training figures', '2026-11-25'],
    ])
    await as(core, 'ict')
    expect((await ok(core, 'calendar.items', { from: '2026-10-01', to: '2027-01-31' })).filter((i) => i.kind.startsWith('oversight-'))).toEqual([])
    expect(await mine()).toEqual([])

    // Into February with every action done: a term on from the meeting, the dashboard asks for the next one.
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    for (const a of (await ok(core, 'oversight.overview', {})).actions) await ok(core, 'oversight.completeAction', { id: a.id, doneOn: '2026-11-20', note: 'Done.' })
    expect(await mine()).toEqual([])
    now = Date.parse('2027-02-10T10:00:00Z')
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    expect(await mine()).toEqual([['overdue', 'Meet the online safety governor', '2027-02-07']])
  })

  it('retention deletes meetings and done actions six whole school years on, keeping a meeting while an action of it is open, and audits the count', async () => {
    let now = Date.parse('2020-03-10T10:00:00Z')
    const { core } = fresh(() => now)
    await setUpSchool(core, { recordsBeganOn: '2019-09-01' })
    const old = await ok(core, 'oversight.recordMeeting', { ...MEETING, metOn: '2020-03-02', actions: [{ action: 'Done long ago', owner: 'DSL', dueOn: '2020-04-01' }] })
    await ok(core, 'oversight.recordMeeting', { ...MEETING, metOn: '2020-03-03', notes: 'Still owed.', actions: [{ action: 'Never done', owner: 'DSL', dueOn: '2020-04-01' }] })
    const loose = await ok(core, 'oversight.addAction', { source: 'other', action: 'A loose action', owner: 'DSL', dueOn: '2020-04-01' })
    for (const a of (await ok(core, 'oversight.overview', {})).actions.filter((x) => x.action !== 'Never done')) await ok(core, 'oversight.completeAction', { id: a.id, doneOn: '2020-03-10', note: 'Done.' })
    const relogin = async () => {
      await ok(core, 'session.lock', {})
      await ok(core, 'session.login', { username: MANAGER.username, password: MANAGER.password })
    }
    // 31 August 2026 is still in 2025–26: records of 2019–20 are kept until 2026–27 begins.
    now = Date.parse('2026-08-31T10:00:00Z')
    await relogin()
    expect((await ok(core, 'oversight.overview', {})).meetings).toHaveLength(2)
    now = Date.parse('2026-09-01T11:00:00Z')
    await relogin()
    const view = await ok(core, 'oversight.overview', {})
    expect(view.meetings.map((m) => m.notes)).toEqual(['Still owed.'])
    expect(view.actions.map((a) => a.action)).toEqual(['Never done'])
    expect(view.actions.find((a) => a.id === loose.id)).toBeUndefined()
    expect(view.meetings.find((m) => m.id === old.id)).toBeUndefined()
    expect((await auditRows(core)).filter((r) => r.action === 'oversight.retention').map((r) => r.detail)).toEqual(['1 meeting and 2 done actions from before 2020-09-01'])
  })

  it('prints a signed report that pdfsig validates, with the meetings of the period, their notes, and the actions open or done in it', async () => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    await ok(core, 'oversight.recordMeeting', MEETING)
    await ok(core, 'oversight.recordMeeting', { ...MEETING, metOn: '2026-06-10', notes: 'A meeting before the period.', actions: [{ action: 'Done before the period', owner: 'DSL', dueOn: '2026-07-01' }] })
    await ok(core, 'oversight.addAction', { source: 'annual-pack', packYear: 2025, action: 'Bring the parents’ page up to date', owner: 'Business manager', dueOn: '2026-12-18' })
    for (const a of (await ok(core, 'oversight.overview', {})).actions) {
      if (a.action === 'Done before the period') await ok(core, 'oversight.completeAction', { id: a.id, doneOn: '2026-06-30', note: 'Done.' })
      if (a.action.startsWith('Remind')) await ok(core, 'oversight.completeAction', { id: a.id, doneOn: '2026-10-20', note: 'Said at the staff briefing.' })
    }
    const { file, report } = await issueReport(core, { type: 'governor-oversight', from: '2026-09-01', to: '2026-11-20' }, dir)
    expect(report.type).toBe('governor-oversight')
    expect(pdfsig(file)).toContain('Signature is Valid.')
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(file)
    for (const words of ['Governor oversight of online safety', '08/10/2026', 'Gareth Bowen', 'Siân Griffiths', 'incident figures', 'Remind staff how to report a wrongly blocked site', '20/10/2026: Said at the staff briefing.', 'Annual review 2025', 'Bring the parents’ page up to date', 'Governor to visit a Computing lesson'])
      expect(text).toContain(words)
    expect(text).not.toContain('A meeting before the period.')
    expect(text).not.toContain('Done before the period')

    // The copy for sharing outside the school names nobody in the directory, in the columns or the notes.
    await ok(core, 'people.create', { kind: 'governor', forename: 'Gareth', surname: 'Bowen' })
    await ok(core, 'people.create', { kind: 'pupil', forename: 'Osian', surname: 'Rees', dateOfBirth: '2016-05-02', yearGroup: '5', regClass: '5B' })
    const anonymised = await issueReport(core, { type: 'governor-oversight', from: '2026-09-01', to: '2026-11-20', anonymised: true }, dir)
    expect(pdfsig(anonymised.file)).toContain('Signature is Valid.')
    const shared = pdftotext(anonymised.file)
    expect(shared).toContain('a governor')
    expect(shared).toContain('incident figures')
    expect(shared).not.toMatch(/Gareth|Bowen|Osian/)
  })
})
