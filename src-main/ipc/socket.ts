// The socket transport for the browser host: the same contract as Electron IPC, over a WebSocket on
// 127.0.0.1. A random token (from the URL fragment the host prints) is required on connect and the
// Origin must be the host's own page, so another local process or a web page cannot drive the console.
import crypto from 'node:crypto'
import type http from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { decodeMessage, encodeMessage } from '../shared/codec'
import type { Envelope } from '../shared/api-types'
import { AppError, CONSOLE_ERROR_CODES } from '../shared/errors'
import type { EventName } from '../shared/contract'
import type { CallContext } from './router'

export const SOCKET_PATH = '/ipc'

export interface SocketTransportOptions {
  server: http.Server
  token: string
  /** The only Origin allowed to connect, e.g. `http://127.0.0.1:5123`. */
  allowedOrigin: () => string
  dispatch: (channel: unknown, input: unknown, context: CallContext) => Promise<Envelope<unknown>>
  subscribeAll: (listener: (event: EventName, payload: unknown) => void) => () => void
}

export interface SocketTransport {
  clientCount(): number
  close(): Promise<void>
}

export function createSocketToken(): string {
  return crypto.randomBytes(24).toString('base64url')
}

function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/**
 * A request frame from the client: JSON `{id, channel, input}` where `input` is in the codec's wire form
 * (the same string `window.api` methods take). Results go back as `{id, result}`, events as
 * `{event, payload}`, both strings in wire form.
 */
function readRequest(text: string): { id: number; channel: unknown; input: unknown } | null {
  const frame: unknown = JSON.parse(text)
  if (frame === null || typeof frame !== 'object') return null
  const { id, channel, input } = frame as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof input !== 'string') return null
  return { id, channel, input: decodeMessage(input) }
}

export function attachSocketTransport(options: SocketTransportOptions): SocketTransport {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 })

  function onUpgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found')
    if (!tokensMatch(url.searchParams.get('token'), options.token)) return refuseUpgrade(socket, 401, 'Unauthorized')
    if (request.headers.origin !== options.allowedOrigin()) return refuseUpgrade(socket, 403, 'Forbidden')
    wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client))
  }
  options.server.on('upgrade', onUpgrade)

  wss.on('connection', (client: WebSocket) => {
    const unsubscribe = options.subscribeAll((event, payload) => {
      if (client.readyState === client.OPEN) client.send(JSON.stringify({ event, payload: encodeMessage(payload) }))
    })
    client.on('close', unsubscribe)
    client.on('message', (data) => {
      let request: ReturnType<typeof readRequest> = null
      try {
        request = readRequest(data.toString())
      } catch {
        request = null
      }
      if (!request) {
        // Without an id there is nobody to answer; a malformed frame closes the connection.
        client.close(1003, 'Malformed message')
        return
      }
      const { id, channel, input } = request
      options
        .dispatch(channel, input, { transport: 'socket' })
        .catch((): Envelope<unknown> => ({ ok: false, error: new AppError(CONSOLE_ERROR_CODES.internal).toJSON() }))
        .then((result) => {
          if (client.readyState === client.OPEN) client.send(JSON.stringify({ id, result: encodeMessage(result) }))
        })
    })
  })

  return {
    clientCount: () => wss.clients.size,
    close: () =>
      new Promise((resolve) => {
        options.server.off('upgrade', onUpgrade)
        for (const client of wss.clients) client.terminate()
        wss.close(() => resolve())
      }),
  }
}
