import { mdiUsbFlashDriveOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const permissions: Feature = {
  name: 'permissions',
  routes: [
    { path: '/permissions', name: 'permissions', title: 'Permission register', component: () => import('./permissions-screen.vue'), roles: allowedTo('permissions.list') },
  ],
  // The ICT manager and business manager change it; the head and DSL read it; reception sees none of it.
  menu: [{ title: 'Permission register', path: '/permissions', icon: mdiUsbFlashDriveOutline, reads: 'permissions.list' }],
}
