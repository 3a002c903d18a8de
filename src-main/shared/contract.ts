// The one IPC contract: every channel `domain:verb` with its input and output schema, every event with
// its payload schema. Both transports (Electron IPC, loopback socket) carry exactly this; the router
// validates against it and the renderer's client is typed from it. Adding a channel here is all it
// takes for the generated contract tests to cover it.
import { z } from 'zod'
import { appInfoSchema, sessionStateSchema, settingsPatchSchema, settingsSchema } from './domain'

/** Channels with nothing to say still take one (empty) object, so every input is validated alike. */
const noInput = z.object({}).strict()

export const channels = {
  'app:info': { input: noInput, output: appInfoSchema },
  'settings:get': { input: noInput, output: settingsSchema },
  'settings:update': { input: settingsPatchSchema, output: settingsSchema },
  'session:state': { input: noInput, output: sessionStateSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

export const events = {
  'settings:changed': settingsSchema,
  'session:changed': sessionStateSchema,
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
