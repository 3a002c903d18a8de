import { describe, expect, it } from 'vitest'
import { USERSIG_WARN_BEFORE_MS, userSigExpiryTone } from './user-sig-expiry'

describe('userSig expiry', () => {
  const now = Date.UTC(2026, 0, 10, 12)
  it('is fine more than a day ahead', () => {
    expect(userSigExpiryTone(new Date(now + USERSIG_WARN_BEFORE_MS + 1), now)).toBe('good')
  })
  it('warns within the last 24 hours, the last one included', () => {
    expect(userSigExpiryTone(new Date(now + USERSIG_WARN_BEFORE_MS), now)).toBe('warn')
    expect(userSigExpiryTone(new Date(now + 1), now)).toBe('warn')
  })
  it('is bad once the moment has passed', () => {
    expect(userSigExpiryTone(new Date(now), now)).toBe('bad')
    expect(userSigExpiryTone(new Date(now - 3_600_000), now)).toBe('bad')
  })
})
