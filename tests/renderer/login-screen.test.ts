import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import LoginScreen from '@/features/session/login-screen.vue'
import { useAppStatus } from '@/stores/app-status'
import { fieldMessage, mountScreen, removeApi, signedInStatus, stubApi, type Handlers } from './helpers'

const locked = { appVersion: '9.9.9', setUp: true, unlocked: false, user: null, idleLockMinutes: null, upgradePending: false }

async function mountLogin(handlers: Handlers, at = '/login') {
  const api = stubApi({ 'app.status': () => locked, ...handlers })
  return { api, ...(await mountScreen(LoginScreen, { at })) }
}

async function signIn(w: VueWrapper, username: string, password: string) {
  await w.find('[data-testid="login-username"] input').setValue(username)
  await w.find('[data-testid="login-password"] input').setValue(password)
  await w.find('[data-testid="login-form"]').trigger('submit')
  await flushPromises()
}

describe('the sign-in screen', () => {
  afterEach(removeApi)

  it('asks for both fields before calling the core', async () => {
    const { wrapper: w, api } = await mountLogin({})
    await w.find('[data-testid="login-form"]').trigger('submit')
    expect(fieldMessage(document, 'login-username')).toBe('Please enter your username.')
    expect(fieldMessage(document, 'login-password')).toBe('Please enter your password.')
    expect(api.callsTo('session.login')).toHaveLength(0)
  })

  it('shows a wrong password under the password field, as the core words it, and clears it', async () => {
    const message = 'That username and password do not match. Check the username and that Caps Lock is off, then try again.'
    const { wrapper: w } = await mountLogin({
      'session.login': () => ({ error: { kind: 'validation', field: 'password', message } }),
    })
    await signIn(w, 'b.manager', 'wrong one')
    expect(fieldMessage(document, 'login-password')).toBe(message)
    expect((w.find('[data-testid="login-password"] input').element as HTMLInputElement).value).toBe('')
    expect(w.find('[data-testid="login-error"]').exists()).toBe(false)
  })

  it('shows "too many attempts" and "disabled" above the button, without treating them as a lock', async () => {
    const wait = 'Too many unsuccessful attempts. For safety, please wait 2 minutes before trying again.'
    const { wrapper: w, router } = await mountLogin({ 'session.login': () => ({ error: { kind: 'locked', message: wait } }) })
    await signIn(w, 'b.manager', 'whatever')
    expect(w.find('[data-testid="login-error"]').text()).toBe(wait)
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('opens the screen that was asked for once signed in', async () => {
    let signedIn = false
    const { wrapper: w, router } = await mountLogin(
      {
        'app.status': () => (signedIn ? signedInStatus() : locked),
        'session.login': () => {
          signedIn = true
          return signedInStatus().user!
        },
      },
      '/login?next=/audit',
    )
    useAppStatus().notice = 'You have signed out.'
    await signIn(w, 'b.manager', 'copper kettle orbit lantern')
    expect(router.currentRoute.value.fullPath).toBe('/audit')
    expect(useAppStatus().notice).toBeNull()
    expect(useAppStatus().signedIn).toBe(true)
  })

  it('opens the records with the recovery key, naming a wrong key under its field', async () => {
    const { wrapper: w, api } = await mountLogin({
      'session.recover': () => ({ error: { kind: 'validation', field: 'recoveryKey', message: 'That recovery key does not open this register.' } }),
    })
    await w.find('[data-testid="forgotten-password"]').trigger('click')
    await w.find('[data-testid="recover-key"] input').setValue('7K4M-2QXD-9PLR-XW3T-HB6N-V8CZ-AAAA-BBBB')
    await w.find('[data-testid="recover-username"] input').setValue('b.manager')
    await w.find('[data-testid="recover-new-password"] input').setValue('harbour violet tundra spoon')
    await w.find('[data-testid="recover-confirm"] input').setValue('harbour violet tundra spoon')
    await w.find('[data-testid="recover-form"]').trigger('submit')
    await flushPromises()
    expect(api.callsTo('session.recover')[0]).toEqual({
      recoveryKey: '7K4M-2QXD-9PLR-XW3T-HB6N-V8CZ-AAAA-BBBB',
      username: 'b.manager',
      newPassword: 'harbour violet tundra spoon',
    })
    expect(fieldMessage(document, 'recover-key')).toBe('That recovery key does not open this register.')
  })

  it('says, while signing in, that a register from before this version is encrypted once and may take a minute', async () => {
    let answer: () => void = () => undefined
    const { wrapper: w } = await mountLogin({
      'app.status': () => ({ ...locked, upgradePending: true }),
      'session.login': () => new Promise((done) => (answer = () => done({ error: { kind: 'validation', field: 'password', message: 'No.' } }))),
    })
    await useAppStatus().refresh()
    await w.find('[data-testid="login-username"] input').setValue('b.manager')
    await w.find('[data-testid="login-password"] input').setValue('a password')
    await w.find('[data-testid="login-form"]').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid="login-busy"]').text()).toContain('This version encrypts the incident log once')
    answer()
    await flushPromises()
    expect(w.find('[data-testid="login-busy"]').exists()).toBe(false)
  })

  it('says only that it is opening the records on an ordinary sign-in', async () => {
    const { wrapper: w } = await mountLogin({ 'session.login': () => new Promise(() => undefined) })
    await useAppStatus().refresh()
    await w.find('[data-testid="login-username"] input').setValue('b.manager')
    await w.find('[data-testid="login-password"] input').setValue('a password')
    await w.find('[data-testid="login-form"]').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid="login-busy"]').text()).toBe('Checking your password and opening the records…')
  })
})
