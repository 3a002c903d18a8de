import { describe, expect, it } from 'vitest'
import { INT64_MAX, INT64_MIN, capPoints, formatInt64, newKeyProblem, parseInt64, resultOf } from './counter-values'

describe('parseInt64', () => {
  it('keeps the int64 edges exact', () => {
    expect(parseInt64('9223372036854775807')).toEqual({ ok: true, value: 9223372036854775807n })
    expect(parseInt64('-9223372036854775808')).toEqual({ ok: true, value: -9223372036854775808n })
    expect(String(INT64_MAX)).toBe('9223372036854775807')
    expect(String(INT64_MIN)).toBe('-9223372036854775808')
  })

  it('refuses one past either edge', () => {
    expect(parseInt64('9223372036854775808')).toEqual({ ok: false, problem: 'tooLarge' })
    expect(parseInt64('-9223372036854775809')).toEqual({ ok: false, problem: 'tooSmall' })
  })

  it('drops digit grouping but refuses decimals, exponents and words', () => {
    expect(parseInt64(' 1,000 ')).toEqual({ ok: true, value: 1000n })
    expect(parseInt64('1 000 000')).toEqual({ ok: true, value: 1_000_000n })
    expect(parseInt64('+42')).toEqual({ ok: true, value: 42n })
    for (const text of ['1.5', '1e3', '0x10', 'ten', '--1', '1-']) expect(parseInt64(text)).toEqual({ ok: false, problem: 'notInteger' })
    expect(parseInt64('   ')).toEqual({ ok: false, problem: 'empty' })
  })
})

describe('resultOf', () => {
  it('refuses an increase past the largest value and a decrease past the smallest', () => {
    expect(resultOf(INT64_MAX, 'increase', 1n)).toEqual({ ok: false, edge: 'max' })
    expect(resultOf(INT64_MIN, 'decrease', 1n)).toEqual({ ok: false, edge: 'min' })
    expect(resultOf(INT64_MAX - 1n, 'increase', 1n)).toEqual({ ok: true, value: INT64_MAX })
    expect(resultOf(5n, 'set', INT64_MIN)).toEqual({ ok: true, value: INT64_MIN })
  })
})

describe('newKeyProblem', () => {
  it('counts characters (code points), not UTF-16 units or bytes', () => {
    expect(newKeyProblem('a'.repeat(128), [])).toBeNull()
    expect(newKeyProblem('a'.repeat(129), [])).toBe('tooLong')
    expect(newKeyProblem('😀'.repeat(128), [])).toBeNull()
    expect(newKeyProblem('赞'.repeat(129), [])).toBe('tooLong')
  })

  it('refuses an empty key, a duplicate and a 21st key', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `k${i}`)
    expect(newKeyProblem('', [])).toBe('empty')
    expect(newKeyProblem('k3', twenty)).toBe('duplicate')
    expect(newKeyProblem('k20', twenty)).toBe('tooMany')
    expect(newKeyProblem('k19', twenty.slice(0, 19))).toBeNull()
  })
})

describe('formatInt64', () => {
  it('groups digits without losing any', () => {
    expect(formatInt64(INT64_MAX, 'en')).toBe('9,223,372,036,854,775,807')
    expect(formatInt64(INT64_MIN, 'en')).toBe('-9,223,372,036,854,775,808')
  })
})

describe('capPoints', () => {
  it('leaves a history within the budget alone', () => {
    expect(capPoints([1, 2, 3], [5, 6, 7], 10)).toEqual({ times: [1, 2, 3], values: [5, 6, 7] })
  })

  it('cuts a long history to the budget and keeps its spikes', () => {
    const times = Array.from({ length: 100_000 }, (_, i) => i * 1000)
    const values = times.map((_, i) => (i === 54_321 ? 1e9 : i === 77_777 ? -1e9 : i % 7))
    const capped = capPoints(times, values, 2000)
    expect(capped.times.length).toBeLessThanOrEqual(2000)
    expect(capped.values).toContain(1e9)
    expect(capped.values).toContain(-1e9)
    for (let i = 1; i < capped.times.length; i++) expect(capped.times[i]!).toBeGreaterThan(capped.times[i - 1]!)
  })
})
