// The chat session's login state machine, over either connection:
//   signed-out → connecting → ready ⇄ offline
//                           ↘ kicked-out (with the service's reason) | usersig-expired
// Once kicked out or expired, the SDK is dropped: nothing more is sent until the moderator connects again.
import { EVENTS, KICKED_OUT_TYPES, NET_STATES, type ChatEvent, type ChatSdk } from './sdk'
import type { ConnectionKind, SessionPhase } from '../shared/domain'
import { AppError, CONSOLE_ERROR_CODES, isRetryable, isSdkError } from '../shared/errors'

export interface SessionTarget {
  connection: ConnectionKind
  userID: string
  /** The cloud app; the sandbox has none. */
  sdkAppID?: number
  /** The cloud's credential; the sandbox needs none. */
  userSig?: string
  /** When the userSig stops working, if it could be read. */
  userSigExpiresAt?: Date | null
}

export interface SessionSnapshot {
  connection: ConnectionKind
  phase: SessionPhase
  userID: string | null
  reason: string | null
}

export interface ChatSessionOptions {
  /** Creates the SDK for a target: the sandbox client, or @tencentcloud/chat. Not yet logged in. */
  createSdk(target: SessionTarget): Promise<ChatSdk>
  onChange(snapshot: SessionSnapshot): void
  now?: () => number
  /** How long to wait for SDK_READY after login. */
  readyTimeoutMs?: number
}

export interface ChatSession {
  connect(target: SessionTarget): Promise<void>
  disconnect(): Promise<void>
  snapshot(): SessionSnapshot
  /** The SDK while it may be used (ready or offline-and-reconnecting); null otherwise. */
  sdk(): ChatSdk | null
}

const KICK_REASONS: Record<string, string> = {
  [KICKED_OUT_TYPES.KICKED_OUT_MULT_ACCOUNT]: 'Signed in elsewhere with the same account',
  [KICKED_OUT_TYPES.KICKED_OUT_MULT_DEVICE]: 'Signed in on another device of the same kind',
  [KICKED_OUT_TYPES.KICKED_OUT_USERSIG_EXPIRED]: 'The userSig expired',
  [KICKED_OUT_TYPES.KICKED_OUT_REST_API]: 'Signed out by the app backend (REST API)',
}

export function createChatSession(options: ChatSessionOptions): ChatSession {
  const now = options.now ?? Date.now
  let current: SessionSnapshot = { connection: 'sandbox', phase: 'signed-out', userID: null, reason: null }
  let sdk: ChatSdk | null = null
  let detach: (() => void) | null = null
  let generation = 0

  function set(next: Partial<SessionSnapshot>): void {
    current = { ...current, ...next }
    options.onChange(current)
  }

  async function release(): Promise<void> {
    detach?.()
    detach = null
    const previous = sdk
    sdk = null
    if (previous) {
      await previous.logout().catch(() => {})
      await previous.destroy().catch(() => {})
    }
  }

  function attach(instance: ChatSdk, onReady: () => void): void {
    const handlers = {
      ready: () => {
        if (current.phase === 'connecting' || current.phase === 'offline') set({ phase: 'ready', reason: null })
        onReady()
      },
      notReady: () => {
        if (current.phase === 'ready') set({ phase: 'offline', reason: 'The chat service is not ready' })
      },
      net: (event: ChatEvent<typeof EVENTS.NET_STATE_CHANGE>) => {
        if (event.data.state === NET_STATES.NET_STATE_DISCONNECTED && current.phase === 'ready') set({ phase: 'offline', reason: 'Connection lost — reconnecting' })
        if (event.data.state === NET_STATES.NET_STATE_CONNECTED && current.phase === 'offline') set({ phase: 'ready', reason: null })
      },
      kicked: (event: ChatEvent<typeof EVENTS.KICKED_OUT>) => {
        const expired = event.data.type === KICKED_OUT_TYPES.KICKED_OUT_USERSIG_EXPIRED
        set({ phase: expired ? 'usersig-expired' : 'kicked-out', reason: KICK_REASONS[event.data.type] ?? `Signed out (${event.data.type})` })
        void release()
      },
    }
    instance.on(EVENTS.SDK_READY, handlers.ready)
    instance.on(EVENTS.SDK_NOT_READY, handlers.notReady)
    instance.on(EVENTS.NET_STATE_CHANGE, handlers.net)
    instance.on(EVENTS.KICKED_OUT, handlers.kicked)
    detach = () => {
      instance.off(EVENTS.SDK_READY, handlers.ready)
      instance.off(EVENTS.SDK_NOT_READY, handlers.notReady)
      instance.off(EVENTS.NET_STATE_CHANGE, handlers.net)
      instance.off(EVENTS.KICKED_OUT, handlers.kicked)
    }
  }

  async function connect(target: SessionTarget): Promise<void> {
    const mine = ++generation
    await release()
    set({ connection: target.connection, userID: target.userID, phase: 'connecting', reason: null })
    if (target.userSigExpiresAt && target.userSigExpiresAt.getTime() <= now()) {
      set({ phase: 'usersig-expired', reason: `The userSig expired on ${target.userSigExpiresAt.toISOString()}` })
      throw new AppError(3001, 'The userSig has expired: paste a new one in Settings')
    }
    let instance: ChatSdk
    try {
      instance = await options.createSdk(target)
    } catch (error) {
      set({ phase: 'offline', reason: 'The chat service is unreachable' })
      throw error
    }
    if (mine !== generation) {
      await instance.destroy().catch(() => {})
      return
    }
    sdk = instance
    let readyTimer: NodeJS.Timeout | undefined
    const ready = new Promise<void>((resolve, reject) => {
      readyTimer = setTimeout(
        () => reject(new AppError(CONSOLE_ERROR_CODES.notReady, 'The chat service did not become ready in time')),
        options.readyTimeoutMs ?? 30_000,
      )
      attach(instance, () => {
        clearTimeout(readyTimer)
        resolve()
      })
    })
    // Whichever way login ends, the timeout must not surface later as an unhandled rejection.
    ready.catch(() => {})
    try {
      await instance.login({ userID: target.userID, userSig: target.userSig ?? '' })
      if (instance.isReady() && current.phase === 'connecting') set({ phase: 'ready' })
      if (current.phase !== 'ready') await ready
    } catch (error) {
      clearTimeout(readyTimer)
      if (mine !== generation) return
      await release()
      const message = isSdkError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : 'Login failed'
      // Unreachable is not refused: the moderator keeps working on the cache while the console retries.
      const unreachable = isSdkError(error) && isRetryable(error.code)
      set({ phase: unreachable ? 'offline' : 'signed-out', reason: unreachable ? `The chat service is unreachable (${message}) — retrying` : message })
      throw error
    }
  }

  return {
    connect,
    async disconnect() {
      generation += 1
      await release()
      set({ phase: 'signed-out', reason: null })
    },
    snapshot: () => current,
    sdk: () => (current.phase === 'ready' || current.phase === 'offline' ? sdk : null),
  }
}
