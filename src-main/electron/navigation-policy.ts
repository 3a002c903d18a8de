// What the console window may navigate to or open. Pure functions, table-tested.

export type NavigationDecision = { action: 'allow' } | { action: 'deny' } | { action: 'open-externally'; url: string }

/** Is `target` the app's own page (same origin as `appUrl`, or the same packaged file)? */
export function isAppUrl(target: string, appUrl: string): boolean {
  let parsedTarget: URL
  let parsedApp: URL
  try {
    parsedTarget = new URL(target)
    parsedApp = new URL(appUrl)
  } catch {
    return false
  }
  if (parsedApp.protocol === 'file:') return parsedTarget.protocol === 'file:' && parsedTarget.pathname === parsedApp.pathname
  // Compare whole origins: `https://example.com.attacker.com` is not `https://example.com`.
  return parsedTarget.origin === parsedApp.origin && parsedTarget.origin !== 'null'
}

/** `will-navigate`: the console is a single page; any navigation away is cancelled. */
export function decideNavigation(target: string, appUrl: string): NavigationDecision {
  return isAppUrl(target, appUrl) ? { action: 'allow' } : { action: 'deny' }
}

/**
 * `setWindowOpenHandler`: no new Electron windows ever. A plain https link (a group avatar's page, the
 * docs) goes to the OS browser; every other scheme (javascript:, file:, data:, http:) is dropped.
 */
export function decideWindowOpen(target: string): NavigationDecision {
  let parsed: URL
  try {
    parsed = new URL(target)
  } catch {
    return { action: 'deny' }
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return { action: 'deny' }
  return { action: 'open-externally', url: parsed.toString() }
}

/** Senders of IPC: only the app's own top-level frame, showing the app's own page. */
export function isTrustedSender(sender: { url: string; isMainFrame: boolean } | null, appUrl: string): boolean {
  return sender !== null && sender.isMainFrame && isAppUrl(sender.url, appUrl)
}
