/// <reference types="vite/client" />
import type { ApiBridge } from '@shared/api/contract'
import type { ShellBridge } from '@shared/api/shell-contract'

declare global {
  interface Window {
    /** Put there by the preload (in the app) or by the test bridge (in Chromium tests). */
    readonly api: ApiBridge
    /** The app's own services (pickers, the data folder): from the preload, or the test bridge. */
    readonly shell: ShellBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
