import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { useApi } from '../api'
import { useSessionStore } from './session'
import type { JobSummary } from '../../../src-main/shared/domain'

/** The newest runs shown; older ones come with "Show older". */
export const JOBS_PAGE_SIZE = 50
/**
 * Progress events arrive up to ten times a second per job (main coalesces to 100 ms). The view needs far
 * fewer: the latest summary per job is applied at most this often, in one change, so a 1,000-item job
 * costs a handful of small re-renders a second rather than one per event.
 */
export const PROGRESS_FLUSH_MS = 250
/** Read a job again this long after its undo window closes (main's clock may run a little behind). */
const AFTER_WINDOW_MS = 300

/**
 * Decision jobs: the list (newest first), kept live from 'jobs:progress', the one the Jobs view has open,
 * and the controls (pause, resume, cancel, retry failed).
 */
export const useJobsStore = defineStore('jobs', () => {
  /** Replaced, never mutated; unchanged jobs keep their object so their cards do not re-render. */
  const jobs = shallowRef<readonly JobSummary[]>([])
  const total = ref<number | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  const openJobID = ref<number | null>(null)
  /** The job whose control is being answered, and what it was. */
  const busy = ref<{ jobID: number; action: 'pause' | 'resume' | 'cancel' | 'retry' } | null>(null)
  const actionError = ref<unknown>(null)

  const openJob = computed(() => jobs.value.find((job) => job.jobID === openJobID.value) ?? null)

  const pending = new Map<number, JobSummary>()
  let flushTimer: ReturnType<typeof setTimeout> | null = null
  let unsubscribe: (() => void) | null = null
  /** Listeners of the open job's progress (its item list re-reads what is on screen). */
  const progressListeners = new Set<(job: JobSummary) => void>()

  /**
   * Main sends no progress when a job's undo window closes, nor when a waiting job goes offline (nothing
   * changed in the journal): those moments are read again here, so "undo window" or "sending" is not shown
   * for a job that actually waits for the connection.
   */
  const windowTimers = new Map<number, ReturnType<typeof setTimeout>>()
  function watchUndoWindow(job: JobSummary): void {
    if (job.finished || job.waitingFor !== 'undo-window' || windowTimers.has(job.jobID)) return
    const timer = setTimeout(() => {
      windowTimers.delete(job.jobID)
      void reread(job.jobID)
    }, Math.max(0, job.undoUntil.getTime() - Date.now()) + AFTER_WINDOW_MS)
    windowTimers.set(job.jobID, timer)
  }

  async function reread(jobID: number): Promise<void> {
    try {
      const { job } = await useApi()['jobs:get']({ jobID, limit: 1 })
      onProgress(job)
    } catch {
      // A job that cannot be read now keeps its last summary; the next progress event replaces it.
    }
  }

  const session = useSessionStore()
  watch(
    () => session.state?.phase,
    (phase, previous) => {
      if (phase === previous || !unsubscribe) return
      for (const job of jobs.value) if (!job.finished) void reread(job.jobID)
    },
  )

  function merge(updates: Iterable<JobSummary>): void {
    const byID = new Map(jobs.value.map((job) => [job.jobID, job]))
    let added = 0
    for (const update of updates) {
      const previous = byID.get(update.jobID)
      if (!previous) added += 1
      // Main reports no rate once a job has finished; the view keeps showing the one it ended at.
      byID.set(update.jobID, update.finished && update.rate === null && previous?.rate ? { ...update, rate: previous.rate } : update)
      watchUndoWindow(update)
    }
    jobs.value = [...byID.values()].sort((a, b) => b.jobID - a.jobID)
    if (added > 0 && total.value !== null) total.value += added
  }

  function flush(): void {
    flushTimer = null
    if (pending.size === 0) return
    const updates = [...pending.values()]
    pending.clear()
    merge(updates)
    for (const update of updates) for (const listener of progressListeners) listener(update)
  }

  function onProgress(summary: JobSummary): void {
    pending.set(summary.jobID, summary)
    if (!flushTimer) flushTimer = setTimeout(flush, PROGRESS_FLUSH_MS)
  }

  /** Subscribes once, for the life of the page: toasts and the Jobs view both follow progress. */
  function listen(): void {
    if (unsubscribe) return
    unsubscribe = useApi().on('jobs:progress', onProgress)
  }

  async function load(limit = JOBS_PAGE_SIZE): Promise<void> {
    listen()
    loading.value = true
    error.value = null
    try {
      const page = await useApi()['jobs:list']({ offset: 0, limit })
      total.value = page.total
      // Progress that arrived while the list was on its way is newer than the list.
      const buffered = [...pending.values()]
      jobs.value = page.rows
      for (const job of page.rows) watchUndoWindow(job)
      if (buffered.length > 0) merge(buffered)
      if (openJobID.value === null || !jobs.value.some((job) => job.jobID === openJobID.value)) openJobID.value = jobs.value[0]?.jobID ?? null
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  async function loadOlder(): Promise<void> {
    const page = await useApi()['jobs:list']({ offset: jobs.value.length, limit: JOBS_PAGE_SIZE })
    total.value = page.total
    merge(page.rows)
  }

  async function control(jobID: number, action: 'pause' | 'resume' | 'cancel' | 'retry'): Promise<void> {
    busy.value = { jobID, action }
    actionError.value = null
    try {
      const api = useApi()
      const calls = {
        pause: () => api['jobs:pause']({ jobID }),
        resume: () => api['jobs:resume']({ jobID }),
        cancel: () => api['jobs:cancel']({ jobID }),
        retry: () => api['jobs:retryFailed']({ jobID }),
      }
      merge([await calls[action]()])
    } catch (failure) {
      actionError.value = failure
    } finally {
      busy.value = null
    }
  }

  /** Undoes chosen still-queued decisions of a job; returns how many were taken back. */
  async function undoItems(jobID: number, decisionIDs: number[]): Promise<number> {
    const result = await useApi()['decisions:undo']({ jobID, decisionIDs })
    merge([result.job])
    return result.undone
  }

  function onJobProgress(listener: (job: JobSummary) => void): () => void {
    progressListeners.add(listener)
    return () => progressListeners.delete(listener)
  }

  return {
    jobs,
    total,
    loading,
    error,
    openJobID,
    openJob,
    busy,
    actionError,
    listen,
    load,
    loadOlder,
    control,
    undoItems,
    onJobProgress,
  }
})
