import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { mdiHelp } from '@mdi/js'
import { ROLES } from '@shared/domain/roles'
import { FEATURES } from '@/features'
import { rolesOf, type Feature } from '@/features/feature-kit'
import { menuOf, NAV_ITEMS } from '@/navigation'
import { homeOf } from '@/route-access'
import { routeRecordsOf } from '@/router'

/**
 * What is wrong with a list of feature descriptors, in words that name the feature. The window is
 * assembled from the list alone, so a slip in one descriptor is a dead link, a screen claimed twice
 * or a role sent to a refusal: these are the checks that stand between a descriptor and the office.
 */
function problemsOf(features: readonly Feature[]): string[] {
  const problems: string[] = []
  const router = createRouter({ history: createMemoryHistory(), routes: routeRecordsOf(features) })

  const claims = new Map<string, string>()
  const names = new Map<string, string>()
  for (const feature of features) {
    for (const route of feature.routes) {
      const path = claims.get(route.path)
      if (path) problems.push(`${route.path} is claimed by both ${path} and ${feature.name}`)
      claims.set(route.path, feature.name)
      const name = names.get(route.name)
      if (name) problems.push(`the route name "${route.name}" is used by both ${name} and ${feature.name}`)
      names.set(route.name, feature.name)
      const component: unknown = route.component
      if (typeof component !== 'function' && (typeof component !== 'object' || component === null)) problems.push(`${feature.name}: ${route.path} has no component`)
    }
  }

  const menuPaths = new Map<string, string>()
  for (const feature of features) {
    for (const entry of feature.menu ?? []) {
      const where = `${feature.name}: the menu entry "${entry.title}"`
      const other = menuPaths.get(entry.path)
      if (other) problems.push(`${where} goes to ${entry.path}, which ${other} already has in the menu`)
      menuPaths.set(entry.path, feature.name)

      const route = router.resolve(entry.path)
      const own = feature.routes.find((r) => r.name === route.name)
      if (!route.name) problems.push(`${where} goes to ${entry.path}, which no route serves`)
      else if (!own) problems.push(`${where} goes to ${entry.path}, which is not one of ${feature.name}'s routes`)

      // An entry that reads something is shown only to those the contract allows it (rolesOf), so the
      // core's side needs no check here; screen-roles.test.ts still checks the assembled menu against it.
      const roles = rolesOf(entry)
      const shownTo = roles === 'everyone' ? ROLES : roles
      if (shownTo.length === 0) problems.push(`${where} is shown to nobody`)
      for (const role of shownTo) {
        if (route.name && route.meta.roles && !route.meta.roles.some((r) => r === role)) problems.push(`${where} is shown to ${role}, but its route refuses them`)
      }
      if (entry.follows && !features.some((f) => f.menu?.some((e) => e.path === entry.follows))) problems.push(`${where} follows ${entry.follows}, which is no menu entry`)
    }
  }

  const cardNames = new Set<string>()
  for (const feature of features) {
    for (const card of feature.homeCards ?? []) {
      if (cardNames.has(card.name)) problems.push(`${feature.name}: two Home cards are called "${card.name}"`)
      cardNames.add(card.name)
      if (typeof card.load !== 'function') problems.push(`${feature.name}: the Home card "${card.name}" has no component`)
    }
  }
  return problems
}

/** The registry with one feature's descriptor changed. */
function withFeature(name: string, change: (f: Feature) => Feature): Feature[] {
  expect(FEATURES.map((f) => f.name)).toContain(name)
  return FEATURES.map((f) => (f.name === name ? change(f) : f))
}

describe('the feature registry', () => {
  it('has no incomplete or contradictory descriptor', () => {
    expect(problemsOf(FEATURES)).toEqual([])
  })

  it('gives the Home screen the incidents’ and reception’s cards, in that order', () => {
    expect(FEATURES.flatMap((f) => f.homeCards ?? []).map((c) => c.name)).toEqual(['incidents-waiting', 'incident-trend', 'on-site'])
  })

  it('starts every role on a screen of its own menu that its route lets it open', () => {
    for (const role of ROLES) {
      const route = FEATURES.flatMap((f) => f.routes).find((r) => r.name === homeOf(role))
      expect(route, `${role} starts nowhere`).toBeDefined()
      expect(route!.stage).toBeUndefined()
      if (route!.roles) expect(route!.roles).toContain(role)
    }
    expect(homeOf('office')).toBe('reception')
    expect(homeOf('ict')).toBe('home')
  })

  it('places an entry that follows another straight after it', () => {
    expect(NAV_ITEMS.map((i) => i.title).slice(0, 4)).toEqual(['Home', 'Reception', 'Incident log', 'Visitor log'])
    const lost = withFeature('reception', (f) => ({ ...f, menu: f.menu!.map((e) => ({ ...e, follows: '/nowhere' })) }))
    expect(() => menuOf(lost)).toThrow(/"Reception", "Visitor log" follow no entry in the menu/)
  })
})

// Each check above is shown to fire on a descriptor broken the way a hurried edit would break it.
describe('the checks on the registry catch', () => {
  it('a menu entry whose path no route serves', () => {
    const broken = withFeature('audit', (f) => ({ ...f, menu: f.menu!.map((e) => ({ ...e, path: '/audit-trail' })) }))
    expect(problemsOf(broken)).toEqual(['audit: the menu entry "Audit trail" goes to /audit-trail, which no route serves'])
  })

  it('a menu entry that goes to another feature’s screen', () => {
    const broken = withFeature('backups', (f) => ({ ...f, menu: f.menu!.map((e) => ({ ...e, path: '/settings' })) }))
    expect(problemsOf(broken)).toContain('backups: the menu entry "Backups" goes to /settings, which is not one of backups\'s routes')
  })

  it('two features claiming the same path', () => {
    const broken = withFeature('users', (f) => ({ ...f, routes: [...f.routes, { ...f.routes[0]!, path: '/audit', name: 'users-audit' }] }))
    expect(problemsOf(broken)).toContain('/audit is claimed by both users and audit')
  })

  it('two routes with the same name', () => {
    const broken = withFeature('users', (f) => ({ ...f, routes: [...f.routes, { ...f.routes[0]!, path: '/users/all' }] }))
    // The router keeps only the last route of a name, so the menu entry loses its screen too.
    expect(problemsOf(broken)).toContain('the route name "users" is used by both users and users')
  })

  it('a route without a component', () => {
    const broken = withFeature('settings', (f) => ({ ...f, routes: f.routes.map((r) => ({ ...r, component: undefined as never })) }))
    expect(problemsOf(broken)).toContain('settings: /settings has no component')
  })

  it('a role shown an entry that the route refuses', () => {
    const broken = withFeature('audit', (f) => ({ ...f, routes: f.routes.map((r) => ({ ...r, roles: ['manager'] as const })) }))
    expect(problemsOf(broken)).toEqual(['audit: the menu entry "Audit trail" is shown to head, but its route refuses them'])
  })

  it('an entry that states its roles wider than its route lets in', () => {
    const broken = withFeature('people', (f) => ({ ...f, menu: [{ title: 'People', path: '/people', icon: mdiHelp, reads: null, roles: ['manager', 'ict'] }] }))
    expect(problemsOf(broken)).toEqual(['people: the menu entry "People" is shown to ict, but its route refuses them'])
  })

  it('an entry shown to nobody, and one that follows no entry', () => {
    const broken = withFeature('settings', (f) => ({ ...f, menu: [{ title: 'Settings', path: '/settings', icon: mdiHelp, reads: null, roles: [], follows: '/gone' }] }))
    expect(problemsOf(broken)).toEqual(['settings: the menu entry "Settings" is shown to nobody', 'settings: the menu entry "Settings" follows /gone, which is no menu entry'])
  })

  it('two Home cards with one name', () => {
    const broken = withFeature('reception', (f) => ({ ...f, homeCards: [...f.homeCards!, ...f.homeCards!] }))
    expect(problemsOf(broken)).toEqual(['reception: two Home cards are called "on-site"'])
  })
})
