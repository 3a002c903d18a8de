import { describe, expect, it } from 'vitest'
import { jobStatus, outcomeCode, processedCount } from './job-status'
import type { JobSummary } from '../../src-main/shared/domain'

const job = (patch: Partial<JobSummary>): JobSummary => ({
  jobID: 1,
  action: 'approve',
  message: '',
  state: 'active',
  actor: 'moderator',
  createdAt: new Date(0),
  undoUntil: new Date(0),
  total: 10,
  queued: 10,
  sending: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
  decidedElsewhere: 0,
  finished: false,
  rate: null,
  etaSeconds: null,
  waitingFor: null,
  ...patch,
})

describe('job status', () => {
  it('says what a running job waits for', () => {
    expect(jobStatus(job({ waitingFor: 'undo-window' }))).toBe('undo-window')
    expect(jobStatus(job({ waitingFor: 'paused', state: 'paused' }))).toBe('paused')
    expect(jobStatus(job({ waitingFor: 'offline' }))).toBe('offline')
    expect(jobStatus(job({ waitingFor: 'something new' }))).toBe('waiting')
    expect(jobStatus(job({}))).toBe('running')
    expect(jobStatus(job({}), false)).toBe('offline')
    expect(jobStatus(job({ waitingFor: 'paused', state: 'paused' }), false)).toBe('paused')
  })

  it('tells a clean finish from one with failures and from a cancellation', () => {
    expect(jobStatus(job({ finished: true, queued: 0, done: 10 }))).toBe('finished')
    expect(jobStatus(job({ finished: true, queued: 0, done: 9, failed: 1 }))).toBe('finished-with-failures')
    expect(jobStatus(job({ finished: true, state: 'cancelled', queued: 0, done: 2, cancelled: 8 }))).toBe('cancelled')
    expect(processedCount(job({ done: 2, failed: 1, cancelled: 3 }))).toBe(6)
  })
})

describe('outcome codes', () => {
  it('give a failure its documented meaning, and say nothing for success', () => {
    expect(outcomeCode(10007)).toEqual({ code: 10007, meaning: 'No permission for this operation' })
    expect(outcomeCode(10024)?.meaning).toBe('Already processed by someone else')
    expect(outcomeCode(0)).toBeNull()
    expect(outcomeCode(null)).toBeNull()
  })
})
