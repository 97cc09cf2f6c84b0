import {
  mdiAccountCircleOutline,
  mdiAccountMultipleOutline,
  mdiBackupRestore,
  mdiBookAccountOutline,
  mdiCalendarMonthOutline,
  mdiCardAccountDetailsOutline,
  mdiChartBoxOutline,
  mdiClipboardAlertOutline,
  mdiClipboardCheckOutline,
  mdiCogOutline,
  mdiFileCertificateOutline,
  mdiFileDocumentCheckOutline,
  mdiFilterCogOutline,
  mdiFileDocumentMultipleOutline,
  mdiHomeOutline,
  mdiListStatus,
  mdiDoorOpen,
  mdiTextBoxSearchOutline,
  mdiUsbFlashDriveOutline,
} from '@mdi/js'
import type { MethodName } from '@shared/api/method-names'
import type { Role } from '@shared/domain/roles'
import { REPORT_ROLES } from '@shared/domain/reports'
import { INCIDENT_ROLES } from '@/features/incidents/incident-roles'
import { REVIEW_ROLES } from '@/features/reviews-and-checks/review-roles'
import { PERMISSION_ROLES } from '@/features/permissions/permission-roles'
import { ANNUAL_REVIEW_ROLES } from '@/features/annual-review/annual-review-roles'

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
  /**
   * What the screen reads from the core as it opens, for everyone it is shown to (null: nothing, or
   * something only some of them are shown, as the report register on Reports). Every role the item is shown
   * to must be allowed it by the contract, or the screen would open on a refusal
   * (tests/renderer/screen-roles.test.ts ties the menu, the routes and the contract together).
   */
  reads: MethodName | null
}

export const NAV_ITEMS: readonly NavItem[] = [
  // Reception's home is the Reception screen itself: they see nothing else (DESIGN.md).
  { title: 'Home', to: '/', icon: mdiHomeOutline, roles: ['manager', 'head', 'dsl', 'ict'], reads: 'dashboard.get' },
  { title: 'Reception', to: '/reception', icon: mdiDoorOpen, roles: RECEPTION_ROLES, reads: 'visits.onSite' },
  { title: 'Incident log', to: '/incidents', icon: mdiClipboardAlertOutline, roles: INCIDENT_ROLES, reads: 'incidents.list' },
  { title: 'Visitor log', to: '/visitors', icon: mdiBookAccountOutline, roles: PEOPLE_ROLES, reads: 'visits.list' },
  { title: 'People', to: '/people', icon: mdiCardAccountDetailsOutline, roles: PEOPLE_ROLES, reads: 'people.list' },
  { title: 'Agreements', to: '/agreements', icon: mdiClipboardCheckOutline, roles: AGREEMENT_ROLES, reads: 'aup.status' },
  { title: 'Policies', to: '/policies', icon: mdiFileDocumentCheckOutline, roles: REVIEW_ROLES, reads: 'policies.list' },
  { title: 'Checks', to: '/checks', icon: mdiListStatus, roles: REVIEW_ROLES, reads: 'checks.templates' },
  { title: 'Filtering changes', to: '/filtering', icon: mdiFilterCogOutline, roles: REVIEW_ROLES, reads: 'filtering.list' },
  { title: 'Calendar', to: '/calendar', icon: mdiCalendarMonthOutline, roles: REVIEW_ROLES, reads: 'calendar.items' },
  { title: 'Permission register', to: '/permissions', icon: mdiUsbFlashDriveOutline, roles: PERMISSION_ROLES, reads: 'permissions.list' },
  { title: 'Reports', to: '/reports', icon: mdiFileDocumentMultipleOutline, roles: REPORTS_SCREEN_ROLES, reads: null },
  { title: 'Annual review', to: '/annual-review', icon: mdiChartBoxOutline, roles: ANNUAL_REVIEW_ROLES, reads: 'annualReview.figures' },
  { title: 'Check a PDF', to: '/check-pdf', icon: mdiFileCertificateOutline, roles: ['manager', 'head', 'dsl'], reads: null },
  { title: 'Users', to: '/users', icon: mdiAccountMultipleOutline, roles: ['manager'], reads: 'users.list' },
  { title: 'Audit trail', to: '/audit', icon: mdiTextBoxSearchOutline, roles: ['manager', 'head'], reads: 'audit.list' },
  { title: 'Backups', to: '/backups', icon: mdiBackupRestore, roles: ['manager'], reads: 'backup.list' },
  { title: 'Settings', to: '/settings', icon: mdiCogOutline, roles: ['manager'], reads: 'settings.get' },
  { title: 'My account', to: '/account', icon: mdiAccountCircleOutline, roles: 'everyone', reads: null },
]

export function navItemsFor(role: Role | null): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === 'everyone' || (role !== null && item.roles.includes(role)))
}
