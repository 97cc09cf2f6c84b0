import { mdiCheckDecagramOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const approvals: Feature = {
  name: 'approvals',
  routes: [
    { path: '/approvals', name: 'approvals', title: 'Approvals', component: () => import('./approvals-screen.vue'), roles: allowedTo('approvals.list') },
    { path: '/approvals/:id(\\d+)', name: 'approval', title: 'Approval', component: () => import('./approval-screen.vue'), roles: allowedTo('approvals.get') },
  ],
  // The business manager, head, DSL and ICT manager; reception sees none of it.
  menu: [{ title: 'Approvals', path: '/approvals', icon: mdiCheckDecagramOutline, reads: 'approvals.list', follows: '/permissions' }],
}
