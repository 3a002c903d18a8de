import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../api'
import type { DecisionAction, JobSummary } from '../../../src-main/shared/domain'

/** How long a toast stays once there is nothing left to undo. */
const SETTLED_TOAST_MS = 6000
/** At most this many toasts at once; older ones make room. */
const MAX_TOASTS = 3

export type ToastPhase = 'undoable' | 'sending' | 'finished' | 'undoing' | 'undone' | 'undo-failed'

export interface DecisionToast {
  id: number
  jobID: number
  action: DecisionAction
  count: number
  /** When the undo window closes, in this page's clock (ms since the epoch). */
  undoUntil: number
  phase: ToastPhase
  /** How many the undo took back (fewer than `count` when some were sent already). */
  undone: number
  /** The job's outcome once it finished (from 'jobs:progress'). */
  result: { done: number; failed: number; cancelled: number } | null
  error: unknown
}

/**
 * Decisions made from the Inbox: enqueueing them, the toast after each with its undo countdown, and
 * undoing the last one (`u`). Toasts live here, not in the Inbox, so they survive leaving the view.
 */
export const useDecisionsStore = defineStore('decisions', () => {
  const toasts = ref<DecisionToast[]>([])
  let nextToastID = 1
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  let unsubscribe: (() => void) | null = null

  /** A toast's job finished: say how it went, then make room. */
  function onProgress(job: JobSummary): void {
    if (!job.finished) return
    const toast = toasts.value.find((candidate) => candidate.jobID === job.jobID && (candidate.phase === 'sending' || candidate.phase === 'undoable'))
    if (!toast) return
    update(toast.id, { phase: 'finished', result: { done: job.done, failed: job.failed, cancelled: job.cancelled } })
    schedule(toast.id, SETTLED_TOAST_MS, () => dismiss(toast.id))
  }

  const lastUndoable = computed(() => [...toasts.value].reverse().find((toast) => toast.phase === 'undoable') ?? null)

  function update(id: number, patch: Partial<DecisionToast>): void {
    toasts.value = toasts.value.map((toast) => (toast.id === id ? { ...toast, ...patch } : toast))
  }

  function dismiss(id: number): void {
    const timer = timers.get(id)
    if (timer) clearTimeout(timer)
    timers.delete(id)
    toasts.value = toasts.value.filter((toast) => toast.id !== id)
  }

  function schedule(id: number, delayMs: number, then: () => void): void {
    const previous = timers.get(id)
    if (previous) clearTimeout(previous)
    timers.set(id, setTimeout(then, Math.max(0, delayMs)))
  }

  /** Records the decisions in main's journal; they go out when the undo window closes. */
  async function enqueue(applicationKeys: string[], action: DecisionAction, message = ''): Promise<DecisionToast> {
    const api = useApi()
    unsubscribe ??= api.on('jobs:progress', onProgress)
    const result = await api['decisions:enqueue']({ applicationKeys, action, message })
    const toast: DecisionToast = {
      id: nextToastID++,
      jobID: result.jobID,
      action,
      count: result.queued,
      undoUntil: result.undoUntil.getTime(),
      phase: result.undoUntil.getTime() > Date.now() ? 'undoable' : 'sending',
      undone: 0,
      result: null,
      error: null,
    }
    for (const old of toasts.value.slice(0, Math.max(0, toasts.value.length - MAX_TOASTS + 1))) dismiss(old.id)
    toasts.value = [...toasts.value, toast]
    // The window closes: sending starts. The toast stays until the job reports it finished.
    schedule(toast.id, toast.undoUntil - Date.now(), () => {
      if (toasts.value.some((candidate) => candidate.id === toast.id && candidate.phase === 'undoable')) update(toast.id, { phase: 'sending' })
    })
    return toast
  }

  /** Takes back whatever of the toast's job is still queued. */
  async function undo(id: number): Promise<void> {
    const toast = toasts.value.find((candidate) => candidate.id === id)
    if (!toast || toast.phase !== 'undoable') return
    const timer = timers.get(id)
    if (timer) clearTimeout(timer)
    update(id, { phase: 'undoing' })
    try {
      const { undone } = await useApi()['decisions:undo']({ jobID: toast.jobID })
      update(id, { phase: 'undone', undone })
    } catch (error) {
      update(id, { phase: 'undo-failed', error })
    }
    schedule(id, SETTLED_TOAST_MS, () => dismiss(id))
  }

  /** `u`: the most recent enqueue still in its undo window. */
  async function undoLast(): Promise<boolean> {
    const toast = lastUndoable.value
    if (!toast) return false
    await undo(toast.id)
    return true
  }

  return { toasts, lastUndoable, enqueue, undo, undoLast, dismiss }
})
