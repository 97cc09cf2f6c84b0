import { createRouter, createWebHashHistory } from 'vue-router'
import type { Pinia } from 'pinia'
import HomeScreen from '@/features/home/home-screen.vue'
import SetupWizard from '@/features/setup/setup-wizard.vue'
import LoginScreen from '@/features/session/login-screen.vue'
import UsersScreen from '@/features/users/users-screen.vue'
import AccountScreen from '@/features/account/account-screen.vue'
import AuditScreen from '@/features/audit/audit-screen.vue'
import BackupsScreen from '@/features/backups/backups-screen.vue'
import SettingsScreen from '@/features/settings/settings-screen.vue'
import ReportsScreen from '@/features/reports/reports-screen.vue'
import CheckPdfScreen from '@/features/reports/check-pdf-screen.vue'
import ReceptionScreen from '@/features/reception/reception-screen.vue'
import PeopleScreen from '@/features/people/people-screen.vue'
import ImportScreen from '@/features/people/import/import-screen.vue'
import AgreementsScreen from '@/features/agreements/agreements-screen.vue'
import { AGREEMENT_ROLES, PEOPLE_ROLES, RECEPTION_ROLES, REPORTS_SCREEN_ROLES } from '@/navigation'
import { useAppStatus } from '@/stores/app-status'
import { decideRoute } from '@/route-access'

// Hash history: the UI is served from app://ui/index.html, where path-based history cannot resolve.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeScreen, meta: { title: 'Home' } },
    { path: '/setup', name: 'setup', component: SetupWizard, meta: { title: 'Set up', stage: 'setup' } },
    { path: '/login', name: 'login', component: LoginScreen, meta: { title: 'Sign in', stage: 'sign-in' } },
    { path: '/account', name: 'account', component: AccountScreen, meta: { title: 'My account' } },
    { path: '/users', name: 'users', component: UsersScreen, meta: { title: 'Users', roles: ['manager'] } },
    { path: '/audit', name: 'audit', component: AuditScreen, meta: { title: 'Audit trail', roles: ['manager', 'head'] } },
    { path: '/backups', name: 'backups', component: BackupsScreen, meta: { title: 'Backups', roles: ['manager'] } },
    { path: '/settings', name: 'settings', component: SettingsScreen, meta: { title: 'Settings', roles: ['manager'] } },
    { path: '/reports', name: 'reports', component: ReportsScreen, meta: { title: 'Reports', roles: REPORTS_SCREEN_ROLES } },
    { path: '/check-pdf', name: 'check-pdf', component: CheckPdfScreen, meta: { title: 'Check a PDF', roles: ['manager', 'head', 'dsl'] } },
    { path: '/reception', name: 'reception', component: ReceptionScreen, meta: { title: 'Reception', roles: RECEPTION_ROLES } },
    { path: '/people', name: 'people', component: PeopleScreen, meta: { title: 'People', roles: PEOPLE_ROLES } },
    { path: '/people/import', name: 'people-import', component: ImportScreen, meta: { title: 'Import from the MIS', roles: ['manager'] } },
    { path: '/agreements', name: 'agreements', component: AgreementsScreen, meta: { title: 'Agreements', roles: AGREEMENT_ROLES } },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})

/** Every navigation asks the core's last known status where the window may go. */
export function installGuard(pinia: Pinia): void {
  router.beforeEach(async (to) => {
    const appStatus = useAppStatus(pinia)
    if (!appStatus.status) await appStatus.refresh()
    return decideRoute(appStatus.status, to)
  })
}

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  document.title = title ? `${title} · Online Safety Register` : 'Online Safety Register'
})
