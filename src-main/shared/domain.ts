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
})
export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = { locale: null, theme: 'system' }

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
