import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createVuetify } from 'vuetify'
import { defineComponent, h, type Component } from 'vue'
import type { z } from 'zod'
import { aupPublish } from '@shared/api/people-fields'
import { permissionGrant } from '@shared/features/permissions/contract'
import { incidentMethods } from '@shared/features/incidents/contract'
import { role } from '@shared/api/fields'
import { contractRule, fieldRule, inputRule, variantOf } from '@/lib/contract-rules'
import { useFieldErrors } from '@/lib/field-errors'
import PublishDialog from '@/features/agreements/publish-dialog.vue'
import GrantDialog from '@/features/permissions/grant-dialog.vue'
import CategoryDialog from '@/features/incidents/category-dialog.vue'
import UserDialog from '@/features/users/user-dialog.vue'
import { stubApi } from './helpers'

// The sources as text, read by Vite when the test is built (the renderer's tests have no file system).
const contractSources = import.meta.glob<string>(['/shared/api/*.ts', '/shared/features/**/*.ts'], { query: '?raw', import: 'default', eager: true })
const rendererSources = import.meta.glob<string>(['/renderer/src/**/*.ts', '/renderer/src/**/*.vue'], { query: '?raw', import: 'default', eager: true })

/** What the contract says about a value: the message a form must show for it. */
function contractSays(schema: z.ZodType, value: unknown): string {
  const checked = schema.safeParse(value)
  if (checked.success) throw new Error(`The contract accepts ${JSON.stringify(value)}: the test must give a value it refuses.`)
  return checked.error.issues[0]!.message
}

/** The messages the contracts give the user, as written in shared/api and each kind's shared/features/<kind>/contract.ts (whole string literals only). */
function contractMessages(): string[] {
  const found = new Set<string>()
  for (const text of Object.values(contractSources)) {
    for (const m of text.matchAll(/'([A-Z][^'\n]{14,})'/g)) if (/[.:!?]$/.test(m[1]!) && m[1]!.includes(' ')) found.add(m[1]!)
  }
  return [...found]
}

/** The test window has no visual viewport for Vuetify's overlay: the dialog's content is shown in place. */
const InPlaceDialog = defineComponent({ props: { modelValue: Boolean }, setup: (props, { slots }) => () => (props.modelValue ? h('div', slots.default?.()) : null) })

async function openDialog(component: Component, props: Record<string, unknown>) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(component, { props: { modelValue: false, ...props }, attachTo: document.body, global: { plugins: [pinia, createVuetify()], stubs: { VDialog: InPlaceDialog } } })
  // The dialogs fill their form as they open.
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

async function type(testId: string, value: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${testId}"] input, [data-testid="${testId}"] textarea, textarea[data-testid="${testId}"]`)
  if (!input) throw new Error(`No box ${testId}`)
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function submit(testId: string): Promise<void> {
  document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click()
  await flushPromises()
}

const messageUnder = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.closest('.v-input')?.querySelector('.v-messages')?.textContent?.trim() ?? ''

const noDrafts = { 'drafts.get': () => null, 'drafts.save': () => ({ savedAt: '2026-12-05T10:00:00.000Z' }), 'drafts.discard': () => null } as const

describe('the contract rules', () => {
  it('answers true or the schema’s own message, for a schema, a field, a kind and a method’s input', () => {
    expect(contractRule(role)('head')).toBe(true)
    expect(contractRule(role)(null)).toBe(contractSays(role, null))
    expect(fieldRule(aupPublish, 'title')('')).toBe(contractSays(aupPublish.shape.title, ''))
    const exemption = variantOf(permissionGrant, 'password-exemption')
    expect(exemption.shape.kind.value).toBe('password-exemption')
    expect(fieldRule(exemption, 'systemName')(' ')).toBe(contractSays(exemption.shape.systemName, ' '))
    const name = incidentMethods['incidents.saveCategory'].input.shape.name
    expect(inputRule('incidents.saveCategory', 'name')('x')).toBe(contractSays(name, 'x'))
    expect(inputRule('incidents.saveCategory', 'name')('E-safety')).toBe(true)
  })

  it('puts a failed rule’s message under its field and keeps a message the form put there first', () => {
    const errors = useFieldErrors()
    errors.set('title', 'The form’s own words.')
    expect(errors.check('title', fieldRule(aupPublish, 'title'), '')).toBe(false)
    expect(errors.of('title')).toEqual(['The form’s own words.'])
    expect(errors.check('versionLabel', fieldRule(aupPublish, 'versionLabel'), '')).toBe(false)
    expect(errors.of('versionLabel')).toEqual([contractSays(aupPublish.shape.versionLabel, '')])
    // A message for a field the form does not show goes to the form as a whole.
    expect(errors.checkInput(aupPublish.pick({ body: true }), { body: 'short' }, [])).toBe(false)
    expect(errors.general).toBe(contractSays(aupPublish.shape.body, 'short'))
  })

  it('no contract message is written again in the renderer', () => {
    const messages = contractMessages()
    // The scan must see the contracts' messages, or this test would pass on nothing.
    expect(messages).toContain('Please give the agreement a title.')
    expect(messages.length).toBeGreaterThan(100)
    expect(Object.keys(rendererSources).length).toBeGreaterThan(100)
    const copies = Object.entries(rendererSources).flatMap(([file, text]) => messages.filter((m) => text.includes(`'${m}'`)).map((m) => `${file}: ${m}`))
    expect(copies).toEqual([])
  })
})

describe('forms say what the contract says, and refuse what it refuses', () => {
  it('publishing an agreement: the title, label and text', async () => {
    let published = 0
    stubApi(noDrafts)
    await openDialog(PublishDialog, { actions: { publish: () => (published++, Promise.resolve(null)) } })
    await type('aup-body', 'Too short.')
    await submit('aup-publish')
    expect(messageUnder('aup-title')).toBe(contractSays(aupPublish.shape.title, ''))
    expect(messageUnder('aup-label')).toBe(contractSays(aupPublish.shape.versionLabel, ''))
    expect(messageUnder('aup-body')).toBe(contractSays(aupPublish.shape.body, 'Too short.'))
    // A title of one letter is refused by the contract (at least 2), so by the form too.
    await type('aup-title', 'A')
    await submit('aup-publish')
    expect(messageUnder('aup-title')).toBe(contractSays(aupPublish.shape.title, 'A'))
    expect(published).toBe(0)
  })

  it('granting a permission: the kind’s own messages, and a password typed where a name belongs', async () => {
    const api = stubApi(noDrafts)
    await openDialog(GrantDialog, { from: null })
    const stick = variantOf(permissionGrant, 'portable-media')
    await type('grant-serial', 'x')
    await type('grant-authorised', 'password: Tr0ub4dor&3')
    await submit('grant-save')
    expect(messageUnder('grant-make')).toBe(contractSays(stick.shape.deviceMake, ''))
    expect(messageUnder('grant-serial')).toBe(contractSays(stick.shape.deviceSerial, 'x'))
    expect(messageUnder('grant-authorised')).toBe(contractSays(stick.shape.authorisedBy, 'password: Tr0ub4dor&3'))
    expect(api.callsTo('permissions.grant')).toEqual([])
  })

  it('an incident category: its name', async () => {
    const api = stubApi(noDrafts)
    await openDialog(CategoryDialog, { category: null })
    await type('category-name', 'x')
    await submit('category-save')
    expect(messageUnder('category-name')).toBe(contractSays(incidentMethods['incidents.saveCategory'].input.shape.name, 'x'))
    expect(api.callsTo('incidents.saveCategory')).toEqual([])
  })

  it('adding a user: the role, and a username the core would refuse', async () => {
    let created = 0
    stubApi(noDrafts)
    await openDialog(UserDialog, { user: null, actions: { create: () => (created++, Promise.resolve(null)) } })
    await type('user-display-name', 'Sam Office')
    await type('user-username', 's office')
    await submit('user-save')
    expect(messageUnder('user-role')).toBe(contractSays(role, null))
    expect(messageUnder('user-username')).toBe(inputRule('users.create', 'username')('s office'))
    expect(created).toBe(0)
  })
})
