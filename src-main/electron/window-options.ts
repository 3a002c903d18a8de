// The console window's options as a pure function, so tests can assert every security setting without
// an Electron binary. Only type imports from electron here.
import type { BrowserWindowConstructorOptions } from 'electron'

export interface WindowOptionsInput {
  preloadPath: string
  /** Dark OS theme: paint the window background dark before the page loads, avoiding a white flash. */
  prefersDark: boolean
}

export function consoleWindowOptions({ preloadPath, prefersDark }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Group Moderation Console',
    backgroundColor: prefersDark ? '#16181d' : '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  }
}
