import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeMessage, encodeMessage } from './codec'

const INT64_MAX = 9223372036854775807n
const INT64_MIN = -9223372036854775808n

describe('socket codec', () => {
  it('carries the int64 edges exactly', () => {
    const decoded = decodeMessage(encodeMessage({ max: INT64_MAX, min: INT64_MIN, list: [INT64_MAX, 0n] }))
    expect(decoded).toEqual({ max: INT64_MAX, min: INT64_MIN, list: [INT64_MAX, 0n] })
  })

  it('carries dates to the millisecond', () => {
    const at = new Date('2026-11-21T23:59:59.123Z')
    const decoded = decodeMessage(encodeMessage({ at })) as { at: Date }
    expect(decoded.at).toBeInstanceOf(Date)
    expect(decoded.at.getTime()).toBe(at.getTime())
  })

  it('does not mistake data that uses the tag key for a tagged value', () => {
    const tricky = { $t: 'bigint', v: '12' }
    expect(decodeMessage(encodeMessage(tricky))).toEqual(tricky)
  })

  it('keeps a `__proto__` key as data, never as a prototype', () => {
    const decoded = decodeMessage('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(decoded)).toEqual(['__proto__', 'a'])
  })

  it('refuses malformed tags instead of guessing', () => {
    expect(() => decodeMessage('{"$t":"bigint","v":"12abc"}')).toThrow(SyntaxError)
    expect(() => decodeMessage('{"$t":"nope"}')).toThrow(SyntaxError)
    expect(() => decodeMessage('not json')).toThrow(SyntaxError)
  })

  it('round-trips any JSON-like value with bigints and dates', () => {
    const leaf = fc.oneof(
      fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
      fc.date({ noInvalidDate: true }),
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    )
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node
    fc.assert(fc.property(tree, (value) => {
      expect(decodeMessage(encodeMessage(value))).toEqual(value)
    }), { numRuns: 300 })
  })
})
