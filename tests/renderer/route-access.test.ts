import { describe, expect, it } from 'vitest'
import type { AppStatus } from '@shared/api/contract'
import { decideRoute, safeNext, type RouteTarget } from '@/route-access'
import { NAV_ITEMS, navItemsFor } from '@/navigation'
import { signedInStatus } from './helpers'

const to = (name: string, fullPath: string, meta: RouteTarget['meta'] = {}): RouteTarget => ({ name, fullPath, meta })
const home = to('home', '/')
const setup = to('setup', '/setup', { stage: 'setup' })
const login = to('login', '/login', { stage: 'sign-in' })
const account = to('account', '/account')
const users = to('users', '/users', { roles: ['manager'] })
const audit = to('audit', '/audit', { roles: ['manager', 'head'] })

const notSetUp: AppStatus = { appVersion: '1.0.0', setUp: false, unlocked: false, user: null, idleLockMinutes: null, upgradePending: false }
const locked: AppStatus = { ...notSetUp, setUp: true }

describe('where the window may go', () => {
  it('sends everything to set-up on a new computer, and lets set-up through', () => {
    expect(decideRoute(notSetUp, home)).toEqual({ name: 'setup' })
    expect(decideRoute(notSetUp, login)).toEqual({ name: 'setup' })
    expect(decideRoute(notSetUp, users)).toEqual({ name: 'setup' })
    expect(decideRoute(notSetUp, setup)).toBe(true)
  })

  it('sends a locked register to sign-in, remembering the screen that was asked for', () => {
    expect(decideRoute(locked, home)).toEqual({ name: 'login' })
    expect(decideRoute(locked, audit)).toEqual({ name: 'login', query: { next: '/audit' } })
    expect(decideRoute(locked, setup)).toEqual({ name: 'login' })
    expect(decideRoute(locked, login)).toBe(true)
  })

  it('treats "unlocked" without a user as locked', () => {
    expect(decideRoute({ ...locked, unlocked: true, user: null }, home)).toEqual({ name: 'login' })
  })

  it('keeps a signed-in person away from set-up and sign-in', () => {
    expect(decideRoute(signedInStatus(), setup)).toEqual({ name: 'home' })
    expect(decideRoute(signedInStatus(), login)).toEqual({ name: 'home' })
    expect(decideRoute(signedInStatus(), home)).toBe(true)
  })

  it('holds someone with a first password on My account until they change it', () => {
    const status = signedInStatus({ role: 'office', mustChangePassword: true })
    expect(decideRoute(status, home)).toEqual({ name: 'account' })
    expect(decideRoute(status, users)).toEqual({ name: 'account' })
    expect(decideRoute(status, account)).toBe(true)
  })

  it('sends a person away from a screen their role does not allow', () => {
    expect(decideRoute(signedInStatus({ role: 'manager' }), users)).toBe(true)
    expect(decideRoute(signedInStatus({ role: 'head' }), users)).toEqual({ name: 'home' })
    expect(decideRoute(signedInStatus({ role: 'head' }), audit)).toBe(true)
    expect(decideRoute(signedInStatus({ role: 'office' }), audit)).toEqual({ name: 'reception' })
    expect(decideRoute(signedInStatus({ role: 'office' }), account)).toBe(true)
  })

  it('starts office staff on Reception, their only screen', () => {
    const office = signedInStatus({ role: 'office' })
    expect(decideRoute(office, home)).toEqual({ name: 'reception' })
    expect(decideRoute(office, login)).toEqual({ name: 'reception' })
    expect(decideRoute(office, to('reception', '/reception', { roles: ['manager', 'office'] }))).toBe(true)
    expect(decideRoute(office, to('people', '/people', { roles: ['manager', 'head', 'dsl'] }))).toEqual({ name: 'reception' })
    expect(decideRoute(signedInStatus({ role: 'head' }), to('reception', '/reception', { roles: ['manager', 'office'] }))).toEqual({ name: 'home' })
  })

  it('lets the shell show the error when the status could not be read', () => {
    expect(decideRoute(null, users)).toBe(true)
  })

  it('only follows a "next" path inside the app', () => {
    expect(safeNext('/audit')).toBe('/audit')
    expect(safeNext('//evil.example')).toBe('/')
    expect(safeNext('https://evil.example')).toBe('/')
    expect(safeNext(undefined)).toBe('/')
  })
})

describe('the menu by role', () => {
  const titles = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((i) => i.title)

  // The business manager and the headteacher see every screen but the named ones (a new record kind's
  // screen for them shows without a line here); the DSL's, ICT's and reception's menus are spelled out.
  it('gives the business manager everything', () => {
    expect(titles('manager')).toEqual(NAV_ITEMS.map((i) => i.title))
    expect(titles('manager')).toEqual(expect.arrayContaining(['Reception', 'Incident log', 'Users', 'Audit trail', 'Backups', 'Settings', 'My account']))
  })
  it('gives the headteacher people, agreements, reports and the audit trail but not reception, users, backups or settings', () => {
    expect(titles('head')).toEqual(titles('manager').filter((t) => !['Reception', 'Users', 'Backups', 'Settings'].includes(t)))
    expect(titles('head')).toEqual(expect.arrayContaining(['Incident log', 'People', 'Agreements', 'Reports', 'Annual review', 'Audit trail']))
  })
  it('gives the DSL people, agreements, photo consent, the roll call report and the PDF check', () => {
    expect(titles('dsl')).toEqual(['Home', 'Incident log', 'Visitor log', 'People', 'Agreements', 'Photo consent', 'May we publish?', 'Policies', 'Checks', 'Filtering changes', 'Filtering and monitoring', 'Calendar', 'Permission register', 'Approvals', 'Training', 'Searches and confiscations', 'Items to collect', 'Reports', 'Annual review', 'Governor oversight', 'Check a PDF', 'My account'])
  })
  it('gives the ICT manager the agreements (who may be granted access), the checks, the filtering log and their reports', () => {
    expect(titles('ict')).toEqual(['Home', 'Incident log', 'Agreements', 'Policies', 'Checks', 'Filtering changes', 'Filtering and monitoring', 'Calendar', 'Permission register', 'Approvals', 'Reports', 'My account'])
  })
  it('gives reception only Reception, the photo consent yes/no check, the items waiting to be collected and their account (the roll call is printed from Reception)', () => {
    expect(titles('office')).toEqual(['Reception', 'May we publish?', 'Items to collect', 'My account'])
  })
})
