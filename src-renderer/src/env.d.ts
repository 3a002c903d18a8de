/// <reference types="vite/client" />
import type { RawConsoleApi } from '../../src-main/shared/api-types'

declare global {
  interface Window {
    /** Provided by the Electron preload, or by the browser host's socket bridge. */
    api?: RawConsoleApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

export {}
