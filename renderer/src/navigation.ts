import {
  mdiAccountCircleOutline,
  mdiAccountMultipleOutline,
  mdiBackupRestore,
  mdiCardAccountDetailsOutline,
  mdiClipboardCheckOutline,
  mdiCogOutline,
  mdiFileCertificateOutline,
  mdiFileDocumentMultipleOutline,
  mdiHomeOutline,
  mdiDoorOpen,
  mdiTextBoxSearchOutline,
} from '@mdi/js'
import type { Role } from '@shared/domain/roles'
import { REPORT_ROLES } from '@shared/domain/reports'

/** Who works the reception desk. */
export const RECEPTION_ROLES: readonly Role[] = ['manager', 'office']
/** Who reads the people directory (the business manager changes it). */
export const PEOPLE_ROLES: readonly Role[] = ['manager', 'head', 'dsl']
/** Who reads the agreements and their status (the ICT manager checks them before granting access). */
export const AGREEMENT_ROLES: readonly Role[] = ['manager', 'head', 'dsl', 'ict']

/**
 * Who uses the Reports screen. Office staff may make the fire roll call, but they print it from
 * Reception: the Reports screen is not theirs (reception sees nothing else, DESIGN.md).
 */
export const REPORTS_SCREEN_ROLES: readonly Role[] = REPORT_ROLES.filter((r) => r !== 'office')

export interface NavItem {
  title: string
  to: string
  icon: string
  /** Who sees the item. Hiding is a courtesy: the core refuses forbidden calls anyway. */
  roles: 'everyone' | readonly Role[]
}

export const NAV_ITEMS: readonly NavItem[] = [
  // Reception's home is the Reception screen itself: they see nothing else (DESIGN.md).
  { title: 'Home', to: '/', icon: mdiHomeOutline, roles: ['manager', 'head', 'dsl', 'ict'] },
  { title: 'Reception', to: '/reception', icon: mdiDoorOpen, roles: RECEPTION_ROLES },
  { title: 'People', to: '/people', icon: mdiCardAccountDetailsOutline, roles: PEOPLE_ROLES },
  { title: 'Agreements', to: '/agreements', icon: mdiClipboardCheckOutline, roles: AGREEMENT_ROLES },
  { title: 'Reports', to: '/reports', icon: mdiFileDocumentMultipleOutline, roles: REPORTS_SCREEN_ROLES },
  { title: 'Check a PDF', to: '/check-pdf', icon: mdiFileCertificateOutline, roles: ['manager', 'head', 'dsl'] },
  { title: 'Users', to: '/users', icon: mdiAccountMultipleOutline, roles: ['manager'] },
  { title: 'Audit trail', to: '/audit', icon: mdiTextBoxSearchOutline, roles: ['manager', 'head'] },
  { title: 'Backups', to: '/backups', icon: mdiBackupRestore, roles: ['manager'] },
  { title: 'Settings', to: '/settings', icon: mdiCogOutline, roles: ['manager'] },
  { title: 'My account', to: '/account', icon: mdiAccountCircleOutline, roles: 'everyone' },
]

export function navItemsFor(role: Role | null): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === 'everyone' || (role !== null && item.roles.includes(role)))
}
