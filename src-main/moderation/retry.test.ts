import { describe, expect, it } from 'vitest'
import { RetryStoppedError, withRetry } from './retry'

const instantClock = { now: () => 0, sleep: async () => {} }

function failing(codes: number[], value = 'ok') {
  let calls = 0
  return {
    call: async () => {
      const code = codes[calls++]
      if (code !== undefined) throw { code, message: `failed with ${code}` }
      return value
    },
    calls: () => calls,
  }
}

describe('withRetry', () => {
  it.each([2800, 2801, 2805, 2996, 10006, 6015])('retries code %i until the call succeeds', async (code) => {
    const target = failing([code, code])
    await expect(withRetry(target.call, { clock: instantClock })).resolves.toBe('ok')
    expect(target.calls()).toBe(3)
  })

  it.each([10007, 10004, 10010, 10024])('does not retry code %i', async (code) => {
    const target = failing([code])
    await expect(withRetry(target.call, { clock: instantClock })).rejects.toMatchObject({ code })
    expect(target.calls()).toBe(1)
  })

  it('backs off exponentially up to the cap, with jitter', async () => {
    const delays: number[] = []
    const target = failing([2800, 2800, 2800, 2800, 2800, 2800])
    await withRetry(target.call, { clock: instantClock, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1, onRetry: (_e, _a, d) => delays.push(d) })
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000])
  })

  it('stops when told to, and after the maximum attempts', async () => {
    let keepGoing = true
    const stopped = withRetry(failing([2800, 2800, 2800]).call, { clock: { now: () => 0, sleep: async () => { keepGoing = false } }, shouldContinue: () => keepGoing })
    await expect(stopped).rejects.toBeInstanceOf(RetryStoppedError)
    await expect(withRetry(failing([2800, 2800, 2800]).call, { clock: instantClock, maxAttempts: 2 })).rejects.toMatchObject({ code: 2800 })
  })
})
