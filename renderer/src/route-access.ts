import type { RouteLocationRaw } from 'vue-router'
import type { AppStatus } from '@shared/api/contract'
import type { Role } from '@shared/domain/roles'
import { FEATURES } from '@/features'
import { navItemsFor } from '@/navigation'

export { safeNext } from '@/lib/safe-next'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** Who may open the screen, when not everyone signed in may. */
    roles?: readonly Role[]
    /** Screens for before anyone is signed in: no menu, no idle lock. */
    stage?: 'setup' | 'sign-in'
  }
}

/** What the guard needs to know about the screen being opened. */
export interface RouteTarget {
  name?: string | symbol | null | undefined
  fullPath: string
  meta: { roles?: readonly Role[]; stage?: 'setup' | 'sign-in' }
}

/**
 * Where the window may go, given what the core says. Kept apart from the router so each
 * decision can be tested on its own. `true` lets the navigation through.
 * The core refuses forbidden calls anyway; this only saves people from screens they cannot use.
 */
export function decideRoute(status: AppStatus | null, to: RouteTarget): true | RouteLocationRaw {
  // Status unknown (the core did not answer): let the shell show the error and a retry.
  if (!status) return true

  if (!status.setUp) return to.name === 'setup' ? true : { name: 'setup' }

  const user = status.unlocked ? status.user : null
  if (!user) {
    if (to.name === 'login') return true
    // Come back to the same screen after signing in, unless it was the front page anyway.
    const wantsSomewhere = !to.meta.stage && to.fullPath !== '/'
    return wantsSomewhere ? { name: 'login', query: { next: to.fullPath } } : { name: 'login' }
  }

  if (to.meta.stage) return { name: homeOf(user.role) }
  if (user.mustChangePassword) return to.name === 'account' ? true : { name: 'account' }
  if (to.name === 'home' && homeOf(user.role) !== 'home') return { name: homeOf(user.role) }
  if (to.meta.roles && !to.meta.roles.includes(user.role)) return { name: homeOf(user.role) }
  return true
}

/**
 * The screen a role starts on: the first of its menu (office staff work the reception desk and see
 * nothing else, so theirs is Reception). Its route's name, as the guard redirects by name.
 */
export function homeOf(role: Role): string {
  const first = navItemsFor(role)[0]
  const route = first && FEATURES.flatMap((f) => f.routes).find((r) => r.path === first.to)
  // Everyone has My account, so no role's menu is empty (tests/renderer/feature-registry.test.ts).
  return route ? route.name : 'account'
}
