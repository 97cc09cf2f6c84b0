import { mdiFileCertificateOutline, mdiFileDocumentMultipleOutline } from '@mdi/js'
import { REPORT_ROLES } from '@shared/domain/reports'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

/**
 * Who uses the Reports screen. The contract lets office staff make the fire roll call, but they print
 * it from Reception: the Reports screen is not theirs (reception sees nothing else, DESIGN.md).
 */
const REPORTS_SCREEN_ROLES = REPORT_ROLES.filter((r) => r !== 'office')

export const reports: Feature = {
  name: 'reports',
  routes: [
    { path: '/reports', name: 'reports', title: 'Reports', component: () => import('./reports-screen.vue'), roles: REPORTS_SCREEN_ROLES },
    { path: '/check-pdf', name: 'check-pdf', title: 'Check a PDF', component: () => import('./check-pdf-screen.vue'), roles: allowedTo('reports.verify') },
  ],
  menu: [
    // Reads nothing every role it is for may read (the report register is only the manager's and
    // head's), so its roles are said here.
    { title: 'Reports', path: '/reports', icon: mdiFileDocumentMultipleOutline, reads: null, roles: REPORTS_SCREEN_ROLES },
    // Opens on an empty file picker: it reads nothing until a PDF is chosen, and is for those the core lets check one.
    { title: 'Check a PDF', path: '/check-pdf', icon: mdiFileCertificateOutline, reads: null, roles: allowedTo('reports.verify'), follows: '/annual-review' },
  ],
}
