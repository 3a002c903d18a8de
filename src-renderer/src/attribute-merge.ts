// Group attributes: what an edit sends, how big the result is against the quotas, and the three-way merge
// after a 10056 conflict (someone wrote first). Pure functions, unit-tested under Node.
import { ATTRIBUTE_LIMITS, ATTRIBUTE_SIZE_BASES, utf8ByteLength, type AttributeSizeBasis } from '../../src-main/shared/limits'

export type Attributes = Readonly<Record<string, string>>

/** What turns `base` into `next`: the keys to set and the keys to delete. */
export function attributeChanges(base: Attributes, next: Attributes): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {}
  for (const [key, value] of Object.entries(next)) if (base[key] !== value) set[key] = value
  const remove = Object.keys(base).filter((key) => !(key in next))
  return { set, remove }
}

export interface AttributeUsage {
  keys: number
  keysMax: number
  largestValueBytes: number
  largestValueKey: string | null
  valueMaxBytes: number
  /** Keys and values together, as the service counts the 16 KB. */
  totalBytes: number
  totalMaxBytes: number
}

export function attributeUsage(attributes: Attributes, basis: AttributeSizeBasis): AttributeUsage {
  const sizes = ATTRIBUTE_SIZE_BASES[basis]
  let largestValueBytes = 0
  let largestValueKey: string | null = null
  let totalBytes = 0
  for (const [key, value] of Object.entries(attributes)) {
    const valueBytes = utf8ByteLength(value)
    if (valueBytes > largestValueBytes || largestValueKey === null) {
      largestValueBytes = valueBytes
      largestValueKey = key
    }
    totalBytes += utf8ByteLength(key) + valueBytes
  }
  return {
    keys: Object.keys(attributes).length,
    keysMax: ATTRIBUTE_LIMITS.keysMax.value,
    largestValueBytes,
    largestValueKey,
    valueMaxBytes: sizes.valueMaxBytes,
    totalBytes,
    totalMaxBytes: sizes.totalMaxBytes,
  }
}

export type MergeSide = 'yours' | 'theirs'

export interface MergeRow {
  key: string
  base: string | undefined
  yours: string | undefined
  theirs: string | undefined
  /** Both sides changed the key differently: the moderator must choose. */
  conflicting: boolean
  /** The side taken unless the moderator picks the other; null when they must pick. */
  suggested: MergeSide | null
}

/**
 * Every key either side has or had. A key only one side changed takes that side's change; a key both
 * changed alike needs no choice; a key both changed differently is a conflict with no default.
 */
export function mergeRows(base: Attributes, yours: Attributes, theirs: Attributes): MergeRow[] {
  const keys = [...new Set([...Object.keys(base), ...Object.keys(yours), ...Object.keys(theirs)])].sort()
  return keys.map((key) => {
    const b = base[key]
    const y = yours[key]
    const th = theirs[key]
    const yoursChanged = y !== b
    const theirsChanged = th !== b
    let suggested: MergeSide | null = 'theirs'
    if (y === th) suggested = 'theirs'
    else if (yoursChanged && !theirsChanged) suggested = 'yours'
    else if (!yoursChanged && theirsChanged) suggested = 'theirs'
    else suggested = null
    return { key, base: b, yours: y, theirs: th, conflicting: suggested === null, suggested }
  })
}

/** The attributes the moderator's choices make. */
export function mergedAttributes(rows: readonly MergeRow[], choices: Readonly<Record<string, MergeSide>>): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const row of rows) {
    const side = choices[row.key] ?? row.suggested ?? 'theirs'
    const value = side === 'yours' ? row.yours : row.theirs
    if (value !== undefined) merged[row.key] = value
  }
  return merged
}
