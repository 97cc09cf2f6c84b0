import { createRouter, createWebHashHistory } from 'vue-router'
import type { Pinia } from 'pinia'
import SetupWizard from '@/features/setup/setup-wizard.vue'
import LoginScreen from '@/features/session/login-screen.vue'
import { INCIDENT_ROLES } from '@/features/incidents/incident-roles'
import { REVIEW_ROLES } from '@/features/reviews-and-checks/review-roles'
import { PERMISSION_ROLES } from '@/features/permissions/permission-roles'
import { ANNUAL_REVIEW_ROLES } from '@/features/annual-review/annual-review-roles'
import { AGREEMENT_ROLES, PEOPLE_ROLES, RECEPTION_ROLES, REPORTS_SCREEN_ROLES } from '@/navigation'
import { useAppStatus } from '@/stores/app-status'
import { decideRoute } from '@/route-access'

// Screens load when first opened: the sign-in screen shows without parsing every feature.
const HomeScreen = () => import('@/features/home/home-screen.vue')
const UsersScreen = () => import('@/features/users/users-screen.vue')
const AccountScreen = () => import('@/features/account/account-screen.vue')
const AuditScreen = () => import('@/features/audit/audit-screen.vue')
const BackupsScreen = () => import('@/features/backups/backups-screen.vue')
const SettingsScreen = () => import('@/features/settings/settings-screen.vue')
const ReportsScreen = () => import('@/features/reports/reports-screen.vue')
const CheckPdfScreen = () => import('@/features/reports/check-pdf-screen.vue')
const ReceptionScreen = () => import('@/features/reception/reception-screen.vue')
const VisitorLogScreen = () => import('@/features/reception/visitor-log-screen.vue')
const PeopleScreen = () => import('@/features/people/people-screen.vue')
const ImportScreen = () => import('@/features/people/import/import-screen.vue')
const AgreementsScreen = () => import('@/features/agreements/agreements-screen.vue')
const PaperBatchScreen = () => import('@/features/agreements/paper-batch-screen.vue')
const IncidentLogScreen = () => import('@/features/incidents/incident-log-screen.vue')
const IncidentFormScreen = () => import('@/features/incidents/incident-form-screen.vue')
const IncidentEntryScreen = () => import('@/features/incidents/incident-entry-screen.vue')
const PersonChronologyScreen = () => import('@/features/incidents/person-chronology-screen.vue')
const IncidentCategoriesScreen = () => import('@/features/incidents/incident-categories-screen.vue')
const PoliciesScreen = () => import('@/features/reviews-and-checks/policies/policies-screen.vue')
const PolicyScreen = () => import('@/features/reviews-and-checks/policies/policy-screen.vue')
const ChecksScreen = () => import('@/features/reviews-and-checks/checks/checks-screen.vue')
const CheckHistoryScreen = () => import('@/features/reviews-and-checks/checks/check-history-screen.vue')
const FilteringScreen = () => import('@/features/reviews-and-checks/filtering/filtering-screen.vue')
const CalendarScreen = () => import('@/features/reviews-and-checks/calendar/calendar-screen.vue')
const PermissionsScreen = () => import('@/features/permissions/permissions-screen.vue')
const AnnualReviewScreen = () => import('@/features/annual-review/annual-review-screen.vue')

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
    { path: '/annual-review', name: 'annual-review', component: AnnualReviewScreen, meta: { title: 'Annual review', roles: ANNUAL_REVIEW_ROLES } },
    { path: '/check-pdf', name: 'check-pdf', component: CheckPdfScreen, meta: { title: 'Check a PDF', roles: ['manager', 'head', 'dsl'] } },
    { path: '/reception', name: 'reception', component: ReceptionScreen, meta: { title: 'Reception', roles: RECEPTION_ROLES } },
    { path: '/visitors', name: 'visitors', component: VisitorLogScreen, meta: { title: 'Visitor log', roles: PEOPLE_ROLES } },
    { path: '/people', name: 'people', component: PeopleScreen, meta: { title: 'People', roles: PEOPLE_ROLES } },
    { path: '/people/import', name: 'people-import', component: ImportScreen, meta: { title: 'Import from the MIS', roles: ['manager'] } },
    { path: '/agreements', name: 'agreements', component: AgreementsScreen, meta: { title: 'Agreements', roles: AGREEMENT_ROLES } },
    { path: '/agreements/paper', name: 'agreements-paper', component: PaperBatchScreen, meta: { title: 'Paper agreements', roles: AGREEMENT_ROLES } },
    { path: '/incidents', name: 'incidents', component: IncidentLogScreen, meta: { title: 'Incident log', roles: INCIDENT_ROLES } },
    { path: '/incidents/new', name: 'incident-new', component: IncidentFormScreen, meta: { title: 'Record an incident', roles: INCIDENT_ROLES } },
    { path: '/incidents/categories', name: 'incident-categories', component: IncidentCategoriesScreen, meta: { title: 'Incident categories', roles: ['manager'] } },
    { path: '/incidents/person/:personId(\\d+)', name: 'incident-person', component: PersonChronologyScreen, meta: { title: 'Incident chronology', roles: INCIDENT_ROLES } },
    { path: '/incidents/:id(\\d+)', name: 'incident', component: IncidentEntryScreen, meta: { title: 'Incident', roles: INCIDENT_ROLES } },
    { path: '/incidents/:id(\\d+)/amend', name: 'incident-amend', component: IncidentFormScreen, meta: { title: 'Amend an incident', roles: INCIDENT_ROLES } },
    { path: '/policies', name: 'policies', component: PoliciesScreen, meta: { title: 'Policies', roles: REVIEW_ROLES } },
    { path: '/policies/:id(\\d+)', name: 'policy', component: PolicyScreen, meta: { title: 'Policy', roles: REVIEW_ROLES } },
    { path: '/checks', name: 'checks', component: ChecksScreen, meta: { title: 'Checks', roles: REVIEW_ROLES } },
    { path: '/checks/:id(\\d+)', name: 'check-history', component: CheckHistoryScreen, meta: { title: 'Check history', roles: REVIEW_ROLES } },
    { path: '/filtering', name: 'filtering', component: FilteringScreen, meta: { title: 'Filtering changes', roles: REVIEW_ROLES } },
    { path: '/calendar', name: 'calendar', component: CalendarScreen, meta: { title: 'Calendar', roles: REVIEW_ROLES } },
    { path: '/permissions', name: 'permissions', component: PermissionsScreen, meta: { title: 'Permission register', roles: PERMISSION_ROLES } },
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
