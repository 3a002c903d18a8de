// Group administration as the renderer sees it: profile edits (one group or many, previewed, applied
// through the operations journal, rolled back), lifecycle, members and attributes.
import { z } from 'zod'
import { groupTypeSchema, memberRoleSchema, customFieldSchema } from './domain'
import { INVITE_OPTION_VALUES, JOIN_OPTION_VALUES, PROFILE_FIELDS, profilePatchSchema } from './profile-rules'

const groupID = z.string().min(1).max(64)
const userID = z.string().min(1).max(64)

/** Which groups a bulk change is about: chosen ones, or every group matching a filter. */
export const groupSelectionSchema = z.union([
  z.object({ groupIDs: z.array(groupID).min(1, 'Choose at least one group').max(5000) }).strict(),
  z.object({ filter: z.object({ search: z.string().max(200).optional(), types: z.array(groupTypeSchema).optional(), roles: z.array(memberRoleSchema).optional() }).strict() }).strict(),
])
export type GroupSelection = z.infer<typeof groupSelectionSchema>

export const profileEditSchema = z.object({ selection: groupSelectionSchema, patch: profilePatchSchema }).strict()
export type ProfileEdit = z.input<typeof profileEditSchema>

const fieldValue = z.union([z.string(), z.boolean(), z.number(), z.array(customFieldSchema), z.null()])
export const patchProblemSchema = z.object({
  field: z.enum(PROFILE_FIELDS),
  kind: z.enum(['rule', 'limit']),
  message: z.string(),
  limit: z.number().optional(),
  actual: z.number().optional(),
})

/** One group in a dry run: what would change, or why it would be refused. */
export const profilePreviewRowSchema = z.object({
  groupID: z.string(),
  name: z.string(),
  type: groupTypeSchema,
  changes: z.array(z.object({ field: z.enum(PROFILE_FIELDS), from: fieldValue, to: fieldValue })),
  problems: z.array(patchProblemSchema),
  /** Nothing to change: the group already has these values. */
  unchanged: z.boolean(),
})
export type ProfilePreviewRow = z.infer<typeof profilePreviewRowSchema>

export const profilePreviewSchema = z.object({
  rows: z.array(profilePreviewRowSchema),
  willChange: z.number().int(),
  willRefuse: z.number().int(),
  unchanged: z.number().int(),
})
export type ProfilePreview = z.infer<typeof profilePreviewSchema>

export const OPERATION_STATES = ['queued', 'sending', 'done', 'failed', 'conflict', 'cancelled'] as const
export const RUN_KINDS = ['profile-edit', 'rollback', 'members', 'counters'] as const

export const runSummarySchema = z.object({
  runID: z.number().int().positive(),
  kind: z.enum(RUN_KINDS),
  description: z.string(),
  state: z.enum(['active', 'paused', 'cancelled']),
  actor: z.string(),
  createdAt: z.date(),
  rollbackOf: z.number().int().nullable(),
  total: z.number().int(),
  queued: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  conflict: z.number().int(),
  cancelled: z.number().int(),
  finished: z.boolean(),
  /** Done items whose previous values were snapshotted, which a rollback would restore. */
  rollbackable: z.number().int(),
  waitingFor: z.enum(['offline', 'paused']).nullable(),
})
export type RunSummary = z.infer<typeof runSummarySchema>

export const operationItemSchema = z.object({
  operationID: z.number().int().positive(),
  groupID: z.string(),
  groupName: z.string(),
  command: z.string(),
  /** What this operation sets, and what was there when it was made. */
  payload: z.record(z.string(), z.unknown()),
  base: z.record(z.string(), z.unknown()),
  /** On a conflict: what the service has now for the same fields. */
  theirs: z.record(z.string(), z.unknown()).nullable(),
  state: z.enum(OPERATION_STATES),
  outcomeCode: z.number().int().nullable(),
  outcomeText: z.string().nullable(),
  attempts: z.number().int(),
  updatedAt: z.date(),
})
export type OperationItem = z.infer<typeof operationItemSchema>

export const applyResultSchema = z.object({ runID: z.number().int().positive().nullable(), queued: z.number().int(), refused: z.number().int(), unchanged: z.number().int() })

export const conflictResolutionSchema = z
  .object({ operationID: z.number().int().positive(), resolution: z.enum(['apply-mine', 'keep-theirs']) })
  .strict()

// ---------------------------------------------------------------------------------------------------------
// Lifecycle. Destructive actions carry the group's name as typed by the moderator, checked in main.

export const createGroupSchema = z
  .object({
    type: groupTypeSchema,
    name: z.string().min(1).max(2000),
    /** Custom ID; empty for one assigned by the service. */
    groupID: z.string().max(200).optional(),
    introduction: z.string().max(4000).optional(),
    notification: z.string().max(4000).optional(),
    joinOption: z.enum(JOIN_OPTION_VALUES).optional(),
    inviteOption: z.enum(INVITE_OPTION_VALUES).optional(),
    memberUserIDs: z.array(userID).max(500).optional(),
    customFields: z.array(customFieldSchema).max(10).optional(),
  })
  .strict()
export type CreateGroupInput = z.input<typeof createGroupSchema>

export const createGroupResultSchema = z.object({ groupID: z.string(), overLimitUserIDs: z.array(z.string()) })
export const joinResultSchema = z.object({ status: z.enum(['JoinedSuccess', 'AlreadyInGroup', 'WaitAdminApproval']) })
export const confirmNameSchema = z.string().max(2000)
export const destructiveSchema = z.object({ groupID, confirmName: confirmNameSchema }).strict()
export const transferSchema = z.object({ groupID, newOwnerID: userID, confirmName: confirmNameSchema }).strict()

/** What lifecycle actions this moderator may take on this group, with the reason when not. */
export const lifecycleRulesSchema = z.object({
  quit: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
  dismiss: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
  transfer: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
})

// ---------------------------------------------------------------------------------------------------------
// Members.

const actionRule = z.object({ allowed: z.boolean(), reason: z.string().nullable() })
export const memberRulesSchema = z.object({ setRole: actionRule, mute: actionRule, remove: actionRule, nameCard: actionRule, add: actionRule })

export const memberActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setRole'), role: z.enum(['Admin', 'Member']) }).strict(),
  z.object({ kind: z.literal('mute'), seconds: z.number().int().min(1).max(30 * 86400) }).strict(),
  z.object({ kind: z.literal('unmute') }).strict(),
  z.object({ kind: z.literal('remove'), reason: z.string().max(300).default('') }).strict(),
  z.object({ kind: z.literal('nameCard'), nameCard: z.string().max(200) }).strict(),
])
export const memberBulkSchema = z.object({ groupID, userIDs: z.array(userID).min(1).max(500), action: memberActionSchema }).strict()
export const addMembersSchema = z.object({ groupID, userIDs: z.array(userID).min(1).max(500) }).strict()
export const addMembersResultSchema = z.object({ added: z.array(z.string()), failed: z.array(z.string()), existed: z.array(z.string()), overLimit: z.array(z.string()) })

// ---------------------------------------------------------------------------------------------------------
// Attributes.

export const attributesSchema = z.record(z.string(), z.string())
export const attributesStateSchema = z.object({
  groupID: z.string(),
  attributes: attributesSchema,
  /** Where they came from: the service just now, or the cache (offline). */
  source: z.enum(['service', 'cache']),
  /** Why attributes are not available for this group, when they are not. */
  unavailable: z.string().nullable(),
  fetchedAt: z.date(),
})
export const attributesWriteSchema = z
  .object({
    groupID,
    /** Keys to set (added or changed). */
    set: attributesSchema,
    /** Keys to delete. */
    remove: z.array(z.string().max(200)).max(16),
    /** What the editor started from: the base of a three-way merge if someone else wrote meanwhile. */
    base: attributesSchema,
  })
  .strict()
export const attributesWriteResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('written'), attributes: attributesSchema }),
  /** 10056: someone wrote first. Yours, theirs and the base, for the moderator to merge and retry. */
  z.object({ outcome: z.literal('conflict'), code: z.literal(10056), yours: attributesSchema, theirs: attributesSchema, base: attributesSchema }),
])
