import { mdiCellphoneLock, mdiPackageVariantClosed } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const searches: Feature = {
  name: 'searches',
  routes: [
    { path: '/searches', name: 'searches', title: 'Searches and confiscations', component: () => import('./searches-screen.vue'), roles: allowedTo('searches.list') },
    { path: '/items-to-collect', name: 'items-to-collect', title: 'Items to collect', component: () => import('./collection-screen.vue'), roles: allowedTo('confiscations.forCollection') },
  ],
  // The business manager, headteacher and DSL (who hold the safeguarding key) see searches and
  // every item; reception sees only the items waiting at the office for a parent to collect, and
  // so do the others (whoever is at the office when a parent comes).
  menu: [
    { title: 'Searches and confiscations', path: '/searches', icon: mdiCellphoneLock, reads: 'searches.list' },
    { title: 'Items to collect', path: '/items-to-collect', icon: mdiPackageVariantClosed, reads: 'confiscations.forCollection' },
  ],
}
