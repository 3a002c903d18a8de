// A stand-in for `window.api` in store tests: channels answered by plain functions, events pushed by
// hand, everything through the real codec and typed client, so stores see exactly what they would see.
// The renderer's client is created once per page (api.ts), so one raw api is installed once and each
// test swaps what is behind it.
import { encodeMessage, decodeMessage } from '../../../src-main/shared/codec'
import { CHANNEL_NAMES, type ChannelInput, type ChannelName, type ChannelOutput, type EventName, type EventPayload } from '../../../src-main/shared/contract'
import type { RawConsoleApi } from '../../../src-main/shared/api-types'

export type Handlers = { [C in ChannelName]?: (input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>> }

export interface FakeApi {
  calls: Array<{ channel: ChannelName; input: unknown }>
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

interface State {
  handlers: Handlers
  calls: FakeApi['calls']
  listeners: Map<EventName, Set<(encoded: string) => void>>
}

let state: State = { handlers: {}, calls: [], listeners: new Map() }

function createRawApi(): RawConsoleApi {
  const raw: Record<string, unknown> = {
    on(event: EventName, listener: (encoded: string) => void) {
      const set = state.listeners.get(event) ?? new Set()
      set.add(listener)
      state.listeners.set(event, set)
      return () => set.delete(listener)
    },
  }
  for (const channel of CHANNEL_NAMES) {
    raw[channel] = async (encodedInput: string) => {
      const input = decodeMessage(encodedInput)
      state.calls.push({ channel, input })
      const handler = state.handlers[channel] as ((value: unknown) => unknown) | undefined
      if (!handler) return encodeMessage({ ok: false, error: { code: 'unknown-channel', kind: 'invalid', message: `No fake for ${channel}` } })
      return encodeMessage({ ok: true, value: await handler(input) })
    }
  }
  return raw as RawConsoleApi
}

export function installFakeApi(handlers: Handlers): FakeApi {
  state = { handlers, calls: [], listeners: new Map() }
  const host = globalThis as { window?: { api?: RawConsoleApi } }
  host.window ??= {}
  host.window.api ??= createRawApi()
  const current = state
  return {
    calls: current.calls,
    emit(event, payload) {
      for (const listener of current.listeners.get(event) ?? []) listener(encodeMessage(payload))
    },
  }
}
