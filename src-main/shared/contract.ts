// The one IPC contract: every channel `domain:verb` with its input and output schema, every event with
// its payload schema. Both transports (Electron IPC, loopback socket) carry exactly this; the router
// validates against it and the renderer's client is typed from it. Adding a channel here is all it
// takes for the generated contract tests to cover it.
import { z } from 'zod'
import {
  appInfoSchema,
  applicationQuerySchema,
  cacheChangeSchema,
  cachedApplicationSchema,
  cachedGroupSchema,
  cachedMemberSchema,
  connectInputSchema,
  groupListQuerySchema,
  memberListQuerySchema,
  pageSchema,
  profilesSchema,
  savedFilterSchema,
  auditEntrySchema,
  auditExportResultSchema,
  auditExportSchema,
  auditQuerySchema,
  decisionItemSchema,
  enqueueDecisionsSchema,
  enqueueResultSchema,
  jobDetailQuerySchema,
  jobSummarySchema,
  sessionStateSchema,
  settingsPatchSchema,
  settingsSchema,
  syncProgressSchema,
} from './domain'
import {
  addMembersResultSchema,
  addMembersSchema,
  applyResultSchema,
  attributesStateSchema,
  attributesWriteResultSchema,
  attributesWriteSchema,
  conflictResolutionSchema,
  createGroupResultSchema,
  createGroupSchema,
  destructiveSchema,
  joinResultSchema,
  lifecycleRulesSchema,
  memberBulkSchema,
  memberRulesSchema,
  operationItemSchema,
  profileEditSchema,
  profilePreviewSchema,
  runSummarySchema,
  transferSchema,
} from './admin-domain'
import {
  counterBulkSetSchema,
  counterChangeSchema,
  counterKeysSchema,
  counterRateSchema,
  dashboardQuerySchema,
  dashboardSchema,
  groupCountersSchema,
  historyQuerySchema,
  historySchema,
} from './counter-domain'

/** Channels with nothing to say still take one (empty) object, so every input is validated alike. */
const noInput = z.object({}).strict()
const jobID = z.number().int().positive()
const jobInput = z.object({ jobID }).strict()

export const channels = {
  'app:info': { input: noInput, output: appInfoSchema },
  'settings:get': { input: noInput, output: settingsSchema },
  'settings:update': { input: settingsPatchSchema, output: settingsSchema },
  'session:state': { input: noInput, output: sessionStateSchema },
  'session:profiles': { input: noInput, output: profilesSchema },
  /** Connects (or switches) to an account; resolves once it is ready, with the state it reached. */
  'session:connect': { input: connectInputSchema, output: sessionStateSchema },
  'session:disconnect': { input: noInput, output: sessionStateSchema },
  /** Forgets an account: its saved credential and its cache. */
  'session:forget': { input: z.object({ accountKey: z.string().min(1).max(200) }).strict(), output: profilesSchema },
  /** Puts the sandbox back to its demo data. */
  'session:resetSandbox': { input: z.object({ confirm: z.literal(true) }).strict(), output: sessionStateSchema },
  'sync:state': { input: noInput, output: syncProgressSchema },
  /** Starts a full pull (or joins the one running) and returns at once; progress arrives as events. */
  'sync:run': { input: noInput, output: syncProgressSchema },
  'groups:list': { input: groupListQuerySchema, output: pageSchema(cachedGroupSchema) },
  'groups:get': { input: z.object({ groupID: z.string().min(1).max(64) }).strict(), output: cachedGroupSchema.nullable() },
  'members:list': { input: memberListQuerySchema, output: pageSchema(cachedMemberSchema) },
  'applications:query': { input: applicationQuerySchema, output: pageSchema(cachedApplicationSchema) },
  /** Every key matching a filter (for "select all matching"), at most 100,000. */
  'applications:keys': { input: applicationQuerySchema.omit({ offset: true, limit: true }).strict(), output: z.object({ keys: z.array(z.string()), total: z.number().int() }) },
  'inbox:savedFilters': { input: noInput, output: z.array(savedFilterSchema) },
  /** Saves (or replaces, by name) a filter. */
  'inbox:saveFilter': { input: savedFilterSchema.strict(), output: z.array(savedFilterSchema) },
  'inbox:deleteFilter': { input: z.object({ name: z.string().min(1).max(60) }).strict(), output: z.array(savedFilterSchema) },
  /** Records approve/reject decisions and returns at once; they are sent after the undo window. */
  'decisions:enqueue': { input: enqueueDecisionsSchema, output: enqueueResultSchema },
  /** Cancels a job's decisions that have not been sent yet (all, or the given ones). */
  'decisions:undo': {
    input: z.object({ jobID: jobID, decisionIDs: z.array(z.number().int().positive()).min(1).max(100_000).optional() }).strict(),
    output: z.object({ undone: z.number().int().nonnegative(), job: jobSummarySchema }),
  },
  'jobs:list': {
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: pageSchema(jobSummarySchema),
  },
  'jobs:get': { input: jobDetailQuerySchema, output: z.object({ job: jobSummarySchema, items: pageSchema(decisionItemSchema) }) },
  'jobs:pause': { input: jobInput, output: jobSummarySchema },
  'jobs:resume': { input: jobInput, output: jobSummarySchema },
  'jobs:cancel': { input: jobInput, output: jobSummarySchema },
  'jobs:retryFailed': { input: jobInput, output: jobSummarySchema },
  'audit:query': { input: auditQuerySchema, output: pageSchema(auditEntrySchema) },
  /** The matching audit entries as a file's content (CSV or JSON Lines), for the renderer to save. */
  'audit:export': { input: auditExportSchema, output: auditExportResultSchema },

  /** Dry run of a profile change: per group, old → new, or why it would be refused. Nothing is written. */
  'profile:preview': { input: profileEditSchema, output: profilePreviewSchema },
  /** Applies a profile change through the operations journal (paced, per-item results, rollback). */
  'profile:apply': { input: profileEditSchema, output: applyResultSchema },
  'operations:list': {
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: pageSchema(runSummarySchema),
  },
  'operations:get': {
    input: z.object({ runID: jobID, only: z.enum(['all', 'failed', 'conflict', 'pending', 'done']).default('all'), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ run: runSummarySchema, items: pageSchema(operationItemSchema) }),
  },
  /** Restores every group a run changed to the values it had before, as a new run. */
  'operations:rollback': { input: z.object({ runID: jobID }).strict(), output: applyResultSchema },
  'operations:cancel': { input: z.object({ runID: jobID }).strict(), output: runSummarySchema },
  /** A change that met someone else's change: send it anyway, or keep theirs. */
  'operations:resolveConflict': { input: conflictResolutionSchema, output: operationItemSchema },

  'groups:lifecycleRules': { input: z.object({ groupID: z.string().min(1).max(64) }).strict(), output: lifecycleRulesSchema },
  /** What this moderator may do to the group's members, with the reason when not. */
  'members:rules': { input: z.object({ groupID: z.string().min(1).max(64) }).strict(), output: memberRulesSchema },
  'groups:create': { input: createGroupSchema, output: createGroupResultSchema },
  'groups:join': { input: z.object({ groupID: z.string().min(1).max(64), applyMessage: z.string().max(300).optional() }).strict(), output: joinResultSchema },
  'groups:quit': { input: destructiveSchema, output: z.object({ groupID: z.string() }) },
  'groups:dismiss': { input: destructiveSchema, output: z.object({ groupID: z.string() }) },
  'groups:transfer': { input: transferSchema, output: z.object({ groupID: z.string(), newOwnerID: z.string() }) },

  /** A change to many members of one group, through the operations journal. */
  'members:apply': { input: memberBulkSchema, output: applyResultSchema },
  'members:add': { input: addMembersSchema, output: addMembersResultSchema },

  /** A group's attributes: fresh from the service when online, from the cache otherwise. */
  'attributes:get': { input: z.object({ groupID: z.string().min(1).max(64) }).strict(), output: attributesStateSchema },
  'attributes:write': { input: attributesWriteSchema, output: attributesWriteResultSchema },

  /** A group's counters: fresh from the service when online (recorded as a sample), the cache otherwise. */
  'counters:get': { input: z.object({ groupID: z.string().min(1).max(64) }).strict(), output: groupCountersSchema },
  /** Set, increase or decrease one counter now, paced under the write limit. */
  'counters:change': { input: counterChangeSchema, output: groupCountersSchema },
  /** The rate meter: calls in the current window, reads and writes. */
  'counters:rate': { input: noInput, output: counterRateSchema },
  'counters:history': { input: historyQuerySchema, output: historySchema },
  /** Every counter key in the cache, with how many groups have it. */
  'counters:keys': { input: noInput, output: counterKeysSchema },
  'counters:dashboard': { input: dashboardQuerySchema, output: dashboardSchema },
  /** One key across groups as CSV, for the renderer to save. */
  'counters:export': { input: z.object({ key: z.string().min(1).max(1000) }).strict(), output: auditExportResultSchema },
  /** Sets one counter in many groups through the operations journal: paced, per-item results, rollback. */
  'counters:bulkSet': { input: counterBulkSetSchema, output: applyResultSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

export const events = {
  'settings:changed': settingsSchema,
  'session:changed': sessionStateSchema,
  'sync:progress': syncProgressSchema,
  'cache:changed': cacheChangeSchema,
  'jobs:progress': jobSummarySchema,
  'operations:progress': runSummarySchema,
} as const satisfies Record<string, z.ZodType>

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[]
export const EVENT_NAMES = Object.keys(events) as EventName[]

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name)
}
