// The router maps the contract to handlers. It is the only place that validates IPC input, and the
// only place that turns failures into the typed error shape; both transports call `dispatch`.
import type { z } from 'zod'
import {
  channels,
  isChannelName,
  type ChannelName,
  type Channels,
} from '../shared/contract'
import type { Envelope } from '../shared/api-types'
import { AppError, CONSOLE_ERROR_CODES, toAppError } from '../shared/errors'

/** Who is calling: the transport fills this in, handlers may use it for audit. */
export interface CallContext {
  transport: 'electron' | 'socket' | 'direct'
}

export type ChannelHandler<C extends ChannelName> = (
  input: z.output<Channels[C]['input']>,
  context: CallContext,
) => Promise<z.input<Channels[C]['output']>> | z.input<Channels[C]['output']>

export type Handlers = { [C in ChannelName]: ChannelHandler<C> }

export interface RouterOptions {
  /** Validate every output too. On in tests and development, where a drift should fail loudly. */
  validateOutput: boolean
  /** Where unexpected errors go; they reach the renderer only as `internal`, never with a stack. */
  reportInternalError: (channel: string, error: unknown) => void
}

export interface Router {
  dispatch(channel: unknown, input: unknown, context: CallContext): Promise<Envelope<unknown>>
}

/** Zod's issues, trimmed to what helps a caller fix the request. */
function describeIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
}

export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  async function dispatch(channel: unknown, input: unknown, context: CallContext): Promise<Envelope<unknown>> {
    if (!isChannelName(channel)) {
      return { ok: false, error: new AppError(CONSOLE_ERROR_CODES.unknownChannel, `No channel named ${JSON.stringify(String(channel)).slice(0, 80)}`).toJSON() }
    }
    const schema = channels[channel]
    const parsedInput = schema.input.safeParse(input)
    if (!parsedInput.success) {
      return {
        ok: false,
        error: new AppError(CONSOLE_ERROR_CODES.invalidInput, `Invalid input for ${channel}`, { issues: describeIssues(parsedInput.error) }).toJSON(),
      }
    }
    try {
      const handler = handlers[channel] as ChannelHandler<typeof channel>
      const output: unknown = await handler(parsedInput.data as never, context)
      if (!options.validateOutput) return { ok: true, value: output }
      const parsedOutput = schema.output.safeParse(output)
      if (parsedOutput.success) return { ok: true, value: parsedOutput.data }
      options.reportInternalError(channel, parsedOutput.error)
      return {
        ok: false,
        error: new AppError(CONSOLE_ERROR_CODES.invalidOutput, `The console returned a malformed result for ${channel}`, { issues: describeIssues(parsedOutput.error) }).toJSON(),
      }
    } catch (error) {
      const shaped = toAppError(error)
      if (shaped.kind === 'internal') options.reportInternalError(channel, error)
      return { ok: false, error: shaped }
    }
  }
  return { dispatch }
}
