import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { installFakeApi } from '../test-support/fake-api'
import { useDecisionsStore } from './decisions'
import type { JobSummary } from '../../../src-main/shared/domain'

describe('decisions store', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    setActivePinia(createPinia())
  })
  afterEach(() => vi.useRealTimers())

  function fakeMain() {
    return installFakeApi({
      'decisions:enqueue': ({ applicationKeys }) => ({ jobID: 7, queued: applicationKeys.length, undoUntil: new Date(Date.now() + 5000) }),
      'decisions:undo': ({ jobID }) => ({ undone: 3, job: { jobID } as JobSummary }),
    })
  }

  it('counts the undo window down, then says the decisions are being sent', async () => {
    fakeMain()
    const store = useDecisionsStore()
    const toast = await store.enqueue(['a', 'b', 'c'], 'approve')
    expect(toast).toMatchObject({ jobID: 7, count: 3, phase: 'undoable' })
    expect(store.lastUndoable?.id).toBe(toast.id)
    await vi.advanceTimersByTimeAsync(5000)
    expect(store.toasts[0]?.phase).toBe('sending')
    expect(store.lastUndoable).toBeNull()
  })

  it('u undoes the most recent decision still in its window, once', async () => {
    const api = fakeMain()
    const store = useDecisionsStore()
    await store.enqueue(['a', 'b', 'c'], 'reject', 'Sorry')
    expect(await store.undoLast()).toBe(true)
    expect(store.toasts[0]).toMatchObject({ phase: 'undone', undone: 3 })
    expect(api.calls.filter((call) => call.channel === 'decisions:undo')).toHaveLength(1)
    expect(await store.undoLast()).toBe(false)
  })

  it('reports the finished job, then makes room', async () => {
    const api = fakeMain()
    const store = useDecisionsStore()
    await store.enqueue(['a', 'b'], 'approve')
    api.emit('jobs:progress', { jobID: 7, finished: true, done: 1, failed: 1, cancelled: 0 } as JobSummary)
    expect(store.toasts[0]).toMatchObject({ phase: 'finished', result: { done: 1, failed: 1, cancelled: 0 } })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(store.toasts).toHaveLength(0)
  })
})
