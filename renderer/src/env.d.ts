/// <reference types="vite/client" />
import type { ApiBridge } from '@shared/api/contract'

declare global {
  interface Window {
    /** Put there by the preload (in the app) or by the test bridge (in Chromium tests). */
    readonly api: ApiBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
