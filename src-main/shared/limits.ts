// Every documented limit the console and the sandbox depend on, each with its source. Where two sources
// disagree, both figures are kept and the active one is a setting (ARCHITECTURE "Two connections";
// sdk-facts "Limits (with disagreements)": never silently pick one).
// Pure TypeScript: no node: imports, so the renderer may import it too.

/** A figure and where it was read. */
export interface SourcedLimit<T = number> {
  readonly value: T
  readonly source: string
}

const SEED_CREATE = 'seeds/group-management-api.txt (createGroup)'
const SEED_UPDATE = 'seeds/group-profile.txt (updateGroupProfile)'
const SEED_ATTRIBUTES = 'seeds/group-attributes.txt'
const SEED_COUNTERS = 'seeds/group-counters.txt'
const SEED_OVERVIEW = 'seeds/group-management-overview.txt'
const FACTS = 'sdk-facts.md'
const DTS = '@tencentcloud/chat 3.6.6 index.d.ts'

// ---------------------------------------------------------------------------------------------------------
// Group profile text limits, in UTF-8 bytes. Three sources, three sets of figures.

export type ProfileTextField = 'name' | 'introduction' | 'notification' | 'avatar'

export interface ProfileTextLimitSet {
  readonly name: number
  readonly introduction: number
  readonly notification: number
  readonly avatar: number
  readonly source: string
}

export const PROFILE_TEXT_LIMIT_SETS = {
  /** createGroup page and the REST docs: 30 / 240 / 300 / 100. */
  createPage: { name: 30, introduction: 240, notification: 300, avatar: 100, source: `${SEED_CREATE}; REST docs (${FACTS})` },
  /** updateGroupProfile page: 100 / 400 / 400 / 500. */
  updatePage: { name: 100, introduction: 400, notification: 400, avatar: 500, source: SEED_UPDATE },
  /** The package's type declarations (Group): introduction 120, notification 150. */
  typeDeclarations: { name: 30, introduction: 120, notification: 150, avatar: 100, source: `${DTS} (Group, CREATE_GROUP_OPTIONS)` },
} as const satisfies Record<string, ProfileTextLimitSet>

export type ProfileTextLimitSetName = keyof typeof PROFILE_TEXT_LIMIT_SETS

/** Which figure set applies to which call. Unresolved upstream, so a setting (sdk-facts "Limits"). */
export interface ProfileLimitProfile {
  readonly create: ProfileTextLimitSetName
  readonly update: ProfileTextLimitSetName
}

/** Default: each API follows its own page, to the letter. */
export const DEFAULT_PROFILE_LIMIT_PROFILE: ProfileLimitProfile = { create: 'createPage', update: 'updatePage' }
/** The strictest reading: what passes here passes under every source. */
export const STRICTEST_PROFILE_LIMIT_PROFILE: ProfileLimitProfile = { create: 'typeDeclarations', update: 'typeDeclarations' }

export function profileTextLimits(
  operation: 'create' | 'update',
  profile: ProfileLimitProfile = DEFAULT_PROFILE_LIMIT_PROFILE,
): ProfileTextLimitSet {
  return PROFILE_TEXT_LIMIT_SETS[profile[operation]]
}

// ---------------------------------------------------------------------------------------------------------
// Group IDs, types and membership.

export const GROUP_ID_LIMITS = {
  customIdMaxBytes: { value: 48, source: `${FACTS} (Shapes: createGroup)` },
  /** Community IDs must start with this; other types must not start with AUTO_ID_PREFIX (2602). */
  communityIdPrefix: { value: '@TGS#_', source: `${FACTS} (Shapes: createGroup)` },
  autoIdPrefix: { value: '@TGS#', source: `${SEED_OVERVIEW}; ${FACTS}` },
} as const

/** Default maxMemberNum per type ('Private' = Work, 'ChatRoom' = Meeting). AVChatRoom: unlimited (null). */
export const DEFAULT_MAX_MEMBERS: Readonly<Record<'Private' | 'Public' | 'ChatRoom' | 'AVChatRoom' | 'Community', SourcedLimit<number | null>>> = {
  Private: { value: 200, source: SEED_CREATE },
  Public: { value: 2000, source: SEED_CREATE },
  ChatRoom: { value: 10000, source: SEED_CREATE },
  AVChatRoom: { value: null, source: SEED_CREATE },
  // Not given by the seeds or sdk-facts; the emulator's own figure, large enough not to matter.
  Community: { value: 100000, source: 'not documented in seeds/sdk-facts: emulator choice' },
}

export const MEMBERSHIP_LIMITS = {
  createMemberListMax: { value: 500, source: `${SEED_CREATE} (memberList); ${FACTS}` },
  addGroupMemberMax: { value: 500, source: `${DTS} (ADD_GROUP_MEMBER_OPTIONS); ${FACTS}` },
  memberProfileQueryMax: { value: 50, source: `${FACTS} (getGroupMemberProfile)` },
  memberListPageMax: { value: 100, source: `${DTS} (GET_GROUP_MEMBER_LIST_OPTIONS.count); ${FACTS}` },
  memberListPageDefault: { value: 15, source: FACTS },
  groupListPage: { value: 200, source: `${FACTS} (getGroupList pages 200 inside the SDK)` },
  /**
   * updateGroupProfile lists maxMemberNum "which is 6,000" and, on the same page, says the API cannot change
   * it (REST only). The package's UPDATE_GROUP_PROFILE_OPTIONS has no maxMemberNum: ChatSdk leaves it out.
   */
  updateMaxMemberNum: { value: 6000, source: `${SEED_UPDATE} (contradicted by its own note 1)` },
} as const

/** Groups one user may be in, by edition (10037 beyond). */
export const USER_GROUP_LIMITS = {
  trial: { value: 50, source: FACTS },
  pro: { value: 500, source: FACTS },
  max: { value: 3000, source: FACTS },
} as const satisfies Record<string, SourcedLimit>
export type UserGroupLimitEdition = keyof typeof USER_GROUP_LIMITS

/** Pending applications one user sees. The overview caps it; the SDK fetches in pages of 20. */
export const APPLICATION_LIST_LIMITS = {
  pendingPerUserCap: { value: 50, source: `${SEED_OVERVIEW} (List of pending group messages); ${FACTS}` },
  sdkPage: { value: 20, source: FACTS },
} as const

export const APP_LIMITS = {
  /** Informational: the overview gives no error code for it, so the emulator does not enforce it. */
  dailyNetGroupCreation: { value: 10000, source: SEED_OVERVIEW },
} as const

// ---------------------------------------------------------------------------------------------------------
// Custom fields (bytes), 10004 beyond.

export const CUSTOM_FIELD_LIMITS = {
  groupKeysMax: { value: 10, source: FACTS },
  memberKeysMax: { value: 5, source: FACTS },
  keyMaxBytes: { value: 16, source: FACTS },
  groupValueMaxBytes: { value: 512, source: FACTS },
  memberValueMaxBytes: { value: 64, source: FACTS },
} as const

// ---------------------------------------------------------------------------------------------------------
// Group attributes. The seed says "4 KB" and "16 KB"; the error code texts say 4000 and 16000 bytes.

export const ATTRIBUTE_SIZE_BASES = {
  /** The error texts of 10046 / 10048 (sdk-facts "Error codes"). Stricter: the default. */
  decimal: { valueMaxBytes: 4000, totalMaxBytes: 16000, source: `${FACTS} (10046, 10048)` },
  /** The attributes page: "up to 4 KB", "up to 16 KB". */
  binary: { valueMaxBytes: 4096, totalMaxBytes: 16384, source: SEED_ATTRIBUTES },
} as const
export type AttributeSizeBasis = keyof typeof ATTRIBUTE_SIZE_BASES

export const ATTRIBUTE_LIMITS = {
  keysMax: { value: 16, source: `${SEED_ATTRIBUTES}; ${FACTS} (10047)` },
  keyMaxBytes: { value: 32, source: `${FACTS} (10045)` },
} as const

// ---------------------------------------------------------------------------------------------------------
// Group counters.

export const COUNTER_LIMITS = {
  keysMax: { value: 20, source: `${SEED_COUNTERS}; ${FACTS} (10063)` },
  /** Characters, not bytes (the counters page says "characters"). */
  keyMaxChars: { value: 128, source: SEED_COUNTERS },
  /** Signed 64-bit. Beyond Number.MAX_SAFE_INTEGER only bigint carries them exactly. */
  min: { value: -(2n ** 63n), source: SEED_COUNTERS },
  max: { value: 2n ** 63n - 1n, source: SEED_COUNTERS },
} as const

// ---------------------------------------------------------------------------------------------------------
// Rate limits, per logged-in user, sliding window.

export interface RateLimit {
  readonly calls: number
  readonly windowMs: number
  readonly source: string
}

export const RATE_LIMITS = {
  /** setGroupCounters + increaseGroupCounter + decreaseGroupCounter together → 2996. */
  counterWrites: { calls: 20, windowMs: 5000, source: `${SEED_COUNTERS} (note 3)` },
  /** getGroupCounters → 2996. */
  counterReads: { calls: 20, windowMs: 5000, source: `${SEED_COUNTERS} (note 4)` },
  /** init/set/deleteGroupAttributes. Code: see ATTRIBUTE_RATE_LIMIT_CODES. */
  attributeWrites: { calls: 10, windowMs: 5000, source: FACTS },
  /** getGroupAttributes. */
  attributeReads: { calls: 20, windowMs: 5000, source: FACTS },
} as const satisfies Record<string, RateLimit>
export type RateLimitName = keyof typeof RATE_LIMITS

/**
 * Which code an attribute write over its frequency limit gets. sdk-facts names 10049 "attribute write
 * frequency"; issue 3 asks for 2996 (the SDK's over-frequency code, which the counters page documents for
 * counters). Default: 10049, the code documented for exactly this case.
 */
export const ATTRIBUTE_RATE_LIMIT_CODES = {
  serviceCode: { value: 10049, source: `${FACTS} (Error codes)` },
  sdkCode: { value: 2996, source: 'issue 3; seeds/group-counters.txt uses 2996 for counters' },
} as const
export type AttributeRateLimitCodeName = keyof typeof ATTRIBUTE_RATE_LIMIT_CODES

/** The code for counter writes/reads and attribute reads over their limits. */
export const OVER_FREQUENCY_CODE: SourcedLimit = { value: 2996, source: `${SEED_COUNTERS}; ${FACTS}` }

// ---------------------------------------------------------------------------------------------------------
// SDK behaviour the console must allow for.

export const SDK_TIMINGS = {
  attributeCacheMs: { value: 30000, source: `${FACTS} (get caches 30 s); runtime CACHE_EXPIRE_TIME` },
  counterCacheMs: { value: 30000, source: `${FACTS} (getGroupCounters caches 30 s)` },
  groupListUpdatedMinIntervalMs: { value: 1000, source: `${FACTS} (GROUP_LIST_UPDATED at most once a second)` },
  repeatLoginWindowMs: { value: 15000, source: `${FACTS} (Runtime: 2025)` },
} as const

// ---------------------------------------------------------------------------------------------------------

/**
 * UTF-8 length of a string, in bytes, without allocating (TextEncoder semantics: a lone surrogate counts as
 * U+FFFD, 3 bytes). Every byte limit above is in UTF-8 bytes.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** Number of Unicode code points (the counters page counts key "characters"). */
export function codePointLength(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/** Is this value inside the signed 64-bit range counters use? */
export function isInt64(value: bigint): boolean {
  return value >= COUNTER_LIMITS.min.value && value <= COUNTER_LIMITS.max.value
}

// ---------------------------------------------------------------------------------------------------------
// Decisions on applications (the console's journal). handleGroupApplication documents no length for
// handleMessage (seeds/group-management-api.txt) and no rate limit; these are the console's own caps.

export const DECISION_LIMITS = {
  /** Not documented for handleMessage: capped at the smallest documented group text field that carries a moderator's words (notification, createGroup page), so length is never why a decision fails. */
  handleMessageMaxBytes: { value: 300, source: `not documented for handleGroupApplication; console cap = notification bytes of ${SEED_CREATE}` },
  /** One enqueue: a whole backlog at most. */
  applicationsPerEnqueue: { value: 100_000, source: 'console cap (issue 5: 100,001 IDs are refused)' },
  /** The undo window before a decision is sent (a setting; this is its default and range). */
  undoWindowMs: { value: 5000, min: 0, max: 60_000, source: 'issue 5 (default 5 s, a setting)' },
} as const
