// One account's moderation: its decision journal, the runner that sends it, and the audit log, with
// the operations the IPC contract offers on them. Created when the account's cache opens (decisions can
// be made offline) and stopped before the cache closes.
import type { ChatSdk } from '../chat/sdk'
import type { EventBus } from '../ipc/events'
import type { AccountCache } from '../store/cache'
import {
  auditExportSchema,
  jobDetailQuerySchema,
  type AuditEntry,
  type AuditQuery,
  type DecisionItem,
  type EnqueueDecisions,
  type EnqueueResult,
  type JobSummary,
  type Page,
} from '../shared/domain'
import { AppError, CONSOLE_ERROR_CODES } from '../shared/errors'
import type { z } from 'zod'
import { createAuditLog } from './audit-log'
import { createDecisionJournal } from './decision-journal'
import { createDecisionRunner } from './decision-runner'
import { systemClock, type PacerClock } from './pacer'

export interface ModerationRuntimeOptions {
  cache: AccountCache
  actor: string
  /** The SDK while the session is ready; null otherwise (decisions wait). */
  sdk: () => ChatSdk | null
  events: EventBus
  undoWindowMs: () => number
  clock?: PacerClock
  log?: (message: string, error?: unknown) => void
}

export interface ModerationRuntime {
  enqueue(input: EnqueueDecisions): EnqueueResult
  undo(jobID: number, decisionIDs?: number[]): { undone: number; job: JobSummary }
  jobs(offset: number, limit: number): Page<JobSummary>
  job(query: z.input<typeof jobDetailQuerySchema>): { job: JobSummary; items: Page<DecisionItem> }
  setJobState(jobID: number, state: 'active' | 'paused' | 'cancelled'): JobSummary
  retryFailed(jobID: number): JobSummary
  audit(query: AuditQuery): Page<AuditEntry>
  exportAudit(input: z.input<typeof auditExportSchema>): { fileName: string; mimeType: string; content: string; rows: number }
  /** The session became ready: revalidate what waited, then send. */
  connected(): void
  /** The session changed (offline, kicked out…): jobs still running report what they now wait for. */
  sessionChanged(): void
  stop(): Promise<void>
}

/** Progress events at most this often per job; a finished job always reports. */
const PROGRESS_INTERVAL_MS = 100

export function createModerationRuntime(options: ModerationRuntimeOptions): ModerationRuntime {
  const clock = options.clock ?? systemClock
  const journal = createDecisionJournal(options.cache, () => clock.now())
  const audit = createAuditLog(options.cache)
  const lastEmit = new Map<number, number>()
  const pendingEmit = new Map<number, NodeJS.Timeout>()
  let applicationsTimer: NodeJS.Timeout | null = null
  /** Set once stop() begins: the cache is about to close, nothing may read it after. */
  let stopped = false

  const runner = createDecisionRunner({
    journal,
    sdk: options.sdk,
    clock,
    onJobChanged: (jobID) => emitJob(jobID),
    onApplicationsChanged: () => emitApplications(),
    ...(options.log ? { log: options.log } : {}),
  })

  function summary(jobID: number): JobSummary {
    const waiting = runner.waitingForConnection() ? 'offline' : null
    const job = journal.jobSummary(jobID, clock.now(), runner.rate(jobID), waiting)
    if (!job) throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `No job ${jobID}`)
    return job
  }

  /** Emits a job's summary, at most every PROGRESS_INTERVAL_MS per job; the latest state always goes out. */
  function emitJob(jobID: number, force = false): void {
    const now = clock.now()
    if (!force && now - (lastEmit.get(jobID) ?? 0) < PROGRESS_INTERVAL_MS) {
      // Coalesce: the state at the end of the interval goes out, so the last one (finished) is never lost.
      if (!pendingEmit.has(jobID)) {
        const timer = setTimeout(() => {
          pendingEmit.delete(jobID)
          emitJob(jobID, true)
        }, PROGRESS_INTERVAL_MS - (now - (lastEmit.get(jobID) ?? 0)))
        timer.unref?.()
        pendingEmit.set(jobID, timer)
      }
      return
    }
    lastEmit.set(jobID, now)
    options.events.emit('jobs:progress', summary(jobID))
  }

  function emitApplications(): void {
    if (applicationsTimer) return
    applicationsTimer = setTimeout(() => {
      applicationsTimer = null
      options.events.emit('cache:changed', { domains: ['applications'] })
    }, PROGRESS_INTERVAL_MS)
    applicationsTimer.unref?.()
  }

  runner.start()

  return {
    enqueue(input) {
      const result = journal.enqueue(input, options.actor, options.undoWindowMs())
      runner.wake()
      emitJob(result.jobID, true)
      options.events.emit('cache:changed', { domains: ['applications'] })
      return result
    },
    undo(jobID, decisionIDs) {
      const undone = journal.undo(jobID, decisionIDs)
      runner.wake()
      emitJob(jobID, true)
      options.events.emit('cache:changed', { domains: ['applications'] })
      return { undone, job: summary(jobID) }
    },
    jobs(offset, limit) {
      const { ids, total } = journal.jobIDs(offset, limit)
      return { rows: ids.map(summary), total, offset }
    },
    job(query) {
      const parsed = jobDetailQuerySchema.parse(query)
      return { job: summary(parsed.jobID), items: journal.items(parsed) }
    },
    setJobState(jobID, state) {
      summary(jobID)
      journal.setJobState(jobID, state)
      runner.wake()
      emitJob(jobID, true)
      if (state === 'cancelled') options.events.emit('cache:changed', { domains: ['applications'] })
      return summary(jobID)
    },
    retryFailed(jobID) {
      summary(jobID)
      journal.retryFailed(jobID, clock.now())
      runner.wake()
      emitJob(jobID, true)
      return summary(jobID)
    },
    audit: (query) => audit.query(query),
    exportAudit(input) {
      const parsed = auditExportSchema.parse(input)
      const { format, ...filters } = parsed
      const { content, rows } = audit.export(filters, format)
      const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-')
      return { fileName: `audit-${stamp}.${format}`, mimeType: format === 'csv' ? 'text/csv' : 'application/x-ndjson', content, rows }
    },
    connected: () => runner.revalidateOnNextPass(),
    sessionChanged() {
      // The runner notices on its next pass; the jobs' summaries should say so now.
      runner.wake()
      setImmediate(() => {
        if (stopped) return
        const { ids } = journal.jobIDs(0, 20)
        for (const jobID of ids) if (!summary(jobID).finished) emitJob(jobID, true)
      })
    },
    async stop() {
      stopped = true
      await runner.stop()
      for (const timer of pendingEmit.values()) clearTimeout(timer)
      pendingEmit.clear()
      if (applicationsTimer) clearTimeout(applicationsTimer)
    },
  }
}
