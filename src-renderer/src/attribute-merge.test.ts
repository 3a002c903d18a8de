import { describe, expect, it } from 'vitest'
import { attributeChanges, attributeUsage, mergedAttributes, mergeRows } from './attribute-merge'

describe('attribute changes', () => {
  it('sets changed and new keys and removes the missing ones', () => {
    expect(attributeChanges({ a: '1', b: '2', c: '3' }, { a: '1', b: 'two', d: '4' })).toEqual({ set: { b: 'two', d: '4' }, remove: ['c'] })
  })
})

describe('attribute usage', () => {
  it('counts keys, the largest value and the total in UTF-8 bytes on either basis', () => {
    const usage = attributeUsage({ seat1: '空位', seat2: 'user-1' }, 'decimal')
    expect(usage).toMatchObject({ keys: 2, keysMax: 16, largestValueBytes: 6, largestValueKey: 'seat1', valueMaxBytes: 4000, totalBytes: 5 + 6 + 5 + 6, totalMaxBytes: 16000 })
    expect(attributeUsage({}, 'binary')).toMatchObject({ keys: 0, valueMaxBytes: 4096, totalMaxBytes: 16384, largestValueKey: null })
  })
})

describe('three-way merge', () => {
  const base = { seat1: 'a', seat2: 'b', seat3: 'c', seat4: 'd' }
  const yours = { seat1: 'mine', seat2: 'b', seat3: 'same', seat5: 'new' }
  const theirs = { seat1: 'theirs', seat2: 'theirs2', seat3: 'same', seat4: 'd' }

  it('takes one-sided changes and flags keys both sides changed differently', () => {
    const rows = mergeRows(base, yours, theirs)
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]))
    expect(byKey.seat1).toMatchObject({ conflicting: true, suggested: null })
    expect(byKey.seat2).toMatchObject({ conflicting: false, suggested: 'theirs' })
    expect(byKey.seat3).toMatchObject({ conflicting: false })
    // Deleted by me only: my deletion wins by default.
    expect(byKey.seat4).toMatchObject({ yours: undefined, theirs: 'd', suggested: 'yours' })
    expect(byKey.seat5).toMatchObject({ yours: 'new', theirs: undefined, suggested: 'yours' })
  })

  it('builds the merged set from the choices, nothing lost that was not chosen away', () => {
    const rows = mergeRows(base, yours, theirs)
    expect(mergedAttributes(rows, { seat1: 'yours' })).toEqual({ seat1: 'mine', seat2: 'theirs2', seat3: 'same', seat5: 'new' })
    expect(mergedAttributes(rows, { seat1: 'theirs', seat4: 'theirs' })).toEqual({ seat1: 'theirs', seat2: 'theirs2', seat3: 'same', seat4: 'd', seat5: 'new' })
  })
})
