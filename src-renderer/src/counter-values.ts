// Counter values as the moderator types and reads them. Values are signed 64-bit integers, so they are
// parsed straight to bigint (never through Number, which loses everything past 2^53) and refused before
// any call when they leave the int64 range. Pure functions, unit-tested under Node.
import { COUNTER_LIMITS, codePointLength } from '../../src-main/shared/limits'

export const INT64_MIN = COUNTER_LIMITS.min.value
export const INT64_MAX = COUNTER_LIMITS.max.value

export type Int64Problem = 'empty' | 'notInteger' | 'tooLarge' | 'tooSmall'
export type Int64Parse = { ok: true; value: bigint } | { ok: false; problem: Int64Problem }

/**
 * Digit grouping a moderator may paste ("1,000", "1 000", "1_000", a narrow no-break space from a
 * French-formatted number) is dropped; anything else that is not an optionally signed run of digits is
 * refused. No decimals, no exponents: "1e3" is not a counter value.
 */
const GROUPING = /[\s,_'\u00a0\u202f]/g
const INTEGER = /^[+-]?\d+$/

export function parseInt64(text: string): Int64Parse {
  const compact = text.trim().replace(GROUPING, '')
  if (compact === '') return { ok: false, problem: 'empty' }
  if (!INTEGER.test(compact)) return { ok: false, problem: 'notInteger' }
  const value = BigInt(compact)
  if (value > INT64_MAX) return { ok: false, problem: 'tooLarge' }
  if (value < INT64_MIN) return { ok: false, problem: 'tooSmall' }
  return { ok: true, value }
}

export type CounterOp = 'set' | 'increase' | 'decrease'

/**
 * What the counter would hold after the change, or which edge it would cross. The service refuses an
 * increase past the range; checking first lets the console say why in words instead of a bare code.
 */
export function resultOf(current: bigint, op: CounterOp, amount: bigint): { ok: true; value: bigint } | { ok: false; edge: 'max' | 'min' } {
  const next = op === 'set' ? amount : op === 'increase' ? current + amount : current - amount
  if (next > INT64_MAX) return { ok: false, edge: 'max' }
  if (next < INT64_MIN) return { ok: false, edge: 'min' }
  return { ok: true, value: next }
}

export type KeyProblem = 'empty' | 'tooLong' | 'duplicate' | 'tooMany'

/** A new key for a group that has `existing` keys: the service's rules (seeds/group-counters.txt), checked live. */
export function newKeyProblem(key: string, existing: readonly string[]): KeyProblem | null {
  if (key === '') return 'empty'
  if (codePointLength(key) > COUNTER_LIMITS.keyMaxChars.value) return 'tooLong'
  if (existing.includes(key)) return 'duplicate'
  if (existing.length >= COUNTER_LIMITS.keysMax.value) return 'tooMany'
  return null
}

/** A counter value with the locale's digit grouping, exactly: Intl formats a bigint without a Number. */
export function formatInt64(value: bigint, locale: string): string {
  return new Intl.NumberFormat(locale).format(value)
}

/** The history chart's ranges: a window back from now, or everything the cache keeps. */
export const HISTORY_RANGES = ['hour', 'day', 'week', 'all'] as const
export type HistoryRange = (typeof HISTORY_RANGES)[number]

/**
 * At most about `maxPoints` points of a history for drawing: the first and last point of each time
 * bucket's range are kept as its min and max, in time order, so spikes survive. Main already downsamples;
 * this is the renderer's guard that a chart never receives more than it asked for, whatever arrives.
 */
export function capPoints(times: readonly number[], values: readonly number[], maxPoints: number): { times: number[]; values: number[] } {
  const count = Math.min(times.length, values.length)
  if (count <= maxPoints) return { times: times.slice(0, count), values: values.slice(0, count) }
  const buckets = Math.max(1, Math.floor(maxPoints / 2))
  const first = times[0]!
  const span = times[count - 1]! - first + 1
  const outTimes: number[] = []
  const outValues: number[] = []
  let bucket = -1
  let lowIndex = 0
  let highIndex = 0
  const flush = () => {
    if (bucket < 0) return
    const [a, b] = lowIndex <= highIndex ? [lowIndex, highIndex] : [highIndex, lowIndex]
    outTimes.push(times[a]!)
    outValues.push(values[a]!)
    if (b !== a) {
      outTimes.push(times[b]!)
      outValues.push(values[b]!)
    }
  }
  for (let i = 0; i < count; i++) {
    const index = Math.floor(((times[i]! - first) * buckets) / span)
    if (index !== bucket) {
      flush()
      bucket = index
      lowIndex = i
      highIndex = i
    } else {
      if (values[i]! < values[lowIndex]!) lowIndex = i
      if (values[i]! > values[highIndex]!) highIndex = i
    }
  }
  flush()
  return { times: outTimes, values: outValues }
}
