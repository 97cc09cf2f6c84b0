import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import App from '@/app.vue'
import UsersScreen from '@/features/users/users-screen.vue'
import { useAppStatus } from '@/stores/app-status'
import { call, onRegisterLocked } from '@/api'
import { followCoreLock, lockReasonOf } from '@/features/session/lock-register'
import { CORE_STOPPED_MESSAGE } from '@shared/api/core-stopped'
import { mountScreen, removeApi, signedInStatus, stubApi } from './helpers'
import { navItemsFor } from '@/navigation'

const lockedStatus = { ...signedInStatus(), unlocked: false, user: null, idleLockMinutes: null }

describe('the window shell', () => {
  afterEach(removeApi)

  it('F9 locks the register at once and shows sign-in with the reason', async () => {
    let locked = false
    const api = stubApi({
      'app.status': () => (locked ? lockedStatus : signedInStatus()),
      'session.lock': () => {
        locked = true
        return null
      },
    })
    const { wrapper: w, router } = await mountScreen(App, { at: '/users' })
    expect(w.find('[data-testid="hide-screen"]').text()).toContain('F9')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F9' }))
    await flushPromises()
    expect(api.callsTo('session.lock')).toHaveLength(1)
    expect(router.currentRoute.value.name).toBe('login')
    // Signing in again returns to the screen that was hidden.
    expect(router.currentRoute.value.query['next']).toBe('/users')
    expect(useAppStatus().notice).toContain('The screen was hidden')
  })

  it('keeps "the screen was hidden" as the reason when F9 comes straight after typing a search', async () => {
    let locked = false
    const api = stubApi({
      'app.status': () => (locked ? lockedStatus : signedInStatus()),
      'session.lock': () => {
        locked = true
        return null
      },
      'users.list': () => (locked ? { error: { kind: 'locked', message: 'The register is locked. Please sign in again.' } } : { rows: [], total: 0 }),
    })
    const { wrapper: w, router } = await mountScreen(App, { at: '/users', pages: { users: UsersScreen } })
    onRegisterLocked((error) => void followCoreLock(router, lockReasonOf(error)))
    const reads = api.callsTo('users.list').length
    await w.find('input[type="text"]').setValue('Rita')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F9' }))
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    // Longer than the search box waits for a pause in the typing.
    await new Promise((resolve) => setTimeout(resolve, 350))
    await flushPromises()
    expect(useAppStatus().notice).toContain('The screen was hidden')
    expect(api.callsTo('users.list')).toHaveLength(reads)
  })

  it('shows the menu for the signed-in role only', async () => {
    stubApi({ 'app.status': () => signedInStatus({ role: 'head' }) })
    const { wrapper: w } = await mountScreen(App, { at: '/' })
    const links = w.findAll('nav .nav-list a').map((a) => a.text())
    // Exactly the head's menu, no more (route-access.test.ts spells out each role's menu).
    expect(links).toEqual(navItemsFor('head').map((i) => i.title))
    expect(links).toContain('Audit trail')
    expect(links).not.toContain('Users')
  })

  it('catches up when the core locked on its own while the window was away', async () => {
    let locked = false
    stubApi({ 'app.status': () => (locked ? lockedStatus : signedInStatus()) })
    const { router } = await mountScreen(App, { at: '/users' })
    locked = true
    window.dispatchEvent(new Event('focus'))
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('login')
    expect(useAppStatus().notice).toContain('locked itself')
  })

  it('when the process holding the records stops, shows sign-in saying so and that nothing saved is lost', async () => {
    let stopped = false
    stubApi({
      'app.status': () => (stopped ? lockedStatus : signedInStatus()),
      'users.list': () => (stopped ? { error: { kind: 'locked', message: CORE_STOPPED_MESSAGE } } : { rows: [], total: 0 }),
    })
    const { router } = await mountScreen(App, { at: '/users' })
    // As renderer/src/main.ts wires it.
    onRegisterLocked((error) => void followCoreLock(router, lockReasonOf(error)))
    stopped = true
    // The users screen's next read (the test router shows no screens, so the test makes it).
    await expect(call('users.list', {})).rejects.toThrow(CORE_STOPPED_MESSAGE)
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query['next']).toBe('/users')
    expect(useAppStatus().notice).toBe(CORE_STOPPED_MESSAGE)
    onRegisterLocked(null)
  })

  it('offers a retry when the core cannot tell its status', async () => {
    let fail = true
    stubApi({ 'app.status': () => (fail ? { error: { kind: 'internal', message: 'The data folder cannot be read.' } } : signedInStatus()) })
    const { wrapper: w } = await mountScreen(App, { at: '/' })
    expect(w.find('[data-testid="load-error"]').text()).toContain('The data folder cannot be read.')
    fail = false
    await w.find('[data-testid="load-error"] button').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="load-error"]').exists()).toBe(false)
  })
})
