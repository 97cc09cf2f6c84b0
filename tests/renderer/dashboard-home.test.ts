import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createVuetify } from 'vuetify'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h } from 'vue'
import type { AttentionItem, Dashboard, TermTrend } from '@shared/domain/annual-review'
import type { Role } from '@shared/domain/roles'
import HomeScreen from '@/features/home/home-screen.vue'
import { useAppStatus } from '@/stores/app-status'
import { FEATURES } from '@/features'
import { removeApi, signedInStatus, stubApi, type Handlers } from './helpers'

afterEach(removeApi)
// The features' cards load with the dashboard's answer. In the app their code is a local file; here
// it is compiled on first import, which takes longer than one round of waiting, so compile it first.
beforeAll(() => Promise.all(FEATURES.flatMap((f) => f.homeCards ?? []).map((card) => card.load())))

const Blank = defineComponent({ render: () => h('div') })

/** The home screen as the app shows it after sign-in; every link lands on a blank page. */
async function mountHome(role: Role, handlers: Handlers) {
  const api = stubApi({ 'app.status': () => signedInStatus({ role, displayName: 'Siân Jones' }), ...handlers })
  const pinia = createPinia()
  setActivePinia(pinia)
  await useAppStatus().refresh()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/:rest(.*)*', component: Blank },
    ],
  })
  await router.push('/')
  const wrapper = mount(HomeScreen, { attachTo: document.body, global: { plugins: [pinia, router, createVuetify()] } })
  await flushPromises()
  return { wrapper, api }
}

const item = (over: Partial<AttentionItem> = {}): AttentionItem => ({
  kind: 'check',
  status: 'due',
  title: 'Web filter check',
  detail: 'Week beginning 23/11/2026: due by 29/11/2026.',
  dueBy: '2026-11-29',
  to: '/checks/1',
  ...over,
})

const trend: TermTrend = {
  term: 'Autumn term 2026',
  previousTerm: 'Autumn term 2025',
  months: [
    { label: 'September', count: 20, previous: 15 },
    { label: 'October', count: 30, previous: 25 },
    { label: 'November', count: 14, previous: 16 },
  ],
  total: 64,
  previousTotal: 56,
}

const managerDashboard: Dashboard = {
  today: '2026-11-24',
  attention: [
    item({ kind: 'review', status: 'overdue', title: 'Policy review: Anti-bullying policy', detail: 'Review overdue since 01/10/2026.', dueBy: '2026-10-01', to: '/policies/2' }),
    item({ kind: 'scan', status: 'overdue', title: 'Portable media to scan', detail: '2 permitted devices have no clean scan recent enough to be used.', dueBy: null, to: '/permissions' }),
    item(),
  ],
  incidentsWaiting: 3,
  trend,
  onSite: 4,
  gettingStarted: null,
}

const ictDashboard: Dashboard = { today: '2026-11-24', attention: [item()], incidentsWaiting: null, trend: null, onSite: null, gettingStarted: null }

describe('the dashboard on the home screen', () => {
  it('shows the business manager all four parts from one call, each linking to where it is dealt with', async () => {
    const { wrapper, api } = await mountHome('manager', { 'dashboard.get': () => managerDashboard })
    expect(api.calls.map((c) => c.method).filter((m) => m !== 'app.status')).toEqual(['dashboard.get'])

    expect(wrapper.find('h1').text()).toMatch(/^Good (morning|afternoon|evening), Siân$/)
    expect(wrapper.find('[data-testid="signed-in-as"]').text()).toBe('Siân Jones · School business manager · Tuesday 24 November 2026')
    expect(wrapper.findAll('h1')).toHaveLength(1)
    expect(wrapper.findAll('h2').map((h2) => h2.text())).toEqual(['Needs attention', 'Incidents waiting for the DSL', 'Incidents this term', 'Visitors on site now', 'Go to'])

    const items = wrapper.findAll('[data-testid="attention-item"]')
    expect(items.map((li) => li.find('.v-chip').text())).toEqual(['Overdue', 'Overdue', 'Due soon'])
    expect(items[0]!.find('a').text()).toBe('Policy review: Anti-bullying policy')
    expect(items[0]!.find('a').attributes('href')).toBe('/policies/2')
    expect(items[0]!.text()).toContain('Review overdue since 01/10/2026.')
    expect(wrapper.find('[data-testid="dashboard-attention"]').text()).toContain('2 overdue, 1 due soon')

    const waiting = wrapper.find('[data-testid="waiting-count"]')
    expect(waiting.text().replace(/\s+/g, ' ')).toBe('3 incidents waiting for the DSL')
    expect(waiting.find('a').attributes('href')).toBe('/incidents?waiting=1')

    expect(wrapper.find('[data-testid="trend-words"]').text()).toBe('64 incidents so far this term, 56 in the same months last year.')
    // The chart's numbers, as a table a screen reader reads instead of the picture.
    const table = wrapper.find('[data-testid="dashboard-trend"] table')
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['Month', 'Autumn term 2026', 'Autumn term 2025'])
    expect(table.findAll('tbody tr').map((tr) => tr.text())).toEqual(['September2015', 'October3025', 'November1416'])
    expect(wrapper.find('[data-testid="bar-chart"]').attributes('aria-hidden')).toBe('true')

    const onSite = wrapper.find('[data-testid="on-site-count"]')
    expect(onSite.text().replace(/\s+/g, ' ')).toBe('4 visitors are signed in')
    expect(onSite.find('a').attributes('href')).toBe('/reception')

    // The role's own screens stay as shortcuts below the cards.
    expect(wrapper.find('[data-testid="shortcuts"]').text()).toContain('Reception')
  })

  it('shows the ICT manager only what needs attention: the core leaves the rest out', async () => {
    const { wrapper } = await mountHome('ict', { 'dashboard.get': () => ictDashboard })
    expect(wrapper.find('[data-testid="dashboard-attention"]').exists()).toBe(true)
    for (const part of ['dashboard-waiting', 'dashboard-trend', 'dashboard-on-site']) expect(wrapper.find(`[data-testid="${part}"]`).exists()).toBe(false)
    expect(wrapper.findAll('h2').map((h2) => h2.text())).toEqual(['Needs attention', 'Go to'])
    expect(wrapper.find('[data-testid="signed-in-as"]').text()).toContain('ICT manager')
  })

  it('shows the DSL the incidents but not reception', async () => {
    const { wrapper } = await mountHome('dsl', { 'dashboard.get': () => ({ ...managerDashboard, onSite: null, gettingStarted: null }) })
    expect(wrapper.find('[data-testid="dashboard-waiting"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="dashboard-on-site"]').exists()).toBe(false)
  })

  it('reassures when nothing is due, and says so when there have been no incidents', async () => {
    const quiet: Dashboard = {
      today: '2026-11-24',
      attention: [],
      incidentsWaiting: 0,
      trend: { ...trend, months: trend.months.map((m) => ({ ...m, count: 0, previous: 0 })), total: 0, previousTotal: 0 },
      onSite: 0,
      gettingStarted: null,
    }
    const { wrapper } = await mountHome('head', { 'dashboard.get': () => quiet })
    expect(wrapper.find('[data-testid="attention-empty"]').text()).toBe('Nothing is overdue or due in the next two weeks.')
    expect(wrapper.findAll('[data-testid="attention-item"]')).toHaveLength(0)
    expect(wrapper.find('[data-testid="waiting-count"]').text()).toBe('No incidents are waiting for the DSL.')
    expect(wrapper.find('[data-testid="waiting-count"] a').exists()).toBe(false)
    expect(wrapper.find('[data-testid="trend-words"]').text()).toBe('No incidents have been recorded this term, nor in the same months last year.')
    expect(wrapper.find('[data-testid="bar-chart"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="on-site-count"]').text()).toBe('No visitors are signed in. Open Reception')
    expect(wrapper.find('[data-testid="on-site-count"] a').attributes('href')).toBe('/reception')
  })

  it('shows the core’s message with "Try again" when it cannot answer, and the dashboard once it can', async () => {
    let fail = true
    const { wrapper, api } = await mountHome('head', {
      'dashboard.get': () => (fail ? { error: { kind: 'internal', message: 'The records could not be read. Please try again.' } } : managerDashboard),
    })
    const error = wrapper.find('[data-testid="load-error"]')
    expect(error.text()).toContain('The records could not be read. Please try again.')
    expect(wrapper.find('[data-testid="dashboard-attention"]').exists()).toBe(false)
    fail = false
    await error.find('button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="load-error"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="attention-item"]')).toHaveLength(3)
    expect(api.callsTo('dashboard.get')).toHaveLength(2)
  })

  it('says it is reading while the first answer is on its way', async () => {
    let answer: (d: Dashboard) => void = () => undefined
    const { wrapper } = await mountHome('head', { 'dashboard.get': () => new Promise<Dashboard>((resolve) => (answer = resolve)) })
    expect(wrapper.find('[data-testid="busy-note"]').text()).toBe('Reading what needs attention…')
    answer(ictDashboard)
    await flushPromises()
    expect(wrapper.find('[data-testid="busy-note"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="attention-item"]')).toHaveLength(1)
  })

  it('reads the dashboard again on "Refresh"', async () => {
    let waiting = 1
    const { wrapper, api } = await mountHome('dsl', { 'dashboard.get': () => ({ ...managerDashboard, onSite: null, incidentsWaiting: waiting }) })
    expect(wrapper.find('[data-testid="waiting-count"]').text().replace(/\s+/g, ' ')).toBe('1 incident waiting for the DSL')
    waiting = 2
    await wrapper.find('[data-testid="dashboard-refresh"]').trigger('click')
    await flushPromises()
    expect(api.callsTo('dashboard.get')).toHaveLength(2)
    expect(wrapper.find('[data-testid="waiting-count"]').text().replace(/\s+/g, ' ')).toBe('2 incidents waiting for the DSL')
  })

  it('lists the first eight, with a button to show all and back', async () => {
    const many = Array.from({ length: 11 }, (_, i) => item({ status: i < 3 ? 'overdue' : 'due', title: `Check ${i + 1}`, to: `/checks/${i + 1}` }))
    const { wrapper } = await mountHome('manager', { 'dashboard.get': () => ({ ...managerDashboard, attention: many }) })
    expect(wrapper.findAll('[data-testid="attention-item"]')).toHaveLength(8)
    const toggle = wrapper.find('[data-testid="attention-toggle"]')
    expect(toggle.text()).toBe('Show all 11')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(wrapper.findAll('[data-testid="attention-item"]').map((li) => li.find('a').text())).toEqual(many.map((m) => m.title))
    expect(toggle.text()).toBe('Show fewer')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    await toggle.trigger('click')
    expect(wrapper.findAll('[data-testid="attention-item"]')).toHaveLength(8)
  })

  it('has no "Show all" button for a short list', async () => {
    const { wrapper } = await mountHome('manager', { 'dashboard.get': () => ({ ...managerDashboard, attention: Array.from({ length: 8 }, () => item()) }) })
    expect(wrapper.findAll('[data-testid="attention-item"]')).toHaveLength(8)
    expect(wrapper.find('[data-testid="attention-toggle"]').exists()).toBe(false)
  })

  it('walks a new school through its first steps: the ones left are links, the ones done are ticked, with how many are done', async () => {
    const steps: Dashboard['gettingStarted'] = [
      { key: 'people', title: 'Bring in your pupils and staff', detail: '312 people are in the register.', done: true, to: '/people' },
      { key: 'agreements', title: 'Publish your acceptable use agreements', detail: 'Publish the version each group agrees to.', done: false, to: '/agreements' },
      { key: 'backup', title: 'Keep a backup away from this computer', detail: 'Back up to a USB stick.', done: false, to: '/backups' },
    ]
    const { wrapper } = await mountHome('manager', { 'dashboard.get': () => ({ ...managerDashboard, gettingStarted: steps }) })
    const card = wrapper.find('[data-testid="getting-started"]')
    expect(card.find('h2').text()).toBe('Getting started')
    expect(card.find('[data-testid="getting-started-count"]').text()).toBe('1 of 3 done. This card goes once every step is done.')
    expect(card.find('[data-testid="getting-started-progress"]').attributes('aria-label')).toBe('Getting started: 1 of 3 steps done')
    const people = card.find('[data-testid="step-people"]')
    expect(people.find('a').exists()).toBe(false)
    expect(people.text()).toContain('Bring in your pupils and staff (done)')
    expect(card.find('[data-testid="step-agreements"] a').attributes('href')).toBe('/agreements')
    expect(card.find('[data-testid="step-backup"] a').text()).toBe('Keep a backup away from this computer')
  })

  it('shows no getting-started card when the core sends none (every step done, or another role)', async () => {
    const { wrapper } = await mountHome('manager', { 'dashboard.get': () => managerDashboard })
    expect(wrapper.find('[data-testid="getting-started"]').exists()).toBe(false)
  })
})
