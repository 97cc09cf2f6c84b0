import { mdiSchoolOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const training: Feature = {
  name: 'training',
  routes: [{ path: '/training', name: 'training', title: 'Training', component: () => import('./training-screen.vue'), roles: allowedTo('training.overview') }],
  // The business manager and DSL record training; the head reads it; ICT and reception see none of it.
  menu: [{ title: 'Training', path: '/training', icon: mdiSchoolOutline, reads: 'training.overview', follows: '/permissions' }],
}
