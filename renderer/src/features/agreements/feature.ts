import { mdiClipboardCheckOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const agreements: Feature = {
  name: 'agreements',
  routes: [
    { path: '/agreements', name: 'agreements', title: 'Agreements', component: () => import('./agreements-screen.vue'), roles: allowedTo('aup.status') },
    { path: '/agreements/paper', name: 'agreements-paper', title: 'Paper agreements', component: () => import('./paper-batch-screen.vue'), roles: allowedTo('aup.status') },
  ],
  // The ICT manager reads agreement status too: they check it before granting access.
  menu: [{ title: 'Agreements', path: '/agreements', icon: mdiClipboardCheckOutline, reads: 'aup.status' }],
}
