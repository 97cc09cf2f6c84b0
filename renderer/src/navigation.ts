import type { MethodName } from '@shared/api/method-names'
import type { Role } from '@shared/domain/roles'
import { FEATURES } from '@/features'
import { rolesOf, type Feature, type MenuEntry } from '@/features/feature-kit'

export interface NavItem {
  title: string
  to: string
  icon: string
  /** Who sees the item. Hiding is a courtesy: the core refuses forbidden calls anyway. */
  roles: 'everyone' | readonly Role[]
  /**
   * What the screen reads from the core as it opens, for everyone it is shown to (null: nothing).
   * tests/renderer/screen-roles.test.ts ties the menu, the routes and the contract together.
   */
  reads: MethodName | null
}

/** The menu from the features' entries: in the registry's order, each `follows` entry after the one it names. */
export function menuOf(features: readonly Feature[]): NavItem[] {
  const entries = features.flatMap((f) => f.menu ?? [])
  const ordered: MenuEntry[] = entries.filter((e) => !e.follows)
  // An entry may follow another that itself follows one: place them until none is left.
  let waiting = entries.filter((e) => e.follows)
  while (waiting.length) {
    const placeable = waiting.filter((e) => ordered.some((o) => o.path === e.follows))
    if (!placeable.length) throw new Error(`The menu entries ${waiting.map((e) => `"${e.title}"`).join(', ')} follow no entry in the menu.`)
    for (const e of placeable) ordered.splice(ordered.findIndex((o) => o.path === e.follows) + 1, 0, e)
    waiting = waiting.filter((e) => !placeable.includes(e))
  }
  return ordered.map((e) => ({ title: e.title, to: e.path, icon: e.icon, roles: rolesOf(e), reads: e.reads }))
}

export const NAV_ITEMS: readonly NavItem[] = menuOf(FEATURES)

export function navItemsFor(role: Role | null): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === 'everyone' || (role !== null && item.roles.includes(role)))
}
