import { describe, expect, it } from 'vitest'
import { relativeTime } from './format'

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
