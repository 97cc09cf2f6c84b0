import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createVuetify } from 'vuetify'
import { useAppStatus } from '@/stores/app-status'
import type { Permission, SerialAnswer } from '@shared/domain/permissions'
import SerialLookup from '@/features/permissions/serial-lookup.vue'
import RegisterList from '@/features/permissions/register-list.vue'
import { answerDetail, endOfSchoolYear, grantInput, VERDICTS, type GrantForm } from '@/features/permissions/permission-words'
import { mountScreen, removeApi, signedInStatus, stubApi, testRouter } from './helpers'

afterEach(removeApi)

const form = (over: Partial<GrantForm>): GrantForm => ({
  kind: 'portable-media',
  personId: 7,
  deviceMake: 'Kingston 32GB',
  deviceSerial: 'AA1',
  systemName: 'left over',
  accountName: 'left over',
  authorisedBy: 'J. Patel',
  startsOn: '2026-06-01',
  endsOn: '2026-08-31',
  conditions: '  ',
  ...over,
})

describe('the grant form', () => {
  it('sends only the boxes its kind uses, and leaves empty optional ones out', () => {
    expect(grantInput(form({}))).toEqual({ kind: 'portable-media', personId: 7, deviceMake: 'Kingston 32GB', deviceSerial: 'AA1', authorisedBy: 'J. Patel', startsOn: '2026-06-01', endsOn: '2026-08-31' })
    expect(grantInput(form({ kind: 'credential-holder', systemName: 'Twitter', accountName: '@school', endsOn: '', conditions: 'SLT know it' }))).toEqual({
      kind: 'credential-holder',
      personId: 7,
      systemName: 'Twitter',
      accountName: '@school',
      authorisedBy: 'J. Patel',
      startsOn: '2026-06-01',
      conditions: 'SLT know it',
    })
    expect(grantInput(form({ kind: 'system-access', systemName: 'SIMS', accountName: ' ' }))).not.toHaveProperty('accountName')
    expect(grantInput(form({ kind: 'password-exemption', systemName: 'Network' }))).not.toHaveProperty('deviceSerial')
  })

  it('suggests the end of the school year as a stick’s last day', () => {
    expect(endOfSchoolYear('2026-06-16')).toBe('2026-08-31')
    expect(endOfSchoolYear('2026-09-01')).toBe('2027-08-31')
  })

  it('does not say the verdict twice under its headline', () => {
    expect(answerDetail('Not permitted: the permission for Ann’s stick was revoked on 16/06/2026 (lost: in town). It may not be used.')).toBe(
      'The permission for Ann’s stick was revoked on 16/06/2026 (lost: in town). It may not be used.',
    )
  })

  it('says every answer at the desk in words, not colour alone', () => {
    for (const v of Object.values(VERDICTS)) expect(v.headline.length).toBeGreaterThan(10)
    expect(VERDICTS.cleared.headline).toMatch(/^Cleared/)
    for (const no of ['expired', 'revoked', 'holder-left', 'unknown'] as const) expect(VERDICTS[no].headline).toMatch(/^Not permitted/)
  })
})

describe('“may this stick be used?”', () => {
  it('checks the typed serial number on Enter and answers in words', async () => {
    const answer: SerialAnswer = { serial: 'AA12345678', verdict: 'unknown', mayBeUsed: false, message: 'No stick with serial number AA12345678 has ever been permitted.', permission: null }
    const api = stubApi({ 'app.status': () => signedInStatus({ role: 'ict' }), 'permissions.lookupSerial': () => answer })
    const { wrapper } = await mountScreen(SerialLookup)
    const input = wrapper.find('[data-testid="serial-input"] input')
    expect(document.activeElement).toBe(input.element) // keyboard first: the cursor is already there
    await input.setValue('aa 1234 5678')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(api.callsTo('permissions.lookupSerial')).toEqual([{ serial: 'aa 1234 5678' }])
    const shown = wrapper.find('[data-testid="serial-answer"]')
    expect(shown.text()).toContain('Not permitted: this stick is not in the register')
    expect(shown.text()).toContain('has ever been permitted')
    expect(shown.attributes('data-verdict')).toBe('unknown')
  })

  it('asks for a serial number instead of calling with an empty box', async () => {
    const api = stubApi({ 'app.status': () => signedInStatus({ role: 'ict' }) })
    const { wrapper } = await mountScreen(SerialLookup)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(api.callsTo('permissions.lookupSerial')).toEqual([])
    expect(wrapper.text()).toContain('Type the serial number printed on the stick')
  })
})

describe('the register list', () => {
  it('tells a school with nothing in force what the register is for, and lets ICT grant the first', async () => {
    stubApi({ 'app.status': () => signedInStatus({ role: 'ict' }), 'permissions.list': () => ({ rows: [] as Permission[], total: 0 }) })
    const pinia = createPinia()
    setActivePinia(pinia)
    await useAppStatus().refresh()
    const wrapper = mount(RegisterList, { props: { canWrite: true, attention: null }, attachTo: document.body, global: { plugins: [pinia, testRouter(), createVuetify()] } })
    await flushPromises()
    const empty = wrapper.find('[data-testid="permissions-empty"]')
    expect(empty.text()).toContain('No permissions in force')
    expect(empty.text()).toContain('Grant a permission')
  })
})
