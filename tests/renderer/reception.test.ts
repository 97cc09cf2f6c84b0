import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { AupVersion } from '@shared/domain/aup'
import type { Visit, VisitorMatch } from '@shared/domain/visits'
import ReceptionScreen from '@/features/reception/reception-screen.vue'
import { canSearch, hostInput, needsAgreement, suggestionsFrom } from '@/features/reception/reception-rules'
import { mountScreen, removeApi, signedInStatus, stubApi } from './helpers'

// happy-dom has no 2D canvas: signature_pad needs a context to start. Drawing is tested in Playwright.
// A spy, so vitest puts happy-dom's own back after this file: the charts on other screens in the
// same worker measure text through it and break on this stand-in.
beforeAll(() => {
  const ctx = new Proxy({}, { get: (_t, k) => (k === 'canvas' ? undefined : () => undefined) })
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as unknown as HTMLCanvasElement['getContext'])
})

const gwen: VisitorMatch = {
  id: 7,
  kind: 'visitor',
  displayName: 'Gwen Tudor',
  forename: 'Gwen',
  surname: 'Tudor',
  organisation: 'Northgate IT',
  dbs: { status: 'checked', checkedBy: 'Bea Manager', checkedOn: '2025-09-01' },
  lastVisit: { signedInAt: '2025-09-01T08:30:00Z', purpose: 'Server maintenance', hostId: 3, hostName: 'Huw Evans', carRegistration: 'AB12 CDE' },
  onSite: null,
  agreementCurrent: true,
}
const newcomer: VisitorMatch = { ...gwen, id: 8, displayName: 'Siôn Prydderch', organisation: null, lastVisit: null, agreementCurrent: false, dbs: null }

const visitOf = (input: { personId?: number; purpose: string; usesIct: boolean; agreement?: unknown }, name: string): Visit => ({
  id: 100 + (input.personId ?? 0),
  personId: input.personId ?? 99,
  kind: 'visitor',
  visitorName: name,
  organisation: null,
  purpose: input.purpose,
  hostId: 3,
  hostName: 'Huw Evans',
  carRegistration: null,
  usesIct: input.usesIct,
  agreementId: input.agreement ? 55 : null,
  signedInAt: '2025-09-08T08:05:00Z',
  signedOutAt: null,
  signedOutHow: null,
})

const aup: AupVersion = {
  id: 4,
  title: 'Visitor acceptable use agreement',
  versionLabel: '2025–26',
  audiences: ['visitors'],
  effectiveFrom: '2025-09-01',
  format: 'text',
  createdAt: '2025-08-30T10:00:00Z',
  createdBy: 'Bea Manager',
  currentFor: ['visitors'],
  state: 'current',
  agreementCount: 3,
  body: 'I will only use the school’s wifi for the purpose of my visit.',
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the reception rules', () => {
  it('asks for an agreement only from someone using school ICT without a current one', () => {
    expect(needsAgreement(false, null)).toBe(false)
    expect(needsAgreement(true, null)).toBe(true)
    expect(needsAgreement(true, { agreementCurrent: false })).toBe(true)
    expect(needsAgreement(true, { agreementCurrent: true })).toBe(false)
    expect(needsAgreement(false, { agreementCurrent: false })).toBe(false)
  })

  it('searches from three letters', () => {
    expect(canSearch('gw')).toBe(false)
    expect(canSearch(' g w ')).toBe(false)
    expect(canSearch('gwe')).toBe(true)
  })

  it('offers a returning visitor’s last answers as suggestions, one per field', () => {
    expect(suggestionsFrom(gwen)).toEqual([
      { field: 'purpose', value: 'Server maintenance', label: 'Server maintenance' },
      { field: 'host', value: { id: 3, name: 'Huw Evans' }, label: 'Huw Evans' },
      { field: 'carRegistration', value: 'AB12 CDE', label: 'AB12 CDE' },
    ])
    expect(suggestionsFrom(newcomer)).toEqual([])
    expect(hostInput({ id: 3, name: 'Huw Evans' })).toEqual({ hostId: 3 })
    expect(hostInput(' Mrs Khan ')).toEqual({ hostName: 'Mrs Khan' })
  })
})

describe('the reception screen', () => {
  afterEach(removeApi)

  function stub(matches: VisitorMatch[]) {
    const onSite: Visit[] = []
    return stubApi({
      'app.status': () => signedInStatus({ role: 'office' }),
      'visits.autoSignOut': () => ({ signedOut: 0 }),
      'visits.onSite': () => ({ asAt: '2025-09-08T08:00:00Z', visits: onSite }),
      'visitors.search': ({ text }) => matches.filter((m) => m.displayName.toLowerCase().includes(text.toLowerCase())),
      'people.hosts': () => [{ id: 3, name: 'Huw Evans' }],
      'visitors.currentAup': () => aup,
      'visits.signIn': (input) => {
        const visit = visitOf(input, input.personId === 7 ? 'Gwen Tudor' : 'Siôn Prydderch')
        onSite.push(visit)
        return visit
      },
    })
  }

  async function type(w: Awaited<ReturnType<typeof mountScreen>>['wrapper'], text: string) {
    await w.find('[data-testid="visitor-search"] input').setValue(text)
    await wait(200)
    await flushPromises()
  }

  it('signs out anyone left from yesterday on opening, and waits for three letters before searching', async () => {
    const api = stub([gwen])
    const { wrapper: w } = await mountScreen(ReceptionScreen, { at: '/reception' })
    expect(api.callsTo('visits.autoSignOut')).toHaveLength(1)
    expect(w.find('[data-testid="nobody-on-site"]').exists()).toBe(true)
    await type(w, 'gw')
    expect(api.callsTo('visitors.search')).toHaveLength(0)
    await type(w, 'gwe')
    expect(api.callsTo('visitors.search')).toEqual([{ text: 'gwe', limit: 8 }])
    const match = w.find('[data-testid="match-7"]')
    expect(match.text()).toContain('Northgate IT')
    expect(match.text()).toContain('last here 01/09/2025')
    expect(match.text()).toContain('Agreement current')
  })

  it('opens a returning visitor with nothing filled in; tapping last time’s answers fills them, and Sign in uses them', async () => {
    const api = stub([gwen])
    const { wrapper: w } = await mountScreen(ReceptionScreen, { at: '/reception' })
    await type(w, 'gwe')
    await w.find('[data-testid="visitor-search"] input').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect((w.find('[data-testid="visit-purpose"] input').element as HTMLInputElement).value).toBe('')
    expect(w.find('[data-testid="suggestion-purpose"]').text()).toContain('Server maintenance')
    // Signing in with nothing chosen is refused on the screen, before any call.
    await w.find('[data-testid="visit-form"] form').trigger('submit')
    await flushPromises()
    expect(api.callsTo('visits.signIn')).toHaveLength(0)
    await w.find('[data-testid="suggestion-purpose"]').trigger('click')
    await w.find('[data-testid="suggestion-host"]').trigger('click')
    await w.find('[data-testid="visit-uses-ict"] input').setValue(true)
    expect((w.find('[data-testid="visit-purpose"] input').element as HTMLInputElement).value).toBe('Server maintenance')
    expect(w.find('[data-testid="visit-submit"]').text()).toBe('Sign in')
    await w.find('[data-testid="visit-form"] form').trigger('submit')
    await flushPromises()
    expect(api.callsTo('visitors.currentAup')).toHaveLength(0)
    expect(api.callsTo('visits.signIn')).toEqual([{ personId: 7, purpose: 'Server maintenance', hostId: 3, carRegistration: undefined, usesIct: true, agreement: undefined }])
    expect(w.find('[data-testid="reception-done"]').text()).toContain('Gwen Tudor is signed in')
    expect(w.find('[data-testid="on-site-list"]').text()).toContain('Gwen Tudor')
  })

  it('shows the agreement to a visitor who will use the wifi without a current one, and refuses an empty signature', async () => {
    const api = stub([newcomer])
    const { wrapper: w } = await mountScreen(ReceptionScreen, { at: '/reception' })
    await type(w, 'prydd')
    await w.find('[data-testid="match-8"]').trigger('click')
    await flushPromises()
    await w.find('[data-testid="visit-purpose"] input').setValue('Reading volunteer')
    await w.find('[data-testid="visit-host"] input').setValue('Mrs Khan')
    await w.find('[data-testid="visit-uses-ict"] input').setValue(true)
    expect(w.find('[data-testid="agreement-next"]').exists()).toBe(true)
    expect(w.find('[data-testid="visit-submit"]').text()).toBe('Next: the agreement')
    await w.find('[data-testid="visit-form"] form').trigger('submit')
    await flushPromises()
    expect(api.callsTo('visitors.currentAup')).toEqual([{ personId: 8 }])
    expect(w.find('[data-testid="agreement-text"]').text()).toContain('only use the school’s wifi')
    expect(w.find('[data-testid="signature-canvas"]').exists()).toBe(true)
    await w.find('[data-testid="agree-and-sign-in"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="signature-error"]').text()).toContain('Ask them to sign in the box')
    expect(api.callsTo('visits.signIn')).toHaveLength(0)
  })

  it('tells the desk when the school has no visitor agreement yet', async () => {
    stubApi({
      'app.status': () => signedInStatus({ role: 'office' }),
      'visits.autoSignOut': () => ({ signedOut: 0 }),
      'visits.onSite': () => ({ asAt: '2025-09-08T08:00:00Z', visits: [] }),
      'visitors.search': () => [newcomer],
      'people.hosts': () => [],
      'visitors.currentAup': () => null,
    })
    const { wrapper: w } = await mountScreen(ReceptionScreen, { at: '/reception' })
    await type(w, 'prydd')
    await w.find('[data-testid="match-8"]').trigger('click')
    await flushPromises()
    await w.find('[data-testid="visit-purpose"] input').setValue('Reading volunteer')
    await w.find('[data-testid="visit-host"] input').setValue('Mrs Khan')
    await w.find('[data-testid="visit-uses-ict"] input').setValue(true)
    await w.find('[data-testid="visit-form"] form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid="no-visitor-aup"]').text()).toContain('add the visitor agreement under Agreements')
    expect(w.find('[data-testid="sign-in-without-ict"]').exists()).toBe(true)
  })
})
