// The SDK layer of the sandbox: what @tencentcloud/chat does on the client, over a ServiceTransport. Login state
// and SDK_READY, `{code: 0, data}` results and `{code, message}` rejections, `{name, data}` events, the
// per-user rate limits (2996), the attribute sequence and the 30 s caches, the GROUP_LIST_UPDATED throttle,
// system notices as MESSAGE_RECEIVED, and re-authentication after a dropped link. The same class serves the
// in-process sandbox and the loopback client, so both behave alike by construction.
import { ATTRIBUTE_RATE_LIMIT_CODES, OVER_FREQUENCY_CODE, RATE_LIMITS, SDK_TIMINGS, type RateLimitName } from '../../shared/limits'
import {
  EVENTS,
  MESSAGE_TYPES,
  NET_STATES,
  type ChatEvent,
  type ChatEventData,
  type ChatEventHandler,
  type ChatResponse,
  type ChatSdk,
  type EventName,
  type GroupSystemNoticeMessage,
  type HandleGroupApplicationOptions,
} from '../sdk'
import { systemClock, type CancelTimer, type Clock } from './clock'
import { EmulatorError } from './emulator-error'
import type { ServiceMethod, ServiceParams, ServicePush, ServiceResult } from './protocol'
import { SlidingWindowLimiter } from './rate-limiter'
import type { SdkSideSettings } from './settings'
import { asEmulatorError, type ServiceTransport } from './transport'

type LoginState = 'logged-out' | 'logging-in' | 'not-ready' | 'ready'

interface AttributeCacheEntry {
  sequence: number
  attributes: Map<string, string>
  fetchedAt: number
}

interface CounterCacheEntry {
  counters: Map<string, bigint>
  fetchedAt: number
}

export interface EmulatedChatOptions {
  /** Times rate limits, caches and the GROUP_LIST_UPDATED throttle. */
  clock?: Clock
}

type AnyHandler = (event: ChatEvent) => void

export class EmulatedChat implements ChatSdk {
  private state: LoginState = 'logged-out'
  private userID: string | null = null
  private userSig = ''
  private loginStartedAt = 0
  private sdkSettings: SdkSideSettings = { attributeRateLimitCode: 'serviceCode' }
  private readonly handlers = new Map<EventName, Set<AnyHandler>>()
  private readonly clock: Clock
  private readonly limiter: SlidingWindowLimiter
  private readonly attributeCache = new Map<string, AttributeCacheEntry>()
  private readonly counterCache = new Map<string, CounterCacheEntry>()
  /** Keys issued by joinGroup for AVChatRooms; attribute calls present them (runtime avChatRoomKey). */
  private readonly avChatRoomKeys = new Map<string, string>()
  private lastGroupListEmit = Number.NEGATIVE_INFINITY
  private groupListScheduled = false
  private cancelGroupListTimer: CancelTimer | null = null

  constructor(
    private readonly transport: ServiceTransport,
    options: EmulatedChatOptions = {},
  ) {
    this.clock = options.clock ?? systemClock
    this.limiter = new SlidingWindowLimiter(this.clock)
    transport.setListener({
      push: (push) => this.onPush(push),
      linkDown: (state) => this.emit(EVENTS.NET_STATE_CHANGE, { state: state === 'disconnected' ? NET_STATES.NET_STATE_DISCONNECTED : NET_STATES.NET_STATE_CONNECTING }),
      reconnected: () => this.reauthenticate(),
      linkUp: () => this.emit(EVENTS.NET_STATE_CHANGE, { state: NET_STATES.NET_STATE_CONNECTED }),
    })
  }

  // Session ------------------------------------------------------------------------------------------------

  async login(options: { userID: string; userSig: string }): Promise<ChatResponse<{ repeatLogin: boolean }>> {
    if (!options?.userID) throw new EmulatorError(2002)
    if (!options.userSig) throw new EmulatorError(2003)
    const now = this.clock.now()
    if ((this.state === 'logging-in' || this.state === 'not-ready') && now - this.loginStartedAt < SDK_TIMINGS.repeatLoginWindowMs.value) {
      throw new EmulatorError(2025)
    }
    if (this.state === 'ready' && this.userID === options.userID) return { code: 0, data: { repeatLogin: true } }
    if (this.state === 'ready') await this.logout()
    this.state = 'logging-in'
    this.loginStartedAt = now
    let reply: ServiceResult<'login'>
    try {
      reply = await this.transport.request('login', { userID: options.userID, userSig: options.userSig })
    } catch (error) {
      this.state = 'logged-out'
      throw asEmulatorError(error)
    }
    this.userID = options.userID
    this.userSig = options.userSig
    this.sdkSettings = reply.sdkSettings
    this.state = 'not-ready'
    // SDK_READY follows the login promise: callers must wait for it (sdk-facts "Runtime").
    setImmediate(() => {
      if (this.state !== 'not-ready' || this.userID !== options.userID) return
      this.state = 'ready'
      this.emit(EVENTS.SDK_READY, undefined)
    })
    return { code: 0, data: { repeatLogin: reply.repeatLogin } }
  }

  async logout(): Promise<ChatResponse<Record<string, never>>> {
    const wasLoggedIn = this.state !== 'logged-out'
    this.resetSession()
    if (wasLoggedIn) {
      await this.transport.request('logout', {}).catch(() => undefined)
      this.emit(EVENTS.SDK_NOT_READY, undefined)
    }
    return { code: 0, data: {} }
  }

  isReady(): boolean {
    return this.state === 'ready'
  }

  async destroy(): Promise<void> {
    await this.logout()
    await this.transport.close()
  }

  on<N extends EventName>(eventName: N, handler: ChatEventHandler<N>): void {
    let set = this.handlers.get(eventName)
    if (!set) this.handlers.set(eventName, (set = new Set()))
    set.add(handler as unknown as AnyHandler)
  }

  off<N extends EventName>(eventName: N, handler: ChatEventHandler<N>): void {
    this.handlers.get(eventName)?.delete(handler as unknown as AnyHandler)
  }

  private emit<N extends EventName>(name: N, data: ChatEventData[N]): void {
    for (const handler of [...(this.handlers.get(name) ?? [])]) {
      try {
        handler({ name, data } as ChatEvent)
      } catch (error) {
        // A listener's failure must not break the SDK's event loop (the real SDK catches too).
        console.error(`emulator: ${name} handler threw`, error)
      }
    }
  }

  private resetSession(): void {
    this.state = 'logged-out'
    this.userID = null
    this.userSig = ''
    this.attributeCache.clear()
    this.counterCache.clear()
    this.avChatRoomKeys.clear()
    this.limiter.reset()
    this.cancelGroupListTimer?.()
    this.cancelGroupListTimer = null
    this.groupListScheduled = false
  }

  /** After a dropped link: log the same user in on the new link before calls flow again. */
  private async reauthenticate(): Promise<void> {
    if (this.state === 'logged-out' || !this.userID) return
    await this.transport.request('login', { userID: this.userID, userSig: this.userSig }, { duringHandshake: true })
  }

  // Calls --------------------------------------------------------------------------------------------------

  private assertReady(): void {
    if (this.state === 'logged-out') throw new EmulatorError(2024)
    if (this.state === 'logging-in') throw new EmulatorError(3000)
    if (this.state === 'not-ready') throw new EmulatorError(2999)
  }

  private throttle(limitName: RateLimitName): void {
    const limit = { ...RATE_LIMITS[limitName], ...this.sdkSettings.rateLimitOverrides?.[limitName] }
    if (this.limiter.tryAcquire(`${this.userID}:${limitName}`, limit)) return
    const code = limitName === 'attributeWrites' ? ATTRIBUTE_RATE_LIMIT_CODES[this.sdkSettings.attributeRateLimitCode].value : OVER_FREQUENCY_CODE.value
    throw new EmulatorError(code, `${limit.calls} calls per ${limit.windowMs / 1000} s (${limit.source})`)
  }

  private async send<M extends ServiceMethod>(method: M, params: ServiceParams<M>): Promise<ServiceResult<M>> {
    try {
      return await this.transport.request(method, params)
    } catch (error) {
      throw asEmulatorError(error)
    }
  }

  /** Ready check, then the call; results wrapped as `{code: 0, data}`. */
  private async call<M extends ServiceMethod>(method: M, params: ServiceParams<M>): Promise<ChatResponse<ServiceResult<M>>> {
    this.assertReady()
    return { code: 0, data: await this.send(method, params) }
  }

  createGroup: ChatSdk['createGroup'] = (options) => this.call('createGroup', options)
  getGroupList: ChatSdk['getGroupList'] = () => this.call('getGroupList', {})
  getGroupProfile: ChatSdk['getGroupProfile'] = (options) => this.call('getGroupProfile', options)
  updateGroupProfile: ChatSdk['updateGroupProfile'] = (options) => this.call('updateGroupProfile', options)
  quitGroup: ChatSdk['quitGroup'] = (groupID) => this.call('quitGroup', { groupID })
  dismissGroup: ChatSdk['dismissGroup'] = (groupID) => this.call('dismissGroup', { groupID })
  changeGroupOwner: ChatSdk['changeGroupOwner'] = (options) => this.call('changeGroupOwner', options)
  searchGroupByID: ChatSdk['searchGroupByID'] = (groupID) => this.call('searchGroupByID', { groupID })
  getGroupApplicationList: ChatSdk['getGroupApplicationList'] = () => this.call('getGroupApplicationList', {})
  getGroupMemberList: ChatSdk['getGroupMemberList'] = (options) => this.call('getGroupMemberList', options)
  getGroupMemberProfile: ChatSdk['getGroupMemberProfile'] = (options) => this.call('getGroupMemberProfile', options)
  addGroupMember: ChatSdk['addGroupMember'] = (options) => this.call('addGroupMember', options)
  deleteGroupMember: ChatSdk['deleteGroupMember'] = (options) => this.call('deleteGroupMember', options)
  setGroupMemberRole: ChatSdk['setGroupMemberRole'] = (options) => this.call('setGroupMemberRole', options)
  setGroupMemberMuteTime: ChatSdk['setGroupMemberMuteTime'] = (options) => this.call('setGroupMemberMuteTime', options)
  setGroupMemberNameCard: ChatSdk['setGroupMemberNameCard'] = (options) => this.call('setGroupMemberNameCard', options)

  joinGroup: ChatSdk['joinGroup'] = async (options) => {
    this.assertReady()
    const { avChatRoomKey, ...result } = await this.send('joinGroup', options)
    if (avChatRoomKey) this.avChatRoomKeys.set(options.groupID, avChatRoomKey)
    return { code: 0, data: result }
  }

  handleGroupApplication: ChatSdk['handleGroupApplication'] = async (options: HandleGroupApplicationOptions) => {
    this.assertReady()
    // Same fields the runtime sends: from the system notice message or from the application object.
    const fromMessage = options.message?.payload
    const source = fromMessage
      ? { applicant: fromMessage.operatorID, groupID: fromMessage.groupProfile.groupID, authentication: fromMessage.authentication, invitee: '' }
      : options.application
        ? { applicant: options.application.applicant, groupID: options.application.groupID, authentication: options.application.authentication, invitee: options.application.applicationType === 2 ? options.application.userID : '' }
        : null
    if (!source) throw new EmulatorError(10004, 'application or message is required')
    const data = await this.send('handleGroupApplication', { handleAction: options.handleAction, handleMessage: options.handleMessage ?? '', ...source })
    return { code: 0, data }
  }

  // Attributes: writes carry the sequence this session last saw; a stale one fails with 10056 -------------

  private attributeScope(groupID: string): { groupID: string; avChatRoomKey?: string } {
    const key = this.avChatRoomKeys.get(groupID)
    return key ? { groupID, avChatRoomKey: key } : { groupID }
  }

  private cachedSequence(groupID: string): number {
    return this.attributeCache.get(groupID)?.sequence ?? 0
  }

  /** Record a new attribute state and emit GROUP_ATTRIBUTES_UPDATED once per sequence. */
  private applyAttributes(groupID: string, sequence: number, attributes: Map<string, string>): void {
    const previous = this.attributeCache.get(groupID)
    if (previous && sequence <= previous.sequence) return
    this.attributeCache.set(groupID, { sequence, attributes, fetchedAt: this.clock.now() })
    const before = previous?.attributes ?? new Map<string, string>()
    const updatedKeyList = [...attributes].filter(([key, value]) => before.get(key) !== value).map(([key]) => key)
    const deletedKeyList = [...before.keys()].filter((key) => !attributes.has(key))
    if (updatedKeyList.length === 0 && deletedKeyList.length === 0) return
    this.emit(EVENTS.GROUP_ATTRIBUTES_UPDATED, { groupID, groupAttributes: Object.fromEntries(attributes), updatedKeyList, deletedKeyList })
  }

  private async writeAttributes(method: 'initGroupAttributes' | 'setGroupAttributes', groupID: string, groupAttributes: Record<string, string>) {
    this.assertReady()
    this.throttle('attributeWrites')
    const base = method === 'initGroupAttributes' ? new Map<string, string>() : new Map(this.attributeCache.get(groupID)?.attributes ?? [])
    const reply = await this.send(method, { ...this.attributeScope(groupID), groupAttributes, mainSequence: this.cachedSequence(groupID) })
    for (const [key, value] of Object.entries(groupAttributes)) base.set(key, value)
    this.applyAttributes(groupID, reply.mainSequence, base)
    return { code: 0 as const, data: { groupAttributes: reply.groupAttributes } }
  }

  initGroupAttributes: ChatSdk['initGroupAttributes'] = (options) => this.writeAttributes('initGroupAttributes', options.groupID, options.groupAttributes)
  setGroupAttributes: ChatSdk['setGroupAttributes'] = (options) => this.writeAttributes('setGroupAttributes', options.groupID, options.groupAttributes)

  deleteGroupAttributes: ChatSdk['deleteGroupAttributes'] = async (options) => {
    this.assertReady()
    this.throttle('attributeWrites')
    const remaining = new Map(this.attributeCache.get(options.groupID)?.attributes ?? [])
    const reply = await this.send('deleteGroupAttributes', { ...this.attributeScope(options.groupID), keyList: options.keyList, mainSequence: this.cachedSequence(options.groupID) })
    for (const key of reply.keyList) remaining.delete(key)
    this.applyAttributes(options.groupID, reply.mainSequence, remaining)
    return { code: 0, data: { keyList: reply.keyList } }
  }

  getGroupAttributes: ChatSdk['getGroupAttributes'] = async (options) => {
    this.assertReady()
    this.throttle('attributeReads')
    let entry = this.attributeCache.get(options.groupID)
    // The SDK answers from its cache for 30 s (runtime CACHE_EXPIRE_TIME; sdk-facts "Shapes").
    if (!entry || this.clock.now() - entry.fetchedAt >= SDK_TIMINGS.attributeCacheMs.value) {
      const snapshot = await this.send('getGroupAttributes', this.attributeScope(options.groupID))
      const attributes = new Map(Object.entries(snapshot.groupAttributes))
      this.applyAttributes(options.groupID, snapshot.mainSequence, attributes)
      entry = { sequence: snapshot.mainSequence, attributes, fetchedAt: this.clock.now() }
      this.attributeCache.set(options.groupID, entry)
    }
    const keyList = options.keyList ?? []
    const all = entry.attributes
    const groupAttributes = Object.fromEntries(keyList.length === 0 ? all : keyList.flatMap((key) => (all.has(key) ? [[key, all.get(key) as string]] : [])))
    return { code: 0, data: { groupAttributes } }
  }

  // Counters: bigint at this boundary (see sdk.ts CounterValue) ------------------------------------------

  private toInt64(value: unknown): bigint {
    if (typeof value === 'bigint') return value
    // A number beyond 2^53 has already lost its exact value: refuse rather than store a neighbour.
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value)
    throw new EmulatorError(10004, 'counter values are integers (bigint beyond 2^53)')
  }

  setGroupCounters: ChatSdk['setGroupCounters'] = async (options) => {
    this.assertReady()
    this.throttle('counterWrites')
    const counters: Record<string, bigint> = {}
    for (const [key, value] of Object.entries(options.counters ?? {})) counters[key] = this.toInt64(value)
    return { code: 0, data: await this.send('setGroupCounters', { ...this.attributeScope(options.groupID), counters }) }
  }

  increaseGroupCounter: ChatSdk['increaseGroupCounter'] = async (options) => {
    this.assertReady()
    this.throttle('counterWrites')
    return { code: 0, data: await this.send('increaseGroupCounter', { ...this.attributeScope(options.groupID), key: options.key, value: this.toInt64(options.value) }) }
  }

  decreaseGroupCounter: ChatSdk['decreaseGroupCounter'] = async (options) => {
    this.assertReady()
    this.throttle('counterWrites')
    return { code: 0, data: await this.send('decreaseGroupCounter', { ...this.attributeScope(options.groupID), key: options.key, value: this.toInt64(options.value) }) }
  }

  getGroupCounters: ChatSdk['getGroupCounters'] = async (options) => {
    this.assertReady()
    this.throttle('counterReads')
    let entry = this.counterCache.get(options.groupID)
    if (!entry || this.clock.now() - entry.fetchedAt >= SDK_TIMINGS.counterCacheMs.value) {
      const reply = await this.send('getGroupCounters', this.attributeScope(options.groupID))
      entry = { counters: new Map(Object.entries(reply.counters)), fetchedAt: this.clock.now() }
      this.counterCache.set(options.groupID, entry)
    }
    const keyList = options.keyList ?? []
    const all = entry.counters
    const counters = Object.fromEntries(keyList.length === 0 ? all : keyList.flatMap((key) => (all.has(key) ? [[key, all.get(key) as bigint]] : [])))
    return { code: 0, data: { counters } }
  }

  // Pushes -------------------------------------------------------------------------------------------------

  private onPush(push: ServicePush): void {
    if (this.state === 'logged-out') return
    switch (push.kind) {
      case 'systemNotice':
        this.emit(EVENTS.MESSAGE_RECEIVED, [this.systemNoticeMessage(push)])
        return
      case 'groupListChanged':
        this.scheduleGroupListUpdate()
        return
      case 'attributesChanged':
        this.applyAttributes(push.groupID, push.mainSequence, new Map(Object.entries(push.groupAttributes)))
        return
      case 'counterChanged': {
        this.counterCache.get(push.groupID)?.counters.set(push.key, push.value)
        this.emit(EVENTS.GROUP_COUNTER_UPDATED, { groupID: push.groupID, key: push.key, value: push.value })
        return
      }
      case 'kicked':
        this.resetSession()
        this.emit(EVENTS.KICKED_OUT, { type: push.type })
        this.emit(EVENTS.SDK_NOT_READY, undefined)
        return
    }
  }

  private systemNoticeMessage(push: Extract<ServicePush, { kind: 'systemNotice' }>): GroupSystemNoticeMessage {
    return {
      ID: `${MESSAGE_TYPES.CONV_SYSTEM}-${push.sequence}-${push.notice.groupProfile.groupID}`,
      type: MESSAGE_TYPES.MSG_GRP_SYS_NOTICE,
      payload: push.notice,
      conversationID: MESSAGE_TYPES.CONV_SYSTEM,
      conversationType: MESSAGE_TYPES.CONV_SYSTEM,
      to: this.userID ?? '',
      from: MESSAGE_TYPES.CONV_SYSTEM,
      flow: 'in',
      time: push.time,
      status: 'success',
      isRevoked: false,
      priority: 'Normal',
      nick: '',
      avatar: '',
      isPeerRead: false,
      nameCard: '',
      atUserList: [],
      cloudCustomData: '',
      isDeleted: false,
      isModified: false,
      needReadReceipt: false,
      isBroadcastMessage: false,
      isSupportExtension: false,
      revoker: '',
      revokeReason: '',
      sequence: push.sequence,
      hasRiskContent: false,
    }
  }

  /** GROUP_LIST_UPDATED carries the full list, at most once a second (sdk-facts "Constants"). */
  private scheduleGroupListUpdate(): void {
    if (this.groupListScheduled) return
    this.groupListScheduled = true
    const fire = (): void => {
      this.groupListScheduled = false
      this.cancelGroupListTimer = null
      if (this.state === 'logged-out') return
      this.lastGroupListEmit = this.clock.now()
      this.send('getGroupList', {})
        .then((result) => this.emit(EVENTS.GROUP_LIST_UPDATED, result.groupList))
        .catch(() => undefined) // Offline: the next change or reconnect brings a fresh list.
    }
    const wait = this.lastGroupListEmit + SDK_TIMINGS.groupListUpdatedMinIntervalMs.value - this.clock.now()
    if (wait <= 0) queueMicrotask(fire)
    else this.cancelGroupListTimer = this.clock.setTimeout(fire, wait)
  }
}
