// The loopback client: the same SDK-shaped session (EmulatedChat) over a WebSocket to the emulator server.
// It reconnects by itself after a drop, with NET_STATE_CHANGE disconnected → connecting → connected, and
// re-authenticates before calls flow again (issue 3 "A dropped client gets NET_STATE_CHANGE and reconnects").
import WebSocket from 'ws'
import type { ChatSdkError } from '../sdk'
import type { Clock } from './clock'
import { controlsOver, type EmulatorControls } from './controls'
import { loginAndWaitReady, SANDBOX_USER_SIG } from './emulator'
import { EmulatorError, isChatSdkError } from './emulator-error'
import { decodeWire, encodeWire, type ClientEnvelope, type ControlOp, type ServerEnvelope, type ServiceMethod, type ServiceParams, type ServiceResult } from './protocol'
import { EmulatedChat } from './sdk-session'
import { networkError, type LinkState, type RequestOptions, type ServiceTransport, type TransportListener } from './transport'

export interface EmulatorClientOptions {
  /** Clock of the SDK layer (rate limits, caches): inject a ManualClock in tests. */
  clock?: Clock
  /** A call without a reply by then fails with 2801. */
  requestTimeoutMs?: number
  /** Reconnect backoff, doubling from min to max. */
  reconnectDelayMs?: { min: number; max: number }
  /**
   * Calls made while reconnecting wait for the link (up to requestTimeoutMs) instead of failing at once with
   * 2800. Off for SDK sessions (the real SDK fails fast offline); on for the controls connection.
   */
  waitWhileReconnecting?: boolean
}

interface Pending {
  resolve(value: unknown): void
  reject(error: EmulatorError): void
  timer: NodeJS.Timeout
}

export class WebSocketTransport implements ServiceTransport {
  private socket: WebSocket | null = null
  private state: LinkState = 'connecting'
  private everOpened = false
  private readonly firstOpen: Promise<void>
  private resolveFirstOpen!: () => void
  private listener: TransportListener | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private reconnectAttempt = 0
  private reconnectTimer: NodeJS.Timeout | null = null
  private readonly requestTimeoutMs: number
  private readonly reconnectDelay: { min: number; max: number }
  private readonly waitWhileReconnecting: boolean
  private openWaiters: Array<() => void> = []
  private closeWaiters: Array<() => void> = []

  constructor(
    private readonly url: string,
    options: EmulatorClientOptions = {},
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000
    this.reconnectDelay = options.reconnectDelayMs ?? { min: 25, max: 1_000 }
    this.waitWhileReconnecting = options.waitWhileReconnecting ?? false
    this.firstOpen = new Promise((resolve) => (this.resolveFirstOpen = resolve))
    this.connect()
  }

  setListener(listener: TransportListener): void {
    this.listener = listener
  }

  async request<M extends ServiceMethod>(method: M, params: ServiceParams<M>, options: RequestOptions = {}): Promise<ServiceResult<M>> {
    return (await this.send({ type: 'call', id: 0, method, params }, options)) as ServiceResult<M>
  }

  /** A control message (faults, applied-call counts …); answered by the server whatever the login state. */
  async control(op: ControlOp, args: unknown): Promise<unknown> {
    return this.send({ type: 'control', id: 0, op, args }, { duringHandshake: true })
  }

  async close(): Promise<void> {
    this.state = 'closed'
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.failPending(networkError('client closed'))
    const socket = this.socket
    this.socket = null
    if (!socket || socket.readyState === WebSocket.CLOSED) return
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve())
      socket.terminate()
    })
  }

  private async send(envelope: ClientEnvelope, options: RequestOptions): Promise<unknown> {
    if (!this.everOpened && this.state === 'connecting') await this.waitFirstOpen()
    else if (this.waitWhileReconnecting && this.state !== 'open' && this.state !== 'closed') await this.waitForLink(this.waitForReopen())
    const allowed = this.state === 'open' || (options.duringHandshake === true && this.state === 'handshaking')
    const socket = this.socket
    if (!allowed || !socket || socket.readyState !== WebSocket.OPEN) throw networkError(`link ${this.state}`)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new EmulatorError(2801, `no reply within ${this.requestTimeoutMs} ms`))
      }, this.requestTimeoutMs)
      this.pending.set(id, { resolve, reject, timer })
      socket.send(encodeWire({ ...envelope, id }))
    })
  }

  private waitFirstOpen(): Promise<void> {
    return this.waitForLink(this.firstOpen)
  }

  private waitForReopen(): Promise<void> {
    return new Promise((resolve) => this.openWaiters.push(resolve))
  }

  private async waitForLink(link: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EmulatorError(2801, `could not connect to ${this.url}`)), this.requestTimeoutMs)
    })
    try {
      await Promise.race([link, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  private markOpen(): void {
    this.state = 'open'
    const waiters = this.openWaiters
    this.openWaiters = []
    for (const resolve of waiters) resolve()
  }

  private connect(): void {
    if (this.state === 'closed') return
    const socket = new WebSocket(this.url)
    this.socket = socket
    socket.on('open', () => void this.onOpen(socket))
    socket.on('message', (raw) => this.onMessage(raw.toString()))
    socket.on('error', () => undefined) // 'close' follows and drives reconnection.
    socket.on('close', () => this.onClose(socket))
  }

  private async onOpen(socket: WebSocket): Promise<void> {
    this.reconnectAttempt = 0
    if (!this.everOpened) {
      this.everOpened = true
      this.markOpen()
      this.resolveFirstOpen()
      return
    }
    this.state = 'handshaking'
    try {
      await this.listener?.reconnected()
    } catch {
      // Re-authentication failed: stay connected; calls will say 2024.
    }
    if (this.socket !== socket || this.state !== 'handshaking') return
    this.markOpen()
    this.listener?.linkUp()
  }

  private onMessage(text: string): void {
    let envelope: ServerEnvelope
    try {
      envelope = decodeWire(text) as ServerEnvelope
    } catch {
      return
    }
    if (envelope.type === 'push') {
      this.listener?.push(envelope.push)
      return
    }
    const pending = this.pending.get(envelope.id)
    if (!pending) return
    this.pending.delete(envelope.id)
    clearTimeout(pending.timer)
    if (envelope.ok) pending.resolve(envelope.data)
    else pending.reject(isChatSdkError(envelope.error) ? EmulatorError.from(envelope.error as ChatSdkError) : new EmulatorError(10002))
  }

  /** Resolves when the current socket closes (used after asking the server to drop every connection). */
  nextClose(): Promise<void> {
    return new Promise((resolve) => this.closeWaiters.push(resolve))
  }

  private onClose(socket: WebSocket): void {
    if (this.socket !== socket) return
    this.socket = null
    const closeWaiters = this.closeWaiters
    this.closeWaiters = []
    for (const resolve of closeWaiters) resolve()
    // Calls in flight may or may not have been applied: the caller reconciles (ARCHITECTURE "Durable decisions").
    this.failPending(networkError('connection lost'))
    if (this.state === 'closed') return
    const wasUp = this.state === 'open' || this.state === 'handshaking'
    this.state = 'connecting'
    if (wasUp) this.listener?.linkDown('disconnected')
    if (this.everOpened && this.reconnectAttempt === 0) this.listener?.linkDown('connecting')
    const delay = Math.min(this.reconnectDelay.max, this.reconnectDelay.min * 2 ** this.reconnectAttempt)
    this.reconnectAttempt++
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      this.connect()
    }, delay)
  }

  private failPending(error: EmulatorError): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer)
      pending.reject(error)
      this.pending.delete(id)
    }
  }
}

/** An SDK-shaped session over the loopback server, not logged in yet (like TencentCloudChat.create()). */
export function createEmulatorClient(url: string, options: EmulatorClientOptions = {}): EmulatedChat {
  return new EmulatedChat(new WebSocketTransport(url, options), { clock: options.clock })
}

/** A session over the loopback server, logged in as `userID`, resolved once SDK_READY has fired. */
export function connectEmulatorClient(url: string, userID: string, options: EmulatorClientOptions & { userSig?: string } = {}): Promise<EmulatedChat> {
  return loginAndWaitReady(createEmulatorClient(url, options), userID, options.userSig ?? SANDBOX_USER_SIG)
}

/** Run-time controls of a loopback server, possibly in another process. */
export function connectEmulatorControls(url: string, options: Pick<EmulatorClientOptions, 'requestTimeoutMs'> = {}): EmulatorControls & { close(): Promise<void> } {
  const transport = new WebSocketTransport(url, { ...options, waitWhileReconnecting: true })
  const controls = controlsOver((op, args) => transport.control(op, args))
  return {
    ...controls,
    // This connection is among those cut: wait for the cut, so the next control call waits for the new link.
    async dropAllConnections() {
      const closed = transport.nextClose()
      await controls.dropAllConnections()
      await closed
    },
    close: () => transport.close(),
  }
}
