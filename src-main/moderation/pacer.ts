// Keeps calls of one kind under a documented sliding-window limit (limits.ts RATE_LIMITS), so ordinary
// use never meets 2996. Callers await `acquire()` before each call; waiting callers are served in order.

import type { RateLimit } from '../shared/limits'

export interface PacerClock {
  now(): number
  sleep(ms: number): Promise<void>
}

export const systemClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export interface Pacer {
  /** Resolves when one more call fits in the window; the call is counted from that moment. */
  acquire(): Promise<void>
  /** Calls counted in the window ending now (for the rate meter). */
  usage(): { used: number; limit: number; windowMs: number }
  /** After a rate-limit refusal: count the window as full, so the next call waits a whole window. */
  backOff(): void
}

/**
 * `marginMs` widens the window a little: the service counts calls when they arrive, and network jitter can
 * bring two calls closer together than they were sent.
 */
export function createPacer(limit: Pick<RateLimit, 'calls' | 'windowMs'>, clock: PacerClock = systemClock, marginMs = 100): Pacer {
  const windowMs = limit.windowMs + marginMs
  const sent: number[] = []
  let queue: Promise<void> = Promise.resolve()

  function prune(now: number): void {
    while (sent.length > 0 && sent[0]! <= now - windowMs) sent.shift()
  }

  async function waitForSlot(): Promise<void> {
    for (;;) {
      const now = clock.now()
      prune(now)
      if (sent.length < limit.calls) {
        sent.push(now)
        return
      }
      await clock.sleep(sent[0]! + windowMs - now)
    }
  }

  return {
    acquire() {
      const turn = queue.then(waitForSlot)
      queue = turn.catch(() => {})
      return turn
    },
    usage() {
      prune(clock.now())
      return { used: sent.length, limit: limit.calls, windowMs: limit.windowMs }
    },
    backOff() {
      const now = clock.now()
      sent.length = 0
      for (let i = 0; i < limit.calls; i++) sent.push(now)
    },
  }
}
