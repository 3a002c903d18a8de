// The decision journal's storage: every state change of a decision is a committed row before (or
// instead of) a network call, with its audit entry in the same transaction. The runner (decision-runner.ts)
// decides what to send and when; this module only records.
import type { Db } from '../store/db'
import type { AccountCache } from '../store/cache'
import {
  enqueueDecisionsSchema,
  jobDetailQuerySchema,
  type DecisionItem,
  type EnqueueDecisions,
  type EnqueueResult,
  type JobSummary,
  type Page,
} from '../shared/domain'
import { AppError, CONSOLE_ERROR_CODES } from '../shared/errors'
import { DECISION_LIMITS, utf8ByteLength } from '../shared/limits'
import type { z } from 'zod'

export type SdkAction = 'Agree' | 'Reject'
export type DecisionOutcome = 'sent' | 'decided-elsewhere' | 'confirmed' | 'failed' | 'undone' | 'cancelled'

/** A decision as the runner needs it to send. */
export interface PendingDecision {
  decisionID: number
  jobID: number
  applicationKey: string
  groupID: string
  applicant: string
  applicationType: 0 | 2
  userID: string
  authentication: string
  messageKey: number
  action: SdkAction
  message: string
  attempts: number
  maybeApplied: boolean
}

interface DecisionRow {
  decision_id: number
  job_id: number
  application_key: string
  group_id: string
  applicant: string
  application_type: number
  user_id: string
  authentication: string
  message_key: number
  state: string
  send_after: number
  attempts: number
  maybe_applied: number
  outcome: string | null
  outcome_code: number | null
  outcome_text: string | null
  decided_by: string | null
  updated_at: number
  action: SdkAction
  message: string
}

function toPending(row: DecisionRow): PendingDecision {
  return {
    decisionID: row.decision_id,
    jobID: row.job_id,
    applicationKey: row.application_key,
    groupID: row.group_id,
    applicant: row.applicant,
    applicationType: row.application_type === 2 ? 2 : 0,
    userID: row.user_id,
    authentication: row.authentication,
    messageKey: row.message_key,
    action: row.action,
    message: row.message,
    attempts: row.attempts,
    maybeApplied: row.maybe_applied === 1,
  }
}

export interface Settlement {
  outcome: Exclude<DecisionOutcome, 'undone' | 'cancelled'>
  code?: number | null
  text?: string | null
  decidedBy?: string | null
}

export interface DecisionJournal {
  /** Validates against the cache and writes the job, its decisions and their audit rows in one transaction. */
  enqueue(input: EnqueueDecisions, actor: string, undoWindowMs: number): EnqueueResult
  /** Cancels still-queued decisions of a job (all, or the given ones). Nothing already sent is touched. */
  undo(jobID: number, decisionIDs?: readonly number[]): number
  /** The next decision due now, oldest first, of an active job; or when the next one falls due. */
  nextDue(now: number): { decision: PendingDecision } | { wakeAt: number | null }
  /** Committed before the call: a crash after this line leaves a row the start-up reconciliation will find. */
  markSending(decisionID: number): void
  settle(decision: PendingDecision, settlement: Settlement): void
  /** Back to the queue after a retryable failure, due again at `retryAt`. */
  requeue(decisionID: number, retryAt: number, maybeApplied: boolean, lastError: string): void
  /** Decisions that were being sent when the console stopped. */
  inFlight(): PendingDecision[]
  /** Every decision not yet settled, for revalidation after being offline. */
  unsettled(): PendingDecision[]
  setJobState(jobID: number, state: 'active' | 'paused' | 'cancelled'): void
  retryFailed(jobID: number, now: number): number
  jobSummary(jobID: number, now: number, rate: number | null, waitingFor: string | null): JobSummary | null
  jobIDs(offset: number, limit: number): { ids: number[]; total: number }
  items(query: z.input<typeof jobDetailQuerySchema>): Page<DecisionItem>
}

const ACTION_TO_SDK: Record<'approve' | 'reject', SdkAction> = { approve: 'Agree', reject: 'Reject' }
const SDK_TO_ACTION: Record<SdkAction, 'approve' | 'reject'> = { Agree: 'approve', Reject: 'reject' }

export function createDecisionJournal(cache: AccountCache, now: () => number = Date.now): DecisionJournal {
  const db: Db = cache.db
  const insertJob = db.prepare(`INSERT INTO decision_jobs (action, message, actor, created_at, undo_until) VALUES (?, ?, ?, ?, ?)`)
  const selectApplication = db.prepare<[string], { application_key: string; group_id: string; applicant: string; application_type: number; user_id: string; authentication: string; message_key: number; status: string; group_name: string | null }>(
    `SELECT a.*, g.name AS group_name FROM applications a LEFT JOIN groups g ON g.group_id = a.group_id WHERE a.application_key = ?`,
  )
  const activeDecisionFor = db.prepare<[string], { decision_id: number }>(`SELECT decision_id FROM decisions WHERE application_key = ? AND state IN ('queued', 'sending') LIMIT 1`)
  const insertDecision = db.prepare(`
    INSERT INTO decisions (job_id, application_key, group_id, applicant, application_type, user_id, authentication, message_key, send_after, updated_at)
    VALUES (@job_id, @application_key, @group_id, @applicant, @application_type, @user_id, @authentication, @message_key, @send_after, @at)`)
  const insertAudit = db.prepare(`
    INSERT INTO audit_log (at, actor, job_id, decision_id, group_id, group_name, applicant, action, message, event, outcome_code, outcome_text)
    VALUES (@at, @actor, @job_id, @decision_id, @group_id, (SELECT COALESCE((SELECT name FROM groups WHERE group_id = @group_id), '')), @applicant, @action, @message, @event, @code, @text)`)
  const setApplicationStatus = db.prepare<[string, number, string]>(`UPDATE applications SET status = ?, status_changed_at = ? WHERE application_key = ?`)
  const decisionWithJob = `SELECT d.*, j.action, j.message, j.actor FROM decisions d JOIN decision_jobs j ON j.job_id = d.job_id`
  const selectDecision = db.prepare<[number], DecisionRow & { actor: string }>(`${decisionWithJob} WHERE d.decision_id = ?`)
  const nextDueQuery = db.prepare<[number], DecisionRow>(
    `${decisionWithJob} WHERE d.state = 'queued' AND d.send_after <= ? AND j.state = 'active' ORDER BY d.send_after, d.decision_id LIMIT 1`,
  )
  const nextWakeQuery = db.prepare<[], { at: number | null }>(
    `SELECT MIN(d.send_after) AS at FROM decisions d JOIN decision_jobs j ON j.job_id = d.job_id WHERE d.state = 'queued' AND j.state = 'active'`,
  )
  const setSending = db.prepare<[number, number]>(`UPDATE decisions SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE decision_id = ? AND state = 'queued'`)
  const setSettled = db.prepare(`
    UPDATE decisions SET state = @state, outcome = @outcome, outcome_code = @code, outcome_text = @text, decided_by = @decided_by, updated_at = @at
    WHERE decision_id = @decision_id`)
  const setRequeued = db.prepare(`UPDATE decisions SET state = 'queued', send_after = @retry_at, maybe_applied = MAX(maybe_applied, @maybe), outcome_text = @text, updated_at = @at WHERE decision_id = @decision_id`)
  const inFlightQuery = db.prepare<[], DecisionRow>(`${decisionWithJob} WHERE d.state = 'sending' ORDER BY d.decision_id`)
  const unsettledQuery = db.prepare<[], DecisionRow>(`${decisionWithJob} WHERE d.state IN ('queued', 'sending') ORDER BY d.decision_id`)
  const undoableQuery = db.prepare<[number], DecisionRow & { actor: string }>(`${decisionWithJob} WHERE d.job_id = ? AND d.state = 'queued'`)
  const setJob = db.prepare<[string, number]>(`UPDATE decision_jobs SET state = ? WHERE job_id = ?`)
  const failedOfJob = db.prepare<[number], { decision_id: number; application_key: string }>(`SELECT decision_id, application_key FROM decisions WHERE job_id = ? AND state = 'failed'`)
  const requeueFailed = db.prepare<[number, number, number]>(`UPDATE decisions SET state = 'queued', send_after = ?, outcome = NULL, outcome_code = NULL, outcome_text = NULL, updated_at = ? WHERE decision_id = ?`)
  const jobRow = db.prepare<[number], { job_id: number; action: SdkAction; message: string; state: string; actor: string; created_at: number; undo_until: number }>(
    `SELECT * FROM decision_jobs WHERE job_id = ?`,
  )
  const jobCounts = db.prepare<[number], { state: string; outcome: string | null; n: number }>(`SELECT state, outcome, COUNT(*) AS n FROM decisions WHERE job_id = ? GROUP BY state, outcome`)
  // A finished job's throughput: what it settled over the time it spent settling.
  const settledSpan = db.prepare<[number], { n: number; first: number | null; last: number | null }>(
    `SELECT COUNT(*) AS n, MIN(updated_at) AS first, MAX(updated_at) AS last FROM decisions WHERE job_id = ? AND state IN ('done', 'failed')`,
  )
  const jobList = db.prepare<[number, number], { job_id: number }>(`SELECT job_id FROM decision_jobs ORDER BY job_id DESC LIMIT ? OFFSET ?`)
  const jobTotal = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM decision_jobs`)

  function audit(row: { at: number; actor: string; job_id: number; decision_id: number; group_id: string; applicant: string; action: SdkAction; message: string; event: string; code?: number | null; text?: string | null }): void {
    insertAudit.run({ code: null, text: null, ...row })
  }

  const enqueueTx = db.transaction((applicationKeys: readonly string[], action: SdkAction, message: string, actor: string, undoWindowMs: number) => {
    const at = now()
    const unknown: string[] = []
    const notPending: string[] = []
    const rows = []
    for (const key of new Set(applicationKeys)) {
      const application = selectApplication.get(key)
      if (!application) unknown.push(key)
      else if (application.status !== 'pending' || activeDecisionFor.get(key)) notPending.push(key)
      else rows.push(application)
    }
    if (unknown.length > 0) {
      throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `${unknown.length} of the chosen applications are not in the cache`, { unknownApplicationKeys: unknown.slice(0, 20) })
    }
    if (notPending.length > 0) {
      throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `${notPending.length} of the chosen applications are already decided or being decided`, { applicationKeys: notPending.slice(0, 20) })
    }
    const undoUntil = at + undoWindowMs
    const jobID = Number(insertJob.run(action, message, actor, at, undoUntil).lastInsertRowid)
    for (const application of rows) {
      const decisionID = Number(
        insertDecision.run({
          job_id: jobID,
          application_key: application.application_key,
          group_id: application.group_id,
          applicant: application.applicant,
          application_type: application.application_type,
          user_id: application.user_id,
          authentication: application.authentication,
          message_key: application.message_key,
          send_after: undoUntil,
          at,
        }).lastInsertRowid,
      )
      // Decided here: it leaves the inbox now, and comes back if undone or refused.
      setApplicationStatus.run('handled-here', at, application.application_key)
      audit({ at, actor, job_id: jobID, decision_id: decisionID, group_id: application.group_id, applicant: application.applicant, action, message, event: 'queued' })
    }
    return { jobID, queued: rows.length, undoUntil: new Date(undoUntil) }
  })

  function undoOrCancel(jobID: number, decisionIDs: readonly number[] | undefined, outcome: 'undone' | 'cancelled'): number {
    const at = now()
    const wanted = decisionIDs ? new Set(decisionIDs) : null
    let count = 0
    for (const row of undoableQuery.all(jobID)) {
      if (wanted && !wanted.has(row.decision_id)) continue
      setSettled.run({ state: 'cancelled', outcome, code: null, text: null, decided_by: null, at, decision_id: row.decision_id })
      setApplicationStatus.run('pending', at, row.application_key)
      audit({ at, actor: row.actor, job_id: jobID, decision_id: row.decision_id, group_id: row.group_id, applicant: row.applicant, action: row.action, message: row.message, event: outcome })
      count += 1
    }
    return count
  }

  const APPLICATION_STATUS_AFTER: Record<Settlement['outcome'], string> = {
    sent: 'handled-here',
    confirmed: 'handled-here',
    'decided-elsewhere': 'handled-elsewhere',
    failed: 'pending',
  }

  const settleTx = db.transaction((decision: PendingDecision, settlement: Settlement) => {
    const at = now()
    const row = selectDecision.get(decision.decisionID)
    if (!row || (row.state !== 'sending' && row.state !== 'queued')) return
    const failed = settlement.outcome === 'failed'
    setSettled.run({
      state: failed ? 'failed' : 'done',
      outcome: settlement.outcome,
      code: settlement.code ?? null,
      text: settlement.text ?? null,
      decided_by: settlement.decidedBy ?? null,
      at,
      decision_id: decision.decisionID,
    })
    // The group is gone (10010): the application went with it.
    const applicationStatus = failed && settlement.code === 10010 ? 'gone' : APPLICATION_STATUS_AFTER[settlement.outcome]
    setApplicationStatus.run(applicationStatus, at, decision.applicationKey)
    audit({
      at,
      actor: row.actor,
      job_id: row.job_id,
      decision_id: row.decision_id,
      group_id: row.group_id,
      applicant: row.applicant,
      action: row.action,
      message: row.message,
      event: settlement.outcome,
      code: settlement.code ?? null,
      text: settlement.text ?? null,
    })
  })

  function finishedRate(jobID: number): number | null {
    const span = settledSpan.get(jobID)
    if (!span || span.n < 2 || span.first === null || span.last === null || span.last <= span.first) return null
    return (span.n * 1000) / (span.last - span.first)
  }

  function summary(jobID: number, at: number, rate: number | null, waitingFor: string | null): JobSummary | null {
    const job = jobRow.get(jobID)
    if (!job) return null
    const counts = { queued: 0, sending: 0, done: 0, failed: 0, cancelled: 0, decidedElsewhere: 0 }
    for (const row of jobCounts.all(jobID)) {
      counts[row.state as keyof typeof counts] += row.n
      if (row.outcome === 'decided-elsewhere') counts.decidedElsewhere += row.n
    }
    const total = counts.queued + counts.sending + counts.done + counts.failed + counts.cancelled
    const remaining = counts.queued + counts.sending
    const finished = remaining === 0 || job.state === 'cancelled'
    return {
      jobID,
      action: SDK_TO_ACTION[job.action],
      message: job.message,
      state: job.state as JobSummary['state'],
      actor: job.actor,
      createdAt: new Date(job.created_at),
      undoUntil: new Date(job.undo_until),
      total,
      ...counts,
      finished,
      rate: finished ? finishedRate(jobID) : rate,
      etaSeconds: !finished && rate && rate > 0 ? remaining / rate : null,
      waitingFor: finished ? null : job.state === 'paused' ? 'paused' : job.undo_until > at ? 'undo-window' : waitingFor,
    }
  }

  return {
    enqueue(rawInput, actor, undoWindowMs) {
      const input = enqueueDecisionsSchema.parse(rawInput)
      const bytes = utf8ByteLength(input.message)
      if (bytes > DECISION_LIMITS.handleMessageMaxBytes.value) {
        throw new AppError(
          CONSOLE_ERROR_CODES.invalidInput,
          `The message is ${bytes} bytes; at most ${DECISION_LIMITS.handleMessageMaxBytes.value} bytes (UTF-8) can be sent with a decision`,
          { field: 'message', bytes, limit: DECISION_LIMITS.handleMessageMaxBytes.value },
        )
      }
      return enqueueTx(input.applicationKeys, ACTION_TO_SDK[input.action], input.message, actor, undoWindowMs)
    },
    undo: (jobID, decisionIDs) => db.transaction(() => undoOrCancel(jobID, decisionIDs, 'undone'))(),
    nextDue(at) {
      const row = nextDueQuery.get(at)
      if (row) return { decision: toPending(row) }
      return { wakeAt: nextWakeQuery.get()?.at ?? null }
    },
    markSending: (decisionID) => void setSending.run(now(), decisionID),
    settle: (decision, settlement) => settleTx(decision, settlement),
    requeue: (decisionID, retryAt, maybeApplied, lastError) =>
      void setRequeued.run({ retry_at: retryAt, maybe: maybeApplied ? 1 : 0, text: lastError, at: now(), decision_id: decisionID }),
    inFlight: () => inFlightQuery.all().map(toPending),
    unsettled: () => unsettledQuery.all().map(toPending),
    setJobState: (jobID, state) =>
      db.transaction(() => {
        setJob.run(state, jobID)
        if (state === 'cancelled') undoOrCancel(jobID, undefined, 'cancelled')
      })(),
    retryFailed: (jobID, at) =>
      db.transaction(() => {
        const failed = failedOfJob.all(jobID)
        for (const row of failed) {
          requeueFailed.run(at, at, row.decision_id)
          setApplicationStatus.run('handled-here', at, row.application_key)
        }
        setJob.run('active', jobID)
        return failed.length
      })(),
    jobSummary: summary,
    jobIDs: (offset, limit) => ({ ids: jobList.all(limit, offset).map((row) => row.job_id), total: jobTotal.get()!.n }),
    items(rawQuery) {
      const q = jobDetailQuerySchema.parse(rawQuery)
      const filters: Record<string, string> = {
        all: '',
        failed: `AND d.state = 'failed'`,
        pending: `AND d.state IN ('queued', 'sending')`,
        done: `AND d.state = 'done'`,
      }
      const where = `WHERE d.job_id = @job ${filters[q.only]}`
      const rows = db
        .prepare<Record<string, unknown>, DecisionRow & { group_name: string | null }>(
          `SELECT d.*, g.name AS group_name FROM decisions d LEFT JOIN groups g ON g.group_id = d.group_id ${where} ORDER BY d.decision_id LIMIT @limit OFFSET @offset`,
        )
        .all({ job: q.jobID, limit: q.limit, offset: q.offset })
      const total = db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM decisions d ${where}`).get({ job: q.jobID })!.n
      return {
        total,
        offset: q.offset,
        rows: rows.map((row) => ({
          decisionID: row.decision_id,
          applicationKey: row.application_key,
          groupID: row.group_id,
          groupName: row.group_name ?? row.group_id,
          applicant: row.applicant,
          state: row.state as DecisionItem['state'],
          outcome: row.outcome as DecisionItem['outcome'],
          outcomeCode: row.outcome_code,
          outcomeText: row.outcome_text,
          decidedBy: row.decided_by,
          attempts: row.attempts,
          updatedAt: new Date(row.updated_at),
        })),
      }
    },
  }
}
