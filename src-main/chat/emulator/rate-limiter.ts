// Per-user sliding-window rate limits ("up to 20 times every five seconds", seeds/group-counters.txt),
// timed by an injectable clock so tests move time instead of sleeping.
import type { RateLimit } from '../../shared/limits'
import type { Clock } from './clock'

export class SlidingWindowLimiter {
  private readonly accepted = new Map<string, number[]>()

  constructor(private readonly clock: Clock) {}

  /** Record a call under `key` if the window has room; false when it is over the limit. */
  tryAcquire(key: string, limit: Pick<RateLimit, 'calls' | 'windowMs'>): boolean {
    const now = this.clock.now()
    const recent = (this.accepted.get(key) ?? []).filter((at) => now - at < limit.windowMs)
    if (recent.length >= limit.calls) {
      this.accepted.set(key, recent)
      return false
    }
    recent.push(now)
    this.accepted.set(key, recent)
    return true
  }

  reset(): void {
    this.accepted.clear()
  }
}
