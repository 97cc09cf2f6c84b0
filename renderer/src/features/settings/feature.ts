import { mdiCogOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const settings: Feature = {
  name: 'settings',
  routes: [{ path: '/settings', name: 'settings', title: 'Settings', component: () => import('./settings-screen.vue'), roles: allowedTo('settings.get') }],
  menu: [{ title: 'Settings', path: '/settings', icon: mdiCogOutline, reads: 'settings.get' }],
}
