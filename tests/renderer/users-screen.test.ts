import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { UserSummary } from '@shared/domain/users'
import UsersScreen from '@/features/users/users-screen.vue'
import { mountScreen, removeApi, signedInStatus, stubApi } from './helpers'

const people: UserSummary[] = [
  { id: 1, username: 'b.manager', displayName: 'Bea Manager', role: 'manager', disabled: false, mustChangePassword: false, lastSignInAt: '2025-07-01T08:30:00Z', createdAt: '2025-06-01T08:00:00Z' },
  { id: 2, username: 'r.desk', displayName: 'Rita Desk', role: 'office', disabled: true, mustChangePassword: false, lastSignInAt: null, createdAt: '2025-06-02T08:00:00Z' },
]

describe('the users screen', () => {
  afterEach(removeApi)

  it('lists people with their role in words, status and last sign-in in UK time', async () => {
    stubApi({ 'app.status': () => signedInStatus(), 'users.list': () => ({ rows: people, total: people.length }) })
    const { wrapper: w } = await mountScreen(UsersScreen, { at: '/users' })
    const rows = w.findAll('[data-testid="users-table"] tbody tr').map((r) => r.text())
    expect(rows[0]).toContain('School business manager')
    expect(rows[0]).toContain('01/07/2025 09:30')
    expect(rows[1]).toContain('Office staff (reception)')
    expect(rows[1]).toContain('Disabled')
    expect(rows[1]).toContain('Never')
    // Nobody is offered to disable themselves.
    expect(w.find('[data-testid="toggle-b.manager"]').exists()).toBe(false)
    expect(w.find('[data-testid="toggle-r.desk"]').text()).toBe('Enable')
  })

  it('shows the core’s message and a retry when the list cannot be read', async () => {
    let fail = true
    stubApi({
      'app.status': () => signedInStatus(),
      'users.list': () => (fail ? { error: { kind: 'internal', message: 'The records could not be read. Please try again.' } } : { rows: people, total: people.length }),
    })
    const { wrapper: w } = await mountScreen(UsersScreen, { at: '/users' })
    expect(w.find('[data-testid="load-error"]').text()).toContain('The records could not be read')
    fail = false
    await w.find('[data-testid="load-error"] button').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="load-error"]').exists()).toBe(false)
    expect(w.text()).toContain('Rita Desk')
  })
  it('searches once the typing pauses, and not for typing left when the screen closed', async () => {
    const api = stubApi({ 'app.status': () => signedInStatus(), 'users.list': () => ({ rows: people, total: people.length }) })
    const { wrapper: w } = await mountScreen(UsersScreen, { at: '/users' })
    const pause = () => new Promise((resolve) => setTimeout(resolve, 350))
    const reads = () => api.callsTo('users.list').length
    const opened = reads()
    await w.find('input[type="text"]').setValue('Rita')
    await pause()
    await flushPromises()
    expect(api.callsTo('users.list').slice(opened)).toEqual([expect.objectContaining({ text: 'Rita' })])
    // Closing the screen (another screen, or F9) straight after typing: the search is not sent.
    await w.find('input[type="text"]').setValue('Bea')
    w.unmount()
    await pause()
    expect(reads()).toBe(opened + 1)
  })
  // The add and reset dialogs (v-dialog needs a real viewport) are covered in tests/e2e/users.spec.ts.
})
