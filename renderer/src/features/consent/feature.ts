import { mdiCameraAccount, mdiCameraOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const consent: Feature = {
  name: 'consent',
  routes: [
    { path: '/consent', name: 'consent', title: 'Photo consent', component: () => import('./consent-screen.vue'), roles: allowedTo('consent.coverage') },
    { path: '/consent/class', name: 'consent-class', title: 'Consent forms for a class', component: () => import('./class-forms-screen.vue'), roles: allowedTo('consent.classStates') },
    { path: '/consent/check', name: 'consent-check', title: 'May we publish?', component: () => import('./quick-check-screen.vue'), roles: allowedTo('consent.check') },
  ],
  menu: [
    { title: 'Photo consent', path: '/consent', icon: mdiCameraAccount, reads: 'consent.coverage', follows: '/agreements' },
    // Reception's only view of consent: the yes / no answer for a name, a class or a list.
    { title: 'May we publish?', path: '/consent/check', icon: mdiCameraOutline, reads: 'consent.classes', follows: '/consent' },
  ],
}
