// Storage of the operations journal (see migration 0080): runs of operations on groups, each committed
// before it is sent, settled with the service's answer. The runner (operations-runner.ts) sends them.
import type { AccountCache } from '../store/cache'
import type { Db } from '../store/db'
import type { OperationItem, RunSummary } from '../shared/admin-domain'
import type { Page } from '../shared/domain'

export type RunKind = RunSummary['kind']
export type OperationCommand = 'updateGroupProfile' | 'setGroupCounters' | 'setGroupMemberRole' | 'setGroupMemberMuteTime' | 'deleteGroupMember' | 'setGroupMemberNameCard'

export interface NewOperation {
  groupID: string
  command: OperationCommand
  payload: Record<string, unknown>
  /** The values the payload replaces (for conflicts and rollback); {} when not applicable. */
  base: Record<string, unknown>
}

export interface PendingOperation extends NewOperation {
  operationID: number
  runID: number
  attempts: number
  force: boolean
}

interface OperationRow {
  operation_id: number
  run_id: number
  group_id: string
  command: OperationCommand
  payload: string
  base: string
  state: OperationItem['state']
  force: number
  attempts: number
  outcome_code: number | null
  outcome_text: string | null
  theirs: string | null
  updated_at: number
  group_name?: string | null
}

function toPending(row: OperationRow): PendingOperation {
  return {
    operationID: row.operation_id,
    runID: row.run_id,
    groupID: row.group_id,
    command: row.command,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    base: JSON.parse(row.base) as Record<string, unknown>,
    attempts: row.attempts,
    force: row.force === 1,
  }
}

export type OperationSettlement =
  | { state: 'done'; code?: number }
  | { state: 'failed'; code: number | null; text: string }
  | { state: 'conflict'; theirs: Record<string, unknown>; text: string }

export interface OperationsJournal {
  createRun(kind: RunKind, description: string, actor: string, operations: readonly NewOperation[], rollbackOf?: number): number
  nextDue(now: number): { operation: PendingOperation } | { wakeAt: number | null }
  markSending(operationID: number): void
  settle(operationID: number, settlement: OperationSettlement): void
  requeue(operationID: number, retryAt: number, lastError: string): void
  /** Operations caught mid-send by a crash: back to the queue (profile edits are idempotent to resend). */
  requeueInFlight(now: number): number
  /** "Apply mine" after a conflict: queued again, sent without the base check. "Keep theirs": cancelled. */
  resolveConflict(operationID: number, resolution: 'apply-mine' | 'keep-theirs', now: number): PendingOperation & { runID: number }
  cancelRun(runID: number): void
  summary(runID: number, waitingForConnection: boolean): RunSummary | null
  runIDs(offset: number, limit: number): { ids: number[]; total: number }
  items(runID: number, only: 'all' | 'failed' | 'conflict' | 'pending' | 'done', offset: number, limit: number): Page<OperationItem>
  /** Done operations of a run, for a rollback. */
  doneOperations(runID: number): PendingOperation[]
  item(operationID: number): OperationItem | null
}

const ONLY: Record<string, string> = {
  all: '',
  failed: `AND o.state = 'failed'`,
  conflict: `AND o.state = 'conflict'`,
  pending: `AND o.state IN ('queued', 'sending')`,
  done: `AND o.state = 'done'`,
}

export function createOperationsJournal(cache: AccountCache, now: () => number = Date.now): OperationsJournal {
  const db: Db = cache.db
  const insertRun = db.prepare(`INSERT INTO operation_runs (kind, description, actor, rollback_of, created_at) VALUES (?, ?, ?, ?, ?)`)
  const insertOperation = db.prepare(`
    INSERT INTO operations (run_id, group_id, command, payload, base, send_after, updated_at)
    VALUES (@run_id, @group_id, @command, @payload, @base, @at, @at)`)
  const nextDueQuery = db.prepare<[number], OperationRow>(`
    SELECT o.* FROM operations o JOIN operation_runs r ON r.run_id = o.run_id
    WHERE o.state = 'queued' AND o.send_after <= ? AND r.state = 'active' ORDER BY o.send_after, o.operation_id LIMIT 1`)
  const nextWakeQuery = db.prepare<[], { at: number | null }>(`
    SELECT MIN(o.send_after) AS at FROM operations o JOIN operation_runs r ON r.run_id = o.run_id WHERE o.state = 'queued' AND r.state = 'active'`)
  const setSending = db.prepare<[number, number]>(`UPDATE operations SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE operation_id = ? AND state = 'queued'`)
  const setState = db.prepare(`UPDATE operations SET state = @state, outcome_code = @code, outcome_text = @text, theirs = @theirs, updated_at = @at WHERE operation_id = @id`)
  const setRequeued = db.prepare(`UPDATE operations SET state = 'queued', send_after = @retry_at, outcome_text = @text, updated_at = @at WHERE operation_id = @id`)
  const requeueSending = db.prepare<[number]>(`UPDATE operations SET state = 'queued', outcome_text = 'Interrupted while sending', updated_at = ? WHERE state = 'sending'`)
  const selectOne = db.prepare<[number], OperationRow>(`SELECT o.*, g.name AS group_name FROM operations o LEFT JOIN groups g ON g.group_id = o.group_id WHERE o.operation_id = ?`)
  const resolve = db.prepare(`UPDATE operations SET state = @state, force = @force, send_after = @at, outcome_text = @text, updated_at = @at WHERE operation_id = @id AND state = 'conflict'`)
  const cancelQueued = db.prepare<[number, number]>(`UPDATE operations SET state = 'cancelled', outcome_text = 'Cancelled', updated_at = ? WHERE run_id = ? AND state = 'queued'`)
  const setRunState = db.prepare<[string, number]>(`UPDATE operation_runs SET state = ? WHERE run_id = ?`)
  const runRow = db.prepare<[number], { run_id: number; kind: RunKind; description: string; state: RunSummary['state']; actor: string; rollback_of: number | null; created_at: number }>(
    `SELECT * FROM operation_runs WHERE run_id = ?`,
  )
  const runCounts = db.prepare<[number], { state: string; n: number }>(`SELECT state, COUNT(*) AS n FROM operations WHERE run_id = ? GROUP BY state`)
  const rollbackable = db.prepare<[number], { n: number }>(`SELECT COUNT(*) AS n FROM operations WHERE run_id = ? AND state = 'done' AND base != '{}'`)
  const runList = db.prepare<[number, number], { run_id: number }>(`SELECT run_id FROM operation_runs ORDER BY run_id DESC LIMIT ? OFFSET ?`)
  const runTotal = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM operation_runs`)
  const doneOfRun = db.prepare<[number], OperationRow>(`SELECT * FROM operations WHERE run_id = ? AND state = 'done' ORDER BY operation_id`)

  function toItem(row: OperationRow): OperationItem {
    return {
      operationID: row.operation_id,
      groupID: row.group_id,
      groupName: row.group_name ?? row.group_id,
      command: row.command,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      base: JSON.parse(row.base) as Record<string, unknown>,
      theirs: row.theirs === null ? null : (JSON.parse(row.theirs) as Record<string, unknown>),
      state: row.state,
      outcomeCode: row.outcome_code,
      outcomeText: row.outcome_text,
      attempts: row.attempts,
      updatedAt: new Date(row.updated_at),
    }
  }

  const createRunTx = db.transaction((kind: RunKind, description: string, actor: string, operations: readonly NewOperation[], rollbackOf?: number) => {
    const at = now()
    const runID = Number(insertRun.run(kind, description, actor, rollbackOf ?? null, at).lastInsertRowid)
    for (const operation of operations) {
      insertOperation.run({ run_id: runID, group_id: operation.groupID, command: operation.command, payload: JSON.stringify(operation.payload), base: JSON.stringify(operation.base), at })
    }
    return runID
  })

  return {
    createRun: (kind, description, actor, operations, rollbackOf) => createRunTx(kind, description, actor, operations, rollbackOf),
    nextDue(at) {
      const row = nextDueQuery.get(at)
      return row ? { operation: toPending(row) } : { wakeAt: nextWakeQuery.get()?.at ?? null }
    },
    markSending: (operationID) => void setSending.run(now(), operationID),
    settle(operationID, settlement) {
      setState.run({
        id: operationID,
        state: settlement.state,
        code: settlement.state === 'done' ? (settlement.code ?? 0) : settlement.state === 'failed' ? settlement.code : null,
        text: settlement.state === 'done' ? null : settlement.text,
        theirs: settlement.state === 'conflict' ? JSON.stringify(settlement.theirs) : null,
        at: now(),
      })
    },
    requeue: (operationID, retryAt, lastError) => void setRequeued.run({ id: operationID, retry_at: retryAt, text: lastError, at: now() }),
    requeueInFlight: (at) => requeueSending.run(at).changes,
    resolveConflict(operationID, resolution, at) {
      const changed = resolve.run({
        id: operationID,
        state: resolution === 'apply-mine' ? 'queued' : 'cancelled',
        force: resolution === 'apply-mine' ? 1 : 0,
        text: resolution === 'apply-mine' ? 'Sending mine over theirs, as chosen' : 'Kept theirs, as chosen',
        at,
      }).changes
      const row = selectOne.get(operationID)
      if (!row || changed === 0) throw Object.assign(new Error('No conflict to resolve for this operation'), { notFound: !row })
      return toPending(row)
    },
    cancelRun: (runID) =>
      db.transaction(() => {
        setRunState.run('cancelled', runID)
        cancelQueued.run(now(), runID)
      })(),
    summary(runID, waitingForConnection) {
      const run = runRow.get(runID)
      if (!run) return null
      const counts = { queued: 0, sending: 0, done: 0, failed: 0, conflict: 0, cancelled: 0 }
      for (const row of runCounts.all(runID)) counts[row.state as keyof typeof counts] = row.n
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
      const pending = counts.queued + counts.sending
      const finished = pending === 0 || run.state === 'cancelled'
      return {
        runID,
        kind: run.kind,
        description: run.description,
        state: run.state,
        actor: run.actor,
        createdAt: new Date(run.created_at),
        rollbackOf: run.rollback_of,
        total,
        queued: pending,
        done: counts.done,
        failed: counts.failed,
        conflict: counts.conflict,
        cancelled: counts.cancelled,
        finished,
        rollbackable: run.kind === 'members' || run.kind === 'rollback' ? 0 : rollbackable.get(runID)!.n,
        waitingFor: finished ? null : run.state === 'paused' ? 'paused' : waitingForConnection ? 'offline' : null,
      }
    },
    runIDs: (offset, limit) => ({ ids: runList.all(limit, offset).map((row) => row.run_id), total: runTotal.get()!.n }),
    items(runID, only, offset, limit) {
      const where = `WHERE o.run_id = @run ${ONLY[only] ?? ''}`
      const rows = db
        .prepare<Record<string, unknown>, OperationRow>(`SELECT o.*, g.name AS group_name FROM operations o LEFT JOIN groups g ON g.group_id = o.group_id ${where} ORDER BY o.operation_id LIMIT @limit OFFSET @offset`)
        .all({ run: runID, limit, offset })
      const total = db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM operations o ${where}`).get({ run: runID })!.n
      return { rows: rows.map(toItem), total, offset }
    },
    doneOperations: (runID) => doneOfRun.all(runID).map(toPending),
    item(operationID) {
      const row = selectOne.get(operationID)
      return row ? toItem(row) : null
    },
  }
}
