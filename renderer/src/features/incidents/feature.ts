import { mdiClipboardAlertOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const incidents: Feature = {
  name: 'incidents',
  routes: [
    { path: '/incidents', name: 'incidents', title: 'Incident log', component: () => import('./incident-log-screen.vue'), roles: allowedTo('incidents.list') },
    { path: '/incidents/new', name: 'incident-new', title: 'Record an incident', component: () => import('./incident-form-screen.vue'), roles: allowedTo('incidents.record') },
    { path: '/incidents/categories', name: 'incident-categories', title: 'Incident categories', component: () => import('./incident-categories-screen.vue'), roles: allowedTo('incidents.saveCategory') },
    { path: '/incidents/person/:personId(\\d+)', name: 'incident-person', title: 'Incident chronology', component: () => import('./person-chronology-screen.vue'), roles: allowedTo('incidents.personChronology') },
    { path: '/incidents/:id(\\d+)', name: 'incident', title: 'Incident', component: () => import('./incident-entry-screen.vue'), roles: allowedTo('incidents.get') },
    { path: '/incidents/:id(\\d+)/amend', name: 'incident-amend', title: 'Amend an incident', component: () => import('./incident-form-screen.vue'), roles: allowedTo('incidents.amend') },
  ],
  // The ICT manager sees only the filtering and security categories: the core filters the list.
  menu: [{ title: 'Incident log', path: '/incidents', icon: mdiClipboardAlertOutline, reads: 'incidents.list' }],
  homeCards: [
    {
      name: 'incidents-waiting',
      load: () => import('@/features/dashboard/waiting-card.vue'),
      props: (d) => (d.incidentsWaiting === null ? null : { count: d.incidentsWaiting }),
    },
    {
      name: 'incident-trend',
      load: () => import('@/features/dashboard/trend-card.vue'),
      props: (d) => (d.trend === null ? null : { trend: d.trend }),
    },
  ],
}
