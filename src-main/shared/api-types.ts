// The two shapes of the API a renderer sees.
//
// `RawConsoleApi` is `window.api`, provided by the Electron preload or by the browser host's socket
// bridge. It carries only strings in the codec's wire form: Electron's contextBridge and IPC keep neither
// an Error's fields nor (reliably) a bigint, and strings cross every boundary unchanged. One method per
// channel, and `on(event, fn)` returning an unsubscribe function.
//
// `ConsoleClient` is the typed client the renderer (and tests) use over either: it encodes inputs,
// decodes results, and throws `ApiError` with the typed error shape.
import type { AppErrorShape } from './errors'
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from './contract'

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

export type RawConsoleApi = {
  [C in ChannelName]: (encodedInput: string) => Promise<string>
} & {
  on(event: EventName, listener: (encodedPayload: string) => void): () => void
}

export type ConsoleClient = {
  [C in ChannelName]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>>
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
