import { mdiAccountMultipleOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const users: Feature = {
  name: 'users',
  routes: [{ path: '/users', name: 'users', title: 'Users', component: () => import('./users-screen.vue'), roles: allowedTo('users.list') }],
  menu: [{ title: 'Users', path: '/users', icon: mdiAccountMultipleOutline, reads: 'users.list' }],
}
