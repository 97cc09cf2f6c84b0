import { mdiHomeOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'

export const home: Feature = {
  name: 'home',
  routes: [{ path: '/', name: 'home', title: 'Home', component: () => import('./home-screen.vue') }],
  // Reception's home is the Reception screen itself (they see nothing else, DESIGN.md): dashboard.get
  // is not theirs, so neither is this entry.
  menu: [{ title: 'Home', path: '/', icon: mdiHomeOutline, reads: 'dashboard.get' }],
}
