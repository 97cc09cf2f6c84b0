import type { Component } from 'vue'
import type { RouteComponent } from 'vue-router'
import type { MethodName } from '@shared/api/method-names'
import type { Dashboard } from '@shared/domain/annual-review'
import type { Role } from '@shared/domain/roles'
import { allowedTo } from '@/lib/access'

/**
 * What a feature brings to the window: its screens, its menu entries and its cards on the Home
 * dashboard. Each feature folder has one (`feature.ts`); `features/index.ts` collects them, and the
 * router, the menu, the guard and the Home screen are assembled from that list alone.
 */
export interface Feature {
  /** The folder's name, so a failing check says which descriptor is wrong. */
  name: string
  routes: readonly ScreenRoute[]
  menu?: readonly MenuEntry[]
  homeCards?: readonly HomeCard[]
}

export interface ScreenRoute {
  path: string
  name: string
  /** The window's title while the screen is open. */
  title: string
  /** Loaded when first opened (`() => import(...)`), so signing in does not wait for every screen. */
  component: RouteComponent | (() => Promise<RouteComponent | { default: RouteComponent }>)
  /**
   * Who may open it, when not everyone signed in may: from the contract (`allowedTo(what it reads)`),
   * so the guard lets in exactly those the core answers.
   */
  roles?: readonly Role[]
  /** Screens for before anyone is signed in: no menu, no idle lock. */
  stage?: 'setup' | 'sign-in'
}

interface MenuEntryBase {
  title: string
  /** A path one of the feature's routes serves. */
  path: string
  icon: string
  /**
   * The path of the entry (usually another feature's) this one is listed after, when the menu reads
   * better with it there than with the rest of its feature: the Visitor log after the Incident log.
   */
  follows?: string
}

/**
 * A menu entry is shown to the roles the contract allows what its screen reads as it opens, so a
 * role never opens a screen on a refusal and the window keeps no role lists of its own.
 */
export type MenuEntry = MenuEntryBase &
  (
    | {
        /** What the screen reads from the core as it opens. */
        reads: MethodName
        /**
         * A call the screen is there to make, when fewer roles may make it than may read what it
         * opens with (the Reception desk opens on the roll call, which the head and DSL may also read,
         * but it is there to sign visitors in): the entry is shown only to roles allowed both.
         */
        alsoNeeds?: MethodName
        roles?: never
      }
    | {
        /** The screen reads nothing as it opens, or nothing every role it is for may read. */
        reads: null
        alsoNeeds?: never
        /** Who sees it, said here because the contract cannot; the entry says why beside it. */
        roles: 'everyone' | readonly Role[]
      }
  )

/** The roles a menu entry is shown to. */
export function rolesOf(entry: MenuEntry): 'everyone' | readonly Role[] {
  if (entry.reads === null) return entry.roles
  return entry.alsoNeeds ? allowedTo(entry.reads, entry.alsoNeeds) : allowedTo(entry.reads)
}

/**
 * A card beside the Home dashboard's attention list. The core leaves out of `dashboard.get` what a
 * role may not see; a card shows only when its part came back.
 */
export interface HomeCard {
  name: string
  /** Loaded with the dashboard's answer, only when its part came back. */
  load: () => Promise<{ default: Component }>
  /** The card's props from the dashboard the core sent, or null when its part was left out. */
  props: (dashboard: Dashboard) => Record<string, unknown> | null
}
