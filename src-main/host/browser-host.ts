// The browser host: the same console app, its renderer build served on 127.0.0.1 and its contract
// carried over the socket transport. Used where the Electron binary is missing, on headless boxes,
// and by the e2e tests.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createConsoleApp, type ConsoleApp, type ConsoleConfig } from '../app'
import { attachSocketTransport, createSocketToken } from '../ipc/socket'
import { serveStatic } from './static-files'

export interface BrowserHostOptions extends Omit<ConsoleConfig, 'host'> {
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
}

export interface BrowserHost {
  url: string
  port: number
  token: string
  app: ConsoleApp
  close(): Promise<void>
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const app = createConsoleApp({ ...options, host: 'browser' })
  const token = createSocketToken()
  const server = http.createServer((request, response) => serveStatic(options.rendererDir, request, response))
  let port = 0
  const transport = attachSocketTransport({
    server,
    token,
    allowedOrigin: () => `http://127.0.0.1:${port}`,
    dispatch: app.router.dispatch,
    subscribeAll: app.events.subscribeAll,
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
    })
  } catch (error) {
    await app.close()
    throw error
  }
  port = (server.address() as AddressInfo).port
  return {
    // The token travels in the fragment, which the browser never sends to a server or a referrer.
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    app,
    async close() {
      await transport.close()
      // A browser keeps idle HTTP connections open; close() alone would wait for them indefinitely.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
      await app.close()
    },
  }
}
