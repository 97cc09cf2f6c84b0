import { mdiTextBoxSearchOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const audit: Feature = {
  name: 'audit',
  routes: [{ path: '/audit', name: 'audit', title: 'Audit trail', component: () => import('./audit-screen.vue'), roles: allowedTo('audit.list') }],
  menu: [{ title: 'Audit trail', path: '/audit', icon: mdiTextBoxSearchOutline, reads: 'audit.list' }],
}
