// Group counters: current values (signed 64-bit), changes paced under the write limit, history for
// charts (min and max per time bucket, so a million samples become a few thousand points without losing
// spikes), a dashboard across groups, CSV export, and bulk sets through the operations journal.
import type { ChatSdk } from '../chat/sdk'
import type { EventBus } from '../ipc/events'
import type { AccountCache } from '../store/cache'
import { csvField } from '../moderation/audit-log'
import type { Pacer, PacerClock } from '../moderation/pacer'
import { systemClock } from '../moderation/pacer'
import {
  counterChangeSchema,
  dashboardQuerySchema,
  historyQuerySchema,
  type CounterChange,
  type CounterDashboard,
  type CounterHistory,
  type CounterRate,
  type GroupCounters,
} from '../shared/counter-domain'
import type { GroupSelection } from '../shared/admin-domain'
import { AppError, CONSOLE_ERROR_CODES, isSdkError } from '../shared/errors'
import { COUNTER_LIMITS, isInt64 } from '../shared/limits'
import type { z } from 'zod'
import type { OperationsJournal } from './operations-journal'
import { selectedGroups } from './profile-edits'

export interface CountersOptions {
  cache: AccountCache
  journal: OperationsJournal
  sdk: () => ChatSdk | null
  events: EventBus
  pacers: { counterReads: Pacer; counterWrites: Pacer }
  actor: string
  clock?: PacerClock
}

export function createCounters(options: CountersOptions) {
  const { cache } = options
  const db = cache.db
  const clock = options.clock ?? systemClock
  let backingOffUntil = 0

  const historyStatement = db
    .prepare<{ group: string; key: string; from: number; to: number; buckets: number }, { lo: bigint; hi: bigint; lo_at: number; hi_at: number; n: number }>(`
      SELECT MIN(value) AS lo, MAX(value) AS hi,
        MIN(at) AS lo_at, MAX(at) AS hi_at, COUNT(*) AS n
      FROM counter_samples
      WHERE group_id = @group AND key = @key AND at BETWEEN @from AND @to
      GROUP BY CAST(((at - @from) * @buckets) / (@to - @from + 1) AS INTEGER)
      ORDER BY lo_at`)
    .safeIntegers(true)
  // Over long ranges the minute rollups stand in for the samples (migration 0120): same buckets, far fewer rows.
  const rollupHistoryStatement = db
    .prepare<{ group: string; key: string; from: number; to: number; buckets: number }, { lo: bigint; hi: bigint; lo_at: number; hi_at: number; n: number }>(`
      SELECT MIN(lo) AS lo, MAX(hi) AS hi, MIN(first_at) AS lo_at, MAX(last_at) AS hi_at, SUM(samples) AS n
      FROM counter_rollups
      WHERE group_id = @group AND key = @key AND minute BETWEEN CAST(@from AS INTEGER) / 60000 AND CAST(@to AS INTEGER) / 60000
      GROUP BY CAST(((minute * 60000 - @from) * @buckets) / (@to - @from + 1) AS INTEGER)
      ORDER BY lo_at`)
    .safeIntegers(true)
  const rangeStatement = db.prepare<[string, string], { first: number | null; last: number | null }>(
    'SELECT MIN(at) AS first, MAX(at) AS last FROM counter_samples WHERE group_id = ? AND key = ?',
  )
  const marksStatement = db
    .prepare<[string, string, number, number], { at: number; value: bigint }>(
      `SELECT at, value FROM counter_samples WHERE group_id = ? AND key = ? AND source = 'console' AND at BETWEEN ? AND ? ORDER BY at LIMIT 500`,
    )
    .safeIntegers(true)
  const keysStatement = db.prepare<[], { key: string; groups: number }>(
    `SELECT c.key, COUNT(*) AS groups FROM counters c JOIN groups g ON g.group_id = c.group_id AND g.status = 'active' GROUP BY c.key ORDER BY groups DESC, c.key`,
  )
  const valuesOfKey = db
    .prepare<[string], { group_id: string; name: string; type: string; value: bigint }>(
      `SELECT c.group_id, g.name, g.type, c.value FROM counters c JOIN groups g ON g.group_id = c.group_id AND g.status = 'active' WHERE c.key = ? ORDER BY c.value DESC, c.group_id`,
    )
    .safeIntegers(true)
  const sparklineStatement = db
    .prepare<[string, string, number], { value: bigint }>(`SELECT value FROM (SELECT value, at FROM counter_samples WHERE group_id = ? AND key = ? ORDER BY at DESC LIMIT ?) ORDER BY at`)
    .safeIntegers(true)

  function unavailable(groupID: string): string | null {
    const group = cache.groups.get(groupID)
    if (!group) throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `Group ${groupID} is not in the cache`)
    if (group.isSupportTopic) return 'Topic-enabled communities have no group counters (seeds/group-counters.txt)'
    if (group.type === 'AVChatRoom') return 'An AVChatRoom’s counters can be read and changed only after joining it in this session'
    return null
  }

  function cached(groupID: string, reason: string | null): GroupCounters {
    return { groupID, counters: cache.counters.get(groupID), source: 'cache', unavailable: reason, fetchedAt: new Date(clock.now()) }
  }

  /** A 2996 despite the pacing: another client of the same user is using the window too. */
  function onRateLimited(pacer: Pacer): void {
    pacer.backOff()
    backingOffUntil = clock.now() + 5000
  }

  async function paced<T>(pacer: Pacer, call: () => Promise<T>): Promise<T> {
    await pacer.acquire()
    try {
      return await call()
    } catch (error) {
      if (isSdkError(error) && error.code === 2996) onRateLimited(pacer)
      throw error
    }
  }

  return {
    async get(groupID: string): Promise<GroupCounters> {
      const reason = unavailable(groupID)
      const sdk = options.sdk()
      if (reason || !sdk) return cached(groupID, reason)
      const { counters } = (await paced(options.pacers.counterReads, () => sdk.getGroupCounters({ groupID, keyList: [] }))).data
      if (cache.counters.record(groupID, counters, 'sampling', clock.now()) > 0) options.events.emit('cache:changed', { domains: ['counters'], groupIDs: [groupID] })
      return { groupID, counters, source: 'service', unavailable: null, fetchedAt: new Date(clock.now()) }
    },

    async change(input: CounterChange): Promise<GroupCounters> {
      const { groupID, key, op, value } = counterChangeSchema.parse(input)
      const reason = unavailable(groupID)
      if (reason) throw new AppError(CONSOLE_ERROR_CODES.ruleRefused, reason)
      const current = cache.counters.get(groupID)
      if (!(key in current) && Object.keys(current).length >= COUNTER_LIMITS.keysMax.value) {
        throw new AppError(CONSOLE_ERROR_CODES.limitExceeded, `A group has at most ${COUNTER_LIMITS.keysMax.value} counters; this one has ${Object.keys(current).length}`)
      }
      if (op !== 'set') {
        const next = (current[key] ?? 0n) + (op === 'increase' ? value : -value)
        if (!isInt64(next)) {
          throw new AppError(CONSOLE_ERROR_CODES.limitExceeded, `"${key}" would go ${op === 'increase' ? 'above' : 'below'} the signed 64-bit range (${op === 'increase' ? COUNTER_LIMITS.max.value : COUNTER_LIMITS.min.value})`)
        }
      }
      const sdk = options.sdk()
      if (!sdk) throw new AppError(CONSOLE_ERROR_CODES.offline, 'Offline: counter changes need the service now and cannot be queued')
      const call =
        op === 'set' ? () => sdk.setGroupCounters({ groupID, counters: { [key]: value } })
        : op === 'increase' ? () => sdk.increaseGroupCounter({ groupID, key, value })
        : () => sdk.decreaseGroupCounter({ groupID, key, value })
      const { counters } = (await paced(options.pacers.counterWrites, call)).data
      cache.counters.record(groupID, counters, 'console', clock.now())
      options.events.emit('cache:changed', { domains: ['counters'], groupIDs: [groupID] })
      return { groupID, counters: cache.counters.get(groupID), source: 'service', unavailable: null, fetchedAt: new Date(clock.now()) }
    },

    rate(): CounterRate {
      return {
        writes: options.pacers.counterWrites.usage(),
        reads: options.pacers.counterReads.usage(),
        backingOffUntil: backingOffUntil > clock.now() ? new Date(backingOffUntil) : null,
      }
    },

    history(input: z.input<typeof historyQuerySchema>): CounterHistory {
      const q = historyQuerySchema.parse(input)
      const range = rangeStatement.get(q.groupID, q.key)
      if (range?.first == null || range.last == null) return { times: [], values: [], marks: [], samples: 0, from: null, to: null }
      const from = q.from?.getTime() ?? range.first
      const to = q.to?.getTime() ?? range.last
      const buckets = Math.max(1, Math.floor(q.maxPoints / 2))
      const times: number[] = []
      const values: number[] = []
      let samples = 0
      // Raw samples while a bucket spans less than a minute; rollups beyond, where a bucket holds many minutes.
      const statement = (to - from) / buckets >= 60_000 ? rollupHistoryStatement : historyStatement
      for (const row of statement.iterate({ group: q.groupID, key: q.key, from, to, buckets })) {
        samples += Number(row.n)
        // A bucket's lowest and highest value, so the line keeps every spike. (The times are the bucket's
        // first and last sample: min and max need not fall on them, but a drawn line cannot tell.)
        if (row.lo === row.hi) {
          times.push(Number(row.lo_at))
          values.push(Number(row.lo))
        } else {
          times.push(Number(row.lo_at), Number(row.hi_at))
          values.push(Number(row.lo), Number(row.hi))
        }
      }
      const marks = marksStatement.all(q.groupID, q.key, from, to).map((row) => ({ time: Number(row.at), value: Number(row.value) }))
      return { times, values, marks, samples, from: new Date(from), to: new Date(to) }
    },

    keys: () => keysStatement.all(),

    dashboard(input: z.input<typeof dashboardQuerySchema>): CounterDashboard {
      const q = dashboardQuerySchema.parse(input)
      const rows = valuesOfKey.all(q.key)
      let total = 0n
      let aboveThreshold = 0
      for (const row of rows) {
        total += row.value
        if (q.threshold !== undefined && row.value >= q.threshold) aboveThreshold += 1
      }
      return {
        key: q.key,
        groups: rows.length,
        total,
        aboveThreshold,
        top: rows.slice(0, q.top).map((row) => ({
          groupID: row.group_id,
          name: row.name,
          value: row.value,
          aboveThreshold: q.threshold !== undefined && row.value >= q.threshold,
          sparkline: sparklineStatement.all(row.group_id, q.key, q.sparklinePoints).map((sample) => Number(sample.value)),
        })),
      }
    },

    export(key: string) {
      const rows = valuesOfKey.all(key)
      const lines = ['group_id,group_name,type,key,value', ...rows.map((row) => [row.group_id, row.name, row.type, key, row.value.toString()].map(csvField).join(','))]
      const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-')
      return { fileName: `counter-${key.replace(/[^\w-]+/g, '_').slice(0, 40)}-${stamp}.csv`, mimeType: 'text/csv', content: lines.join('\n') + '\n', rows: rows.length }
    },

    /** One run: set `key` to `value` in each selected group, remembering each previous value for rollback. */
    bulkSet(selection: GroupSelection, key: string, value: bigint) {
      const groups = selectedGroups(cache, selection)
      // Before the sync has read counters, the cache cannot say what a group had: no base, no rollback.
      const known = cache.syncState.get('counters').lastFullPullAt !== null
      const operations = groups
        .filter((group) => unavailable(group.groupID) === null)
        .map((group) => {
          const previous = cache.counters.get(group.groupID)[key]
          return {
            groupID: group.groupID,
            command: 'setGroupCounters' as const,
            // Values as decimal strings: JSON has no 64-bit integers.
            payload: { key, value: value.toString() },
            // No counter to go back to: a rollback sets 0, the value a missing counter reads as.
            base: known ? { key, value: (previous ?? 0n).toString() } : {},
          }
        })
      const refused = groups.length - operations.length
      if (operations.length === 0) return { runID: null, queued: 0, refused, unchanged: 0 }
      const runID = options.journal.createRun('counters', `Set ${key} to ${value} in ${operations.length} groups`, options.actor, operations)
      return { runID, queued: operations.length, refused, unchanged: 0 }
    },
  }
}

export type Counters = ReturnType<typeof createCounters>
