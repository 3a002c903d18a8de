// The cloud: @tencentcloud/chat in the main process, presented as the console's ChatSdk. The only
// differences it smooths over are the ones sdk.ts documents: counter values are bigint at our boundary
// and JavaScript numbers in the package, so values beyond ±2^53 are refused rather than rounded.
import type { ChatEventHandler, ChatSdk, EventName } from './sdk'
import { EVENTS } from './sdk'
import { AppError, CONSOLE_ERROR_CODES } from '../shared/errors'

/** The part of a created TencentCloudChat instance this adapter calls. */
export type TencentChatInstance = { [K in keyof ChatSdk]: (...args: never[]) => unknown }

export interface TencentSdkOptions {
  SDKAppID: number
  /** 0 = full logs … 4 = none. The console keeps the SDK quiet unless asked. */
  logLevel?: number
  /** Loads the package; replaced in tests, which cannot reach Tencent's hosts. */
  loadPackage?: () => { create(options: { SDKAppID: number }): TencentChatInstance & { setLogLevel?(level: number): void } }
}

/** `create()` opens a WebSocket at once and Node 20 has no global one (sdk-facts "Runtime"). */
export function ensureGlobalWebSocket(): void {
  if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'undefined') {
    ;(globalThis as { WebSocket?: unknown }).WebSocket = require('ws')
  }
}

function toSdkNumber(value: number | bigint, key: string): number {
  const asNumber = Number(value)
  if (!Number.isSafeInteger(asNumber) || BigInt(asNumber) !== BigInt(value)) {
    throw new AppError(
      CONSOLE_ERROR_CODES.invalidInput,
      `Counter "${key}": ${String(value)} cannot be sent exactly through the cloud SDK, which carries numbers up to ±9007199254740991`,
    )
  }
  return asNumber
}

function countersToBigint(data: { counters?: Record<string, number | bigint> }): { counters: Record<string, bigint> } {
  return { ...data, counters: Object.fromEntries(Object.entries(data.counters ?? {}).map(([key, value]) => [key, BigInt(value)])) }
}

export function createTencentSdk(options: TencentSdkOptions): ChatSdk {
  ensureGlobalWebSocket()
  const load = options.loadPackage ?? (() => require('@tencentcloud/chat').default ?? require('@tencentcloud/chat'))
  const chat = load().create({ SDKAppID: options.SDKAppID }) as TencentChatInstance & { setLogLevel?(level: number): void }
  chat.setLogLevel?.(options.logLevel ?? 3)
  const raw = chat as unknown as Record<string, (...args: unknown[]) => Promise<{ code: 0; data: unknown }>>
  const wrappedHandlers = new Map<unknown, unknown>()

  async function withCounters(method: string, args: unknown): Promise<{ code: 0; data: { counters: Record<string, bigint> } }> {
    const response = await raw[method]!(args)
    return { code: 0, data: countersToBigint(response.data as { counters?: Record<string, number> }) }
  }

  const passThrough = (method: string) => (...args: unknown[]) => raw[method]!(...args)

  const sdk = {
    login: passThrough('login'),
    logout: passThrough('logout'),
    isReady: () => (chat.isReady as () => boolean)(),
    destroy: passThrough('destroy'),
    on(eventName: EventName, handler: ChatEventHandler<EventName>) {
      let wrapped: unknown = handler
      if (eventName === EVENTS.GROUP_COUNTER_UPDATED) {
        wrapped = (event: { name: string; data: { groupID: string; key: string; value: number } }) =>
          handler({ name: event.name, data: { ...event.data, value: BigInt(event.data.value) } } as never)
      }
      wrappedHandlers.set(handler, wrapped)
      raw.on!(eventName, wrapped)
    },
    off(eventName: EventName, handler: ChatEventHandler<EventName>) {
      raw.off!(eventName, wrappedHandlers.get(handler) ?? handler)
      wrappedHandlers.delete(handler)
    },
    createGroup: passThrough('createGroup'),
    getGroupList: passThrough('getGroupList'),
    getGroupProfile: passThrough('getGroupProfile'),
    updateGroupProfile: passThrough('updateGroupProfile'),
    joinGroup: passThrough('joinGroup'),
    quitGroup: passThrough('quitGroup'),
    dismissGroup: passThrough('dismissGroup'),
    changeGroupOwner: passThrough('changeGroupOwner'),
    searchGroupByID: passThrough('searchGroupByID'),
    getGroupApplicationList: passThrough('getGroupApplicationList'),
    handleGroupApplication: passThrough('handleGroupApplication'),
    getGroupMemberList: passThrough('getGroupMemberList'),
    getGroupMemberProfile: passThrough('getGroupMemberProfile'),
    addGroupMember: passThrough('addGroupMember'),
    deleteGroupMember: passThrough('deleteGroupMember'),
    setGroupMemberRole: passThrough('setGroupMemberRole'),
    setGroupMemberMuteTime: passThrough('setGroupMemberMuteTime'),
    setGroupMemberNameCard: passThrough('setGroupMemberNameCard'),
    initGroupAttributes: passThrough('initGroupAttributes'),
    setGroupAttributes: passThrough('setGroupAttributes'),
    deleteGroupAttributes: passThrough('deleteGroupAttributes'),
    getGroupAttributes: passThrough('getGroupAttributes'),
    setGroupCounters: async (args: { groupID: string; counters: Record<string, number | bigint> }) =>
      withCounters('setGroupCounters', { ...args, counters: Object.fromEntries(Object.entries(args.counters).map(([key, value]) => [key, toSdkNumber(value, key)])) }),
    increaseGroupCounter: async (args: { groupID: string; key: string; value: number | bigint }) =>
      withCounters('increaseGroupCounter', { ...args, value: toSdkNumber(args.value, args.key) }),
    decreaseGroupCounter: async (args: { groupID: string; key: string; value: number | bigint }) =>
      withCounters('decreaseGroupCounter', { ...args, value: toSdkNumber(args.value, args.key) }),
    getGroupCounters: async (args: unknown) => withCounters('getGroupCounters', args),
  }
  return sdk as unknown as ChatSdk
}
