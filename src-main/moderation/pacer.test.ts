import { describe, expect, it } from 'vitest'
import { createPacer, type PacerClock } from './pacer'

/** A clock that only moves when someone sleeps, so pacing is exact and instant. */
function virtualClock(): PacerClock & { slept: number[] } {
  let now = 1_000_000
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    },
  }
}

describe('pacer', () => {
  it('lets the first calls of a window through at once, then waits for the window to slide', async () => {
    const clock = virtualClock()
    const pacer = createPacer({ calls: 20, windowMs: 5000 }, clock, 0)
    const times: number[] = []
    for (let i = 0; i < 45; i++) {
      await pacer.acquire()
      times.push(clock.now())
    }
    // Never more than 20 calls in any 5 s window.
    for (let i = 20; i < times.length; i++) expect(times[i]! - times[i - 20]!).toBeGreaterThanOrEqual(5000)
    // And no slower than that: 45 calls need exactly two full windows.
    expect(times.at(-1)! - times[0]!).toBe(10_000)
  })

  it('serves concurrent callers in order without exceeding the limit', async () => {
    const clock = virtualClock()
    const pacer = createPacer({ calls: 3, windowMs: 1000 }, clock, 0)
    const order: number[] = []
    await Promise.all(Array.from({ length: 7 }, (_, i) => pacer.acquire().then(() => order.push(i))))
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(clock.now() - 1_000_000).toBe(2000)
  })

  it('reports usage for the rate meter and waits a full window after a refusal', async () => {
    const clock = virtualClock()
    const pacer = createPacer({ calls: 10, windowMs: 5000 }, clock, 0)
    await pacer.acquire()
    await pacer.acquire()
    expect(pacer.usage()).toEqual({ used: 2, limit: 10, windowMs: 5000 })
    pacer.backOff()
    const before = clock.now()
    await pacer.acquire()
    expect(clock.now() - before).toBe(5000)
  })
})
