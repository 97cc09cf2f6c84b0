import { flushPromises, mount } from '@vue/test-utils'
import { vi } from 'vitest'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createVuetify } from 'vuetify'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { defineComponent, h, type Component } from 'vue'
import type { AppStatus, MethodInput, MethodOutput } from '@shared/api/contract'
import type { MethodName } from '@shared/api/method-names'
import type { ApiError } from '@shared/api/result'
import { onRegisterLocked } from '@/api'
import { useAppStatus } from '@/stores/app-status'

// No vitest hooks here: the files share this module, so a hook registered on import would reach
// only the first file in each worker. Per-test clean-up lives in setup.ts.

type Answer<M extends MethodName> = MethodOutput<M> | { error: ApiError }
export type Handlers = { [M in MethodName]?: (input: MethodInput<M>) => Answer<M> | Promise<Answer<M>> }

export interface ApiStub {
  calls: { method: MethodName; input: unknown }[]
  callsTo(method: MethodName): unknown[]
}

/**
 * window.api as the core would answer it: each handler returns a value, or `{ error }` for
 * a refusal. A method without a handler fails the way an unwired core would.
 */
export function stubApi(handlers: Handlers): ApiStub {
  const calls: ApiStub['calls'] = []
  const api = new Proxy(
    {},
    {
      get: (_t, name: string) => async (input: unknown) => {
        calls.push({ method: name as MethodName, input })
        const handler = (handlers as Record<string, ((i: unknown) => unknown) | undefined>)[name]
        if (!handler) return { ok: false, error: { kind: 'internal', message: `no handler for ${name} in this test` } }
        const answer = (await handler(input)) as { error?: ApiError } | null
        if (answer && typeof answer === 'object' && 'error' in answer && answer.error) return { ok: false, error: answer.error }
        return { ok: true, value: answer }
      },
    },
  )
  Object.defineProperty(window, 'api', { configurable: true, value: api })
  return { calls, callsTo: (m) => calls.filter((c) => c.method === m).map((c) => c.input) }
}

export function removeApi(): void {
  Reflect.deleteProperty(window, 'api')
}

/**
 * What one test may leave in the window or in a module the next test file shares: called after
 * every renderer test by tests/renderer/setup.ts, once the screens are unmounted.
 */
export function resetRendererTestState(): void {
  removeApi()
  // main.ts sets the one listener for the app's life; a test that sets its own must not pass it on.
  onRegisterLocked(null)
  setActivePinia(undefined)
  vi.useRealTimers()
  // What unmounting cannot reach: nodes a test added itself, and Vuetify's overlay container.
  document.body.innerHTML = ''
  ;(document.activeElement as HTMLElement | null)?.blur?.()
}

export const signedInStatus = (overrides: Partial<AppStatus['user'] & object> = {}): AppStatus => ({
  appVersion: '9.9.9',
  setUp: true,
  unlocked: true,
  idleLockMinutes: 10,
  upgradePending: false,
  user: { id: 1, username: 'b.manager', displayName: 'Bea Manager', role: 'manager', mustChangePassword: false, ...overrides },
})

const Blank = defineComponent({ render: () => h('div') })

/**
 * A router with the app's route names, so screens can navigate in tests: each a blank page
 * unless `pages` gives the screen to show there.
 */
export function testRouter(pages: Record<string, Component> = {}): Router {
  const names = ['home', 'setup', 'login', 'account', 'users', 'audit', 'backups', 'settings', 'reception', 'people', 'agreements']
  return createRouter({
    history: createMemoryHistory(),
    routes: names.map((name) => ({ path: name === 'home' ? '/' : `/${name}`, name, component: pages[name] ?? Blank })),
  })
}

/** Mounts a screen with Pinia, Vuetify and a router, after reading the status once. */
export async function mountScreen(component: Component, options: { at?: string; status?: boolean; pages?: Record<string, Component> } = {}) {
  const pinia: Pinia = createPinia()
  setActivePinia(pinia)
  if (options.status !== false) await useAppStatus().refresh()
  const router = testRouter(options.pages)
  await router.push(options.at ?? '/')
  const wrapper = mount(component, { attachTo: document.body, global: { plugins: [pinia, router, createVuetify()] } })
  await flushPromises()
  return { wrapper, router, pinia }
}

/** The error messages Vuetify shows under the field carrying this test id. */
export function fieldMessage(root: ParentNode, testId: string): string {
  const field = root.querySelector(`[data-testid="${testId}"]`)
  return field?.querySelector('.v-messages')?.textContent?.trim() ?? ''
}
