// In the browser host there is no preload: this sets `window.api` up over the host's socket, so the rest
// of the renderer is identical in Electron and in a browser. The token arrives in the URL fragment the
// host printed; it is kept in sessionStorage so a reload still connects, and removed from the address bar.
import { createSocketClient, type SocketLike } from '../../../src-main/shared/socket-client'

const TOKEN_KEY = 'console.hostToken'
export const HOST_CONNECTION_EVENT = 'console-host-connection'

function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    const rest = window.location.hash.replace(/(^#|&)token=[A-Za-z0-9_-]+/, '$1').replace(/^#&/, '#')
    history.replaceState(null, '', `${window.location.pathname}${rest === '#' ? '' : rest}`)
    return match[1]
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

/** Resolves once `window.api` is usable; throws when there is neither a preload nor a token. */
export async function ensureApi(): Promise<'electron' | 'browser'> {
  if (window.api) return 'electron'
  const token = takeToken()
  if (!token) throw new Error('This page was opened without its access token. Open the address the console host printed.')
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  const client = createSocketClient({
    url: `${protocol}//${window.location.host}/ipc?token=${encodeURIComponent(token)}`,
    connect: (url) => new WebSocket(url) as unknown as SocketLike,
    onConnectionChange: (connected) => window.dispatchEvent(new CustomEvent(HOST_CONNECTION_EVENT, { detail: { connected } })),
  })
  window.api = client.api
  await client.ready
  return 'browser'
}
