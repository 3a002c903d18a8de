// Cached group counters (signed 64-bit, read as bigint) and every change as a sample.
import type { Db } from '../db'

export type CounterSource = 'sync' | 'event' | 'console' | 'sampling'

export interface CountersRepository {
  /** Records values; a sample is written when a value is new or differs from the cached one, and for every console change. */
  record(groupID: string, values: Readonly<Record<string, bigint>>, source: CounterSource, at: number): number
  get(groupID: string): Record<string, bigint>
  sampleCount(groupID: string, key: string): number
}

export function createCountersRepository(db: Db): CountersRepository {
  const current = db.prepare<[string, string], { value: bigint }>('SELECT value FROM counters WHERE group_id = ? AND key = ?').safeIntegers(true)
  const upsert = db.prepare<[string, string, bigint, number]>(
    'INSERT INTO counters (group_id, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  )
  const sample = db.prepare<[string, string, bigint, string, number]>(
    'INSERT INTO counter_samples (group_id, key, value, source, at) VALUES (?, ?, ?, ?, ?)',
  )
  const selectAll = db.prepare<[string], { key: string; value: bigint }>('SELECT key, value FROM counters WHERE group_id = ? ORDER BY key').safeIntegers(true)
  const countSamples = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM counter_samples WHERE group_id = ? AND key = ?')

  const record = db.transaction((groupID: string, values: Readonly<Record<string, bigint>>, source: CounterSource, at: number) => {
    let changed = 0
    for (const [key, value] of Object.entries(values)) {
      const previous = current.get(groupID, key)?.value
      upsert.run(groupID, key, value, at)
      // A moderator's own change is always a sample, to be marked on the chart, even when an event for
      // it arrived first and already recorded the value.
      if (previous !== value || source === 'console') {
        sample.run(groupID, key, value, source, at)
        changed += 1
      }
    }
    return changed
  })

  return {
    record: (groupID, values, source, at) => record(groupID, values, source, at),
    get: (groupID) => Object.fromEntries(selectAll.all(groupID).map((row) => [row.key, row.value])),
    sampleCount: (groupID, key) => countSamples.get(groupID, key)!.n,
  }
}
