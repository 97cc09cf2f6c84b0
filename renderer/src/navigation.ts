import { mdiHomeOutline } from '@mdi/js'
import type { Role } from '@shared/domain/roles'

export interface NavItem {
  title: string
  to: string
  icon: string
  /** Who sees the item. Hiding is a courtesy: the core refuses forbidden calls anyway. */
  roles: 'everyone' | readonly Role[]
}

export const NAV_ITEMS: readonly NavItem[] = [
  { title: 'Home', to: '/', icon: mdiHomeOutline, roles: 'everyone' },
]

export function navItemsFor(role: Role | null): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === 'everyone' || (role !== null && item.roles.includes(role)))
}
