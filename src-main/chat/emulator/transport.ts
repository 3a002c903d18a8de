// How the SDK layer reaches the service: directly (in-process) or over the loopback socket (client.ts).
// Both present the same contract, so the conformance suite runs unchanged over either.
import type { ServiceMethod, ServiceParams, ServicePush, ServiceResult } from './protocol'
import { EmulatorError, isChatSdkError } from './emulator-error'
import type { FaultInjector } from './faults'
import { LOST_REPLY_CODE } from './faults'
import type { GroupService } from './service'

export type LinkState = 'connecting' | 'handshaking' | 'open' | 'closed'

export interface TransportListener {
  push(push: ServicePush): void
  /** The link went down ('disconnected') or is being re-established ('connecting'). */
  linkDown(state: 'disconnected' | 'connecting'): void
  /**
   * The link is back. The SDK layer re-authenticates here (requests pass with `duringHandshake`), then the
   * transport opens for ordinary calls. Not called for the very first connection.
   */
  reconnected(): Promise<void>
  /** The link is usable again after reconnected() finished. */
  linkUp(): void
}

export interface RequestOptions {
  /** Allowed while the link is re-authenticating. */
  duringHandshake?: boolean
}

export interface ServiceTransport {
  request<M extends ServiceMethod>(method: M, params: ServiceParams<M>, options?: RequestOptions): Promise<ServiceResult<M>>
  setListener(listener: TransportListener): void
  close(): Promise<void>
}

export function networkError(detail: string): EmulatorError {
  return new EmulatorError(2800, detail)
}

export function asEmulatorError(error: unknown): EmulatorError {
  if (error instanceof EmulatorError) return error
  if (isChatSdkError(error)) return EmulatorError.from(error)
  return new EmulatorError(10002, error instanceof Error ? error.message : String(error))
}

/**
 * Calls the service in this process, through the same fault injector as the loopback server, with pushes
 * delivered on a later turn of the event loop (as a network would).
 */
export class InProcessTransport implements ServiceTransport {
  private sessionId: number
  private state: LinkState = 'open'
  /** Bumped on every drop: a call that started on an older link must not be applied. */
  private epoch = 0
  private listener: TransportListener | null = null
  private readonly unsubscribeDrop: () => void
  private unsubscribeAccepting: (() => void) | null = null

  constructor(
    private readonly service: GroupService,
    private readonly faults: FaultInjector,
  ) {
    this.sessionId = this.openSession()
    this.unsubscribeDrop = faults.onDrop(() => this.drop())
  }

  setListener(listener: TransportListener): void {
    this.listener = listener
  }

  async request<M extends ServiceMethod>(method: M, params: ServiceParams<M>, options: RequestOptions = {}): Promise<ServiceResult<M>> {
    const allowed = this.state === 'open' || (options.duringHandshake === true && this.state === 'handshaking')
    if (!allowed) throw networkError(`link ${this.state}`)
    const epoch = this.epoch
    const faultsApply = method !== 'login' && method !== 'logout'
    if (faultsApply) await this.faults.beforeCall()
    if (epoch !== this.epoch) throw networkError('connection dropped')
    let result: ServiceResult<M>
    try {
      result = this.service.call(this.sessionId, method, structuredClone(params))
    } catch (error) {
      throw asEmulatorError(error)
    }
    if (faultsApply && this.faults.loseReply()) throw new EmulatorError(LOST_REPLY_CODE, 'reply lost (injected fault)')
    return structuredClone(result)
  }

  async close(): Promise<void> {
    this.state = 'closed'
    this.epoch++
    this.unsubscribeDrop()
    this.unsubscribeAccepting?.()
    this.service.closeSession(this.sessionId)
  }

  private openSession(): number {
    const epoch = this.epoch
    return this.service.openSession((push) => {
      // Deliver later, and never to a listener of a newer link.
      setImmediate(() => {
        if (epoch === this.epoch && this.state !== 'closed') this.listener?.push(structuredClone(push))
      })
    })
  }

  private drop(): void {
    if (this.state === 'closed') return
    this.service.closeSession(this.sessionId)
    this.epoch++
    this.state = 'connecting'
    this.listener?.linkDown('disconnected')
    this.awaitReconnect()
  }

  private awaitReconnect(): void {
    if (this.faults.settings.acceptingConnections) {
      setImmediate(() => void this.reconnect())
      return
    }
    this.unsubscribeAccepting?.()
    this.unsubscribeAccepting = this.faults.onAccepting(() => {
      this.unsubscribeAccepting?.()
      this.unsubscribeAccepting = null
      void this.reconnect()
    })
  }

  private async reconnect(): Promise<void> {
    if (this.state !== 'connecting') return
    this.listener?.linkDown('connecting')
    this.sessionId = this.openSession()
    this.state = 'handshaking'
    const epoch = this.epoch
    try {
      await this.listener?.reconnected()
    } catch {
      // Re-authentication failed (e.g. the user was kicked meanwhile): stay open, unauthenticated.
    }
    if (epoch !== this.epoch || this.state !== 'handshaking') return
    this.state = 'open'
    this.listener?.linkUp()
  }
}
