import { describe, expect, it } from 'vitest'
import { durationParts, relativeTime } from './format'

describe('relative time', () => {
  const now = Date.UTC(2026, 5, 1, 12)
  it('picks the largest unit that keeps the number small', () => {
    expect(relativeTime(new Date(now - 30_000), 'en', now)).toBe('30 seconds ago')
    expect(relativeTime(new Date(now + 5 * 3_600_000), 'en', now)).toBe('in 5 hours')
    expect(relativeTime(new Date(now - 3 * 86_400_000), 'en', now)).toBe('3 days ago')
    expect(relativeTime(new Date(now - 800 * 86_400_000), 'en', now)).toBe('2 years ago')
  })
  it('speaks Chinese too', () => {
    expect(relativeTime(new Date(now - 2 * 86_400_000), 'zh-CN', now)).toBe('前天')
  })
})

describe('duration parts', () => {
  it('keeps two units at most, rounding to whole seconds', () => {
    expect(durationParts(44.6)).toEqual({ unit: 'seconds', major: 45, minor: 0 })
    expect(durationParts(200)).toEqual({ unit: 'minutes', major: 3, minor: 20 })
    expect(durationParts(7_500)).toEqual({ unit: 'hours', major: 2, minor: 5 })
    expect(durationParts(-3)).toEqual({ unit: 'seconds', major: 0, minor: 0 })
  })
})
