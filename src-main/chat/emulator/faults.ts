// Fault controls for the sandbox (issue 3): latency with jitter, transient failures with a given code and
// rate, replies lost after the call was applied, pausing, dropping every connection and refusing new ones.
// Shared by the loopback server and the in-process transport so both behave the same under faults.
import { EmulatorError } from './emulator-error'
import { seededRandom, type Random } from './random'

export interface FaultSettings {
  /** Added before each call is applied, in real milliseconds. */
  latencyMs: number
  /** Up to this much more, uniformly. */
  jitterMs: number
  /** Probability (0–1) that a call fails with failCode before it is applied. */
  failRate: number
  failCode: number
  /** Probability (0–1) that a call is applied but its reply is lost: the caller sees 2801 (timeout). */
  loseReplyRate: number
  /** While paused, calls wait (unapplied) until resumed. */
  paused: boolean
  /** While false, dropped clients cannot reconnect (they stay offline). */
  acceptingConnections: boolean
}

export const DEFAULT_FAULTS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  failRate: 0,
  failCode: 10002,
  loseReplyRate: 0,
  paused: false,
  acceptingConnections: true,
}

/** The reply-timeout code a caller sees when a reply is lost (sdk-facts: 2801 timeout). */
export const LOST_REPLY_CODE = 2801

type Listener = () => void

export class FaultInjector {
  private current: FaultSettings
  private readonly random: Random
  private resumeWaiters: Listener[] = []
  private readonly dropListeners = new Set<Listener>()
  private readonly acceptListeners = new Set<Listener>()

  constructor(initial: Partial<FaultSettings> = {}, seed = 1) {
    this.current = { ...DEFAULT_FAULTS, ...initial }
    this.random = seededRandom(seed)
  }

  get settings(): Readonly<FaultSettings> {
    return this.current
  }

  update(patch: Partial<FaultSettings>): FaultSettings {
    const wasPaused = this.current.paused
    const wasAccepting = this.current.acceptingConnections
    this.current = { ...this.current, ...patch }
    if (wasPaused && !this.current.paused) {
      const waiters = this.resumeWaiters
      this.resumeWaiters = []
      for (const resume of waiters) resume()
    }
    if (!wasAccepting && this.current.acceptingConnections) for (const listener of [...this.acceptListeners]) listener()
    return this.current
  }

  /** Wait while paused, then for latency + jitter; fail transiently at failRate. Nothing is applied yet. */
  async beforeCall(): Promise<void> {
    if (this.current.paused) await new Promise<void>((resolve) => this.resumeWaiters.push(resolve))
    const delay = this.current.latencyMs + (this.current.jitterMs > 0 ? this.random() * this.current.jitterMs : 0)
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    if (this.current.failRate > 0 && this.random() < this.current.failRate) {
      throw new EmulatorError(this.current.failCode, 'injected fault')
    }
  }

  /** After applying: should the reply be lost? */
  loseReply(): boolean {
    return this.current.loseReplyRate > 0 && this.random() < this.current.loseReplyRate
  }

  /** Drop every connection now (in-process sessions and loopback sockets alike). */
  dropAll(): void {
    for (const listener of [...this.dropListeners]) listener()
  }

  onDrop(listener: Listener): () => void {
    this.dropListeners.add(listener)
    return () => this.dropListeners.delete(listener)
  }

  /** Called when connections are accepted again after setAcceptingConnections(false). */
  onAccepting(listener: Listener): () => void {
    this.acceptListeners.add(listener)
    return () => this.acceptListeners.delete(listener)
  }
}
