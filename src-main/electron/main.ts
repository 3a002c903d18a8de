// Electron's main process: lifecycle, the window and its security. Services come from the composition
// root (app.ts), the same one the browser host runs; this file only wires Electron to them.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, ipcMain, nativeTheme, safeStorage, session, shell } from 'electron'
import { createConsoleApp, type ConsoleApp } from '../app'
import { fileOnlyCipher, type SecretCipher } from '../store/credential-vault'
import { registerElectronTransport } from '../ipc/electron'
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy'
import { consoleWindowOptions } from './window-options'
import { decideNavigation, decideWindowOpen, isTrustedSender } from './navigation-policy'

// electron-vite's dev server sets this; a built app loads its own file.
const appUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(__dirname, '../renderer/index.html')).toString()

let consoleApp: ConsoleApp | null = null
let mainWindow: BrowserWindow | null = null

function hardenSession(): void {
  // The console needs no camera, notifications, geolocation… from the page: refuse them all.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(
    consoleWindowOptions({ preloadPath: path.join(__dirname, '../preload/index.js'), prefersDark: nativeTheme.shouldUseDarkColors }),
  )
  window.webContents.on('will-navigate', (event, url) => {
    if (decideNavigation(url, appUrl).action !== 'allow') event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url)
    if (decision.action === 'open-externally') void shell.openExternal(decision.url)
    return { action: 'deny' }
  })
  window.once('ready-to-show', () => window.show())
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  void window.loadURL(appUrl)
  return window
}

/** The OS keychain where Electron has one; otherwise file permissions only (Settings warns). */
function secretCipher(): SecretCipher {
  if (!safeStorage.isEncryptionAvailable()) return fileOnlyCipher
  return {
    protection: 'os-keychain',
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  }
}

function start(): void {
  consoleApp = createConsoleApp({
    dataDir: app.getPath('userData'),
    host: 'electron',
    version: app.getVersion(),
    strictContract: !app.isPackaged,
    secretCipher: secretCipher(),
  })
  registerElectronTransport({
    ipcMain,
    dispatch: consoleApp.router.dispatch,
    isTrustedSender: (sender) => isTrustedSender(sender, appUrl),
    subscribeAll: consoleApp.events.subscribeAll,
    sendEvent: (event, payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(event, payload)
    },
  })
  hardenSession()
  mainWindow = createWindow()
}

if (!app.requestSingleInstanceLock()) {
  // Another console owns the databases; it gets focus through 'second-instance' instead.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  app.whenReady().then(start, (error: unknown) => {
    console.error('The console could not start', error)
    app.exit(1)
  })
  app.on('activate', () => {
    if (consoleApp && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', (event) => {
    if (!consoleApp) return
    // Let the session log out and the databases close before the process ends.
    event.preventDefault()
    const closing = consoleApp
    consoleApp = null
    void closing.close().finally(() => app.quit())
  })
}
