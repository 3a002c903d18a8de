// The Electron transport: one `ipcMain.handle` per contract channel, events pushed to the window. It
// takes Electron's objects as parameters (type imports only), so it runs and is tested under plain Node;
// src-main/electron/main.ts is the only caller that passes the real ones.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNEL_NAMES, type EventName } from '../shared/contract'
import { decodeMessage, encodeMessage } from '../shared/codec'
import type { Envelope } from '../shared/api-types'
import { AppError, CONSOLE_ERROR_CODES } from '../shared/errors'
import type { CallContext } from './router'

export interface ElectronTransportOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  dispatch: (channel: unknown, input: unknown, context: CallContext) => Promise<Envelope<unknown>>
  /** Decides whether the frame that sent a call is the app's own main frame. */
  isTrustedSender: (sender: { url: string; isMainFrame: boolean } | null) => boolean
  subscribeAll: (listener: (event: EventName, payload: unknown) => void) => () => void
  /** Delivers an event to the window (webContents.send), if it still exists. */
  sendEvent: (event: EventName, encodedPayload: string) => void
}

function senderOf(event: IpcMainInvokeEvent): { url: string; isMainFrame: boolean } | null {
  const frame = event.senderFrame
  if (!frame) return null
  return { url: frame.url, isMainFrame: frame === event.sender.mainFrame }
}

function refusal(code: string, message?: string): string {
  return encodeMessage({ ok: false, error: new AppError(code, message).toJSON() } satisfies Envelope<never>)
}

export function registerElectronTransport(options: ElectronTransportOptions): () => void {
  for (const channel of CHANNEL_NAMES) {
    options.ipcMain.handle(channel, async (event, encodedInput: unknown) => {
      if (!options.isTrustedSender(senderOf(event))) return refusal(CONSOLE_ERROR_CODES.forbiddenSender)
      let input: unknown
      try {
        if (typeof encodedInput !== 'string') throw new SyntaxError('input is not in wire form')
        input = decodeMessage(encodedInput)
      } catch {
        return refusal(CONSOLE_ERROR_CODES.invalidInput, `Malformed input for ${channel}`)
      }
      return encodeMessage(await options.dispatch(channel, input, { transport: 'electron' }))
    })
  }
  const unsubscribe = options.subscribeAll((event, payload) => options.sendEvent(event, encodeMessage(payload)))
  return () => {
    unsubscribe()
    for (const channel of CHANNEL_NAMES) options.ipcMain.removeHandler(channel)
  }
}
