import { mdiAccountCircleOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'

export const account: Feature = {
  name: 'account',
  routes: [{ path: '/account', name: 'account', title: 'My account', component: () => import('./account-screen.vue') }],
  // Reads nothing as it opens, and belongs to everyone signed in: someone holding a first password is
  // sent here and may use nothing else until they change it (route-access.ts).
  menu: [{ title: 'My account', path: '/account', icon: mdiAccountCircleOutline, reads: null, roles: 'everyone' }],
}
