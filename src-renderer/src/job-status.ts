// What a job is doing, in one word the Jobs view can colour and translate, and what to say about an item.
import { describeErrorCode } from '../../src-main/shared/errors'
import type { JobSummary } from '../../src-main/shared/domain'

export type JobStatus = 'undo-window' | 'running' | 'paused' | 'offline' | 'waiting' | 'finished' | 'finished-with-failures' | 'cancelled'

/**
 * `connected`: whether the session can reach the service. Main does not always report a job that waits
 * for the connection (it says nothing when it goes offline between two items), so a job that would be
 * "sending" while the session is offline is shown as waiting for the connection.
 */
export function jobStatus(job: JobSummary, connected = true): JobStatus {
  if (job.finished) {
    if (job.state === 'cancelled') return 'cancelled'
    return job.failed > 0 ? 'finished-with-failures' : 'finished'
  }
  switch (job.waitingFor) {
    case null:
      return connected ? 'running' : 'offline'
    case 'undo-window':
    case 'paused':
    case 'offline':
      return job.waitingFor
    default:
      // A reason main may add later: still "not moving", with main's own words shown beside it.
      return 'waiting'
  }
}

export const STATUS_TONE: Record<JobStatus, 'good' | 'warn' | 'bad' | 'accent' | 'idle'> = {
  'undo-window': 'accent',
  running: 'accent',
  paused: 'warn',
  offline: 'warn',
  waiting: 'warn',
  finished: 'good',
  'finished-with-failures': 'bad',
  cancelled: 'idle',
}

/** Items no longer queued or being sent. */
export function processedCount(job: JobSummary): number {
  return job.done + job.failed + job.cancelled
}

/**
 * The service's code and its documented meaning, when it answered with one: a failure, or "already
 * processed" for a decision made elsewhere. Code 0 is the service's success and says nothing more.
 */
export function outcomeCode(code: number | null): { code: number; meaning: string } | null {
  if (code === null || code === 0) return null
  return { code, meaning: describeErrorCode(code).text }
}
