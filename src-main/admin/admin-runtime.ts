// One account's group administration: profile edits and member changes through the operations journal
// (waiting offline, paced, per-item results, rollback), lifecycle actions and attributes (which need the
// service now, and say so when offline). Created with the account's cache, stopped before it closes.
import type { ChatSdk, Group } from '../chat/sdk'
import type { EventBus } from '../ipc/events'
import type { AccountCache } from '../store/cache'
import {
  type CreateGroupInput,
  type GroupSelection,
  type OperationItem,
  type RunSummary,
  attributesWriteSchema,
  memberBulkSchema,
} from '../shared/admin-domain'
import type { Page } from '../shared/domain'
import { AppError, CONSOLE_ERROR_CODES, isSdkError } from '../shared/errors'
import { lifecycleRules, customGroupIdProblem } from '../shared/lifecycle-rules'
import { memberActionRules } from '../shared/member-rules'
import { type ProfileLimitProfile, profileTextLimits, utf8ByteLength, MEMBERSHIP_LIMITS } from '../shared/limits'
import type { ProfilePatch } from '../shared/profile-rules'
import { systemClock, type Pacer, type PacerClock } from '../moderation/pacer'
import type { z } from 'zod'
import { attributeProblems } from './attribute-limits'
import { createOperationsJournal, type NewOperation } from './operations-journal'
import { createOperationsRunner } from './operations-runner'
import { createProfileEdits } from './profile-edits'
import { createCounters } from './counters'

export interface AdminRuntimeOptions {
  cache: AccountCache
  actor: string
  /** The SDK while the session is ready; null otherwise. */
  sdk: () => ChatSdk | null
  events: EventBus
  profileLimits: () => ProfileLimitProfile
  /** The account's pacers, shared with the sync: the service counts one user's calls together. */
  pacers: { attributeReads: Pacer; attributeWrites: Pacer; counterReads: Pacer; counterWrites: Pacer }
  clock?: PacerClock
  log?: (message: string, error?: unknown) => void
}

type ApplyResult = { runID: number | null; queued: number; refused: number; unchanged: number }

const PROGRESS_INTERVAL_MS = 100

export function createAdminRuntime(options: AdminRuntimeOptions) {
  const { cache } = options
  const clock = options.clock ?? systemClock
  const log = options.log ?? (() => {})
  const journal = createOperationsJournal(cache, () => clock.now())
  const edits = createProfileEdits(cache, journal, options.profileLimits)
  const { attributeReads, attributeWrites } = options.pacers
  const lastEmit = new Map<number, number>()
  const pendingEmit = new Map<number, NodeJS.Timeout>()
  const membersRefresh = new Map<string, NodeJS.Timeout>()

  const runner = createOperationsRunner({
    journal,
    sdk: options.sdk,
    clock,
    onRunChanged: (runID) => emitRun(runID),
    onGroupUpdated: (group) => {
      cache.groups.upsert([group], clock.now())
      options.events.emit('cache:changed', { domains: ['groups'], groupIDs: [group.groupID] })
    },
    onMembersChanged: (groupID) => scheduleMembersRefresh(groupID),
    onCountersChanged: (groupID, counters) => {
      cache.counters.record(groupID, counters, 'console', clock.now())
      options.events.emit('cache:changed', { domains: ['counters'], groupIDs: [groupID] })
    },
    pacerFor: (command) => (command === 'setGroupCounters' ? options.pacers.counterWrites : null),
    log,
  })
  runner.start()
  const counters = createCounters({ cache, journal, sdk: options.sdk, events: options.events, pacers: options.pacers, actor: options.actor, clock })

  function summary(runID: number): RunSummary {
    const run = journal.summary(runID, runner.waitingForConnection())
    if (!run) throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `No run ${runID}`)
    return run
  }

  function emitRun(runID: number, force = false): void {
    const now = clock.now()
    const since = now - (lastEmit.get(runID) ?? 0)
    if (!force && since < PROGRESS_INTERVAL_MS) {
      if (!pendingEmit.has(runID)) {
        const timer = setTimeout(() => {
          pendingEmit.delete(runID)
          emitRun(runID, true)
        }, PROGRESS_INTERVAL_MS - since)
        timer.unref?.()
        pendingEmit.set(runID, timer)
      }
      return
    }
    lastEmit.set(runID, now)
    options.events.emit('operations:progress', summary(runID))
  }

  function started(result: ApplyResult): ApplyResult {
    if (result.runID !== null) {
      runner.wake()
      emitRun(result.runID, true)
    }
    return result
  }

  /** Member changes land in many calls: read the group's members once they have settled. */
  function scheduleMembersRefresh(groupID: string): void {
    clearTimeout(membersRefresh.get(groupID))
    const timer = setTimeout(() => {
      membersRefresh.delete(groupID)
      void refreshMembers(groupID).catch((error: unknown) => log(`[admin] members of ${groupID} not refreshed`, error))
    }, 300)
    timer.unref?.()
    membersRefresh.set(groupID, timer)
  }

  async function refreshMembers(groupID: string): Promise<void> {
    const sdk = options.sdk()
    if (!sdk) return
    const members = []
    let offset = 0
    do {
      const page = (await sdk.getGroupMemberList({ groupID, count: MEMBERSHIP_LIMITS.memberListPageMax.value, offset })).data
      members.push(...page.memberList)
      offset = page.offset
    } while (offset !== 0)
    cache.members.replaceGroupMembers(groupID, members, clock.now())
    const { group } = (await sdk.getGroupProfile({ groupID })).data
    cache.groups.upsert([group], clock.now())
    options.events.emit('cache:changed', { domains: ['members', 'groups'], groupIDs: [groupID] })
  }

  /** The service, now: lifecycle and attributes cannot wait in a queue. */
  function online(what: string): ChatSdk {
    const sdk = options.sdk()
    if (!sdk) throw new AppError(CONSOLE_ERROR_CODES.offline, `Offline: ${what} needs the service now and cannot be queued`)
    return sdk
  }

  function cachedGroup(groupID: string) {
    const group = cache.groups.get(groupID)
    if (!group) throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `Group ${groupID} is not in the cache`)
    return group
  }

  function requireConfirmation(groupID: string, confirmName: string): ReturnType<typeof cachedGroup> {
    const group = cachedGroup(groupID)
    if (confirmName.trim() !== group.name.trim()) {
      throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `Type the group's name, "${group.name}", to confirm`, { field: 'confirmName' })
    }
    return group
  }

  function requireRule(rule: { allowed: boolean; reason: string | null }): void {
    if (!rule.allowed) throw new AppError(CONSOLE_ERROR_CODES.ruleRefused, rule.reason ?? 'Not allowed')
  }

  function attributesUnavailable(groupID: string): string | null {
    const group = cachedGroup(groupID)
    if (group.isSupportTopic) return 'Topic-enabled communities have no group attributes (seeds/group-attributes.txt)'
    if (group.type === 'AVChatRoom') return 'An AVChatRoom’s attributes can be read and written only after joining it in this session (seeds/group-attributes.txt)'
    return null
  }

  async function fetchAttributes(sdk: ChatSdk, groupID: string): Promise<Record<string, string>> {
    await attributeReads.acquire()
    const { groupAttributes } = (await sdk.getGroupAttributes({ groupID, keyList: [] })).data
    cache.attributes.replaceAll(groupID, groupAttributes, clock.now())
    return groupAttributes
  }

  return {
    preview: (selection: GroupSelection, patch: ProfilePatch) => edits.preview(selection, patch),
    apply: (selection: GroupSelection, patch: ProfilePatch) => started(edits.apply(selection, patch, options.actor)),
    rollback: (runID: number) => started(edits.rollback(runID, options.actor)),

    runs(offset: number, limit: number): Page<RunSummary> {
      const { ids, total } = journal.runIDs(offset, limit)
      return { rows: ids.map(summary), total, offset }
    },
    run(runID: number, only: 'all' | 'failed' | 'conflict' | 'pending' | 'done', offset: number, limit: number): { run: RunSummary; items: Page<OperationItem> } {
      return { run: summary(runID), items: journal.items(runID, only, offset, limit) }
    },
    cancel(runID: number): RunSummary {
      summary(runID)
      journal.cancelRun(runID)
      emitRun(runID, true)
      return summary(runID)
    },
    resolveConflict(operationID: number, resolution: 'apply-mine' | 'keep-theirs'): OperationItem {
      let resolved
      try {
        resolved = journal.resolveConflict(operationID, resolution, clock.now())
      } catch {
        throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `Operation ${operationID} has no conflict to resolve`)
      }
      runner.wake()
      emitRun(resolved.runID, true)
      return journal.item(operationID)!
    },

    lifecycleRules: (groupID: string) => lifecycleRules(cachedGroup(groupID)),

    async create(input: CreateGroupInput) {
      const problems: string[] = []
      const idProblem = customGroupIdProblem(input.type, input.groupID ?? '')
      if (idProblem) problems.push(idProblem)
      const limits = profileTextLimits('create', options.profileLimits())
      for (const field of ['name', 'introduction', 'notification'] as const) {
        const value = input[field]
        if (value !== undefined && utf8ByteLength(value) > limits[field]) problems.push(`The ${field} is ${utf8ByteLength(value)} bytes; the limit when creating is ${limits[field]}`)
      }
      if (input.type === 'AVChatRoom' && input.memberUserIDs?.length) problems.push('An AVChatRoom cannot be created with members: they join it themselves')
      if (input.joinOption && (input.type === 'Private' || input.type === 'ChatRoom' || input.type === 'AVChatRoom')) problems.push('This group type has a fixed join option')
      if (input.inviteOption && input.type === 'AVChatRoom') problems.push('An AVChatRoom does not support the invite option')
      if (problems.length > 0) throw new AppError(CONSOLE_ERROR_CODES.invalidInput, problems.join('; '), { problems })
      const sdk = online('creating a group')
      const { group, overLimitUserIDList } = (
        await sdk.createGroup({
          type: input.type,
          name: input.name,
          ...(input.groupID ? { groupID: input.groupID } : {}),
          ...(input.introduction !== undefined ? { introduction: input.introduction } : {}),
          ...(input.notification !== undefined ? { notification: input.notification } : {}),
          ...(input.joinOption ? { joinOption: input.joinOption } : {}),
          ...(input.inviteOption ? { inviteOption: input.inviteOption } : {}),
          ...(input.memberUserIDs?.length ? { memberList: input.memberUserIDs.map((userID) => ({ userID })) } : {}),
          ...(input.customFields?.length ? { groupCustomField: input.customFields } : {}),
        })
      ).data
      cache.groups.upsert([group], clock.now())
      options.events.emit('cache:changed', { domains: ['groups'], groupIDs: [group.groupID] })
      return { groupID: group.groupID, overLimitUserIDs: overLimitUserIDList ?? [] }
    },
    async join(groupID: string, applyMessage?: string) {
      const sdk = online('joining a group')
      const result = (await sdk.joinGroup({ groupID, ...(applyMessage ? { applyMessage } : {}) })).data
      if (result.group) {
        cache.groups.upsert([result.group as Group], clock.now())
        options.events.emit('cache:changed', { domains: ['groups'], groupIDs: [groupID] })
      }
      return { status: result.status }
    },
    async quit(groupID: string, confirmName: string) {
      const group = requireConfirmation(groupID, confirmName)
      requireRule(lifecycleRules(group).quit)
      await online('leaving a group').quitGroup(groupID)
      cache.groups.markStatus(groupID, 'left', clock.now())
      options.events.emit('cache:changed', { domains: ['groups'], groupIDs: [groupID] })
      return { groupID }
    },
    async dismiss(groupID: string, confirmName: string) {
      const group = requireConfirmation(groupID, confirmName)
      requireRule(lifecycleRules(group).dismiss)
      await online('dismissing a group').dismissGroup(groupID)
      cache.groups.markStatus(groupID, 'dismissed', clock.now())
      options.events.emit('cache:changed', { domains: ['groups'], groupIDs: [groupID] })
      return { groupID }
    },
    async transfer(groupID: string, newOwnerID: string, confirmName: string) {
      const group = requireConfirmation(groupID, confirmName)
      requireRule(lifecycleRules(group).transfer)
      const { group: updated } = (await online('transferring a group').changeGroupOwner({ groupID, newOwnerID })).data
      cache.groups.upsert([updated], clock.now())
      options.events.emit('cache:changed', { domains: ['groups'], groupIDs: [groupID] })
      return { groupID, newOwnerID }
    },

    memberRules: (groupID: string) => memberActionRules(cachedGroup(groupID)),

    applyMembers(input: z.input<typeof memberBulkSchema>): ApplyResult {
      const { groupID, userIDs, action } = memberBulkSchema.parse(input)
      const group = cachedGroup(groupID)
      requireRule(memberActionRules(group)[action.kind === 'unmute' ? 'mute' : action.kind])
      const command: NewOperation['command'] =
        action.kind === 'setRole' ? 'setGroupMemberRole' : action.kind === 'remove' ? 'deleteGroupMember' : action.kind === 'nameCard' ? 'setGroupMemberNameCard' : 'setGroupMemberMuteTime'
      const operations: NewOperation[] = userIDs.map((userID) => ({
        groupID,
        command,
        payload:
          action.kind === 'setRole' ? { userID, role: action.role }
          : action.kind === 'mute' ? { userID, muteTime: action.seconds }
          : action.kind === 'unmute' ? { userID, muteTime: 0 }
          : action.kind === 'remove' ? { userID, reason: action.reason }
          : { userID, nameCard: action.nameCard },
        base: {},
      }))
      const verbs = { setRole: action.kind === 'setRole' && action.role === 'Admin' ? 'Make admin' : 'Cancel admin', mute: 'Mute', unmute: 'Unmute', remove: 'Remove', nameCard: 'Set the name card of' }
      const runID = journal.createRun('members', `${verbs[action.kind]} ${userIDs.length} member${userIDs.length === 1 ? '' : 's'} of ${group.name}`, options.actor, operations)
      return started({ runID, queued: operations.length, refused: 0, unchanged: 0 })
    },
    async addMembers(groupID: string, userIDs: string[]) {
      requireRule(memberActionRules(cachedGroup(groupID)).add)
      const data = (await online('adding members').addGroupMember({ groupID, userIDList: userIDs })).data
      scheduleMembersRefresh(groupID)
      return { added: data.successUserIDList ?? [], failed: data.failureUserIDList ?? [], existed: data.existedUserIDList ?? [], overLimit: data.overLimitUserIDList ?? [] }
    },

    async attributes(groupID: string) {
      const unavailable = attributesUnavailable(groupID)
      const sdk = options.sdk()
      if (unavailable || !sdk) return { groupID, attributes: cache.attributes.get(groupID), source: 'cache' as const, unavailable, fetchedAt: new Date(clock.now()) }
      return { groupID, attributes: await fetchAttributes(sdk, groupID), source: 'service' as const, unavailable: null, fetchedAt: new Date(clock.now()) }
    },
    async writeAttributes(input: z.input<typeof attributesWriteSchema>) {
      const { groupID, set, remove, base } = attributesWriteSchema.parse(input)
      const unavailable = attributesUnavailable(groupID)
      if (unavailable) throw new AppError(CONSOLE_ERROR_CODES.ruleRefused, unavailable)
      const yours: Record<string, string> = { ...base, ...set }
      for (const key of remove) delete yours[key]
      const problems = attributeProblems(yours)
      if (problems.length > 0) throw new AppError(CONSOLE_ERROR_CODES.limitExceeded, problems.join('; '), { problems })
      const sdk = online('changing attributes')
      // Someone may have written since the editor read them: any touched key that moved is a conflict,
      // shown to the moderator rather than overwritten. 10056 covers the race after this read.
      const theirs = await fetchAttributes(sdk, groupID)
      const touched = [...Object.keys(set), ...remove]
      const conflict = () => ({ outcome: 'conflict' as const, code: 10056 as const, yours, theirs, base })
      if (touched.some((key) => theirs[key] !== base[key])) return conflict()
      try {
        if (Object.keys(set).length > 0) {
          await attributeWrites.acquire()
          await sdk.setGroupAttributes({ groupID, groupAttributes: set })
        }
        if (remove.length > 0) {
          await attributeWrites.acquire()
          await sdk.deleteGroupAttributes({ groupID, keyList: remove })
        }
      } catch (error) {
        if (isSdkError(error) && error.code === 10056) return { ...conflict(), theirs: await fetchAttributes(sdk, groupID) }
        throw error
      }
      const written = await fetchAttributes(sdk, groupID)
      options.events.emit('cache:changed', { domains: ['attributes'], groupIDs: [groupID] })
      return { outcome: 'written' as const, attributes: written }
    },

    counters,
    bulkSetCounters: (selection: GroupSelection, key: string, value: bigint) => started(counters.bulkSet(selection, key, value)),

    connected: () => runner.wake(),
    async stop() {
      await runner.stop()
      for (const timer of [...pendingEmit.values(), ...membersRefresh.values()]) clearTimeout(timer)
    },
  }
}

export type AdminRuntime = ReturnType<typeof createAdminRuntime>
