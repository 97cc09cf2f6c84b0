import { describe, expect, it } from 'vitest'
import { contract, type MethodSpec } from '@shared/api/contract'
import { ROLES } from '@shared/domain/roles'
import { NAV_ITEMS } from '@/navigation'
import { router } from '@/router'

// Who may open a screen is answered twice, both from the feature descriptors (features/*/feature.ts):
// the menu (an entry is shown to the roles the contract allows what it reads) and the route
// (meta.roles, which the guard enforces). They must agree with each other and with the core: a menu
// entry a role cannot open, or a screen that opens on a refusal, is a dead end for the office.
describe('the menu, the routes and the contract agree on who may open each screen', () => {
  it.each(NAV_ITEMS.map((item) => [item.title, item] as const))('%s', (_title, item) => {
    const route = router.resolve(item.to)
    expect(route.name, `no screen at ${item.to}`).toBeTruthy()
    const shownTo = item.roles === 'everyone' ? ROLES : item.roles
    const routeAllows = route.meta.roles ?? ROLES
    // Everyone the menu shows it to may open it; a route limited to some roles is the menu's exactly.
    for (const role of shownTo) expect(routeAllows, `${role} sees "${item.title}" but may not open it`).toContain(role)
    if (route.meta.roles) expect([...shownTo].sort()).toEqual([...route.meta.roles].sort())
    if (item.reads) {
      const spec = contract[item.reads] as MethodSpec
      for (const role of shownTo) {
        expect(spec.access === 'anyone' || spec.access.includes(role), `${role} opens "${item.title}", but the core refuses them ${item.reads}`).toBe(true)
      }
    }
  })
})
