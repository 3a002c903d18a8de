// The sandboxed preload: exposes exactly one object, `window.api` (a RawConsoleApi — see
// shared/api-types.ts). Never ipcRenderer, process or the environment. Strings only cross the bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANNEL_NAMES, isEventName } from '../shared/contract'

const api: Record<string, unknown> = {}
for (const channel of CHANNEL_NAMES) {
  api[channel] = (encodedInput: string): Promise<string> => ipcRenderer.invoke(channel, encodedInput)
}
api.on = (event: string, listener: (encodedPayload: string) => void): (() => void) => {
  // Only contract events: the page cannot use `on` to listen to arbitrary IPC channels.
  if (!isEventName(event)) throw new TypeError(`Unknown event ${String(event)}`)
  const forward = (_event: IpcRendererEvent, encodedPayload: string) => listener(encodedPayload)
  ipcRenderer.on(event, forward)
  return () => {
    ipcRenderer.removeListener(event, forward)
  }
}

contextBridge.exposeInMainWorld('api', api)
