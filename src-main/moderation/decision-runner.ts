// Sends the journal's decisions: one at a time (approvals are serialised: the native SDK reports 6015 for
// parallel ones, sdk-facts "Error codes"), retrying retryable codes with backoff and jitter, failing an
// item (only that item) on permission, invalid or gone codes, and waiting while offline. At start and
// after every reconnection it revalidates unsettled decisions against the service's pending list.
import { APPLICATION_LIST_LIMITS } from '../shared/limits'
import { describeErrorCode, isRetryable, isSdkError } from '../shared/errors'
import type { ChatSdk } from '../chat/sdk'
import { applicationKey } from '../store/cache/applications-repository'
import type { DecisionJournal, PendingDecision, Settlement } from './decision-journal'
import { systemClock, type PacerClock } from './pacer'
import { withRetry } from './retry'
import { createJournalLoop } from './journal-loop'

export interface DecisionRunnerOptions {
  journal: DecisionJournal
  /** The SDK while the session is ready; null while offline, signed out or kicked out. */
  sdk: () => ChatSdk | null
  clock?: PacerClock
  /** Called after every state change of a job's decisions. */
  onJobChanged?: (jobID: number) => void
  /** Called when decisions changed what the inbox shows. */
  onApplicationsChanged?: () => void
  backoff?: { baseMs: number; maxMs: number }
  random?: () => number
  log?: (message: string, error?: unknown) => void
}

export interface DecisionRunner {
  start(): void
  stop(): Promise<void>
  /** Something changed (an enqueue, a resume, a reconnection): look for work now. */
  wake(): void
  /** The next pass revalidates unsettled decisions first (after a reconnection). */
  revalidateOnNextPass(): void
  /** Items settled per second over the last minute, for a job; null before any. */
  rate(jobID: number): number | null
  /** True while there is work but no connection to do it with. */
  waitingForConnection(): boolean
}

const RATE_WINDOW_MS = 60_000

/**
 * Who won the race, when the refusal says: `data.operatorID`, or a message ending "by <userID>" (the
 * sandbox's wording). The cloud's 10024 names nobody; then it is recorded as "someone else".
 */
function decidedByFrom(error: { message: string; data?: unknown }): string | null {
  const operatorID = (error.data as { operatorID?: unknown } | undefined)?.operatorID
  if (typeof operatorID === 'string' && operatorID) return operatorID
  const named = /\bby ([^\s]+)$/.exec(error.message)?.[1]
  return named && named !== 'someone' ? named : null
}

/** Codes after which the call may have been applied without its reply reaching us. */
const MAYBE_APPLIED_CODES = new Set([2800, 2801])

export function createDecisionRunner(options: DecisionRunnerOptions): DecisionRunner {
  const { journal } = options
  const clock = options.clock ?? systemClock
  // A dropped packet is worth retrying at once; a frequency limit needs the window to pass.
  const backoff = options.backoff ?? { baseMs: 25, maxMs: 10_000 }
  const rateLimitedBaseMs = 1000
  const random = options.random ?? Math.random
  const log = options.log ?? (() => {})
  const settledAt = new Map<number, number[]>()



  function countSettled(jobID: number): void {
    const now = clock.now()
    const times = (settledAt.get(jobID) ?? []).filter((at) => at > now - RATE_WINDOW_MS)
    times.push(now)
    settledAt.set(jobID, times)
  }

  function settle(decision: PendingDecision, settlement: Settlement): void {
    journal.settle(decision, settlement)
    countSettled(decision.jobID)
    options.onJobChanged?.(decision.jobID)
    options.onApplicationsChanged?.()
  }

  function retryDelay(attempts: number, code: number): number {
    const base = describeErrorCode(code).kind === 'rate-limited' ? rateLimitedBaseMs : backoff.baseMs
    return Math.round(random() * Math.min(backoff.maxMs, base * 2 ** Math.max(0, attempts - 1)))
  }

  /**
   * The last successful send's record, written while the next request is on the wire so the journal keeps
   * pace with the service. A crash before it is written leaves the decision 'sending': resent at start, the
   * service answers 10024 and it is recorded as confirmed — never applied twice.
   */
  let deferred: (() => void) | null = null
  function flush(): void {
    const write = deferred
    deferred = null
    try {
      write?.()
    } catch (error) {
      log('[decisions] could not record a sent decision', error)
    }
  }

  async function send(sdk: ChatSdk, decision: PendingDecision): Promise<void> {
    journal.markSending(decision.decisionID)
    let request: Promise<unknown>
    try {
      request = sdk.handleGroupApplication({
        handleAction: decision.action,
        handleMessage: decision.message,
        application: {
          applicant: decision.applicant,
          groupID: decision.groupID,
          authentication: decision.authentication,
          messageKey: decision.messageKey,
          applicationType: decision.applicationType,
          userID: decision.userID,
        },
      })
    } catch (error) {
      request = Promise.reject(error)
    }
    flush()
    try {
      await request
      deferred = () => settle(decision, { outcome: 'sent', code: 0 })
    } catch (error) {
      if (!isSdkError(error)) {
        log('[decisions] unexpected failure', error)
        settle(decision, { outcome: 'failed', code: null, text: 'Unexpected error in the console' })
        return
      }
      if (error.code === 10024) {
        // The first moderator to handle an application wins. After a lost reply, the winner may be us.
        const decidedBy = decidedByFrom(error)
        settle(
          decision,
          decision.maybeApplied
            ? { outcome: 'confirmed', code: 10024, text: 'Already processed: the earlier send from this console reached the service' }
            : { outcome: 'decided-elsewhere', code: 10024, text: describeErrorCode(10024).text, decidedBy },
        )
        return
      }
      if (isRetryable(error.code)) {
        journal.requeue(decision.decisionID, clock.now() + retryDelay(decision.attempts + 1, error.code), MAYBE_APPLIED_CODES.has(error.code), `${error.code}: ${error.message}`)
        options.onJobChanged?.(decision.jobID)
        return
      }
      settle(decision, { outcome: 'failed', code: error.code, text: describeErrorCode(error.code).text })
    }
  }

  /**
   * Unsettled decisions against the service's pending list. Absent from a complete list: decided meanwhile
   * (or, if our own send may have landed, confirmed) — not sent again. Present, or the list is capped: sent.
   */
  async function revalidate(sdk: ChatSdk): Promise<void> {
    const unsettled = journal.unsettled()
    if (unsettled.length === 0) return
    const { applicationList } = (await withRetry(() => sdk.getGroupApplicationList(), { clock, maxAttempts: 5 })).data
    if (applicationList.length >= APPLICATION_LIST_LIMITS.pendingPerUserCap.value) return
    const pending = new Set(applicationList.map(applicationKey))
    for (const decision of unsettled) {
      if (pending.has(decision.applicationKey)) continue
      settle(
        decision,
        decision.maybeApplied
          ? { outcome: 'confirmed', code: null, text: 'Confirmed by refetch: no longer pending after this console sent it' }
          : { outcome: 'decided-elsewhere', code: null, text: 'Handled by someone else while this decision waited; not sent' },
      )
    }
  }

  const loop = createJournalLoop<PendingDecision>({
    name: 'decisions',
    sdk: options.sdk,
    clock,
    nextDue: (now) => {
      const due = journal.nextDue(now)
      return 'decision' in due ? { item: due.decision } : due
    },
    send,
    // Decisions caught mid-send by a crash go back to the queue, marked as possibly applied.
    recover: () => {
      for (const decision of journal.inFlight()) journal.requeue(decision.decisionID, clock.now(), true, 'Interrupted while sending')
    },
    revalidate,
    flush,
    log,
  })

  return {
    start: loop.start,
    stop: loop.stop,
    wake: loop.wake,
    revalidateOnNextPass: loop.revalidateOnNextPass,
    rate(jobID) {
      const now = clock.now()
      const times = (settledAt.get(jobID) ?? []).filter((at) => at > now - RATE_WINDOW_MS)
      if (times.length < 2) return null
      const span = Math.max(1, now - times[0]!)
      return (times.length * 1000) / span
    },
    waitingForConnection: loop.waitingForConnection,
  }
}
