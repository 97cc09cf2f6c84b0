import { mdiChartBoxOutline } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const annualReview: Feature = {
  name: 'annual-review',
  routes: [
    { path: '/annual-review', name: 'annual-review', title: 'Annual review', component: () => import('./annual-review-screen.vue'), roles: allowedTo('annualReview.figures') },
  ],
  // Those who see every record read the review and print the pack.
  menu: [{ title: 'Annual review', path: '/annual-review', icon: mdiChartBoxOutline, reads: 'annualReview.figures' }],
}
