import { mdiCalendarMonthOutline, mdiFileDocumentCheckOutline, mdiFilterCogOutline, mdiListStatus } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const reviewsAndChecks: Feature = {
  name: 'reviews-and-checks',
  routes: [
    { path: '/policies', name: 'policies', title: 'Policies', component: () => import('./policies/policies-screen.vue'), roles: allowedTo('policies.list') },
    { path: '/policies/:id(\\d+)', name: 'policy', title: 'Policy', component: () => import('./policies/policy-screen.vue'), roles: allowedTo('policies.get') },
    { path: '/checks', name: 'checks', title: 'Checks', component: () => import('./checks/checks-screen.vue'), roles: allowedTo('checks.templates') },
    { path: '/checks/:id(\\d+)', name: 'check-history', title: 'Check history', component: () => import('./checks/check-history-screen.vue'), roles: allowedTo('checks.history') },
    { path: '/filtering', name: 'filtering', title: 'Filtering changes', component: () => import('./filtering/filtering-screen.vue'), roles: allowedTo('filtering.list') },
    { path: '/calendar', name: 'calendar', title: 'Calendar', component: () => import('./calendar/calendar-screen.vue'), roles: allowedTo('calendar.items') },
  ],
  menu: [
    { title: 'Policies', path: '/policies', icon: mdiFileDocumentCheckOutline, reads: 'policies.list' },
    { title: 'Checks', path: '/checks', icon: mdiListStatus, reads: 'checks.templates' },
    { title: 'Filtering changes', path: '/filtering', icon: mdiFilterCogOutline, reads: 'filtering.list' },
    { title: 'Calendar', path: '/calendar', icon: mdiCalendarMonthOutline, reads: 'calendar.items' },
  ],
}
