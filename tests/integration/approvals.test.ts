import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { approvalsRetention } from '../../electron/core/approvals/retention'
import { approvalsAttention } from '../../electron/core/approvals/attention'
import type { ApprovalRequest } from '../../shared/features/approvals/contract'
import { ok, refused } from './helpers'
import { auditRows, clock, school, type School } from './people-fixtures'
import { issueReport, pdfsig, pdftotext, qpdfCheck } from './pdf-tools'

let open: School[] = []
afterEach(async () => {
  for (const s of open) await s.close()
  open = []
})

const APP: ApprovalRequest = {
  kind: 'new-app',
  title: 'Tapestry online learning journal',
  purpose: 'Reception staff record observations and share them with parents.',
  personalData: 'Pupils’ names, dates of birth, photographs and observations; parents’ email addresses.',
  address: 'https://tapestry.info',
  risks: 'Photographs of pupils shared beyond the family; staff using personal phones to upload.',
  mitigations: 'School iPads only; parents agree not to share; two-factor sign-in for staff.',
  riskLevel: 'medium',
  accountHolderIds: [],
}

/** A school whose ICT manager is signed in, with two members of staff and a clock that can be moved. */
async function register(start = '2026-06-16T09:00:00Z') {
  const time = clock(start)
  const s = await school(time.now)
  open.push(s)
  const teacher = await ok(s.core, 'people.create', { kind: 'staff', forename: 'Seán', surname: "O'Brien", staffGroup: 'teaching', jobTitle: 'Teacher of Computing' })
  const office = await ok(s.core, 'people.create', { kind: 'staff', forename: 'Ffion', surname: 'Hughes', staffGroup: 'support', jobTitle: 'Office manager' })
  const pupil = await ok(s.core, 'people.create', { kind: 'pupil', forename: 'Zoë', surname: 'Fairbairn', dateOfBirth: '2014-03-14', yearGroup: '6', regClass: '6B' })
  await s.as('ict')
  return { ...s, time, teacher, office, pupil }
}

const count = async (core: Core, table: string) => Number(((await core.store.requireOpen().db(table).count({ n: '*' })) as { n: number }[])[0]!.n)
const tables = async (core: Core) => [await count(core, 'approvals'), await count(core, 'approval_decisions'), await count(core, 'approval_account_holders'), await count(core, 'audit_log')]

describe('approvals and risk assessments', () => {
  it('a request by the ICT manager, decided by the headteacher, reviewed later, with the history kept', async () => {
    const s = await register()
    const { id } = await ok(s.core, 'approvals.request', APP)
    expect((await ok(s.core, 'approvals.get', { id })).status).toBe('awaiting')
    await s.as('head')
    await ok(s.core, 'approvals.decide', { id, outcome: 'approved-with-conditions', conditions: 'School iPads only.', decidedOn: '2026-06-16', reviewOn: '2027-06-16' })
    let detail = await ok(s.core, 'approvals.get', { id })
    expect(detail).toMatchObject({ status: 'approved', outcome: 'approved-with-conditions', decidedBy: 'A head', decidedOn: '2026-06-16', reviewOn: '2027-06-16', requestedBy: 'A ict', requestedOn: '2026-06-16' })
    expect(detail.decisions).toHaveLength(1)

    // The decision is recorded once: a second one is refused and nothing changes.
    const before = await tables(s.core)
    const again = await refused(s.core, 'approvals.decide', { id, outcome: 'refused', reason: 'Changed my mind.', decidedOn: '2026-06-16' })
    expect(again.kind).toBe('conflict')
    expect(again.message).toMatch(/decided on 16\/06\/2026.*record a review/)
    expect(await tables(s.core)).toEqual(before)
    // Nor can a row be edited underneath the app.
    await expect(s.core.store.requireOpen().db('approval_decisions').where({ approval_id: id }).update({ outcome: 'refused' })).rejects.toThrow(/never changed/)

    // A month before the review the approval is "review due"; after the review day it has lapsed.
    s.time.set('2027-05-20T09:00:00Z')
    await s.as('head')
    expect((await ok(s.core, 'approvals.get', { id })).status).toBe('review-due')
    s.time.set('2027-06-17T09:00:00Z')
    await s.as('head')
    expect((await ok(s.core, 'approvals.get', { id })).status).toBe('lapsed')
    await ok(s.core, 'approvals.review', { id, outcome: 'approved', decidedOn: '2027-06-17', reviewOn: '2028-06-16', notes: 'Checked the provider’s data processing terms; no incidents this year.', riskLevel: 'low' })
    detail = await ok(s.core, 'approvals.get', { id })
    expect(detail).toMatchObject({ status: 'approved', outcome: 'approved', reviewOn: '2028-06-16' })
    expect(detail.decisions.map((d) => [d.isReview, d.outcome, d.riskLevel, d.reviewOn])).toEqual([
      [false, 'approved-with-conditions', 'medium', '2027-06-16'],
      [true, 'approved', 'low', '2028-06-16'],
    ])
    expect((await auditRows(s.core, 'approvals.request')).map((r) => r.detail)).toEqual(['new-app'])
    expect((await auditRows(s.core, 'approvals.decide')).map((r) => [r.target, r.detail, r.result])).toEqual([[`approval:${id}`, 'approved-with-conditions', 'ok']])
    expect((await auditRows(s.core, 'approvals.review')).map((r) => [r.target, r.detail])).toEqual([[`approval:${id}`, 'approved']])
  })

  it('a refusal has a reason and no review, and cannot be reviewed', async () => {
    const s = await register()
    const { id } = await ok(s.core, 'approvals.request', { ...APP, kind: 'pupil-phone', title: 'Year 6 phones for a local history photo trail', personalData: undefined, riskLevel: 'high' })
    await s.as('head')
    const noReason = await refused(s.core, 'approvals.decide', { id, outcome: 'refused', decidedOn: '2026-06-16' })
    expect([noReason.kind, noReason.field, noReason.message]).toEqual(['validation', 'reason', 'Write why it was refused.'])
    await ok(s.core, 'approvals.decide', { id, outcome: 'refused', reason: 'Use the school iPads instead.', decidedOn: '2026-06-16' })
    expect((await ok(s.core, 'approvals.get', { id })).status).toBe('refused')
    const review = await refused(s.core, 'approvals.review', { id, outcome: 'approved', decidedOn: '2026-06-16', reviewOn: '2026-09-01', notes: 'Looked again.', riskLevel: 'low' })
    expect(review.message).toMatch(/refused.*new approval/)
  })

  it('only the head decides; the manager, DSL and ICT manager ask; reception sees nothing', async () => {
    const s = await register()
    const { id } = await ok(s.core, 'approvals.request', APP)
    for (const role of ['manager', 'dsl', 'ict'] as const) {
      await s.as(role)
      expect((await ok(s.core, 'approvals.list', {})).total).toBeGreaterThan(0)
      const before = await tables(s.core)
      const denied = await refused(s.core, 'approvals.decide', { id, outcome: 'approved', decidedOn: '2026-06-16', reviewOn: '2027-06-16' })
      expect(denied.kind).toBe('forbidden')
      expect((await tables(s.core)).slice(0, 3)).toEqual(before.slice(0, 3))
      await ok(s.core, 'approvals.request', { ...APP, title: `Asked by ${role}` })
    }
    await s.as('office')
    for (const [method, input] of [['approvals.list', {}], ['approvals.get', { id }], ['approvals.request', APP]] as const) {
      expect((await refused(s.core, method, input)).kind).toBe('forbidden')
    }
    await s.as('head')
    const page = await ok(s.core, 'approvals.list', {})
    expect(page.rows.map((r) => r.requestedBy).sort()).toEqual(['A dsl', 'A ict', 'A ict', 'Bethan Manager'].sort())
  })

  it('refuses bad input with the field at fault, and changes nothing', async () => {
    const s = await register()
    const before = await tables(s.core)
    const cases: [unknown, string, RegExp][] = [
      [{ ...APP, title: '  ' }, 'title', /what is to be approved/],
      [{ ...APP, personalData: undefined }, 'personalData', /personal data/],
      [{ ...APP, address: 'tapestry' }, 'address', /https/],
      [{ ...APP, riskLevel: 'extreme' }, 'riskLevel', /risk level/],
      [{ ...APP, kind: 'social-media' }, 'accountHolderIds', /at least one account holder/],
      [{ ...APP, accountHolderIds: [s.teacher.id] }, 'accountHolderIds', /Only a social media channel/],
      [{ ...APP, kind: 'social-media', accountHolderIds: [s.pupil.id] }, 'accountHolderIds', /member of staff/],
      [{ ...APP, kind: 'social-media', accountHolderIds: [99999] }, 'accountHolderIds', /member of staff/],
      [{ ...APP, extra: 1 }, '', /./],
    ]
    for (const [input, field, message] of cases) {
      const e = await refused(s.core, 'approvals.request', input)
      expect(e.kind).toBe('validation')
      if (field) expect(e.field).toBe(field)
      expect(e.message).toMatch(message)
    }
    const { id } = await ok(s.core, 'approvals.request', APP)
    await s.as('head')
    const mid = await tables(s.core)
    const decisions: [unknown, string, RegExp][] = [
      [{ id, outcome: 'approved', decidedOn: '2026-06-16' }, 'reviewOn', /day it is to be reviewed/],
      [{ id, outcome: 'approved', decidedOn: '2026-06-16', reviewOn: '2026-06-16' }, 'reviewOn', /after the day of the decision/],
      [{ id, outcome: 'approved-with-conditions', decidedOn: '2026-06-16', reviewOn: '2027-01-01' }, 'conditions', /conditions/],
      [{ id, outcome: 'approved', decidedOn: '2026-06-17', reviewOn: '2027-01-01' }, 'decidedOn', /future/],
      [{ id, outcome: 'approved', decidedOn: '2026-06-01', reviewOn: '2027-01-01' }, 'decidedOn', /on or after the day it was asked for/],
      [{ id, outcome: 'refused', reason: 'No.', decidedOn: '2026-06-16', reviewOn: '2027-01-01' }, 'reviewOn', /no review date/],
      [{ id: 4242, outcome: 'approved', decidedOn: '2026-06-16', reviewOn: '2027-01-01' }, '', /not in the register/],
    ]
    for (const [input, field, message] of decisions) {
      const e = await refused(s.core, 'approvals.decide', input)
      if (field) expect(e.field).toBe(field)
      expect(e.message).toMatch(message)
    }
    expect((await tables(s.core)).slice(0, 3)).toEqual(mid.slice(0, 3))
    expect(mid.slice(0, 3)).toEqual([before[0]! + 1, before[1], before[2]])
  })

  it('a social media channel names its account holders with the accounts the permission register gives them', async () => {
    const s = await register()
    await ok(s.core, 'permissions.grant', { kind: 'credential-holder', personId: s.office.id, systemName: 'Facebook', accountName: 'The Rosewood School page', authorisedBy: 'Headteacher', startsOn: '2026-06-01' })
    const { id } = await ok(s.core, 'approvals.request', {
      kind: 'social-media',
      title: 'School Facebook page',
      purpose: 'News and celebrations for parents.',
      address: 'https://www.facebook.com/therosewoodschool/',
      risks: 'Comments from the public; pupils’ images shared.',
      mitigations: 'Comments off; only pupils with photo consent; two account holders.',
      riskLevel: 'medium',
      accountHolderIds: [s.office.id, s.teacher.id],
    })
    const detail = await ok(s.core, 'approvals.get', { id })
    expect(detail.accountHolders).toEqual([
      { personId: s.office.id, name: 'Ffion Hughes', credentials: ['Facebook: The Rosewood School page'] },
      { personId: s.teacher.id, name: "Seán O'Brien", credentials: [] },
    ])
  })

  it('lists by kind, status and words, with counts and pages', async () => {
    const s = await register()
    for (let i = 0; i < 60; i++) await ok(s.core, 'approvals.request', { ...APP, title: `App number ${i}` })
    await ok(s.core, 'approvals.request', { ...APP, kind: 'remote-learning', title: 'Microsoft Teams for parents’ evenings' })
    await s.as('head')
    await ok(s.core, 'approvals.decide', { id: 1, outcome: 'approved', decidedOn: '2026-06-16', reviewOn: '2026-07-01' })
    await ok(s.core, 'approvals.decide', { id: 2, outcome: 'approved', decidedOn: '2026-06-16', reviewOn: '2027-07-01' })
    await ok(s.core, 'approvals.decide', { id: 3, outcome: 'refused', reason: 'Not needed.', decidedOn: '2026-06-16' })
    const all = await ok(s.core, 'approvals.list', {})
    expect(all.total).toBe(61)
    expect(all.rows).toHaveLength(50)
    expect(all.counts).toEqual({ awaiting: 58, approved: 1, 'review-due': 1, lapsed: 0, refused: 1 })
    expect((await ok(s.core, 'approvals.list', { offset: 50 })).rows).toHaveLength(11)
    expect((await ok(s.core, 'approvals.list', { kind: 'remote-learning' })).rows.map((r) => r.title)).toEqual(['Microsoft Teams for parents’ evenings'])
    expect((await ok(s.core, 'approvals.list', { text: 'teams  MICROSOFT' })).total).toBe(1)
    expect((await ok(s.core, 'approvals.list', { status: 'review-due' })).rows.map((r) => r.id)).toEqual([1])
  })
})

describe('the approvals register report', () => {
  it('is signed, and shows what is in force, what waits, and the decisions in the period', async () => {
    const s = await register('2026-06-16T09:00:00Z')
    const app = await ok(s.core, 'approvals.request', APP)
    const channel = await ok(s.core, 'approvals.request', { ...APP, kind: 'social-media', title: 'School Facebook page', personalData: undefined, accountHolderIds: [s.office.id] })
    const phones = await ok(s.core, 'approvals.request', { ...APP, kind: 'pupil-phone', title: 'Year 6 phones for a photo trail', personalData: undefined })
    await ok(s.core, 'approvals.request', { ...APP, kind: 'remote-learning', title: 'Zoom for a visiting author' })
    await s.as('head')
    await ok(s.core, 'approvals.decide', { id: app.id, outcome: 'approved-with-conditions', conditions: 'School iPads only.', decidedOn: '2026-06-16', reviewOn: '2026-07-01' })
    await ok(s.core, 'approvals.decide', { id: channel.id, outcome: 'approved', decidedOn: '2026-06-16', reviewOn: '2027-06-01' })
    await ok(s.core, 'approvals.decide', { id: phones.id, outcome: 'refused', reason: 'Use the school iPads.', decidedOn: '2026-06-16' })
    const { file } = await issueReport(s.core, { type: 'approvals-register', from: '2026-06-01', to: '2026-06-30' }, s.dir)
    expect(pdfsig(file)).toContain('Signature is Valid.')
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/)
    const text = pdftotext(file).replace(/\s+/g, ' ')
    expect(text).toContain('Approvals and risk assessments register')
    expect(text).toContain('2 approvals in force, of which 0 had passed the review date (lapsed) and 1 fell due for review within 30 days; 1 request waits for the headteacher’s decision. 3 decisions and reviews were recorded in the period.')
    for (const t of ['Tapestry online learning journal', 'School iPads only.', '01/07/2026 (due)', 'School Facebook page', 'Zoom for a visiting author', 'Use the school iPads.', 'Refused']) expect(text).toContain(t)
    if (process.env['OSR_KEEP_PAGES']) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(process.env['OSR_KEEP_PAGES'], 'approvals-register')])
  }, 60_000)
})

describe('approvals on the dashboard, the calendar and in retention', () => {
  /** An app approved with a review in 10 days, one lapsed, one refused long ago, one waiting. */
  async function mixed() {
    const s = await register('2020-03-02T10:00:00Z')
    const soon = await ok(s.core, 'approvals.request', { ...APP, title: 'Purple Mash' })
    const late = await ok(s.core, 'approvals.request', { ...APP, title: 'Seesaw class app' })
    const old = await ok(s.core, 'approvals.request', { ...APP, title: 'A chatbot', riskLevel: 'high' })
    await s.as('head')
    await ok(s.core, 'approvals.decide', { id: soon.id, outcome: 'approved', decidedOn: '2020-03-02', reviewOn: '2026-06-26' })
    await ok(s.core, 'approvals.decide', { id: late.id, outcome: 'approved', decidedOn: '2020-03-02', reviewOn: '2026-05-01' })
    await ok(s.core, 'approvals.decide', { id: old.id, outcome: 'refused', reason: 'Over its age limit.', decidedOn: '2020-03-02' })
    s.time.set('2026-06-16T09:00:00Z')
    await s.as('ict')
    const waiting = await ok(s.core, 'approvals.request', { ...APP, title: 'Canva for Education' })
    return { s, soon, late, old, waiting }
  }

  it('shows the head what waits for their decision, and everyone who reads the register the reviews due and lapsed; reception nothing', async () => {
    const { s, soon, late, waiting } = await mixed()
    const mine = async () => (await ok(s.core, 'dashboard.get', {})).attention.filter((a) => a.kind === 'approvals').map((a) => [a.status, a.title, a.to])
    await s.as('head')
    expect(await mine()).toEqual(
      expect.arrayContaining([
        ['overdue', 'Review overdue: Seesaw class app', `/approvals/${late.id}`],
        ['due', 'Review due: Purple Mash', `/approvals/${soon.id}`],
        ['due', 'Decide: Canva for Education', `/approvals/${waiting.id}`],
      ]),
    )
    expect(await mine()).toHaveLength(3)
    for (const role of ['manager', 'dsl', 'ict'] as const) {
      await s.as(role)
      expect((await mine()).map((a) => a[1]).sort()).toEqual(['Review due: Purple Mash', 'Review overdue: Seesaw class app'])
    }
    // Reception has no dashboard of this kind, and the source gives it nothing.
    expect(await approvalsAttention({ store: s.core.store, now: s.time.now }, 'office')).toEqual([])
  })

  it('puts review dates on the calendar (overdue, due, and reviews done) for the roles that read the register', async () => {
    const { s, soon, late } = await mixed()
    await s.as('head')
    await ok(s.core, 'approvals.review', { id: late.id, outcome: 'approved', decidedOn: '2026-06-16', reviewOn: '2027-06-16', notes: 'Looked at again.', riskLevel: 'low' })
    await s.as('dsl')
    const items = (await ok(s.core, 'calendar.items', { from: '2026-06-01', to: '2027-06-30' })).filter((i) => i.kind === 'approvals')
    expect(items.map((i) => [i.key, i.date, i.status]).sort()).toEqual(
      [
        [`approval-review:${soon.id}`, '2026-06-26', 'due'],
        [`approval-review:${late.id}`, '2027-06-16', 'upcoming'],
        [`approval-review:${late.id}:done:${(await ok(s.core, 'approvals.get', { id: late.id })).decisions[1]!.id}`, '2026-06-16', 'done'],
      ].sort(),
    )
    const dash = await ok(s.core, 'calendar.dashboard', {})
    expect(dash.dueSoon.filter((i) => i.kind === 'approvals').map((i) => i.title)).toEqual(['Purple Mash'])
    expect(dash.overdue.filter((i) => i.kind === 'approvals')).toEqual([])
  })

  it('deletes an approval six years after it ended, at the business manager’s first sign-in of the day, and keeps the rest', async () => {
    const { s, soon, late, old, waiting } = await mixed()
    const ids = async () => (await s.core.store.requireOpen().db('approvals').orderBy('id').pluck('id')) as number[]
    // The day before six years are up it is kept...
    s.time.set('2026-03-02T09:00:00Z')
    await s.as('manager')
    expect(await ids()).toEqual([soon.id, late.id, old.id, waiting.id])
    // ...and the next day's run deletes it with its decision; the ones in force, lapsed or waiting stay.
    s.time.set('2026-03-03T10:00:00Z')
    await s.as('manager')
    expect(await ids()).toEqual([soon.id, late.id, waiting.id])
    expect(await s.core.store.requireOpen().db('approval_decisions').where({ approval_id: old.id }).first()).toBeUndefined()
    expect((await auditRows(s.core, 'approvals.retention')).map((r) => r.detail)).toEqual(expect.arrayContaining(['0 ended before 2020-03-02 deleted', '1 ended before 2020-03-03 deleted']))
    // Run again the same day, nothing more goes.
    expect(await approvalsRetention.run({ store: s.core.store, now: s.time.now })).toBe(0)
  })

  it('keeps an ended channel whose account holder is under a safeguarding hold', async () => {
    const s = await register('2019-01-07T10:00:00Z')
    const { id } = await ok(s.core, 'approvals.request', { ...APP, kind: 'social-media', title: 'A class blog', personalData: undefined, accountHolderIds: [s.teacher.id] })
    await s.as('head')
    await ok(s.core, 'approvals.decide', { id, outcome: 'refused', reason: 'Use the school website.', decidedOn: '2019-01-07' })
    await s.core.store.requireOpen().db('people').where({ id: s.teacher.id }).update({ safeguarding_hold: 1, hold_reason: 'Allegation under investigation' })
    s.time.set('2026-06-16T09:00:00Z')
    await s.as('manager')
    expect(await approvalsRetention.run({ store: s.core.store, now: s.time.now })).toBe(0)
    expect(await s.core.store.requireOpen().db('approvals').where({ id }).first()).toBeDefined()
  })
})
