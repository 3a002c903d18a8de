import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { installFakeApi } from '../test-support/fake-api'
import { PROGRESS_FLUSH_MS, useJobsStore } from './jobs'
import type { JobSummary } from '../../../src-main/shared/domain'

const summary = (patch: Partial<JobSummary>): JobSummary => ({
  jobID: 1,
  action: 'approve',
  message: '',
  state: 'active',
  actor: 'moderator',
  createdAt: new Date(0),
  undoUntil: new Date(0),
  total: 1000,
  queued: 1000,
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

describe('jobs store', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    setActivePinia(createPinia())
  })
  afterEach(() => vi.useRealTimers())

  it('applies a burst of progress events as one change, with the latest summary of each job', async () => {
    const api = installFakeApi({ 'jobs:list': () => ({ rows: [summary({ jobID: 2, done: 0 }), summary({ jobID: 1, done: 0 })], total: 2, offset: 0 }) })
    const store = useJobsStore()
    await store.load()
    const untouched = store.jobs.find((job) => job.jobID === 1)
    let changes = 0
    const stop = store.$subscribe(() => (changes += 1), { flush: 'sync' })

    for (let done = 1; done <= 40; done += 1) api.emit('jobs:progress', summary({ jobID: 2, done, queued: 1000 - done }))
    expect(store.jobs.find((job) => job.jobID === 2)?.done).toBe(0)
    await vi.advanceTimersByTimeAsync(PROGRESS_FLUSH_MS)

    expect(store.jobs.find((job) => job.jobID === 2)?.done).toBe(40)
    expect(changes).toBe(1)
    // The other job keeps its object, so its card does not re-render.
    expect(store.jobs.find((job) => job.jobID === 1)).toBe(untouched)
    stop()
  })

  it('adds a job it did not know, newest first, and keeps the rate a finished job ended with', async () => {
    const api = installFakeApi({ 'jobs:list': () => ({ rows: [summary({ jobID: 1 })], total: 1, offset: 0 }) })
    const store = useJobsStore()
    await store.load()
    api.emit('jobs:progress', summary({ jobID: 3, rate: 28.5, done: 10 }))
    await vi.advanceTimersByTimeAsync(PROGRESS_FLUSH_MS)
    api.emit('jobs:progress', summary({ jobID: 3, rate: null, done: 1000, queued: 0, finished: true }))
    await vi.advanceTimersByTimeAsync(PROGRESS_FLUSH_MS)
    expect(store.jobs.map((job) => job.jobID)).toEqual([3, 1])
    expect(store.total).toBe(2)
    expect(store.jobs[0]).toMatchObject({ finished: true, rate: 28.5 })
  })

  it('reads a job again once its undo window has closed, since main reports nothing then', async () => {
    const undoUntil = new Date(Date.now() + 5000)
    const api = installFakeApi({
      'jobs:list': () => ({ rows: [summary({ jobID: 4, undoUntil, waitingFor: 'undo-window' })], total: 1, offset: 0 }),
      'jobs:get': () => ({ job: summary({ jobID: 4, undoUntil, waitingFor: 'offline' }), items: { rows: [], total: 0, offset: 0 } }),
    })
    const store = useJobsStore()
    await store.load()
    await vi.advanceTimersByTimeAsync(4000)
    expect(api.calls.some((call) => call.channel === 'jobs:get')).toBe(false)
    await vi.advanceTimersByTimeAsync(1500 + PROGRESS_FLUSH_MS)
    expect(store.jobs[0]?.waitingFor).toBe('offline')
  })
})
