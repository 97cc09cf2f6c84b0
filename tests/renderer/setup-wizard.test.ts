import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import SetupWizard from '@/features/setup/setup-wizard.vue'
import { focusUnlessTyping } from '@/lib/focus-unless-typing'
import { fieldMessage, mountScreen, removeApi, stubApi, type Handlers } from './helpers'

const notSetUp = { appVersion: '9.9.9', setUp: false, unlocked: false, user: null, idleLockMinutes: null, upgradePending: false }

async function mountWizard(handlers: Handlers = {}) {
  const api = stubApi({ 'app.status': () => notSetUp, ...handlers })
  return { api, ...(await mountScreen(SetupWizard, { at: '/setup' })) }
}

async function type(w: VueWrapper, testId: string, value: string) {
  await w.find(`[data-testid="${testId}"] input, [data-testid="${testId}"] textarea`).setValue(value)
}

async function fillSchool(w: VueWrapper, urn = '123456') {
  await type(w, 'school-name', 'Hilltop Primary School')
  await type(w, 'school-address', '1 Hill Road\nMaidstone')
  await type(w, 'school-urn', urn)
  await type(w, 'school-dsl', 'Priya Shah')
}

async function fillAccount(w: VueWrapper, password = 'copper kettle orbit lantern', confirm = password) {
  await type(w, 'account-display-name', 'Bea Manager')
  await type(w, 'account-username', 'b.manager')
  await type(w, 'account-password', password)
  await type(w, 'account-confirm', confirm)
}

describe('the set-up wizard', () => {
  afterEach(removeApi)

  it('opens with the cursor already in School name', async () => {
    const { wrapper: w } = await mountWizard()
    expect(document.activeElement).toBe(w.find('[data-testid="school-name"] input').element)
    w.unmount()
  })

  it('never moves the cursor out of a field someone is already typing in', () => {
    const first = document.body.appendChild(document.createElement('input'))
    const second = document.body.appendChild(document.createElement('input'))
    second.focus()
    focusUnlessTyping(first)
    expect(document.activeElement).toBe(second)
    // A button that opened a dialog is no typing place: the dialog's field takes the cursor.
    const opener = document.body.appendChild(document.createElement('button'))
    opener.focus()
    focusUnlessTyping(first)
    expect(document.activeElement).toBe(first)
    first.blur()
    focusUnlessTyping(second)
    expect(document.activeElement).toBe(second)
    for (const el of [first, second, opener]) el.remove()
  })

  it('shows each problem under its own field and stays on the step', async () => {
    const { wrapper: w } = await mountWizard()
    await type(w, 'school-urn', '12345')
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    expect(fieldMessage(document, 'school-name')).toContain('school’s name')
    expect(fieldMessage(document, 'school-urn')).toContain('six-digit number')
    expect(w.find('[data-testid="setup-step-2"]').exists()).toBe(false)
    w.unmount()
  })

  it('clears a field’s message as soon as it is corrected', async () => {
    const { wrapper: w } = await mountWizard()
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    expect(fieldMessage(document, 'school-urn')).not.toBe('')
    await type(w, 'school-urn', '123456')
    expect(fieldMessage(document, 'school-urn')).not.toContain('six-digit number')
    w.unmount()
  })

  it('adds and removes deputy DSLs, ignoring an empty row', async () => {
    const { wrapper: w } = await mountWizard()
    await fillSchool(w)
    await w.find('[data-testid="add-deputy"]').trigger('click')
    await type(w, 'school-deputy-0', 'Tom Reed')
    await w.find('[data-testid="add-deputy"]').trigger('click')
    await w.find('[data-testid="add-deputy"]').trigger('click')
    await type(w, 'school-deputy-2', 'X')
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    // The blank middle row is dropped; the one-letter name is not a name.
    expect(w.findAll('[data-testid^="school-deputy-"]')).toHaveLength(2)
    expect(fieldMessage(document, 'school-deputy-1')).toContain('full name')
    await w.find('[aria-label^="Remove deputy DSL 2"]').trigger('click')
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    expect(w.find('[data-testid="setup-step-2"]').exists()).toBe(true)
    w.unmount()
  })

  it('keeps everything typed when going back a step', async () => {
    const { wrapper: w } = await mountWizard()
    await fillSchool(w)
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    await fillAccount(w)
    await w.findAll('button').find((b) => b.text() === 'Back')!.trigger('click')
    expect((w.find('[data-testid="school-name"] input').element as HTMLInputElement).value).toBe('Hilltop Primary School')
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    expect((w.find('[data-testid="account-username"] input').element as HTMLInputElement).value).toBe('b.manager')
    w.unmount()
  })

  it('checks the password length and that both copies match before calling the core', async () => {
    const { wrapper: w, api } = await mountWizard()
    await fillSchool(w)
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    await fillAccount(w, 'short')
    await w.find('[data-testid="setup-step-2"]').trigger('submit')
    expect(fieldMessage(document, 'account-password')).toContain('at least 12 characters')
    await fillAccount(w, 'copper kettle orbit lantern', 'copper kettle orbit lantren')
    await w.find('[data-testid="setup-step-2"]').trigger('submit')
    expect(fieldMessage(document, 'account-confirm')).toContain('not the same')
    expect(api.callsTo('setup.create')).toHaveLength(0)
    w.unmount()
  })

  it('puts the core’s message under the field it names, on the right step', async () => {
    const { wrapper: w } = await mountWizard({
      'setup.create': () => ({ error: { kind: 'validation', field: 'manager.password', message: 'That password is on a list of common passwords.' } }),
    })
    await fillSchool(w)
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    await fillAccount(w)
    await w.find('[data-testid="setup-step-2"]').trigger('submit')
    await flushPromises()
    expect(fieldMessage(document, 'account-password')).toBe('That password is on a list of common passwords.')
    w.unmount()
  })

  it('goes back to the school step for a school field the core refuses', async () => {
    const { wrapper: w } = await mountWizard({
      'setup.create': () => ({ error: { kind: 'validation', field: 'school.urn', message: 'That URN belongs to a closed school.' } }),
    })
    await fillSchool(w)
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    await fillAccount(w)
    await w.find('[data-testid="setup-step-2"]').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid="setup-step-1"]').exists()).toBe(true)
    expect(fieldMessage(document, 'school-urn')).toBe('That URN belongs to a closed school.')
    w.unmount()
  })

  it('shows the recovery key once, in groups, and carries on only after the tick', async () => {
    let setUp = false
    const { wrapper: w, api, router } = await mountWizard({
      'app.status': () => (setUp ? { ...notSetUp, setUp: true, unlocked: true, idleLockMinutes: 10, user: { id: 1, username: 'b.manager', displayName: 'Bea Manager', role: 'manager', mustChangePassword: false } } : notSetUp),
      'setup.create': () => {
        setUp = true
        return { recoveryKey: '7K4M-2QXD-9PLR-XW3T-HB6N-V8CZ' }
      },
    })
    await fillSchool(w)
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    await fillAccount(w)
    await w.find('[data-testid="setup-step-2"]').trigger('submit')
    await flushPromises()
    expect(api.callsTo('setup.create')[0]).toMatchObject({
      school: { name: 'Hilltop Primary School', urn: '123456', dslName: 'Priya Shah', deputyDslNames: [] },
      manager: { username: 'b.manager', displayName: 'Bea Manager', password: 'copper kettle orbit lantern' },
    })
    const groups = w.findAll('[data-testid="recovery-key"] .key-group').map((g) => g.text())
    expect(groups).toEqual(['7K4M', '2QXD', '9PLR', 'XW3T', 'HB6N', 'V8CZ'])
    const go = w.find('[data-testid="recovery-key-continue"]')
    expect(go.attributes('disabled')).toBeDefined()
    await w.find('[data-testid="recovery-key-kept"] input').setValue(true)
    expect(go.attributes('disabled')).toBeUndefined()
    await go.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('home')
    // The key is gone from the screen once the person has carried on.
    expect(w.find('[data-testid="recovery-key"]').exists()).toBe(false)
    w.unmount()
  })

  it('sends the day the school’s records began when one is given, and shows the core’s refusal of it on the first step', async () => {
    const { wrapper: w, api } = await mountWizard({
      'setup.create': () => ({ error: { kind: 'validation', field: 'recordsBeganOn', message: 'The records cannot begin after today. Give the day of the school’s first record, or an earlier one.' } }),
    })
    await fillSchool(w)
    const began = w.find('[data-testid="setup-records-began"] input')
    await began.setValue('2/9/19')
    await began.trigger('blur')
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    await fillAccount(w)
    await w.find('[data-testid="setup-step-2"]').trigger('submit')
    await flushPromises()
    expect(api.callsTo('setup.create')[0]).toMatchObject({ recordsBeganOn: '2019-09-02' })
    expect(w.find('[data-testid="setup-step-1"]').exists()).toBe(true)
    expect(w.find('[data-testid="setup-step-1"]').text()).toContain('The records cannot begin after today.')
    w.unmount()
  })

  it('leaves the day out when none is given (the records begin on the day of set-up)', async () => {
    const { wrapper: w, api } = await mountWizard({ 'setup.create': () => ({ error: { kind: 'conflict', message: 'Stop here.' } }) })
    await fillSchool(w)
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    await fillAccount(w)
    await w.find('[data-testid="setup-step-2"]').trigger('submit')
    await flushPromises()
    expect(api.callsTo('setup.create')[0]).not.toHaveProperty('recordsBeganOn')
    w.unmount()
  })

  it('shows a refusal that names no field above the buttons', async () => {
    const { wrapper: w } = await mountWizard({
      'setup.create': () => ({ error: { kind: 'conflict', message: 'This computer already holds a school’s records.' } }),
    })
    await fillSchool(w)
    await w.find('[data-testid="setup-step-1"]').trigger('submit')
    await fillAccount(w)
    await w.find('[data-testid="setup-step-2"]').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid="setup-error"]').text()).toContain('already holds a school’s records')
    w.unmount()
  })
})
