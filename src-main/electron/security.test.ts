import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../shared/security-policy'
import { consoleWindowOptions } from './window-options'
import { decideNavigation, decideWindowOpen, isTrustedSender } from './navigation-policy'

const PACKAGED = 'file:///opt/console/resources/app/out/renderer/index.html'
const DEV = 'http://localhost:5173/'

describe('console window options', () => {
  it.each([false, true])('isolate the renderer (dark theme: %s)', (prefersDark) => {
    const { webPreferences } = consoleWindowOptions({ preloadPath: '/app/out/preload/index.js', prefersDark })
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })
})

describe('content security policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((part) => {
    const [name, ...values] = part.trim().split(/\s+/)
    return [name!, values] as const
  }))

  it("allows only the app's own scripts and connections", () => {
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'")
  })
})

describe('navigation decisions', () => {
  it.each([
    [PACKAGED, PACKAGED, 'allow'],
    [`${PACKAGED}#/inbox`, PACKAGED, 'allow'],
    ['file:///etc/passwd', PACKAGED, 'deny'],
    ['https://example.com', PACKAGED, 'deny'],
    [`${DEV}#/groups`, DEV, 'allow'],
    ['http://localhost:5174/', DEV, 'deny'],
    ['https://example.com.attacker.com/', 'https://example.com/', 'deny'],
    ['javascript:alert(1)', DEV, 'deny'],
    ['data:text/html,<script>alert(1)</script>', DEV, 'deny'],
    ['not a url', DEV, 'deny'],
  ])('%s from %s → %s', (target, appUrl, action) => {
    expect(decideNavigation(target, appUrl).action).toBe(action)
  })
})

describe('window-open decisions', () => {
  it.each([
    ['https://cloud.tencent.com/document/product/269', 'open-externally'],
    ['https://example.com.attacker.com/login', 'open-externally'],
    ['https://user:pass@example.com/', 'deny'],
    ['http://example.com/', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['data:text/html,hi', 'deny'],
    ['', 'deny'],
  ])('%s → %s', (target, action) => {
    expect(decideWindowOpen(target).action).toBe(action)
  })

  it('never opens a new Electron window, even for the app itself', () => {
    expect(decideWindowOpen(PACKAGED).action).toBe('deny')
  })
})

describe('IPC sender check', () => {
  it.each([
    [{ url: PACKAGED, isMainFrame: true }, true],
    [{ url: `${PACKAGED}#/jobs`, isMainFrame: true }, true],
    [{ url: PACKAGED, isMainFrame: false }, false],
    [{ url: 'https://example.com/', isMainFrame: true }, false],
    [{ url: 'file:///tmp/evil.html', isMainFrame: true }, false],
    [null, false],
  ])('%j trusted: %s', (sender, trusted) => {
    expect(isTrustedSender(sender, PACKAGED)).toBe(trusted)
  })
})
