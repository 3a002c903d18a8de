import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startBrowserHost, type BrowserHost } from '../host/browser-host'
import { createSocketClient, type SocketLike } from '../shared/socket-client'
import { ApiError, createConsoleClient } from '../shared/typed-client'
import type { EventPayload } from '../shared/contract'
import { attachSocketTransport, SOCKET_PATH } from './socket'
import { DEFAULT_SETTINGS } from '../shared/domain'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-socket-'))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function host(): Promise<BrowserHost> {
  const rendererDir = tempDir()
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>')
  const started = await startBrowserHost({ dataDir: tempDir(), rendererDir, version: 'test', strictContract: true })
  cleanups.push(() => started.close())
  return started
}

/** Tries a WebSocket upgrade and reports the HTTP status it was refused with, or 101 when accepted. */
function upgradeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin })
    socket.on('open', () => { socket.close(); resolve(101) })
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.on('error', () => {})
  })
}

function clientFor(url: string, origin: string) {
  const client = createSocketClient({
    url,
    connect: (target) => new WebSocket(target, { origin }) as unknown as SocketLike,
    reconnectDelayMs: () => 50,
  })
  cleanups.push(() => client.close())
  return { ready: client.ready, api: createConsoleClient(client.api) }
}

describe('socket transport: who may connect', () => {
  it('refuses a connection without the token, with a wrong token, or from another origin', async () => {
    const { port, token } = await host()
    const origin = `http://127.0.0.1:${port}`
    const base = `ws://127.0.0.1:${port}${SOCKET_PATH}`
    expect(await upgradeStatus(base, origin)).toBe(401)
    const wrongToken = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`
    expect(await upgradeStatus(`${base}?token=${wrongToken}`, origin)).toBe(401)
    expect(await upgradeStatus(`${base}?token=${token}`, 'http://evil.example')).toBe(403)
    expect(await upgradeStatus(`${base}?token=${token}`, `http://localhost:${port}`)).toBe(403)
    expect(await upgradeStatus(`${base}?token=${token}`, undefined)).toBe(403)
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/elsewhere?token=${token}`, origin)).toBe(404)
    expect(await upgradeStatus(`${base}?token=${token}`, origin)).toBe(101)
  })

  it('uses a fresh random token per host', async () => {
    const [a, b] = await Promise.all([host(), host()])
    expect(a.token).not.toBe(b.token)
    expect(a.token.length).toBeGreaterThanOrEqual(32)
  })
})

describe('socket transport: the contract over the wire', () => {
  it('carries calls, typed errors and events', async () => {
    const { port, token } = await host()
    const client = clientFor(`ws://127.0.0.1:${port}${SOCKET_PATH}?token=${token}`, `http://127.0.0.1:${port}`)
    await client.ready
    const changes: Array<EventPayload<'settings:changed'>> = []
    const changed = new Promise<void>((resolve) => client.api.on('settings:changed', (payload) => { changes.push(payload); resolve() }))
    expect(await client.api['settings:update']({ theme: 'dark' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
    await changed
    expect(changes).toEqual([{ ...DEFAULT_SETTINGS, theme: 'dark' }])
    const refused = await client.api['settings:update']({ theme: 'purple' } as never).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).toMatchObject({ channel: 'settings:update', code: 'invalid-input', kind: 'invalid' })
    expect((await client.api['app:info']({})).startedAt).toBeInstanceOf(Date)
  })

  it('round-trips the int64 edges exactly', async () => {
    const server = http.createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const origin = `http://127.0.0.1:${port}`
    const transport = attachSocketTransport({
      server,
      token: 'token-for-echo-test-0123456789',
      allowedOrigin: () => origin,
      // An echo: whatever arrives goes back, so both directions of the codec are exercised.
      dispatch: async (_channel, input) => ({ ok: true, value: input }),
      subscribeAll: () => () => {},
    })
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    cleanups.push(() => transport.close())
    const client = clientFor(`ws://127.0.0.1:${port}${SOCKET_PATH}?token=token-for-echo-test-0123456789`, origin)
    await client.ready
    const values = { max: 2n ** 63n - 1n, min: -(2n ** 63n), nested: [{ at: new Date(0), big: 9007199254740993n }] }
    const echoed = await client.api['settings:get'](values as never)
    expect(echoed).toEqual(values)
  })

  it('answers calls with a typed offline error once the host has gone away', async () => {
    const started = await host()
    let markDisconnected: () => void = () => {}
    const disconnected = new Promise<void>((resolve) => (markDisconnected = resolve))
    const client = createSocketClient({
      url: `ws://127.0.0.1:${started.port}${SOCKET_PATH}?token=${started.token}`,
      connect: (target) => new WebSocket(target, { origin: `http://127.0.0.1:${started.port}` }) as unknown as SocketLike,
      reconnectDelayMs: () => 20,
      onConnectionChange: (connected) => { if (!connected) markDisconnected() },
    })
    cleanups.push(() => client.close())
    await client.ready
    await started.close()
    await disconnected
    const failure = await createConsoleClient(client.api)['settings:get']({}).catch((error: unknown) => error)
    expect(failure).toMatchObject({ code: 'offline', kind: 'retryable' })
  })
})

describe('browser host: static files', () => {
  it('serves the page with the CSP and nothing outside the renderer folder', async () => {
    const { port } = await host()
    const page = await fetch(`http://127.0.0.1:${port}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    for (const probe of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%00']) {
      const response = await fetch(`http://127.0.0.1:${port}${probe}`)
      expect(response.status, probe).toBe(404)
    }
  })
})
