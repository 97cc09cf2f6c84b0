import {
  mdiAccountCircleOutline,
  mdiAccountMultipleOutline,
  mdiBackupRestore,
  mdiCogOutline,
  mdiFileCertificateOutline,
  mdiFileDocumentMultipleOutline,
  mdiHomeOutline,
  mdiTextBoxSearchOutline,
} from '@mdi/js'
import type { Role } from '@shared/domain/roles'
import { REPORT_ROLES } from '@shared/domain/reports'

export interface NavItem {
  title: string
  to: string
  icon: string
  /** Who sees the item. Hiding is a courtesy: the core refuses forbidden calls anyway. */
  roles: 'everyone' | readonly Role[]
}

export const NAV_ITEMS: readonly NavItem[] = [
  { title: 'Home', to: '/', icon: mdiHomeOutline, roles: 'everyone' },
  { title: 'Reports', to: '/reports', icon: mdiFileDocumentMultipleOutline, roles: REPORT_ROLES },
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
