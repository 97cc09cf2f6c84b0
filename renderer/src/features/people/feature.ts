import { mdiCardAccountDetailsOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const people: Feature = {
  name: 'people',
  routes: [
    { path: '/people', name: 'people', title: 'People', component: () => import('./people-screen.vue'), roles: allowedTo('people.list') },
    { path: '/people/import', name: 'people-import', title: 'Import from the MIS', component: () => import('./import/import-screen.vue'), roles: allowedTo('people.importApply') },
  ],
  // The head and DSL read the directory; the business manager changes it (the core says so per call).
  menu: [{ title: 'People', path: '/people', icon: mdiCardAccountDetailsOutline, reads: 'people.list' }],
}
