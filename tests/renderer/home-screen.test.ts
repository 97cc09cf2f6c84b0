import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createVuetify } from 'vuetify'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h } from 'vue'
import type { AppStatus } from '@shared/api/contract'
import type { Result } from '@shared/api/result'
import type { Dashboard } from '@shared/domain/annual-review'
import HomeScreen from '@/features/home/home-screen.vue'
import { useAppStatus } from '@/stores/app-status'
import { navItemsFor } from '@/navigation'

// The renderer's only neighbour is window.api; here it answers as the core would.
function answerStatus(result: Result<AppStatus>) {
  const dashboard: Dashboard = { today: '2026-11-24', attention: [], incidentsWaiting: 0, trend: null, onSite: null, gettingStarted: null }
  Object.defineProperty(window, 'api', {
    configurable: true,
    value: { 'app.status': () => Promise.resolve(result), 'dashboard.get': () => Promise.resolve({ ok: true, value: dashboard }) },
  })
}

async function mountHome() {
  const pinia = createPinia()
  setActivePinia(pinia)
  await useAppStatus().refresh()
  // The dashboard's links need a router; every path lands on a blank page.
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: defineComponent({ render: () => h('div') }) }] })
  await router.push('/')
  const wrapper = mount(HomeScreen, { global: { plugins: [pinia, router, createVuetify()] } })
  await flushPromises()
  return wrapper
}

const base: AppStatus = { appVersion: '9.9.9', setUp: false, unlocked: false, user: null, idleLockMinutes: null, upgradePending: false }

describe('home screen', () => {
  afterEach(() => Reflect.deleteProperty(window, 'api'))

  it('tells a new school how to begin', async () => {
    answerStatus({ ok: true, value: base })
    const w = await mountHome()
    expect(w.find('[data-testid="status-not-set-up"]').text()).toContain('set up your school')
    expect(w.find('[data-testid="app-version"]').text()).toContain('9.9.9')
  })

  it('asks for a sign-in when the records are locked', async () => {
    answerStatus({ ok: true, value: { ...base, setUp: true } })
    const w = await mountHome()
    expect(w.find('[data-testid="status-locked"]').exists()).toBe(true)
  })

  it('greets who is signed in by first name, with their role in words, and opens their dashboard', async () => {
    answerStatus({ ok: true, value: { ...base, setUp: true, unlocked: true, user: { id: 3, username: 's.jones', displayName: 'Siân Jones', role: 'dsl', mustChangePassword: false }, idleLockMinutes: 10 } })
    const w = await mountHome()
    expect(w.find('h1').text()).toMatch(/^Good (morning|afternoon|evening), Siân$/)
    const text = w.find('[data-testid="status-unlocked"]').text()
    expect(text).toContain('Siân Jones · Designated safeguarding lead · Tuesday 24 November 2026')
    expect(w.find('[data-testid="waiting-count"]').text()).toBe('No incidents are waiting for the DSL.')
    expect(w.find('[data-testid="app-version"]').text()).toContain('9.9.9')
  })

  it('shows the core’s own message and a way to try again when the call fails', async () => {
    answerStatus({ ok: false, error: { kind: 'internal', message: 'The disk could not be read. Please try again.' } })
    const w = await mountHome()
    const alert = w.find('[data-testid="status-error"]')
    expect(alert.text()).toContain('The disk could not be read')
    expect(alert.find('button').text()).toBe('Try again')
  })

  it('shows a plain message when the window cannot reach the core at all', async () => {
    Object.defineProperty(window, 'api', {
      configurable: true,
      value: { 'app.status': () => Promise.reject(new Error('ipc gone')) },
    })
    const w = await mountHome()
    expect(w.find('[data-testid="status-error"]').text()).toContain('lost touch with the records')
  })
})

describe('navigation by role', () => {
  it('shows Home to every role but reception, whose home is the Reception screen', () => {
    for (const role of ['manager', 'head', 'dsl', 'ict'] as const) expect(navItemsFor(role).map((i) => i.title)).toContain('Home')
    expect(navItemsFor('office').map((i) => i.title)).not.toContain('Home')
    expect(navItemsFor('office').map((i) => i.title)).toContain('Reception')
  })
})
