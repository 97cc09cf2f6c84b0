import { mdiBookAccountOutline, mdiDoorOpen } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const reception: Feature = {
  name: 'reception',
  routes: [
    { path: '/reception', name: 'reception', title: 'Reception', component: () => import('./reception-screen.vue'), roles: allowedTo('visits.onSite', 'visits.signIn') },
    { path: '/visitors', name: 'visitors', title: 'Visitor log', component: () => import('./visitor-log-screen.vue'), roles: allowedTo('visits.list') },
  ],
  menu: [
    // The desk comes straight after Home: it is the office's first and only screen.
    { title: 'Reception', path: '/reception', icon: mdiDoorOpen, reads: 'visits.onSite', alsoNeeds: 'visits.signIn', follows: '/' },
    { title: 'Visitor log', path: '/visitors', icon: mdiBookAccountOutline, reads: 'visits.list' },
  ],
  homeCards: [
    {
      name: 'on-site',
      load: () => import('@/features/dashboard/on-site-card.vue'),
      props: (d) => (d.onSite === null ? null : { count: d.onSite }),
    },
  ],
}
