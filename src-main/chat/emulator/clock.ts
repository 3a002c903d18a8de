// Time for the emulator: injectable so rate limits, mute times and the GROUP_LIST_UPDATED throttle can be
// tested without sleeping (issue 3: "rate limits per user with an injectable clock").

export type CancelTimer = () => void

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Run `callback` once `ms` have passed on this clock. */
  setTimeout(callback: () => void, ms: number): CancelTimer
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms)
    handle.unref?.()
    return () => clearTimeout(handle)
  },
}

interface PendingTimer {
  at: number
  order: number
  callback: () => void
}

/** A clock that moves only when told to. Timers fire, in time order, while it advances. */
export class ManualClock implements Clock {
  private current: number
  private timers: PendingTimer[] = []
  private nextOrder = 0

  constructor(startMs = Date.UTC(2025, 0, 1)) {
    this.current = startMs
  }

  now(): number {
    return this.current
  }

  setTimeout(callback: () => void, ms: number): CancelTimer {
    const timer: PendingTimer = { at: this.current + Math.max(0, ms), order: this.nextOrder++, callback }
    this.timers.push(timer)
    return () => {
      this.timers = this.timers.filter((t) => t !== timer)
    }
  }

  advance(ms: number): void {
    const target = this.current + ms
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0]
      if (!due) break
      this.timers = this.timers.filter((t) => t !== due)
      this.current = Math.max(this.current, due.at)
      due.callback()
    }
    this.current = target
  }
}

export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}
