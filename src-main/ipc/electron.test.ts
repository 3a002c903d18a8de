import { describe, expect, it } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { CHANNEL_NAMES } from '../shared/contract'
import { decodeMessage, encodeMessage } from '../shared/codec'
import { createEventBus } from './events'
import { DEFAULT_SETTINGS } from '../shared/domain'
import { registerElectronTransport } from './electron'

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

/** A stand-in for ipcMain and a window's frames, enough to drive the transport under Node. */
function fakeElectron() {
  const handlers = new Map<string, Handler>()
  const mainFrame = { url: 'file:///app/out/renderer/index.html' }
  const childFrame = { url: 'file:///app/out/renderer/index.html' }
  const sent: Array<[string, string]> = []
  const dispatched: unknown[] = []
  const bus = createEventBus({ validate: true })
  const unregister = registerElectronTransport({
    ipcMain: { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler), removeHandler: (channel: string) => void handlers.delete(channel) } as never,
    dispatch: async (channel, input) => {
      dispatched.push([channel, input])
      return { ok: true, value: { echoed: input } }
    },
    isTrustedSender: (sender) => sender?.isMainFrame === true && sender.url === mainFrame.url,
    subscribeAll: bus.subscribeAll,
    sendEvent: (event, payload) => sent.push([event, payload]),
  })
  const invoke = async (channel: string, frame: { url: string } | null, input: unknown) => {
    const event = { senderFrame: frame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent
    return decodeMessage((await handlers.get(channel)!(event, input)) as string)
  }
  return { handlers, invoke, mainFrame, childFrame, sent, dispatched, bus, unregister }
}

describe('electron transport', () => {
  it('registers one handler per channel of the contract and removes them all', () => {
    const electron = fakeElectron()
    expect([...electron.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
    electron.unregister()
    expect(electron.handlers.size).toBe(0)
  })

  it('refuses calls from a subframe or an unknown sender before dispatching', async () => {
    const electron = fakeElectron()
    for (const frame of [electron.childFrame, null, { url: 'https://example.com/' }]) {
      expect(await electron.invoke('settings:get', frame, encodeMessage({}))).toMatchObject({ ok: false, error: { code: 'forbidden-sender', kind: 'permission' } })
    }
    expect(electron.dispatched).toEqual([])
  })

  it('refuses input that is not in wire form', async () => {
    const electron = fakeElectron()
    for (const input of [{}, 42, 'not json', '{"$t":"bogus"}']) {
      expect(await electron.invoke('settings:get', electron.mainFrame, input)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    expect(electron.dispatched).toEqual([])
  })

  it('carries bigints both ways and forwards events encoded', async () => {
    const electron = fakeElectron()
    const value = { max: 2n ** 63n - 1n, min: -(2n ** 63n) }
    expect(await electron.invoke('settings:get', electron.mainFrame, encodeMessage(value))).toEqual({ ok: true, value: { echoed: value } })
    electron.bus.emit('settings:changed', { ...DEFAULT_SETTINGS, locale: 'en', theme: 'dark' })
    expect(electron.sent).toEqual([['settings:changed', encodeMessage({ ...DEFAULT_SETTINGS, locale: 'en', theme: 'dark' })]])
  })
})
