import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createVuetify } from 'vuetify'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { h, type SetupContext } from 'vue'
import { type AnnualCommentary, type AnnualFigures } from '@shared/domain/annual-review'
import type { Role } from '@shared/domain/roles'
import { useAppStatus } from '@/stores/app-status'
import AnnualReviewScreen from '@/features/annual-review/annual-review-screen.vue'
import { currentStartYear, defaultStartYear } from '@/features/annual-review/annual-words'
import { removeApi, signedInStatus, stubApi, type Handlers } from './helpers'
import { academicYearOf } from '@shared/dates/school-year'

afterEach(removeApi)

const MONTHS = ['September', 'October', 'November', 'December', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August']

function figures(startYear: number, incidents = 0): AnnualFigures {
  return {
    year: academicYearOf(startYear),
    previousYear: academicYearOf(startYear - 1),
    drawnAt: '2026-11-24T10:00:00.000Z',
    drawnOn: '2026-11-24',
    counted: { from: `${startYear}-09-01`, to: startYear >= currentStartYear() ? '2026-11-24' : `${startYear + 1}-08-31` },
    partYear: startYear >= currentStartYear(),
    previousCounted: { from: `${startYear - 1}-09-01`, to: `${startYear}-08-31` },
    recordsFrom: '2020-09-01',
    previousCoverage: 'whole',
    incidents: {
      total: incidents,
      previousTotal: 2,
      onSite: incidents,
      offSite: 0,
      byCategory: incidents ? [{ label: 'Cyberbullying', count: incidents, previous: 2 }] : [{ label: 'Cyberbullying', count: 0, previous: 2 }],
      byMonth: MONTHS.map((label, i) => ({ label, count: i === 2 ? incidents : 0, previous: i === 3 ? 2 : 0 })),
      open: incidents ? [{ id: 41, reference: 'OS-2025-0001', occurredOn: `${startYear}-11-03`, category: 'Cyberbullying', daysOpen: 40, stepsToDo: 2 }] : [],
      overdueActions: incidents ? 2 : 0,
      referrals: incidents ? [{ agency: 'Police', count: 1 }] : [],
      referralsTotal: incidents ? 1 : 0,
      notReferred: [],
      notReferredTotal: 0,
      imported: 0,
      outcomesByCategory: [],
      byYearGroup: [],
      byKeyStage: [],
      noPupilNamed: 0,
      timeToClose: { closed: 0, medianDays: null, longestDays: null },
      repeatInvolvement: { once: 0, twice: 0, threeOrMore: 0 },
    },
    aup: { asOf: '2026-11-24', groups: [{ group: 'Year 7', people: 4, agreed: 3, due: 1, never: 0 }], versions: [], visitsUsingIct: 0, visitsUsingIctWithAgreement: 0 },
    reviews: { onlineSafetyPolicy: { policy: 'Online safety policy', writtenOn: '2024-09-01', lastReviewedOn: '2025-09-01', missed: false, dueOn: null }, done: [], next: [{ policy: 'Online safety policy', nextReviewOn: '2026-09-01', overdue: true }], policies: 1 },
    checks: { rows: [{ name: 'Web filter check', rhythm: 'Weekly', done: 37, expected: 39, missed: ['Week of 3 March', 'Week of 10 March'] }], done: 37, expected: 39 },
    filtering: { total: 0, byChange: [] },
    permissions: { asOf: `${startYear + 1}-08-31`, inForce: [], inForceTotal: 0, grantedInYear: 0, revokedInYear: 0, scansInYear: 0, scansWithProblems: 0, devicesNotCleared: 0 },
    training: { rows: [] },
    registers: [
      {
        kind: 'example',
        title: 'An example register',
        intro: 'What a record kind counted for the year.',
        tables: [
          { title: 'By group', headers: ['Group', 'Done', 'Share'], rows: [['Staff', { count: 12 }, { part: 12, whole: 16 }]], empty: 'Nothing to count.' },
          { title: 'Held back', headers: ['Group', 'Count'], rows: [], empty: 'Nothing was recorded in the year.' },
        ],
        headlines: [{ label: 'Example coverage', cell: { part: 12, whole: 16 } }],
        source: 'the example register.',
      },
    ],
  }
}

const commentary = (startYear: number): AnnualCommentary => ({ startYear, commentary: '', priorities: '', headName: 'Helen Head', chairName: '', updatedAt: null, updatedBy: null })

const Blank = { render: () => h('div') }
// ECharts needs a real canvas-sized box: the chart is tested in the browser, its numbers here through the table.
const ChartStub = { render: () => h('div', { 'data-testid': 'chart' }) }
// v-dialog needs a real viewport (the dialog itself is exercised in tests/e2e/annual-review.spec.ts): the question and its two answers.
const ConfirmStub = {
  props: { modelValue: { type: Boolean, required: true }, title: { type: String, required: true }, confirmLabel: { type: String, required: true } },
  emits: ['update:modelValue', 'confirm'],
  setup: (props: Record<string, unknown>, { emit, slots }: SetupContext) => () =>
    props['modelValue']
      ? h('div', { 'data-testid': 'confirm-dialog' }, [
          h('h2', String(props['title'])),
          slots['default']?.(),
          h('button', { onClick: () => emit('update:modelValue', false) }, 'Cancel'),
          h('button', { onClick: () => emit('confirm') }, String(props['confirmLabel'])),
        ])
      : null,
}

async function mountReview(role: Role, handlers: Handlers) {
  const api = stubApi({ 'app.status': () => signedInStatus({ role }), ...handlers })
  const pinia = createPinia()
  setActivePinia(pinia)
  await useAppStatus().refresh()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/login', name: 'login', component: Blank },
      { path: '/annual-review', name: 'annual-review', component: AnnualReviewScreen },
      { path: '/incidents/:id', name: 'incident', component: Blank },
    ],
  })
  await router.push('/annual-review')
  const wrapper = mount(RouterView, { attachTo: document.body, global: { plugins: [pinia, router, createVuetify()], stubs: { BarChart: ChartStub, ConfirmDialog: ConfirmStub } } })
  await flushPromises()
  return { wrapper, router, api }
}

const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

describe('the Annual review screen', () => {
  it('opens on the year that has just ended and shows its figures, with the current year one click away', async () => {
    const last = defaultStartYear()
    const { api, wrapper } = await mountReview('head', { 'annualReview.figures': (i) => figures(i.startYear, 3), 'annualReview.commentary': (i) => commentary(i.startYear) })
    expect(api.callsTo('annualReview.figures')).toEqual([{ startYear: last }])
    expect(text('headline-incidents')).toContain('Up 1 from 2 in')
    expect(text('headline-checks')).toContain('37 of 39')
    expect(text('headline-checks')).toContain('95% of the checks expected')
    expect(text('incidents-source')).toBe('Counted from the incident log on 24 November 2026.')
    expect(text('open-incidents')).toContain('OS-2025-0001')
    expect(document.querySelector('[data-testid="open-incidents"] a')?.getAttribute('href')).toBe('/incidents/41')
    expect(text('check-rows')).toContain('Week of 3 March, Week of 10 March')
    expect(document.querySelectorAll('[data-testid="chart"]')).toHaveLength(2)
    // A record kind's own section and its headline, as the kind counted them.
    const cells = [...document.querySelectorAll('[data-testid="register-figures-example"] tbody tr > *')].map((c) => c.textContent?.trim())
    expect(cells).toEqual(['Staff', '12', '12 of 16 (75%)'])
    expect(text('register-figures-example')).toContain('Nothing was recorded in the year.')
    expect(text('register-figures-example')).toContain('Source: the example register.')
    expect([...document.querySelectorAll('[data-testid="headline-example-0"] > *')].map((c) => c.textContent?.trim())).toEqual(['Example coverage', '12 of 16 (75%)', 'An example register'])

    await wrapper.find('[data-testid="this-year"]').trigger('click')
    await flushPromises()
    expect(api.callsTo('annualReview.figures').at(-1)).toEqual({ startYear: currentStartYear() })
    expect(text('summary')).toContain('The year is not over')
  })

  it('says plainly when a year had no incidents', async () => {
    await mountReview('head', { 'annualReview.figures': (i) => figures(i.startYear, 0), 'annualReview.commentary': (i) => commentary(i.startYear) })
    expect(text('incidents-none')).toBe(`No incidents were recorded in ${academicYearOf(defaultStartYear()).label}. There were 2 incidents in ${academicYearOf(defaultStartYear() - 1).label}.`)
    expect(text('open-none')).toContain('None of the year’s incidents is still open')
  })

  it('offers Try again when the figures cannot be counted', async () => {
    let fail = true
    const { wrapper } = await mountReview('head', {
      'annualReview.figures': (i) => (fail ? { error: { kind: 'internal', message: 'The figures could not be counted.' } } : figures(i.startYear, 1)),
      'annualReview.commentary': (i) => commentary(i.startYear),
    })
    expect(text('load-error')).toContain('The figures could not be counted.')
    fail = false
    await wrapper.find('[data-testid="load-error"] button').trigger('click')
    await flushPromises()
    expect(text('headline-incidents')).toContain('1')
  })

  it('lets the DSL read the commentary but not change it, and says who may', async () => {
    await mountReview('dsl', { 'annualReview.figures': (i) => figures(i.startYear), 'annualReview.commentary': (i) => ({ ...commentary(i.startYear), commentary: 'Written by the head.', updatedAt: '2026-10-01T09:30:00.000Z', updatedBy: 'Helen Head' }) })
    expect(document.querySelector('[data-testid="save-commentary"]')).toBeNull()
    expect(document.querySelector<HTMLTextAreaElement>('[data-testid="commentary-text"] textarea')?.readOnly).toBe(true)
    expect(text('commentary')).toContain('Only the headteacher or the business manager can change it.')
    expect(text('commentary-saved')).toBe('Last saved by Helen Head on 01/10/2026 10:30.')
  })

  it('asks before switching year with typing that cannot be kept as a draft, and stays when told to', async () => {
    const last = defaultStartYear()
    const { wrapper, api } = await mountReview('head', { 'annualReview.figures': (i) => figures(i.startYear), 'annualReview.commentary': (i) => commentary(i.startYear) })
    await wrapper.find('[data-testid="commentary-text"] textarea').setValue('A good year.')
    expect(text('commentary-unsaved')).toBe('Not saved yet.')
    await wrapper.find('[data-testid="this-year"]').trigger('click')
    await flushPromises()
    expect(text('confirm-dialog')).toContain('Your commentary is not saved')
    expect(api.callsTo('annualReview.figures')).toEqual([{ startYear: last }])
    // Cancel: still on the same year with the typing kept.
    const buttons = () => [...document.querySelectorAll<HTMLButtonElement>('[data-testid="confirm-dialog"] button')]
    buttons().find((b) => b.textContent?.includes('Cancel'))!.click()
    await flushPromises()
    expect(document.querySelector<HTMLTextAreaElement>('[data-testid="commentary-text"] textarea')?.value).toBe('A good year.')

    await wrapper.find('[data-testid="this-year"]').trigger('click')
    await flushPromises()
    buttons().find((b) => b.textContent?.includes('Discard what I typed'))!.click()
    await flushPromises()
    expect(api.callsTo('annualReview.figures').at(-1)).toEqual({ startYear: currentStartYear() })
    expect(document.querySelector<HTMLTextAreaElement>('[data-testid="commentary-text"] textarea')?.value).toBe('')
  })

  it('asks before leaving the screen with typing that cannot be kept as a draft, but never holds up the lock', async () => {
    const { wrapper, router } = await mountReview('head', { 'annualReview.figures': (i) => figures(i.startYear), 'annualReview.commentary': (i) => commentary(i.startYear) })
    await wrapper.find('[data-testid="commentary-text"] textarea').setValue('Half a thought')
    await router.push('/')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('annual-review')
    expect(text('confirm-dialog')).toContain('Your commentary is not saved')
    await router.push('/login')
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('keeps the typing as the year’s draft and asks nothing when leaving or switching year', async () => {
    const last = defaultStartYear()
    const kept: unknown[] = []
    const { wrapper, router } = await mountReview('head', {
      'annualReview.figures': (i) => figures(i.startYear),
      'annualReview.commentary': (i) => commentary(i.startYear),
      'drafts.get': () => null,
      'drafts.save': (i) => (kept.push(i), { savedAt: '2026-11-24T10:00:00.000Z' }),
    })
    await wrapper.find('[data-testid="commentary-text"] textarea').setValue('Half a thought')
    await wrapper.find('[data-testid="this-year"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid="confirm-dialog"]')).toBeNull()
    expect(kept).toEqual([{ form: 'annualReview.commentary', recordKey: String(last), content: JSON.stringify({ commentary: 'Half a thought' }) }])
    await wrapper.find('[data-testid="commentary-text"] textarea').setValue('Another year’s thought')
    await router.push('/')
    await flushPromises()
    expect(router.currentRoute.value.name).not.toBe('annual-review')
    expect(document.querySelector('[data-testid="confirm-dialog"]')).toBeNull()
    expect(kept).toHaveLength(2)
  })

  it('saves unsaved typing before printing the pack, then follows the job’s stage', async () => {
    const last = academicYearOf(defaultStartYear())
    const order: string[] = []
    const { wrapper, api } = await mountReview('manager', {
      'annualReview.figures': (i) => figures(i.startYear),
      'annualReview.commentary': (i) => commentary(i.startYear),
      'annualReview.saveCommentary': (i) => (order.push('save'), { ...i, updatedAt: '2026-11-24T10:00:00.000Z', updatedBy: 'Bea Manager' }),
      'reports.start': () => (order.push('start'), { jobId: 'job-1' }),
      'reports.job': () => ({ jobId: 'job-1', status: 'running', progress: 0.4, stage: 'Drawing the charts…', report: null, message: null }),
    })
    await wrapper.find('[data-testid="commentary-text"] textarea').setValue('We trained every class.')
    await wrapper.find('[data-testid="pack-anonymised"] input').setValue(true)
    expect(text('print-saves-first')).toContain('will be saved first')
    await wrapper.find('[data-testid="print-pack-button"]').trigger('click')
    await flushPromises()
    expect(order).toEqual(['save', 'start'])
    expect(api.callsTo('reports.start')).toEqual([{ type: 'annual-review', from: last.from, to: last.to, anonymised: true }])
    expect(text('report-progress')).toContain('Drawing the charts… 40%')
    expect(document.querySelector('[data-testid="report-progress"] [role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('40')
  })

  it('offers to sign without the commentary only when it is empty, and asks for it only when ticked', async () => {
    const last = academicYearOf(defaultStartYear())
    const { wrapper, api } = await mountReview('head', {
      'annualReview.figures': (i) => figures(i.startYear),
      'annualReview.commentary': (i) => ({ ...commentary(i.startYear), commentary: 'A steady year.' }),
      'reports.start': () => ({ jobId: 'job-1' }),
      'reports.job': () => ({ jobId: 'job-1', status: 'running', progress: 0.1, stage: 'Laying out the pages…', report: null, message: null }),
    })
    expect(text('pack-missing')).toContain('Nothing is written yet for the headteacher’s priorities for next year.')
    expect(text('pack-without-commentary')).toContain('Sign without the priorities for next year')
    await wrapper.find('[data-testid="pack-without-commentary"] input').setValue(true)
    await wrapper.find('[data-testid="print-pack-button"]').trigger('click')
    await flushPromises()
    expect(api.callsTo('reports.start')).toEqual([{ type: 'annual-review', from: last.from, to: last.to, anonymised: false, withoutCommentary: true }])
    // Once both are written, the choice is gone.
    await wrapper.find('[data-testid="priorities-text"] textarea').setValue('Train the new staff.')
    expect(wrapper.find('[data-testid="pack-without-commentary"]').exists()).toBe(false)
  })

  it('does not start the pack when the commentary cannot be saved', async () => {
    const { wrapper, api } = await mountReview('head', {
      'annualReview.figures': (i) => figures(i.startYear),
      'annualReview.commentary': (i) => commentary(i.startYear),
      'annualReview.saveCommentary': () => ({ error: { kind: 'validation', field: 'commentary', message: 'That looks like a password: please do not keep passwords here.' } }),
    })
    await wrapper.find('[data-testid="commentary-text"] textarea').setValue('Tr0ub4dor&3xyz!')
    await wrapper.find('[data-testid="print-pack-button"]').trigger('click')
    await flushPromises()
    expect(api.callsTo('reports.start')).toEqual([])
    expect(text('report-error')).toContain('the pack was not started')
    expect(text('commentary-text')).toContain('That looks like a password')
  })
})
