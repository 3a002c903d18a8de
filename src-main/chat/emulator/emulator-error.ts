// The SDK's rejection shape `{ code, message }` (sdk-facts "Runtime"). Texts come from the console's own
// error table so the emulator and the console describe a code the same way.
import { describeErrorCode } from '../../shared/errors'
import type { ChatSdkError } from '../sdk'

export class EmulatorError extends Error implements ChatSdkError {
  readonly code: number

  constructor(code: number, detail?: string) {
    const text = describeErrorCode(code).text
    super(detail ? `${text}: ${detail}` : text)
    this.name = 'EmulatorError'
    this.code = code
  }

  /** Rebuild an error that crossed the wire, keeping its message. */
  static from(shape: ChatSdkError): EmulatorError {
    const error = new EmulatorError(shape.code)
    error.message = shape.message
    return error
  }

  toJSON(): ChatSdkError {
    return { code: this.code, message: this.message }
  }
}

export function fail(code: number, detail?: string): never {
  throw new EmulatorError(code, detail)
}

/** Turn anything thrown inside the emulator into the wire/SDK error shape. */
export function toChatSdkError(error: unknown): ChatSdkError {
  if (error instanceof EmulatorError) return error.toJSON()
  if (isChatSdkError(error)) return { code: error.code, message: error.message }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 10002, message: `Internal server error: ${message}` }
}

/**
 * Codes the emulator uses where the seeds and sdk-facts name no code for a refusal. Kept in one place so a
 * better-sourced code can replace them at once.
 */
export const UNDOCUMENTED_REFUSAL = {
  /** A type rule forbids the operation (join a Work group, invite to Public, dismiss a Work group …). */
  forbiddenByType: 10007,
  /** The actor is not a member (server side; the SDK's own 2623 needs its local cache). */
  notMember: 10007,
  /** A text, custom field, count or counter value outside its documented limit without its own code. */
  outOfLimit: 10004,
  /** An application that was never issued (unknown authentication). */
  unknownApplication: 10004,
} as const

export function isChatSdkError(value: unknown): value is ChatSdkError {
  return typeof value === 'object' && value !== null && typeof (value as ChatSdkError).code === 'number' && typeof (value as ChatSdkError).message === 'string'
}
