import { mdiBackupRestore } from '@mdi/js'
import type { Feature } from '@/features/feature-kit'
import { allowedTo } from '@/lib/access'

export const backups: Feature = {
  name: 'backups',
  routes: [{ path: '/backups', name: 'backups', title: 'Backups', component: () => import('./backups-screen.vue'), roles: allowedTo('backup.list') }],
  menu: [{ title: 'Backups', path: '/backups', icon: mdiBackupRestore, reads: 'backup.list' }],
}
