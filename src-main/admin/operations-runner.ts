// Sends the operations journal: one operation at a time, retrying retryable codes with backoff, failing
// only the item on anything else. A profile edit first reads the group: if someone else changed the same
// fields since the edit was made, it stops as a conflict for the moderator to resolve — never a silent
// overwrite. If the service already has the edit's values (a resend after a crash), it is done.
import type { ChatSdk } from '../chat/sdk'
import { describeErrorCode, isRetryable, isSdkError } from '../shared/errors'
import type { ProfilePatch } from '../shared/profile-rules'
import { systemClock, type Pacer, type PacerClock } from '../moderation/pacer'
import { createJournalLoop } from '../moderation/journal-loop'
import type { OperationsJournal, PendingOperation } from './operations-journal'
import { sameValues, toUpdateOptions, valuesFor, type ProfileValues } from './profile-values'
import type { Group } from '../chat/sdk'

export interface OperationsRunnerOptions {
  journal: OperationsJournal
  sdk: () => ChatSdk | null
  clock?: PacerClock
  onRunChanged?: (runID: number) => void
  /** A group's profile as the service returned it after a change, for the cache. */
  onGroupUpdated?: (group: Group) => void
  /** Members of a group changed through an operation. */
  onMembersChanged?: (groupID: string) => void
  /** A counter changed through an operation (values as the service returned them). */
  onCountersChanged?: (groupID: string, counters: Record<string, bigint>) => void
  /** The pacer a command's calls must go through, if it has a documented rate limit. */
  pacerFor?: (command: PendingOperation['command']) => Pacer | null
  random?: () => number
  log?: (message: string, error?: unknown) => void
}

export interface OperationsRunner {
  start(): void
  stop(): Promise<void>
  wake(): void
  waitingForConnection(): boolean
}

type Outcome = { state: 'done' } | { state: 'conflict'; theirs: ProfileValues }

async function execute(sdk: ChatSdk, operation: PendingOperation, options: OperationsRunnerOptions): Promise<Outcome> {
  const { groupID, payload } = operation
  await options.pacerFor?.(operation.command)?.acquire()
  switch (operation.command) {
    case 'updateGroupProfile': {
      const patch = payload as ProfilePatch
      if (!operation.force) {
        const { group } = (await sdk.getGroupProfile({ groupID })).data
        const current = valuesFor(patch, { service: group })
        if (sameValues(current, payload as ProfileValues)) return { state: 'done' }
        if (!sameValues(current, operation.base as ProfileValues)) return { state: 'conflict', theirs: current }
      }
      const { group } = (await sdk.updateGroupProfile(toUpdateOptions(groupID, patch))).data
      options.onGroupUpdated?.(group)
      return { state: 'done' }
    }
    case 'setGroupCounters': {
      // A counter is a live value (viewers, likes): no conflict check, the moderator's value is the point.
      const { counters } = (await sdk.setGroupCounters({ groupID, counters: { [String(payload.key)]: BigInt(String(payload.value)) } })).data
      options.onCountersChanged?.(groupID, counters)
      return { state: 'done' }
    }
    case 'setGroupMemberRole':
      await sdk.setGroupMemberRole({ groupID, userID: String(payload.userID), role: payload.role as 'Admin' | 'Member' })
      return { state: 'done' }
    case 'setGroupMemberMuteTime':
      await sdk.setGroupMemberMuteTime({ groupID, userID: String(payload.userID), muteTime: Number(payload.muteTime) })
      return { state: 'done' }
    case 'deleteGroupMember':
      await sdk.deleteGroupMember({ groupID, userIDList: [String(payload.userID)], reason: String(payload.reason ?? '') })
      return { state: 'done' }
    case 'setGroupMemberNameCard':
      await sdk.setGroupMemberNameCard({ groupID, userID: String(payload.userID), nameCard: String(payload.nameCard) })
      return { state: 'done' }
  }
}

export function createOperationsRunner(options: OperationsRunnerOptions): OperationsRunner {
  const { journal } = options
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const log = options.log ?? (() => {})



  async function send(sdk: ChatSdk, operation: PendingOperation): Promise<void> {
    journal.markSending(operation.operationID)
    try {
      const outcome = await execute(sdk, operation, options)
      if (outcome.state === 'done') journal.settle(operation.operationID, { state: 'done' })
      else journal.settle(operation.operationID, { state: 'conflict', theirs: outcome.theirs, text: 'Someone else changed these fields after this edit was made' })
      if (operation.command.startsWith('setGroupMember') || operation.command === 'deleteGroupMember') options.onMembersChanged?.(operation.groupID)
    } catch (error) {
      if (isSdkError(error) && error.code === 2996) options.pacerFor?.(operation.command)?.backOff()
      if (isSdkError(error) && isRetryable(error.code)) {
        const delay = Math.round(random() * Math.min(10_000, 250 * 2 ** operation.attempts))
        journal.requeue(operation.operationID, clock.now() + delay, `${error.code}: ${error.message}`)
      } else if (isSdkError(error)) {
        journal.settle(operation.operationID, { state: 'failed', code: error.code, text: describeErrorCode(error.code).text })
      } else {
        log('[operations] unexpected failure', error)
        journal.settle(operation.operationID, { state: 'failed', code: null, text: error instanceof Error ? error.message : 'Unexpected error in the console' })
      }
    }
    options.onRunChanged?.(operation.runID)
  }

  const loop = createJournalLoop<PendingOperation>({
    name: 'operations',
    sdk: options.sdk,
    clock,
    nextDue: (now) => {
      const due = journal.nextDue(now)
      return 'operation' in due ? { item: due.operation } : due
    },
    send,
    // Caught mid-send by a crash: resent, which is safe (a profile edit finds its values already there).
    recover: () => void journal.requeueInFlight(clock.now()),
    log,
  })

  return {
    start: loop.start,
    stop: loop.stop,
    wake: loop.wake,
    waitingForConnection: loop.waitingForConnection,
  }
}
