import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createVuetify } from 'vuetify'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h, type Component } from 'vue'
import type { Role } from '@shared/domain/roles'
import type { CheckTemplate } from '@shared/domain/reviews-and-checks'
import type { CalendarItem } from '@shared/domain/calendar'
import ChecksScreen from '@/features/reviews-and-checks/checks/checks-screen.vue'
import { gridRange, monthWeeks, shiftMonth } from '@/features/reviews-and-checks/calendar/month-grid'
import { useAppStatus } from '@/stores/app-status'
import { removeApi, signedInStatus, stubApi, type Handlers } from './helpers'

const Blank = defineComponent({ render: () => h('div') })

/** Mounts with the feature's own route names (its links go to a policy or a check's history). */
async function mountAs(component: Component, role: Role, handlers: Handlers) {
  const api = stubApi({ 'app.status': () => signedInStatus({ role, displayName: `A ${role}` }), ...handlers })
  const pinia = createPinia()
  setActivePinia(pinia)
  await useAppStatus().refresh()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['home', 'policy', 'check-history', 'calendar', 'checks'].map((name) => ({ path: name === 'home' ? '/' : `/${name}/:id?`, name, component: Blank })),
  })
  await router.push('/')
  const wrapper = mount(component, { attachTo: document.body, global: { plugins: [pinia, router, createVuetify()] } })
  await flushPromises()
  return { wrapper, api }
}

const item = (over: Partial<CalendarItem>): CalendarItem => ({
  kind: 'check',
  what: 'Check',
  key: 'check:1:2026-06-08',
  to: '/checks/1',
  date: '2026-06-08',
  dueBy: '2026-06-14',
  title: 'Web filter check',
  detail: 'Week beginning 08/06/2026: not recorded',
  status: 'overdue',
  responsible: 'ICT manager',
  ...over,
})

describe('the month grid', () => {
  it('shows whole weeks, Monday first, with each day’s items', () => {
    // June 2026 starts on a Monday and ends on a Tuesday.
    expect(gridRange(2026, 6)).toEqual({ from: '2026-06-01', to: '2026-07-05' })
    // February 2027 starts on a Monday and ends on a Sunday: four rows exactly.
    expect(gridRange(2027, 2)).toEqual({ from: '2027-02-01', to: '2027-02-28' })
    // March 2026 starts on a Sunday: the first row begins in February.
    expect(gridRange(2026, 3).from).toBe('2026-02-23')
    const weeks = monthWeeks(2026, 6, [item({ date: '2026-06-15', status: 'due' }), item({ kind: 'policy-review', what: 'Review', key: 'policy-review:4', to: '/policies/4', date: '2026-06-15', title: 'Online safety policy', status: 'upcoming' })], '2026-06-16')
    expect(weeks).toHaveLength(5)
    expect(weeks.every((w) => w.length === 7)).toBe(true)
    const monday15 = weeks[2]![0]!
    expect(monday15).toMatchObject({ date: '2026-06-15', day: 15, inMonth: true, isToday: false })
    expect(monday15.items.map((i) => i.title)).toEqual(['Web filter check', 'Online safety policy'])
    expect(weeks[2]![1]!.isToday).toBe(true)
    expect(weeks[4]![6]).toMatchObject({ date: '2026-07-05', inMonth: false })
  })

  it('moves across the turn of the year', () => {
    expect(shiftMonth(2026, 12, 1)).toEqual({ year: 2027, month: 1 })
    expect(shiftMonth(2026, 1, -1)).toEqual({ year: 2025, month: 12 })
  })
})

describe('the checks screen', () => {
  afterEach(removeApi)

  const weekly: CheckTemplate = {
    id: 1,
    name: 'Web filter check',
    description: '',
    rhythm: 'weekly',
    everyYears: null,
    responsibleRole: 'ict',
    filtering: true,
    rhythmFrom: '2025-09-01',
    startsOn: '2025-09-01',
    retiredOn: null,
    used: true,
    current: { start: '2026-06-15', end: '2026-06-21', label: 'Week beginning 15/06/2026', status: 'due' },
    lastMissed: { start: '2026-06-08', end: '2026-06-14', label: 'Week beginning 08/06/2026' },
    lastDoneOn: '2026-06-03',
    thisYear: { done: 38, expected: 41 },
  }

  it('offers the ICT manager a Record button, names a missed week, and shows the year’s count', async () => {
    const { wrapper } = await mountAs(ChecksScreen, 'ict', { 'checks.templates': () => [weekly] })
    const row = wrapper.find('[data-testid="checks-table"] tbody tr').text()
    expect(row).toContain('Missed: Week beginning 08/06/2026')
    expect(row).toContain('Due now')
    expect(row).toContain('by 21/06/2026')
    expect(row).toContain('38 of 41 done')
    expect(row).toContain('03/06/2026')
    expect(wrapper.find('[data-testid="record-check"]').exists()).toBe(true)
  })

  it('lets the headteacher read but not record, and tells a school without checks what to do', async () => {
    const { wrapper } = await mountAs(ChecksScreen, 'head', { 'checks.templates': () => [weekly] })
    expect(wrapper.find('[data-testid="record-check"]').exists()).toBe(false)
    removeApi()
    const empty = await mountAs(ChecksScreen, 'manager', { 'checks.templates': () => [] })
    expect(empty.wrapper.find('[data-testid="no-checks"]').text()).toContain('Add the checks your policies name')
  })
})
