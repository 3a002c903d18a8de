// Group counters as the renderer sees them: current values (signed 64-bit, bigint end to end), the rate
// meter, history for charts (downsampled in main), the dashboard across groups, and bulk changes.
import { z } from 'zod'
import { COUNTER_LIMITS, codePointLength } from './limits'
import { groupSelectionSchema } from './admin-domain'

export const int64Schema = z
  .bigint()
  .min(COUNTER_LIMITS.min.value, 'Below the smallest signed 64-bit value')
  .max(COUNTER_LIMITS.max.value, 'Above the largest signed 64-bit value')

export const counterKeySchema = z
  .string()
  .min(1, 'A counter needs a key')
  .refine((key) => codePointLength(key) <= COUNTER_LIMITS.keyMaxChars.value, `A counter key is at most ${COUNTER_LIMITS.keyMaxChars.value} characters`)

const groupID = z.string().min(1).max(64)

export const groupCountersSchema = z.object({
  groupID: z.string(),
  counters: z.record(z.string(), z.bigint()),
  /** The service just now (online), or the cache. */
  source: z.enum(['service', 'cache']),
  /** Why this group has no counters to show, when so (topic-enabled communities, AVChatRoom not joined). */
  unavailable: z.string().nullable(),
  fetchedAt: z.date(),
})
export type GroupCounters = z.infer<typeof groupCountersSchema>

export const counterChangeSchema = z
  .object({ groupID, key: counterKeySchema, op: z.enum(['set', 'increase', 'decrease']), value: int64Schema })
  .strict()
export type CounterChange = z.input<typeof counterChangeSchema>

const usage = z.object({ used: z.number().int(), limit: z.number().int(), windowMs: z.number().int() })
/** Calls of this account in the current 5-second window, as the console has paced them. */
export const counterRateSchema = z.object({ writes: usage, reads: usage, backingOffUntil: z.date().nullable() })
export type CounterRate = z.infer<typeof counterRateSchema>

export const historyQuerySchema = z
  .object({
    groupID,
    key: counterKeySchema,
    from: z.date().optional(),
    to: z.date().optional(),
    /** At most this many points come back: min and max per time bucket, so spikes survive downsampling. */
    maxPoints: z.number().int().min(10).max(10_000).default(2000),
  })
  .strict()

export const historySchema = z.object({
  /** Milliseconds since the epoch, ascending. */
  times: z.array(z.number()),
  /** Values for drawing (a chart draws numbers; exact values are in the counter itself). */
  values: z.array(z.number()),
  /** Changes made from this console, marked on the chart. */
  marks: z.array(z.object({ time: z.number(), value: z.number() })),
  /** Samples in the range before downsampling. */
  samples: z.number().int(),
  from: z.date().nullable(),
  to: z.date().nullable(),
})
export type CounterHistory = z.infer<typeof historySchema>

export const dashboardQuerySchema = z
  .object({
    key: counterKeySchema,
    /** Highlight groups at or above this value. */
    threshold: int64Schema.optional(),
    top: z.number().int().min(1).max(200).default(20),
    sparklinePoints: z.number().int().min(2).max(200).default(30),
  })
  .strict()

export const dashboardSchema = z.object({
  key: z.string(),
  groups: z.number().int(),
  total: z.bigint(),
  aboveThreshold: z.number().int(),
  top: z.array(
    z.object({
      groupID: z.string(),
      name: z.string(),
      value: z.bigint(),
      aboveThreshold: z.boolean(),
      /** Recent samples for a sparkline, oldest first (drawing precision). */
      sparkline: z.array(z.number()),
    }),
  ),
})
export type CounterDashboard = z.infer<typeof dashboardSchema>

export const counterKeysSchema = z.array(z.object({ key: z.string(), groups: z.number().int() }))

export const counterBulkSetSchema = z.object({ selection: groupSelectionSchema, key: counterKeySchema, value: int64Schema }).strict()
