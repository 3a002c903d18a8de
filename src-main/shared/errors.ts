// Every error the console can meet, from the chat service, the SDK, or the console itself, mapped to a
// kind that tells callers what to do about it. Source for the numeric codes: ../shared/sdk-facts.md
// ("Error codes"). Pure TypeScript: imported by main and renderer alike.
import { z } from 'zod'

export const ERROR_KINDS = [
  /** Transient: retry later with backoff. */
  'retryable',
  /** Over a frequency limit: wait for the window, then retry. */
  'rate-limited',
  /** Someone else changed it first (stale sequence, already processed). */
  'conflict',
  /** The user's role or the group type forbids it. */
  'permission',
  /** The request itself is wrong: fix the input. */
  'invalid',
  /** The target no longer exists (group dismissed, user unknown). */
  'gone',
  /** A defect or an unexpected state: report it. */
  'internal',
] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

/** Codes the console itself raises (the service and SDK use numbers). */
export const CONSOLE_ERROR_CODES = {
  invalidInput: 'invalid-input',
  invalidOutput: 'invalid-output',
  unknownChannel: 'unknown-channel',
  forbiddenSender: 'forbidden-sender',
  offline: 'offline',
  notReady: 'not-ready',
  /** The group type or the moderator's role forbids it (checked before calling the service). */
  ruleRefused: 'rule-refused',
  /** Over a documented limit (checked before calling the service). */
  limitExceeded: 'limit-exceeded',
  internal: 'internal',
} as const
export type ConsoleErrorCode = (typeof CONSOLE_ERROR_CODES)[keyof typeof CONSOLE_ERROR_CODES]

/** The one error shape that crosses IPC. Never a bare string, never a stack trace. */
export const appErrorSchema = z.object({
  code: z.union([z.number().int(), z.string()]),
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
  details: z.unknown().optional(),
})
export type AppErrorShape = z.infer<typeof appErrorSchema>

interface CodeInfo {
  kind: ErrorKind
  text: string
}

const SERVICE_AND_SDK_CODES: Readonly<Record<number, CodeInfo>> = {
  // Service (server-side) codes.
  10002: { kind: 'retryable', text: 'Internal server error' },
  10003: { kind: 'invalid', text: 'Invalid command' },
  10004: { kind: 'invalid', text: 'Invalid parameter' },
  10006: { kind: 'rate-limited', text: 'Operation frequency limit exceeded' },
  10007: { kind: 'permission', text: 'No permission for this operation' },
  10009: { kind: 'permission', text: 'The group owner cannot leave the group' },
  10010: { kind: 'gone', text: 'The group does not exist or has been dismissed' },
  10012: { kind: 'invalid', text: 'Invalid userID' },
  10013: { kind: 'conflict', text: 'The user is already a member of the group' },
  10014: { kind: 'invalid', text: 'The group is full' },
  10015: { kind: 'invalid', text: 'Invalid group ID' },
  10016: { kind: 'permission', text: 'Refused by the app backend callback' },
  10017: { kind: 'permission', text: 'The user is muted' },
  10019: { kind: 'gone', text: 'The user does not exist' },
  10021: { kind: 'conflict', text: 'The group ID is already in use' },
  10024: { kind: 'conflict', text: 'Already processed by someone else' },
  10025: { kind: 'conflict', text: 'The group ID is already in use (you own it)' },
  10037: { kind: 'invalid', text: "The user's group limit has been reached" },
  10038: { kind: 'invalid', text: 'The group member limit has been reached' },
  10045: { kind: 'invalid', text: 'Attribute key longer than 32 bytes' },
  10046: { kind: 'invalid', text: 'Attribute value longer than 4000 bytes' },
  10047: { kind: 'invalid', text: 'More than 16 attribute keys' },
  10048: { kind: 'invalid', text: 'Attributes larger than 16000 bytes in total' },
  10049: { kind: 'rate-limited', text: 'Attribute write frequency limit exceeded' },
  10050: { kind: 'gone', text: 'No such attribute' },
  10056: { kind: 'conflict', text: 'Attribute write conflict: fetch the latest attributes, then retry' },
  10058: { kind: 'invalid', text: 'Group limit of the free edition reached' },
  10063: { kind: 'invalid', text: 'More than 20 counter keys' },
  // SDK (client-side) codes.
  // The runtime's names: 2001 NO_ACCOUNT_TYPE, 2002 NO_IDENTIFIER, 2003 NO_USERSIG.
  2000: { kind: 'invalid', text: 'SDKAppID missing' },
  2001: { kind: 'invalid', text: 'Account type missing' },
  2002: { kind: 'invalid', text: 'userID missing' },
  2003: { kind: 'invalid', text: 'userSig missing' },
  2024: { kind: 'permission', text: 'Not logged in' },
  2025: { kind: 'conflict', text: 'Repeated login while the last one is still in progress' },
  2600: { kind: 'invalid', text: 'Invalid group type' },
  2602: { kind: 'invalid', text: 'Invalid group ID' },
  2603: { kind: 'gone', text: 'Group not found locally' },
  2620: { kind: 'permission', text: 'An AVChatRoom cannot be transferred' },
  2621: { kind: 'invalid', text: 'Cannot transfer a group to yourself' },
  2623: { kind: 'permission', text: 'Not a member of the group' },
  2661: { kind: 'permission', text: 'Members cannot be added to an AVChatRoom' },
  2681: { kind: 'permission', text: 'Only the group owner can do this' },
  2683: { kind: 'invalid', text: 'Invalid member role' },
  2684: { kind: 'invalid', text: 'Cannot change your own role' },
  2685: { kind: 'invalid', text: 'Cannot mute yourself' },
  2686: { kind: 'invalid', text: 'Invalid mute duration' },
  2687: { kind: 'permission', text: 'Not in this AVChatRoom' },
  2800: { kind: 'retryable', text: 'Network error' },
  2801: { kind: 'retryable', text: 'Request timed out' },
  2805: { kind: 'retryable', text: 'No network' },
  2996: { kind: 'rate-limited', text: 'Over the SDK frequency limit' },
  2999: { kind: 'retryable', text: 'SDK not ready' },
  3000: { kind: 'retryable', text: 'Logging in' },
  3001: { kind: 'permission', text: 'Login failed' },
  3002: { kind: 'permission', text: 'Kicked out' },
  3003: { kind: 'permission', text: 'Kicked out' },
  3004: { kind: 'permission', text: 'Kicked out' },
  3005: { kind: 'permission', text: 'Logged out' },
  3006: { kind: 'permission', text: 'Logged out' },
  // Reported by users of the native SDK when approving in parallel.
  6015: { kind: 'retryable', text: 'The previous request is still running' },
}

const CONSOLE_CODES: Readonly<Record<ConsoleErrorCode, CodeInfo>> = {
  'invalid-input': { kind: 'invalid', text: 'The request does not match the contract' },
  'invalid-output': { kind: 'internal', text: 'The response does not match the contract' },
  'unknown-channel': { kind: 'invalid', text: 'No such channel' },
  'forbidden-sender': { kind: 'permission', text: 'The request did not come from the console window' },
  offline: { kind: 'retryable', text: 'Offline: this action needs a connection' },
  'not-ready': { kind: 'retryable', text: 'The chat session is not ready' },
  'rule-refused': { kind: 'permission', text: 'Not allowed for this group type or role' },
  'limit-exceeded': { kind: 'invalid', text: 'Over a documented limit' },
  internal: { kind: 'internal', text: 'Unexpected error' },
}

/** What a code means and what kind of failure it is. Unknown codes are `internal`. */
export function describeErrorCode(code: number | string): CodeInfo {
  if (typeof code === 'number') return SERVICE_AND_SDK_CODES[code] ?? { kind: 'internal', text: `Unknown error ${code}` }
  return CONSOLE_CODES[code as ConsoleErrorCode] ?? { kind: 'internal', text: `Unknown error ${code}` }
}

/** Retryable codes that the decision runner backs off on (ARCHITECTURE "Durable decisions"). */
export function isRetryable(code: number | string): boolean {
  const { kind } = describeErrorCode(code)
  return kind === 'retryable' || kind === 'rate-limited'
}

/** An error thrown inside main that the router passes to the renderer as it is. */
export class AppError extends Error implements AppErrorShape {
  readonly code: number | string
  readonly kind: ErrorKind
  readonly details?: unknown

  constructor(code: number | string, message?: string, details?: unknown) {
    const info = describeErrorCode(code)
    super(message ?? info.text)
    this.name = 'AppError'
    this.code = code
    this.kind = info.kind
    this.details = details
  }

  toJSON(): AppErrorShape {
    return { code: this.code, kind: this.kind, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) }
  }
}

/** Is this the SDK's rejection shape `{code, message}`? */
export function isSdkError(value: unknown): value is { code: number; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'number' &&
    typeof (value as { message?: unknown }).message === 'string'
  )
}

/** Turn anything thrown into the typed shape that may cross IPC. */
export function toAppError(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toJSON()
  if (isSdkError(error)) {
    const info = describeErrorCode(error.code)
    return { code: error.code, kind: info.kind, message: error.message || info.text }
  }
  return { code: CONSOLE_ERROR_CODES.internal, kind: 'internal', message: 'Unexpected error in the console' }
}
