import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import type { Pinia } from 'pinia'
import { FEATURES } from '@/features'
import type { Feature, ScreenRoute } from '@/features/feature-kit'
import { useAppStatus } from '@/stores/app-status'
import { decideRoute } from '@/route-access'

/** The router's records for the features' screens (tests build a router from a changed list with it). */
export function routeRecordsOf(features: readonly Feature[]): RouteRecordRaw[] {
  return features.flatMap((f) => f.routes.map(recordOf))
}

function recordOf(route: ScreenRoute): RouteRecordRaw {
  const { path, name, component, title, roles, stage } = route
  return { path, name, component, meta: { title, ...(roles ? { roles } : {}), ...(stage ? { stage } : {}) } }
}

// Hash history: the UI is served from app://ui/index.html, where path-based history cannot resolve.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [...routeRecordsOf(FEATURES), { path: '/:pathMatch(.*)*', redirect: '/' }],
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
