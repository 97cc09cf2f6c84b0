import { mdiShieldSearch } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const fmGovernance: Feature = {
  name: 'fm-governance',
  routes: [
    { path: '/filtering-monitoring', name: 'filtering-monitoring', title: 'Filtering and monitoring', component: () => import('./fm-screen.vue'), roles: allowedTo('fm.overview') },
    { path: '/filtering-monitoring/alerts', name: 'monitoring-alerts', title: 'Monitoring alerts', component: () => import('./alerts-screen.vue'), roles: allowedTo('fm.alerts') },
  ],
  menu: [{ title: 'Filtering and monitoring', path: '/filtering-monitoring', icon: mdiShieldSearch, reads: 'fm.overview', follows: '/filtering' }],
}
