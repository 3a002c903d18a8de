// The browser host's `window.api` (a RawConsoleApi) over the socket transport. Pure TypeScript over the
// standard WebSocket interface, so the renderer's bridge and Node tests share it. It reconnects on its
// own, and answers calls made while disconnected with a typed `offline` error instead of hanging.
import type { Envelope, RawConsoleApi } from './api-types'
import { CHANNEL_NAMES, type EventName } from './contract'
import { encodeMessage } from './codec'
import { CONSOLE_ERROR_CODES, describeErrorCode } from './errors'

/** The part of the standard WebSocket the client uses (browser WebSocket and `ws` both fit). */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(): void
  onopen: ((event: unknown) => void) | null
  onclose: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onerror: ((event: unknown) => void) | null
}

export interface SocketClientOptions {
  url: string
  connect: (url: string) => SocketLike
  /** Delay before reconnect attempt n (1-based), so a restarted host is picked up again. */
  reconnectDelayMs?: (attempt: number) => number
  onConnectionChange?: (connected: boolean) => void
}

export interface SocketClient {
  api: RawConsoleApi
  /** Resolves once the first connection is open. */
  ready: Promise<void>
  close(): void
}

const OPEN = 1

function offlineResult(): string {
  const code = CONSOLE_ERROR_CODES.offline
  const envelope: Envelope<never> = { ok: false, error: { code, kind: describeErrorCode(code).kind, message: 'The console host is not reachable' } }
  return encodeMessage(envelope)
}

export function createSocketClient(options: SocketClientOptions): SocketClient {
  const pending = new Map<number, (encodedResult: string) => void>()
  const listeners = new Map<string, Set<(encodedPayload: string) => void>>()
  let nextId = 1
  let socket: SocketLike | null = null
  let closedByUser = false
  let attempt = 0
  let resolveReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (resolveReady = resolve))

  function onFrame(text: string): void {
    let frame: { id?: unknown; result?: unknown; event?: unknown; payload?: unknown }
    try {
      frame = JSON.parse(text) as typeof frame
    } catch {
      return
    }
    if (typeof frame.id === 'number' && typeof frame.result === 'string') {
      pending.get(frame.id)?.(frame.result)
      pending.delete(frame.id)
    } else if (typeof frame.event === 'string' && typeof frame.payload === 'string') {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload)
    }
  }

  function open(): void {
    const current = options.connect(options.url)
    socket = current
    current.onopen = () => {
      attempt = 0
      options.onConnectionChange?.(true)
      resolveReady()
    }
    current.onmessage = (event) => onFrame(String(event.data))
    current.onclose = () => {
      if (socket !== current) return
      socket = null
      // Calls in flight will never be answered on this connection: settle them rather than hang.
      for (const settle of pending.values()) settle(offlineResult())
      pending.clear()
      options.onConnectionChange?.(false)
      if (closedByUser) return
      attempt += 1
      const delay = options.reconnectDelayMs?.(attempt) ?? Math.min(5000, 250 * 2 ** (attempt - 1))
      setTimeout(() => {
        if (!closedByUser) open()
      }, delay)
    }
    current.onerror = () => {}
  }

  function call(channel: string, encodedInput: string): Promise<string> {
    if (!socket || socket.readyState !== OPEN) return Promise.resolve(offlineResult())
    const id = nextId++
    const active = socket
    return new Promise((resolve) => {
      pending.set(id, resolve)
      active.send(JSON.stringify({ id, channel, input: encodedInput }))
    })
  }

  const api: Record<string, unknown> = {}
  for (const channel of CHANNEL_NAMES) api[channel] = (encodedInput: string) => call(channel, encodedInput)
  api.on = (event: EventName, listener: (encodedPayload: string) => void) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    set.add(listener)
    return () => set.delete(listener)
  }

  open()
  return {
    api: api as RawConsoleApi,
    ready,
    close() {
      closedByUser = true
      socket?.close()
    },
  }
}
