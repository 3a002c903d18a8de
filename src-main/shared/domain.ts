// The console's domain objects, as zod schemas with their types inferred from them. Pure TypeScript:
// the renderer imports these too. Later domains (groups, applications, decisions…) join this file.
import { z } from 'zod'

export const LOCALES = ['en', 'zh-CN'] as const
export const localeSchema = z.enum(LOCALES)
export type Locale = z.infer<typeof localeSchema>

export const THEMES = ['system', 'light', 'dark'] as const
export const themeSchema = z.enum(THEMES)
export type Theme = z.infer<typeof themeSchema>

/** Preferences of this installation (not of an account). */
export const settingsSchema = z.object({
  /** `null` follows the operating system's language. */
  locale: localeSchema.nullable(),
  theme: themeSchema,
  /** Minutes between reconciliation pulls while connected; 0 turns them off. */
  syncIntervalMinutes: z.number().int().min(0).max(1440),
  /** Seconds a decision waits, undoable, before it is sent. */
  undoWindowSeconds: z.number().int().min(0).max(60),
  /** Messages offered when rejecting (or approving) with a message. */
  messageTemplates: z.array(z.string().min(1).max(300)).max(20),
  /**
   * Which documented profile byte limits to check against (sdk-facts "Limits": the create and update pages
   * disagree): each API's own page, or the strictest figures of every source.
   */
  profileLimits: z.enum(['per-page', 'strictest']),
})
export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = {
  locale: null,
  theme: 'system',
  syncIntervalMinutes: 10,
  undoWindowSeconds: 5,
  messageTemplates: ['Welcome!', 'Sorry, this group is full.', 'Please complete your profile and apply again.', '抱歉，本群暂不接受新成员。'],
  profileLimits: 'per-page',
}

/** A settings change: any subset of the fields, nothing else. */
export const settingsPatchSchema = settingsSchema.partial().strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const CONNECTION_KINDS = ['sandbox', 'cloud'] as const
export const connectionKindSchema = z.enum(CONNECTION_KINDS)
export type ConnectionKind = z.infer<typeof connectionKindSchema>

/** The session state machine of ARCHITECTURE.md; transitions are driven by the chat session. */
export const SESSION_PHASES = ['signed-out', 'connecting', 'ready', 'offline', 'kicked-out', 'usersig-expired'] as const
export const sessionPhaseSchema = z.enum(SESSION_PHASES)
export type SessionPhase = z.infer<typeof sessionPhaseSchema>

export const sessionStateSchema = z.object({
  /** The account whose cache the views show; null before the first connection. */
  accountKey: z.string().nullable(),
  connection: connectionKindSchema,
  phase: sessionPhaseSchema,
  userID: z.string().nullable(),
  /** When the cache last finished a full pull; `null` before the first one. */
  lastSyncAt: z.date().nullable(),
  /** Why the session is not ready, in the service's words when it gave any. */
  reason: z.string().nullable(),
})
export type SessionState = z.infer<typeof sessionStateSchema>

export const HOST_KINDS = ['electron', 'browser'] as const
export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(HOST_KINDS),
  dataDir: z.string(),
  /** `PRAGMA user_version` of the console database. */
  schemaVersion: z.number().int().nonnegative(),
  startedAt: z.date(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

// ---------------------------------------------------------------------------------------------------------
// The cache as the renderer sees it.

export const GROUP_TYPE_VALUES = ['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community'] as const
export const groupTypeSchema = z.enum(GROUP_TYPE_VALUES)
export type GroupTypeValue = z.infer<typeof groupTypeSchema>

export const MEMBER_ROLE_VALUES = ['Owner', 'Admin', 'Member', 'Custom'] as const
export const memberRoleSchema = z.enum(MEMBER_ROLE_VALUES)
export type MemberRoleValue = z.infer<typeof memberRoleSchema>

export const GROUP_STATUSES = ['active', 'dismissed', 'left'] as const
export const customFieldSchema = z.object({ key: z.string(), value: z.string() })

/** One cached group with what the console knows about the account's place in it. */
export const cachedGroupSchema = z.object({
  groupID: z.string(),
  type: groupTypeSchema,
  name: z.string(),
  avatar: z.string(),
  introduction: z.string(),
  notification: z.string(),
  ownerID: z.string(),
  createTime: z.date().nullable(),
  memberCount: z.number().int().nonnegative(),
  maxMemberCount: z.number().int().nonnegative(),
  joinOption: z.string(),
  inviteOption: z.string(),
  muteAllMembers: z.boolean(),
  isSupportTopic: z.boolean(),
  customFields: z.array(customFieldSchema),
  selfRole: memberRoleSchema,
  lastActivityAt: z.date().nullable(),
  lastMessageText: z.string(),
  status: z.enum(GROUP_STATUSES),
  statusChangedAt: z.date().nullable(),
  pendingApplications: z.number().int().nonnegative(),
  syncedAt: z.date(),
})
export type CachedGroup = z.infer<typeof cachedGroupSchema>

/** A page of rows and how many match in all. */
export function pageSchema<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int().nonnegative(), offset: z.number().int().nonnegative() })
}
export interface Page<T> {
  rows: T[]
  total: number
  offset: number
}

const pagingFields = {
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
}

export const GROUP_SORTS = ['name', 'type', 'memberCount', 'lastActivity', 'pendingApplications'] as const
export const groupListQuerySchema = z
  .object({
    ...pagingFields,
    search: z.string().max(200).optional(),
    types: z.array(groupTypeSchema).max(GROUP_TYPE_VALUES.length).optional(),
    roles: z.array(memberRoleSchema).max(MEMBER_ROLE_VALUES.length).optional(),
    includeInactive: z.boolean().default(false),
    sort: z.enum(GROUP_SORTS).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict()
export type GroupListQuery = z.input<typeof groupListQuerySchema>

export const cachedMemberSchema = z.object({
  groupID: z.string(),
  userID: z.string(),
  nick: z.string(),
  avatar: z.string(),
  role: memberRoleSchema,
  nameCard: z.string(),
  muteUntil: z.date().nullable(),
  joinTime: z.date().nullable(),
  lastSendMsgTime: z.date().nullable(),
})
export type CachedMember = z.infer<typeof cachedMemberSchema>

export const memberListQuerySchema = z.object({ ...pagingFields, groupID: z.string().min(1).max(64), search: z.string().max(200).optional() }).strict()
export type MemberListQuery = z.input<typeof memberListQuerySchema>

export const APPLICATION_STATUSES = ['pending', 'handled-here', 'handled-elsewhere', 'gone'] as const
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES)
export const APPLICATION_TYPE_VALUES = ['join', 'invite'] as const
export const applicationTypeSchema = z.enum(APPLICATION_TYPE_VALUES)

export const cachedApplicationSchema = z.object({
  applicationKey: z.string(),
  groupID: z.string(),
  groupName: z.string(),
  groupType: groupTypeSchema.nullable(),
  applicant: z.string(),
  applicantNick: z.string(),
  applicationType: applicationTypeSchema,
  /** The invitee, for an invitation; empty for a join request. */
  userID: z.string(),
  note: z.string(),
  /** When the applicant applied, as the service stamped it (the pendency time the SDK puts in messageKey); null when unknown. */
  appliedAt: z.date().nullable(),
  firstSeenAt: z.date(),
  lastSeenAt: z.date(),
  status: applicationStatusSchema,
  /** How many groups this applicant is pending in now (this one included). */
  applicantPendingCount: z.number().int().nonnegative(),
  /** Decisions already sent on this applicant from this console, in any group. */
  applicantApprovals: z.number().int().nonnegative(),
  applicantRejections: z.number().int().nonnegative(),
})
export type CachedApplication = z.infer<typeof cachedApplicationSchema>

export const APPLICATION_SORTS = ['age', 'group', 'applicant'] as const
export const applicationQuerySchema = z
  .object({
    ...pagingFields,
    groupIDs: z.array(z.string().min(1).max(64)).max(5000).optional(),
    groupTypes: z.array(groupTypeSchema).max(GROUP_TYPE_VALUES.length).optional(),
    applicationTypes: z.array(applicationTypeSchema).max(2).optional(),
    statuses: z.array(applicationStatusSchema).max(APPLICATION_STATUSES.length).default(['pending']),
    /** Older than this many seconds. */
    minAgeSeconds: z.number().int().min(0).optional(),
    /** Younger than this many seconds. */
    maxAgeSeconds: z.number().int().min(0).optional(),
    applicant: z.string().max(64).optional(),
    text: z.string().max(200).optional(),
    sort: z.enum(APPLICATION_SORTS).default('age'),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict()
export type ApplicationQuery = z.input<typeof applicationQuerySchema>

export const SYNC_DOMAINS = ['groups', 'applications', 'members', 'attributes', 'counters'] as const
export const syncDomainSchema = z.enum(SYNC_DOMAINS)
export type SyncDomain = z.infer<typeof syncDomainSchema>

export const syncProgressSchema = z.object({
  running: z.boolean(),
  /** What the pull is doing now, e.g. 'profiles' or 'members'. */
  stage: z.string().nullable(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  startedAt: z.date().nullable(),
  lastFullPullAt: z.date().nullable(),
  lastEventAt: z.date().nullable(),
  lastError: z.string().nullable(),
})
export type SyncProgress = z.infer<typeof syncProgressSchema>

/** Which parts of the cache changed, so open views know to read again. */
export const cacheChangeSchema = z.object({ domains: z.array(syncDomainSchema), groupIDs: z.array(z.string()).optional() })
export type CacheChange = z.infer<typeof cacheChangeSchema>

// ---------------------------------------------------------------------------------------------------------
// Connection profiles. Credentials go from the renderer to main once, and never come back.

/** A userID: at most 32 bytes (UTF-8), no control characters or spaces. */
export const userIdSchema = z
  .string()
  .min(1)
  .refine((value) => new TextEncoder().encode(value).length <= 32, 'A userID is at most 32 bytes')
  .refine((value) => !/[\s\u0000-\u001f\u007f]/.test(value), 'A userID has no spaces or control characters')

export const credentialInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('userSig'), userSig: z.string().trim().min(1).max(8192) }).strict(),
  /** Developer option: sign userSigs locally. A secret key belongs on a server. */
  z.object({ kind: z.literal('secretKey'), secretKey: z.string().trim().min(16).max(256), expireSeconds: z.number().int().min(60).max(180 * 86400).default(86400) }).strict(),
])
export type CredentialInput = z.input<typeof credentialInputSchema>

export const connectInputSchema = z.discriminatedUnion('connection', [
  z.object({ connection: z.literal('sandbox'), userID: userIdSchema.optional() }).strict(),
  z
    .object({
      connection: z.literal('cloud'),
      sdkAppID: z.number().int().positive().max(4_294_967_295),
      userID: userIdSchema,
      /** Omitted: use the one saved for this account. */
      credential: credentialInputSchema.optional(),
    })
    .strict(),
])
export type ConnectInput = z.input<typeof connectInputSchema>

export const profileSummarySchema = z.object({
  accountKey: z.string(),
  connection: connectionKindSchema,
  sdkAppID: z.number().int().nullable(),
  userID: z.string(),
  credential: z.enum(['none', 'userSig', 'secretKey']),
  userSigExpiresAt: z.date().nullable(),
  lastUsedAt: z.date(),
  active: z.boolean(),
})
export type ProfileSummary = z.infer<typeof profileSummarySchema>

export const profilesSchema = z.object({
  profiles: z.array(profileSummarySchema),
  /** How saved credentials are protected on this machine. */
  credentialProtection: z.enum(['os-keychain', 'file-permissions']),
  /** Where the caches live. */
  cacheDir: z.string(),
  /** The sandbox's own user, the default moderator. */
  sandboxUserID: z.string(),
})
export type Profiles = z.infer<typeof profilesSchema>

// ---------------------------------------------------------------------------------------------------------
// Decisions, jobs and the audit log.

export const DECISION_ACTIONS = ['approve', 'reject'] as const
export const decisionActionSchema = z.enum(DECISION_ACTIONS)
export type DecisionAction = z.infer<typeof decisionActionSchema>

export const enqueueDecisionsSchema = z
  .object({
    applicationKeys: z.array(z.string().min(1).max(300)).min(1, 'Choose at least one application').max(100_000, 'At most 100,000 applications in one decision'),
    action: decisionActionSchema,
    /** Sent to the applicant with the decision. */
    message: z.string().max(2000).default(''),
  })
  .strict()
export type EnqueueDecisions = z.input<typeof enqueueDecisionsSchema>

export const enqueueResultSchema = z.object({ jobID: z.number().int().positive(), queued: z.number().int().nonnegative(), undoUntil: z.date() })
export type EnqueueResult = z.infer<typeof enqueueResultSchema>

export const DECISION_STATES = ['queued', 'sending', 'done', 'failed', 'cancelled'] as const
export const decisionStateSchema = z.enum(DECISION_STATES)
export const DECISION_OUTCOMES = ['sent', 'decided-elsewhere', 'confirmed', 'failed', 'undone', 'cancelled'] as const

export const JOB_STATES = ['active', 'paused', 'cancelled'] as const
export const jobSummarySchema = z.object({
  jobID: z.number().int().positive(),
  action: decisionActionSchema,
  message: z.string(),
  state: z.enum(JOB_STATES),
  actor: z.string(),
  createdAt: z.date(),
  undoUntil: z.date(),
  total: z.number().int().nonnegative(),
  queued: z.number().int().nonnegative(),
  sending: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  /** Decided by someone else first (counted in done). */
  decidedElsewhere: z.number().int().nonnegative(),
  finished: z.boolean(),
  /** Items per second over the last minute of sending; null before any was sent. */
  rate: z.number().nonnegative().nullable(),
  /** Seconds left at the current rate; null when unknown. */
  etaSeconds: z.number().nonnegative().nullable(),
  /** Why the job is not moving, when it is not (offline, paused, undo window). */
  waitingFor: z.string().nullable(),
})
export type JobSummary = z.infer<typeof jobSummarySchema>

export const decisionItemSchema = z.object({
  decisionID: z.number().int().positive(),
  applicationKey: z.string(),
  groupID: z.string(),
  groupName: z.string(),
  applicant: z.string(),
  state: decisionStateSchema,
  outcome: z.enum(DECISION_OUTCOMES).nullable(),
  outcomeCode: z.number().int().nullable(),
  outcomeText: z.string().nullable(),
  decidedBy: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  updatedAt: z.date(),
})
export type DecisionItem = z.infer<typeof decisionItemSchema>

export const jobDetailQuerySchema = z
  .object({
    jobID: z.number().int().positive(),
    only: z.enum(['all', 'failed', 'pending', 'done']).default('all'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()

export const AUDIT_EVENTS = ['queued', 'undone', 'cancelled', 'sent', 'decided-elsewhere', 'confirmed', 'failed', 'skipped'] as const
export const auditEntrySchema = z.object({
  auditID: z.number().int().positive(),
  at: z.date(),
  actor: z.string(),
  jobID: z.number().int().nullable(),
  groupID: z.string(),
  groupName: z.string(),
  applicant: z.string(),
  action: decisionActionSchema,
  message: z.string(),
  event: z.enum(AUDIT_EVENTS),
  outcomeCode: z.number().int().nullable(),
  outcomeText: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditQuerySchema = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    from: z.date().optional(),
    to: z.date().optional(),
    groupID: z.string().max(64).optional(),
    applicant: z.string().max(64).optional(),
    actions: z.array(decisionActionSchema).max(2).optional(),
    events: z.array(z.enum(AUDIT_EVENTS)).max(AUDIT_EVENTS.length).optional(),
    jobID: z.number().int().positive().optional(),
  })
  .strict()
export type AuditQuery = z.input<typeof auditQuerySchema>

export const auditExportSchema = auditQuerySchema.omit({ offset: true, limit: true }).extend({ format: z.enum(['csv', 'jsonl']) }).strict()
export const auditExportResultSchema = z.object({ fileName: z.string(), mimeType: z.string(), content: z.string(), rows: z.number().int().nonnegative() })

/** A named inbox filter, kept in the app database so it survives reinstalls of the renderer. */
export const savedFilterSchema = z.object({
  name: z.string().trim().min(1).max(60),
  query: applicationQuerySchema.omit({ offset: true, limit: true }),
})
export type SavedFilter = z.infer<typeof savedFilterSchema>
