import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { MethodInput } from '../../shared/api/contract'
import { newCore, ok, refused, setUpSchool, tempDir } from './helpers'
import { issueReport, pdfsig, pdftotext, qpdfCheck } from './pdf-tools'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const NOW = Date.parse('2026-11-20T10:00:00Z')
const GIVEN = 'first given password here'
const PASSWORD = 'amber lantern quiet orchard'

function fresh(now = () => NOW): { core: Core; dir: string } {
  const t = tempDir()
  const core = newCore(t.dir, { now })
  cleanups.push(t.cleanup, () => core.close())
  return { core, dir: t.dir }
}

const REVIEW: MethodInput<'fm.recordReview'> = {
  reviewedOn: '2026-10-14',
  reviewedBy: 'Deputy head (SLT lead), DSL, ICT manager, IT provider',
  riskProfile: 'Pupils aged 4 to 11; Key Stage 2 use laptops.',
  filtering: 'Cloud filter on every device and the pupil wifi.',
  iwfList: true,
  counterTerrorismList: false,
  listsNote: 'Asked the provider to confirm the counter-terrorism list.',
  guestNetwork: 'Guest wifi filtered with the staff profile.',
  personalDevices: 'Not allowed on the network.',
  overBlocking: 'None reported.',
  monitoringStrategy: 'Software monitoring on Key Stage 2 laptops.',
  alertHandling: 'Alerts go to the DSL, triaged within a day.',
  actions: [
    { action: 'Confirm the counter-terrorism list with the provider', owner: 'ICT manager', dueOn: '2026-11-10' },
    { action: 'Report to governors', owner: 'SLT lead', dueOn: '2027-01-20' },
  ],
}

async function userOf(core: Core, role: 'head' | 'dsl' | 'ict' | 'office') {
  await ok(core, 'users.create', { username: `user-${role}`, displayName: `A ${role}`, role, password: GIVEN })
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: `user-${role}`, password: GIVEN })
  await ok(core, 'account.changePassword', { currentPassword: GIVEN, newPassword: PASSWORD })
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: 'bmanager', password: 'kettle violet harbour jump' })
}
async function as(core: Core, role: string) {
  await ok(core, 'session.lock', {})
  await ok(core, 'session.login', { username: `user-${role}`, password: PASSWORD })
}

async function incident(core: Core, occurredOn = '2026-11-18'): Promise<string> {
  const categoryId = (await ok(core, 'incidents.categories', {})).find((c) => c.name === 'Filtering breach')!.id
  const { id } = await ok(core, 'incidents.record', {
    entry: { occurredOn, occurredTime: null, place: 'ICT suite', onSite: true, device: 'school', categoryId, description: 'A proxy site got past the filter.', actionTaken: 'Blocked the site.', childsWords: null, people: [], status: 'open', outcome: null },
  })
  return (await ok(core, 'incidents.get', { id })).reference
}

const auditActions = async (core: Core) => (await core.store.requireOpen().db('audit_log').where('action', 'like', 'fm.%').orderBy('id').pluck('action')) as string[]

describe('filtering and monitoring governance', () => {
  it('names the four responsibilities from the directory or by name, and audits each', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    const deputy = await ok(core, 'people.create', { kind: 'staff', forename: 'Rhian', surname: 'Morgan', staffGroup: 'leadership' })
    const governor = await ok(core, 'people.create', { kind: 'governor', forename: 'Gareth', surname: 'Bowen' })
    await ok(core, 'fm.setRole', { role: 'slt', personId: deputy.id, responsibilities: 'Leads on filtering for the senior team.' })
    await ok(core, 'fm.setRole', { role: 'governor', personId: governor.id, responsibilities: 'Checks the standards are met.' })
    await ok(core, 'fm.setRole', { role: 'it-provider', name: 'Dyffryn Schools IT Ltd', responsibilities: 'Runs the filter.' })
    // Named again: the new holder replaces the old.
    await ok(core, 'fm.setRole', { role: 'it-provider', name: 'Harbourside Education Technology', responsibilities: 'Runs the filter and the monitoring.' })
    const view = await ok(core, 'fm.overview', {})
    expect(view.roles.map((r) => [r.role, r.name, r.personId])).toEqual([
      ['slt', 'Rhian Morgan', deputy.id],
      ['governor', 'Gareth Bowen', governor.id],
      ['it-provider', 'Harbourside Education Technology', null],
    ])
    expect(view.roles[0]).toMatchObject({ updatedOn: '2026-11-20', updatedBy: 'Bethan Manager' })
    expect(await auditActions(core)).toEqual(['fm.setRole', 'fm.setRole', 'fm.setRole', 'fm.setRole'])
  })

  it('refuses a role holder who is both or neither, a pupil, or a governor who is not one, changing nothing', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    const pupil = await ok(core, 'people.create', { kind: 'pupil', forename: 'Osian', surname: 'Rees', dateOfBirth: '2016-05-02', yearGroup: '5', regClass: '5B' })
    const staff = await ok(core, 'people.create', { kind: 'staff', forename: 'Rhian', surname: 'Morgan', staffGroup: 'leadership' })
    expect(await refused(core, 'fm.setRole', { role: 'slt', responsibilities: 'x' })).toMatchObject({ kind: 'validation', field: 'personId', message: expect.stringMatching(/one or the other/) })
    expect(await refused(core, 'fm.setRole', { role: 'slt', personId: staff.id, name: 'Someone', responsibilities: 'x' })).toMatchObject({ kind: 'validation', field: 'personId' })
    expect(await refused(core, 'fm.setRole', { role: 'slt', personId: pupil.id, responsibilities: 'x' })).toMatchObject({ kind: 'validation', message: expect.stringMatching(/A pupil cannot/) })
    expect(await refused(core, 'fm.setRole', { role: 'governor', personId: staff.id, responsibilities: 'x' })).toMatchObject({ kind: 'validation', message: 'Rhian Morgan is not a governor in the directory. Choose the governor responsible.' })
    expect(await refused(core, 'fm.setRole', { role: 'head-of-it', name: 'x', responsibilities: 'x' })).toMatchObject({ kind: 'validation', field: 'role' })
    expect(await refused(core, 'fm.setRole', { role: 'slt', name: 'x', responsibilities: '  ' })).toMatchObject({ kind: 'validation', field: 'responsibilities', message: 'Please enter their responsibilities.' })
    expect((await ok(core, 'fm.overview', {})).roles).toEqual([])
    expect(await auditActions(core)).toEqual([])
  })

  it('records the yearly review with its actions; the next review is a year on; an action is marked done', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    const review = await ok(core, 'fm.recordReview', REVIEW)
    expect(review).toMatchObject({ reviewedOn: '2026-10-14', nextReviewOn: '2027-10-14', iwfList: true, counterTerrorismList: false, recordedBy: 'Bethan Manager' })
    expect(review.actions.map((a) => [a.action, a.dueOn, a.doneOn])).toEqual([
      ['Confirm the counter-terrorism list with the provider', '2026-11-10', null],
      ['Report to governors', '2027-01-20', null],
    ])
    const done = await ok(core, 'fm.completeAction', { id: review.actions[0]!.id, doneOn: '2026-11-12', note: 'Provider confirmed by email.' })
    expect(done).toMatchObject({ doneOn: '2026-11-12', doneNote: 'Provider confirmed by email.' })
    expect((await refused(core, 'fm.completeAction', { id: review.actions[0]!.id, doneOn: '2026-11-13', note: 'Again' })).message).toBe('That action was already marked done on 12/11/2026.')
    const view = await ok(core, 'fm.overview', {})
    expect(view.nextReviewOn).toBe('2027-10-14')
    expect(view.reviews).toEqual([expect.objectContaining({ id: review.id, actions: 2, actionsOpen: 1 })])
    expect(view.openActions.map((a) => a.action)).toEqual(['Report to governors'])
    expect(await auditActions(core)).toEqual(['fm.recordReview', 'fm.completeAction'])
  })

  it('refuses a review in the future, a next review more than a year on, a blank field or an action due before the review, changing nothing', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    expect(await refused(core, 'fm.recordReview', { ...REVIEW, reviewedOn: '2026-12-01' })).toMatchObject({ field: 'reviewedOn', message: expect.stringMatching(/in the future/) })
    expect(await refused(core, 'fm.recordReview', { ...REVIEW, nextReviewOn: '2027-12-01' })).toMatchObject({ field: 'nextReviewOn', message: 'Review filtering and monitoring at least once a year: the next review is due by 14/10/2027.' })
    expect(await refused(core, 'fm.recordReview', { ...REVIEW, overBlocking: '' })).toMatchObject({ kind: 'validation', field: 'overBlocking', message: 'Please enter what was found about over-blocking.' })
    expect(await refused(core, 'fm.recordReview', { ...REVIEW, actions: [{ action: 'x', owner: 'y', dueOn: '2026-09-01' }] })).toMatchObject({ field: 'actions.0.dueOn' })
    expect(await refused(core, 'fm.recordReview', { ...REVIEW, iwfList: 'yes' })).toMatchObject({ kind: 'validation', field: 'iwfList' })
    expect(await refused(core, 'fm.recordReview', { ...REVIEW, extra: 1 })).toMatchObject({ kind: 'validation' })
    expect((await ok(core, 'fm.overview', {})).reviews).toEqual([])
    expect(await auditActions(core)).toEqual([])
  })

  it('takes in alerts, links one to an incident by its reference and closes one with a reason; a triaged alert stays as decided', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    const reference = await incident(core)
    const a = await ok(core, 'fm.recordAlert', { alertedOn: '2026-11-18', source: 'Smoothwall Monitor', what: 'Searched for a proxy site.', deviceOrUser: 'Laptop 12' })
    const b = await ok(core, 'fm.recordAlert', { alertedOn: '2026-11-19', source: 'Class teacher', what: 'Keyword match in a story.' })
    expect(a).toMatchObject({ state: 'open', incidentId: null, deviceOrUser: 'Laptop 12' })
    expect((await ok(core, 'fm.alerts', {})).open).toBe(2)
    const linked = await ok(core, 'fm.triageAlert', { id: a.id, outcome: 'incident', triagedOn: '2026-11-18', incidentReference: reference.toLowerCase() })
    expect(linked).toMatchObject({ state: 'incident', incidentReference: reference, triagedBy: 'Bethan Manager', closedReason: null })
    const closed = await ok(core, 'fm.triageAlert', { id: b.id, outcome: 'closed', triagedOn: '2026-11-19', reason: 'A story for English; a false match.' })
    expect(closed).toMatchObject({ state: 'closed', closedReason: 'A story for English; a false match.', incidentId: null })
    expect((await refused(core, 'fm.triageAlert', { id: b.id, outcome: 'incident', triagedOn: '2026-11-20', incidentReference: reference })).kind).toBe('conflict')
    const page = await ok(core, 'fm.alerts', { state: 'closed' })
    expect(page).toMatchObject({ total: 1, open: 0 })
    expect((await ok(core, 'fm.alerts', { text: 'laptop 1' })).rows.map((r) => r.id)).toEqual([a.id])
    // The audit trail names the alert, never its words (they can name a pupil).
    const rows = (await core.store.requireOpen().db('audit_log').where('action', 'like', 'fm.%').orderBy('id').select('action', 'target', 'detail')) as { action: string; target: string; detail: string }[]
    expect(rows.map((r) => r.action)).toEqual(['fm.recordAlert', 'fm.recordAlert', 'fm.triageAlert', 'fm.triageAlert'])
    expect(JSON.stringify(rows)).not.toMatch(/proxy|story|Laptop/)
  })

  it('refuses a triage without its reference or reason, an unknown incident, a bad date, changing nothing', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    const a = await ok(core, 'fm.recordAlert', { alertedOn: '2026-11-18', source: 'Smoothwall Monitor', what: 'Searched for a proxy site.' })
    expect(await refused(core, 'fm.triageAlert', { id: a.id, outcome: 'incident', triagedOn: '2026-11-19' })).toMatchObject({ field: 'incidentReference', message: expect.stringMatching(/INC-2026-0042/) })
    expect(await refused(core, 'fm.triageAlert', { id: a.id, outcome: 'closed', triagedOn: '2026-11-19' })).toMatchObject({ field: 'reason' })
    expect(await refused(core, 'fm.triageAlert', { id: a.id, outcome: 'incident', triagedOn: '2026-11-19', incidentReference: 'INC-2026-0999' })).toMatchObject({ kind: 'not-found', message: 'There is no incident INC-2026-0999 in the log. Check the reference and try again.' })
    expect(await refused(core, 'fm.triageAlert', { id: a.id, outcome: 'closed', triagedOn: '2026-11-17', reason: 'x' })).toMatchObject({ field: 'triagedOn', message: expect.stringMatching(/before it was raised/) })
    expect(await refused(core, 'fm.recordAlert', { alertedOn: '2026-11-21', source: 'x', what: 'y' })).toMatchObject({ field: 'alertedOn' })
    expect(await refused(core, 'fm.recordAlert', { alertedOn: '2026-02-30', source: 'x', what: 'y' })).toMatchObject({ field: 'alertedOn', message: 'The day of the alert is not a real date.' })
    expect(await refused(core, 'fm.recordAlert', { alertedOn: '2026-11-18', source: 'x', what: '' })).toMatchObject({ field: 'what' })
    expect((await ok(core, 'fm.alerts', {})).rows.map((r) => r.state)).toEqual(['open'])
    expect(await auditActions(core)).toEqual(['fm.recordAlert'])
  })

  it('keeps alerts from the ICT manager and reception, and the review from reception; the ICT manager may record the review', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    for (const r of ['head', 'dsl', 'ict', 'office'] as const) await userOf(core, r)
    await ok(core, 'fm.recordAlert', { alertedOn: '2026-11-18', source: 'Smoothwall Monitor', what: 'Searched for a proxy site.' })
    await as(core, 'ict')
    for (const [method, input] of [
      ['fm.alerts', {}],
      ['fm.recordAlert', { alertedOn: '2026-11-18', source: 'x', what: 'y' }],
      ['fm.triageAlert', { id: 1, outcome: 'closed', triagedOn: '2026-11-18', reason: 'x' }],
      ['fm.setRole', { role: 'slt', name: 'x', responsibilities: 'y' }],
    ] as const) expect((await refused(core, method, input)).kind, method).toBe('forbidden')
    expect((await ok(core, 'fm.recordReview', REVIEW)).recordedBy).toBe('A ict')
    await as(core, 'office')
    for (const method of ['fm.overview', 'fm.review', 'fm.recordReview', 'fm.completeAction', 'fm.alerts'] as const) expect((await refused(core, method, {})).kind, method).toBe('forbidden')
    await as(core, 'dsl')
    expect((await ok(core, 'fm.alerts', {})).total).toBe(1)
    const db = core.store.requireOpen().db
    expect(await db('fm_alerts').count({ n: '*' })).toEqual([{ n: 1 }])
  })

  it('puts the yearly review and the actions on the calendar and the dashboard; alerts waiting only on the safeguarding roles’ dashboard', async () => {
    const { core } = fresh()
    await setUpSchool(core)
    await userOf(core, 'ict')
    await ok(core, 'fm.recordReview', { ...REVIEW, nextReviewOn: '2026-11-30' })
    await ok(core, 'fm.recordAlert', { alertedOn: '2026-11-18', source: 'Smoothwall Monitor', what: 'Searched for a proxy site.' })
    const items = await ok(core, 'calendar.items', { from: '2026-10-01', to: '2027-01-31' })
    const mine = items.filter((i) => i.kind.startsWith('fm-'))
    expect(mine.map((i) => [i.kind, i.dueBy, i.status]).sort()).toEqual(
      [
        ['fm-action', '2026-11-10', 'overdue'],
        ['fm-action', '2027-01-20', 'upcoming'],
        ['fm-review', '2026-10-14', 'done'],
        ['fm-review', '2026-11-30', 'due'],
      ].sort(),
    )
    const dash = await ok(core, 'dashboard.get', {})
    const fm = dash.attention.filter((a) => a.kind === 'fm-governance')
    expect(fm.map((a) => [a.status, a.title])).toEqual(
      expect.arrayContaining([
        ['overdue', 'Filtering and monitoring action: Confirm the counter-terrorism list with the provider'],
        ['due', 'Filtering and monitoring review'],
        ['due', 'Monitoring alerts to triage'],
      ]),
    )
    expect(fm).toHaveLength(3)
    await as(core, 'ict')
    const ictDash = (await ok(core, 'dashboard.get', {})).attention.filter((a) => a.kind === 'fm-governance')
    expect(ictDash.map((a) => a.title)).not.toContain('Monitoring alerts to triage')
    expect(ictDash).toHaveLength(2)
  })

  it('retention deletes closed alerts from before last school year, never linked or open ones, and audits the count', async () => {
    let now = Date.parse('2025-03-10T10:00:00Z')
    const { core } = fresh(() => now)
    await setUpSchool(core)
    const reference = await incident(core, '2025-03-01')
    const old = await ok(core, 'fm.recordAlert', { alertedOn: '2025-03-01', source: 'Monitor', what: 'Old, closed.' })
    await ok(core, 'fm.triageAlert', { id: old.id, outcome: 'closed', triagedOn: '2025-03-02', reason: 'False match.' })
    await ok(core, 'fm.recordAlert', { alertedOn: '2025-03-03', source: 'Monitor', what: 'Old, still open.' })
    const linked = await ok(core, 'fm.recordAlert', { alertedOn: '2025-03-01', source: 'Monitor', what: 'Old, linked.' })
    await ok(core, 'fm.triageAlert', { id: linked.id, outcome: 'incident', triagedOn: '2025-03-02', incidentReference: reference })
    await ok(core, 'session.lock', {})
    now = Date.parse('2025-09-10T10:00:00Z')
    await ok(core, 'session.login', { username: 'bmanager', password: 'kettle violet harbour jump' })
    const recent = await ok(core, 'fm.recordAlert', { alertedOn: '2025-09-10', source: 'Monitor', what: 'Last year, closed.' })
    await ok(core, 'fm.triageAlert', { id: recent.id, outcome: 'closed', triagedOn: '2025-09-10', reason: 'False match.' })
    expect(await core.store.requireOpen().db('audit_log').where('action', 'fm.retention').count({ n: '*' })).toEqual([{ n: 0 }])
    now = Date.parse('2026-11-20T10:00:00Z')
    // 20/11/2026 is in 2026–27: closed alerts of 2025–26 are kept, those of 2024–25 go.
    await ok(core, 'session.lock', {})
    await ok(core, 'session.login', { username: 'bmanager', password: 'kettle violet harbour jump' })
    const left = (await ok(core, 'fm.alerts', {})).rows.map((r) => r.what).sort()
    expect(left).toEqual(['Last year, closed.', 'Old, linked.', 'Old, still open.'])
    const audit = await core.store.requireOpen().db('audit_log').where('action', 'fm.retention').select('detail')
    expect(audit).toEqual([{ detail: '1 closed alert triaged before 2025-09-01' }])
  })

  it('prints a signed report that pdfsig validates, with the roles, the review, its actions and the alerts of the period', async () => {
    const { core, dir } = fresh()
    await setUpSchool(core)
    await ok(core, 'fm.setRole', { role: 'it-provider', name: 'Dyffryn Schools IT Ltd', responsibilities: 'Runs the filter.' })
    const review = await ok(core, 'fm.recordReview', REVIEW)
    await ok(core, 'fm.completeAction', { id: review.actions[0]!.id, doneOn: '2026-11-12', note: 'Provider confirmed by email.' })
    const a = await ok(core, 'fm.recordAlert', { alertedOn: '2026-11-19', source: 'Class teacher', what: 'Keyword match in a story.', deviceOrUser: 'Laptop 7' })
    await ok(core, 'fm.triageAlert', { id: a.id, outcome: 'closed', triagedOn: '2026-11-19', reason: 'A false match.' })
    await ok(core, 'fm.recordAlert', { alertedOn: '2026-08-01', source: 'Monitor', what: 'Outside the period.' })
    const { file, report } = await issueReport(core, { type: 'fm-governance', from: '2026-09-01', to: '2026-11-20' }, dir)
    expect(report.type).toBe('fm-governance')
    expect(pdfsig(file)).toContain('Signature is Valid.')
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(file)
    for (const words of ['Filtering and monitoring governance', 'Dyffryn Schools IT Ltd', 'Governor responsible Not named', 'Review of 14/10/2026', 'Confirm the counter-terrorism list with the provider', '12/11/2026: Provider confirmed by email.', 'Keyword match in a story.', 'Closed: A false match.', '1 alert in the period', 'The next yearly review is due by 14/10/2027.'])
      expect(text).toContain(words)
    expect(text).not.toContain('Outside the period.')
  })
})
