import { mdiAccountTieOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const governorOversight: Feature = {
  name: 'governor-oversight',
  routes: [{ path: '/governor-oversight', name: 'governor-oversight', title: 'Governor oversight', component: () => import('./oversight-screen.vue'), roles: allowedTo('oversight.overview') }],
  menu: [{ title: 'Governor oversight', path: '/governor-oversight', icon: mdiAccountTieOutline, reads: 'oversight.overview', follows: '/annual-review' }],
}
