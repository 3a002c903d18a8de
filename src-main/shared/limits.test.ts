import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COUNTER_LIMITS, PROFILE_TEXT_LIMIT_SETS, codePointLength, isInt64, profileTextLimits, STRICTEST_PROFILE_LIMIT_PROFILE, utf8ByteLength } from './limits'

describe('limits', () => {
  it('utf8ByteLength agrees with TextEncoder for any string, lone surrogates included', () => {
    const encoder = new TextEncoder()
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => utf8ByteLength(text) === encoder.encode(text).length))
    expect([utf8ByteLength('a'), utf8ByteLength('é'), utf8ByteLength('群'), utf8ByteLength('🙏'), utf8ByteLength('\ud800')]).toEqual([1, 2, 3, 4, 3])
  })

  it('counts code points for counter keys', () => {
    expect(codePointLength('计数🙏')).toBe(3)
  })

  it('keeps both the create and update figures, the default following each page', () => {
    expect(profileTextLimits('create')).toMatchObject({ name: 30, introduction: 240, notification: 300, avatar: 100 })
    expect(profileTextLimits('update')).toMatchObject({ name: 100, introduction: 400, notification: 400, avatar: 500 })
    expect(profileTextLimits('update', STRICTEST_PROFILE_LIMIT_PROFILE)).toBe(PROFILE_TEXT_LIMIT_SETS.typeDeclarations)
  })

  it('int64 bounds are exact', () => {
    expect(isInt64(COUNTER_LIMITS.max.value)).toBe(true)
    expect(isInt64(COUNTER_LIMITS.max.value + 1n)).toBe(false)
    expect(isInt64(COUNTER_LIMITS.min.value)).toBe(true)
    expect(isInt64(COUNTER_LIMITS.min.value - 1n)).toBe(false)
  })
})
