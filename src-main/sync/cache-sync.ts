// Mirrors the service into one account's cache: a full pull with progress, then incremental updates from
// SDK events and system notices. Every write goes through a repository, in a transaction.
import { EVENTS, type ChatEvent, type ChatSdk, type Group } from '../chat/sdk'
import type { AccountCache } from '../store/cache'
import type { CacheChange, SyncDomain, SyncProgress } from '../shared/domain'
import { isSdkError } from '../shared/errors'
import { APPLICATION_LIST_LIMITS, RATE_LIMITS } from '../shared/limits'
import { createPacer, systemClock, type Pacer, type PacerClock } from '../moderation/pacer'
import { RetryStoppedError, withRetry } from '../moderation/retry'
import { isGroupSystemNotice, noticeEffect } from './system-notices'

export interface CacheSyncOptions {
  sdk: ChatSdk
  cache: AccountCache
  clock?: PacerClock
  /** Shared with everything else that reads attributes and counters for this user. */
  pacers?: { attributeReads: Pacer; counterReads: Pacer }
  onProgress?: (progress: SyncProgress) => void
  onChange?: (change: CacheChange) => void
  log?: (message: string, error?: unknown) => void
}

export interface CacheSync {
  /** Subscribes to the SDK's events. */
  start(): void
  /** Unsubscribes, stops a pull in progress at its next step, and resolves once it has stopped. */
  stop(): Promise<void>
  /** Pulls everything; a call while a pull runs joins that pull. */
  fullPull(): Promise<void>
  progress(): SyncProgress
}

/** How many profiles go into one cache transaction: each commit is an fsync (synchronous=FULL). */
const WRITE_BATCH = 100
const MEMBER_PAGE = 100
/** Progress events at most this often, so a 5,000-group pull does not flood the renderer. */
const PROGRESS_INTERVAL_MS = 100

export function createCacheSync(options: CacheSyncOptions): CacheSync {
  const { sdk, cache } = options
  const clock = options.clock ?? systemClock
  const pacers = options.pacers ?? { attributeReads: createPacer(RATE_LIMITS.attributeReads, clock), counterReads: createPacer(RATE_LIMITS.counterReads, clock) }
  const log = options.log ?? (() => {})
  let running: Promise<void> | null = null
  let stopped = false
  let subscribed = false
  let lastProgressEmit = 0
  const state: { stage: string | null; done: number; total: number; startedAt: number | null; lastError: string | null } = {
    stage: null,
    done: 0,
    total: 0,
    startedAt: null,
    lastError: null,
  }

  function progress(): SyncProgress {
    const groups = cache.syncState.get('groups')
    const times = (['groups', 'applications', 'members', 'attributes', 'counters'] as const).map((domain) => cache.syncState.get(domain).lastEventAt ?? 0)
    const lastEvent = Math.max(...times)
    return {
      running: running !== null,
      stage: state.stage,
      done: state.done,
      total: state.total,
      startedAt: state.startedAt === null ? null : new Date(state.startedAt),
      lastFullPullAt: groups.lastFullPullAt === null ? null : new Date(groups.lastFullPullAt),
      lastEventAt: lastEvent > 0 ? new Date(lastEvent) : null,
      lastError: state.lastError,
    }
  }

  function emitProgress(force = false): void {
    const now = clock.now()
    if (!force && now - lastProgressEmit < PROGRESS_INTERVAL_MS) return
    lastProgressEmit = now
    options.onProgress?.(progress())
  }

  function changed(domains: SyncDomain[], groupIDs?: string[]): void {
    options.onChange?.(groupIDs ? { domains, groupIDs } : { domains })
  }

  /** One service call, retried through network trouble until it succeeds or the sync stops. */
  async function call<T>(run: () => Promise<{ data: T }>): Promise<T> {
    let retried = false
    const data = await withRetry(async () => (await run()).data, {
      clock,
      shouldContinue: () => !stopped,
      onRetry: (error) => {
        retried = true
        state.lastError = `${error.code}: ${error.message} — retrying`
        emitProgress(true)
      },
    })
    // Through the trouble: the warning no longer applies.
    if (retried) state.lastError = null
    // Stopped while the call was out: its answer must not be written to a cache that may be closing.
    if (stopped) throw new RetryStoppedError(null)
    return data
  }

  function stage(name: string, total: number): void {
    state.stage = name
    state.done = 0
    state.total = total
    emitProgress(true)
  }

  function step(): void {
    state.done += 1
    emitProgress()
  }

  async function pullGroups(): Promise<void> {
    stage('groups', 1)
    const { groupList } = await call(() => sdk.getGroupList())
    const at = clock.now()
    cache.groups.upsert(groupList, at)
    const absent = cache.groups.markAbsent(new Set(groupList.map((group) => group.groupID)), at)
    await classifyAbsentGroups(absent)
    changed(['groups'])

    stage('profiles', groupList.length)
    let batch: Group[] = []
    for (const { groupID } of groupList) {
      if (stopped) return
      try {
        batch.push((await call(() => sdk.getGroupProfile({ groupID }))).group)
      } catch (error) {
        // A group that went away between the list and its profile is classified by the next pull.
        if (!isSdkError(error)) throw error
        log(`[sync] profile of ${groupID} refused`, error)
      }
      step()
      if (batch.length >= WRITE_BATCH) {
        cache.groups.upsert(batch, clock.now())
        batch = []
      }
    }
    cache.groups.upsert(batch, clock.now())
    cache.syncState.fullPullDone('groups', clock.now())
    changed(['groups'])
  }

  /** A group missing from the list was either left or dismissed: the service says which. */
  async function classifyAbsentGroups(groupIDs: readonly string[]): Promise<void> {
    for (const groupID of groupIDs) {
      try {
        await call(() => sdk.searchGroupByID(groupID))
      } catch (error) {
        if (isSdkError(error) && error.code === 10010) cache.groups.markDismissed(groupID)
      }
    }
  }

  async function pullApplications(): Promise<void> {
    stage('applications', 1)
    const { applicationList } = await call(() => sdk.getGroupApplicationList())
    // At the documented cap the list is a window, not the whole backlog (limits.ts).
    const complete = applicationList.length < APPLICATION_LIST_LIMITS.pendingPerUserCap.value
    const result = cache.applications.reconcilePending(applicationList, clock.now(), complete)
    cache.syncState.fullPullDone('applications', clock.now())
    step()
    if (result.added > 0 || result.gone > 0) changed(['applications'])
  }

  async function pullMembers(groupIDs: readonly string[]): Promise<void> {
    stage('members', groupIDs.length)
    for (const groupID of groupIDs) {
      if (stopped) return
      try {
        const members = []
        let offset = 0
        do {
          const page = await call(() => sdk.getGroupMemberList({ groupID, count: MEMBER_PAGE, offset }))
          members.push(...page.memberList)
          offset = page.offset
        } while (offset !== 0 && !stopped)
        if (!stopped) cache.members.replaceGroupMembers(groupID, members, clock.now())
      } catch (error) {
        if (!isSdkError(error)) throw error
        log(`[sync] members of ${groupID} refused`, error)
      }
      step()
    }
    cache.syncState.fullPullDone('members', clock.now())
    changed(['members'])
  }

  /**
   * Attributes and counters: none for topic-enabled communities, and an AVChatRoom's only after joining it
   * in this session (sdk-facts "Rules by group type"), which a background pull does not do.
   */
  function attributesReadable(groupID: string): boolean {
    const group = cache.groups.get(groupID)
    return group !== null && !group.isSupportTopic && group.type !== 'AVChatRoom'
  }

  async function pullAttributes(groupIDs: readonly string[]): Promise<void> {
    const readable = groupIDs.filter(attributesReadable)
    stage('attributes', readable.length)
    for (const groupID of readable) {
      if (stopped) return
      try {
        await pacers.attributeReads.acquire()
        const { groupAttributes } = await call(() => sdk.getGroupAttributes({ groupID, keyList: [] }))
        cache.attributes.replaceAll(groupID, groupAttributes, clock.now())
      } catch (error) {
        if (!isSdkError(error)) throw error
        log(`[sync] attributes of ${groupID} refused`, error)
      }
      step()
    }
    cache.syncState.fullPullDone('attributes', clock.now())
    changed(['attributes'])
  }

  async function pullCounters(groupIDs: readonly string[]): Promise<void> {
    const readable = groupIDs.filter(attributesReadable)
    stage('counters', readable.length)
    for (const groupID of readable) {
      if (stopped) return
      try {
        await pacers.counterReads.acquire()
        const { counters } = await call(() => sdk.getGroupCounters({ groupID, keyList: [] }))
        cache.counters.record(groupID, counters, 'sync', clock.now())
      } catch (error) {
        if (!isSdkError(error)) throw error
        log(`[sync] counters of ${groupID} refused`, error)
      }
      step()
    }
    cache.syncState.fullPullDone('counters', clock.now())
    changed(['counters'])
  }

  async function runFullPull(): Promise<void> {
    state.startedAt = clock.now()
    state.lastError = null
    try {
      // Groups and applications first: they make the inbox usable; the paced domains follow.
      await pullGroups()
      if (!stopped) await pullApplications()
      const administered = cache.groups.administeredIDs()
      if (!stopped) await pullMembers(administered)
      if (!stopped) await pullAttributes(administered)
      if (!stopped) await pullCounters(administered)
    } catch (error) {
      if (error instanceof RetryStoppedError) return
      state.lastError = isSdkError(error) ? `${error.code}: ${error.message}` : 'The pull failed unexpectedly'
      cache.syncState.failed('groups', state.lastError)
      throw error
    } finally {
      state.stage = null
      running = null
      // After stop(), the cache may be closing: stop() reports the last progress itself.
      if (!stopped) emitProgress(true)
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Incremental updates.

  function onGroupList(event: ChatEvent<typeof EVENTS.GROUP_LIST_UPDATED>): void {
    const at = clock.now()
    cache.groups.upsert(event.data, at)
    cache.groups.markAbsent(new Set(event.data.map((group) => group.groupID)), at)
    cache.syncState.eventSeen('groups', at)
    changed(['groups'])
  }

  function onAttributes(event: ChatEvent<typeof EVENTS.GROUP_ATTRIBUTES_UPDATED>): void {
    const { groupID, groupAttributes, updatedKeyList, deletedKeyList } = event.data
    if (!cache.groups.get(groupID)) return
    const updated = Object.fromEntries((updatedKeyList ?? Object.keys(groupAttributes)).filter((key) => key in groupAttributes).map((key) => [key, groupAttributes[key]!]))
    const at = clock.now()
    cache.attributes.apply(groupID, updated, deletedKeyList ?? [], at)
    cache.syncState.eventSeen('attributes', at)
    changed(['attributes'], [groupID])
  }

  function onCounter(event: ChatEvent<typeof EVENTS.GROUP_COUNTER_UPDATED>): void {
    const { groupID, key, value } = event.data
    if (!cache.groups.get(groupID)) return
    const at = clock.now()
    cache.counters.record(groupID, { [key]: BigInt(value) }, 'event', at)
    cache.syncState.eventSeen('counters', at)
    changed(['counters'], [groupID])
  }

  function onMessages(event: ChatEvent<typeof EVENTS.MESSAGE_RECEIVED>): void {
    for (const message of event.data) {
      if (!isGroupSystemNotice(message)) continue
      const effect = noticeEffect(message)
      const at = clock.now()
      switch (effect.kind) {
        case 'application':
          if (cache.applications.addPending(effect.application, at)) {
            cache.syncState.eventSeen('applications', at)
            changed(['applications'], [effect.application.groupID])
          }
          break
        case 'group-gone':
          if (cache.groups.markStatus(effect.groupID, effect.status, at)) changed(['groups'], [effect.groupID])
          break
        case 'refresh-applications':
          void pullApplications().catch((error: unknown) => log('[sync] applications refresh failed', error))
          break
        case 'refresh-group':
          void call(() => sdk.getGroupProfile({ groupID: effect.groupID }))
            .then(({ group }) => {
              cache.groups.upsert([group], clock.now())
              changed(['groups'], [effect.groupID])
            })
            .catch((error: unknown) => log(`[sync] refresh of ${effect.groupID} failed`, error))
          break
        case 'refresh-group-list':
          void call(() => sdk.getGroupList())
            .then(({ groupList }) => onGroupList({ name: EVENTS.GROUP_LIST_UPDATED, data: groupList }))
            .catch((error: unknown) => log('[sync] group list refresh failed', error))
          break
        case 'none':
          break
      }
    }
  }

  return {
    start() {
      if (subscribed) return
      subscribed = true
      stopped = false
      sdk.on(EVENTS.GROUP_LIST_UPDATED, onGroupList)
      sdk.on(EVENTS.GROUP_ATTRIBUTES_UPDATED, onAttributes)
      sdk.on(EVENTS.GROUP_COUNTER_UPDATED, onCounter)
      sdk.on(EVENTS.MESSAGE_RECEIVED, onMessages)
    },
    async stop() {
      stopped = true
      if (subscribed) {
        subscribed = false
        sdk.off(EVENTS.GROUP_LIST_UPDATED, onGroupList)
        sdk.off(EVENTS.GROUP_ATTRIBUTES_UPDATED, onAttributes)
        sdk.off(EVENTS.GROUP_COUNTER_UPDATED, onCounter)
        sdk.off(EVENTS.MESSAGE_RECEIVED, onMessages)
      }
      // A call in flight may never answer once the session is gone: stop waiting for it after a moment.
      if (running) await Promise.race([running.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000).unref())])
      running = null
      state.stage = null
      emitProgress(true)
    },
    fullPull() {
      stopped = false
      if (running && state.lastError) {
        // Asked again (after a reconnection, say): the trouble reported by the running pull is over.
        state.lastError = null
        emitProgress(true)
      }
      running ??= runFullPull()
      return running
    },
    progress,
  }
}
