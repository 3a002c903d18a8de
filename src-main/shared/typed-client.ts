// The typed client over `window.api` (see api-types.ts). Pure TypeScript: the renderer and Node tests
// both use it, so a test over the socket exercises exactly what the renderer runs.
import type { ConsoleClient, Envelope, RawConsoleApi } from './api-types'
import { CHANNEL_NAMES, type EventName } from './contract'
import { decodeMessage, encodeMessage } from './codec'
import type { AppErrorShape, ErrorKind } from './errors'

/** A failed call, with the typed error of the contract. */
export class ApiError extends Error implements AppErrorShape {
  readonly code: number | string
  readonly kind: ErrorKind
  readonly details?: unknown
  readonly channel: string

  constructor(channel: string, error: AppErrorShape) {
    super(error.message)
    this.name = 'ApiError'
    this.channel = channel
    this.code = error.code
    this.kind = error.kind
    this.details = error.details
  }
}

export function createConsoleClient(raw: RawConsoleApi): ConsoleClient {
  const client: Record<string, unknown> = {}
  for (const channel of CHANNEL_NAMES) {
    client[channel] = async (input: unknown) => {
      const envelope = decodeMessage(await raw[channel](encodeMessage(input ?? {}))) as Envelope<unknown>
      if (envelope.ok) return envelope.value
      throw new ApiError(channel, envelope.error)
    }
  }
  client.on = (event: EventName, listener: (payload: unknown) => void) =>
    raw.on(event, (encoded) => listener(decodeMessage(encoded)))
  return client as ConsoleClient
}
