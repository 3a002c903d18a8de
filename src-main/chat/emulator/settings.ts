// The emulator's choices where the sources disagree or leave a figure open (sdk-facts "Limits (with
// disagreements)"). Each is a setting with a documented default, never a silent pick.
import {
  APPLICATION_LIST_LIMITS,
  DEFAULT_PROFILE_LIMIT_PROFILE,
  type AttributeRateLimitCodeName,
  type AttributeSizeBasis,
  type ProfileLimitProfile,
  type RateLimitName,
  type UserGroupLimitEdition,
} from '../../shared/limits'

export interface EmulatorSettings {
  /** Which profile byte limits createGroup / updateGroupProfile enforce. */
  profileLimits: ProfileLimitProfile
  /** 4000/16000 (error texts) or 4096/16384 (attributes page) bytes. */
  attributeSizeBasis: AttributeSizeBasis
  /** 10049 (sdk-facts) or 2996 (issue 3) for an attribute write over its frequency limit. */
  attributeRateLimitCode: AttributeRateLimitCodeName
  /** Groups one user may be in (10037 beyond). */
  userGroupLimit: UserGroupLimitEdition
  /** Pending applications one moderator sees at a time; null = no cap. The overview says 50. */
  pendingApplicationCap: number | null
  /** Online instances per user before the oldest is kicked out (KICKED_OUT multipleAccount); null = no limit. */
  onlineInstancesPerUser: number | null
  /** Group counters need the Premium edition (seeds/group-counters.txt). */
  premiumEdition: boolean
  /**
   * Lower (or raise) a documented rate limit, e.g. to prove that the console backs off on 2996 when the
   * service allows fewer calls than documented. Empty: the documented limits (limits.ts RATE_LIMITS).
   */
  rateLimitOverrides: Partial<Record<RateLimitName, { calls: number; windowMs: number }>>
}

export const DEFAULT_EMULATOR_SETTINGS: EmulatorSettings = {
  profileLimits: DEFAULT_PROFILE_LIMIT_PROFILE,
  attributeSizeBasis: 'decimal',
  attributeRateLimitCode: 'serviceCode',
  userGroupLimit: 'pro',
  pendingApplicationCap: APPLICATION_LIST_LIMITS.pendingPerUserCap.value,
  // The cloud's default is one web instance; the sandbox lets the console and a test harness share a user.
  onlineInstancesPerUser: null,
  premiumEdition: true,
  rateLimitOverrides: {},
}

export function resolveSettings(overrides: Partial<EmulatorSettings> = {}): EmulatorSettings {
  return { ...DEFAULT_EMULATOR_SETTINGS, ...overrides }
}

/** The part of the settings the SDK layer (client side) needs; sent at login. */
export interface SdkSideSettings {
  attributeRateLimitCode: AttributeRateLimitCodeName
  rateLimitOverrides?: EmulatorSettings['rateLimitOverrides']
}
