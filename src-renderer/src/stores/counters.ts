import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api'
import { useOperationsStore } from './operations'
import type { CacheChange } from '../../../src-main/shared/domain'
import type { ChannelInput, ChannelOutput } from '../../../src-main/shared/contract'
import type { CounterRate, GroupCounters } from '../../../src-main/shared/counter-domain'
import type { CounterOp } from '../counter-values'

/** The contract asks for the meter about twice a second while the view is open. */
export const RATE_POLL_MS = 500
/**
 * Events of one change arrive in bursts (a bulk run, another client's loop): one re-read per burst keeps
 * the reads under their own limit (20 per 5 s, RATE_LIMITS.counterReads).
 */
const LIVE_REFRESH_DEBOUNCE_MS = 250

export type CounterKeyCount = ChannelOutput<'counters:keys'>[number]

/**
 * Group counters: the chosen group's values, the rate meter, the keys known to the cache, and the calls
 * behind history, the dashboard, export and bulk set. Live: a counter changed anywhere (this console,
 * another client through GROUP_COUNTER_UPDATED) re-reads the chosen group, and bumps revisions that the
 * chart and the dashboard watch.
 */
export const useCountersStore = defineStore('counters', () => {
  const groupID = ref<string | null>(null)
  const current = ref<GroupCounters | null>(null)
  const loading = ref(false)
  const loadFailure = ref<unknown>(null)
  /** Bumped when the chosen group's counters changed: its chart reads its history again. */
  const groupRevision = ref(0)
  /** Bumped when any group's counters changed: the dashboard reads again. */
  const anyRevision = ref(0)

  const rate = ref<CounterRate | null>(null)
  const rateFailure = ref<unknown>(null)
  const keys = ref<CounterKeyCount[]>([])

  // An answer for a group the moderator has since left must not land on the new one.
  let loadGeneration = 0
  let changesInFlight = 0

  async function reload(): Promise<void> {
    const id = groupID.value
    if (id === null) return
    const generation = ++loadGeneration
    loading.value = true
    try {
      const answer = await useApi()['counters:get']({ groupID: id })
      if (generation !== loadGeneration) return
      current.value = answer
      loadFailure.value = null
    } catch (error) {
      if (generation === loadGeneration) loadFailure.value = error
    } finally {
      if (generation === loadGeneration) loading.value = false
    }
  }

  function selectGroup(id: string | null): Promise<void> {
    listen()
    if (id === groupID.value && current.value) return Promise.resolve()
    groupID.value = id
    current.value = null
    loadFailure.value = null
    groupRevision.value++
    return id === null ? Promise.resolve() : reload()
  }

  /** Sends one change; the answer is the group's counters after it. Throws the ApiError on refusal. */
  async function change(key: string, op: CounterOp, value: bigint): Promise<GroupCounters> {
    const id = groupID.value
    if (id === null) throw new Error('No group is chosen')
    changesInFlight++
    try {
      const answer = await useApi()['counters:change']({ groupID: id, key, op, value })
      if (groupID.value === id) {
        loadGeneration++
        current.value = answer
        loadFailure.value = null
        groupRevision.value++
      }
      void loadKeys()
      return answer
    } finally {
      changesInFlight--
    }
  }

  async function loadKeys(): Promise<void> {
    try {
      keys.value = await useApi()['counters:keys']({})
    } catch {
      // The key list only fills suggestions; the views that need it show their own failures.
    }
  }

  // ---- Live updates ----------------------------------------------------------------------------------

  let listening = false
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let chosenGroupTouched = false

  function onCacheChanged(change: CacheChange): void {
    if (!change.domains.includes('counters')) return
    const id = groupID.value
    if (id !== null && (!change.groupIDs || change.groupIDs.includes(id))) chosenGroupTouched = true
    if (refreshTimer) clearTimeout(refreshTimer)
    refreshTimer = setTimeout(flushLiveRefresh, LIVE_REFRESH_DEBOUNCE_MS)
  }

  function flushLiveRefresh(): void {
    refreshTimer = null
    anyRevision.value++
    if (!chosenGroupTouched) return
    chosenGroupTouched = false
    // Our own change already brought the values back with its answer; only the chart needs to move.
    if (changesInFlight > 0) groupRevision.value++
    else void reload().then(() => groupRevision.value++)
  }

  /** Subscribes once per window. */
  function listen(): void {
    if (listening) return
    listening = true
    useApi().on('cache:changed', onCacheChanged)
  }

  // ---- The rate meter --------------------------------------------------------------------------------

  let rateTimer: ReturnType<typeof setInterval> | null = null
  let rateWatchers = 0

  async function pollRate(): Promise<void> {
    try {
      rate.value = await useApi()['counters:rate']({})
      rateFailure.value = null
    } catch (error) {
      rateFailure.value = error
    }
  }

  /** Polls while at least one meter is on screen; returns the way to stop watching. */
  function watchRate(): () => void {
    rateWatchers++
    if (rateWatchers === 1) {
      void pollRate()
      rateTimer = setInterval(() => void pollRate(), RATE_POLL_MS)
    }
    let stopped = false
    return () => {
      if (stopped) return
      stopped = true
      rateWatchers--
      if (rateWatchers === 0 && rateTimer) {
        clearInterval(rateTimer)
        rateTimer = null
      }
    }
  }

  // ---- History, dashboard, export, bulk --------------------------------------------------------------

  function history(query: ChannelInput<'counters:history'>) {
    return useApi()['counters:history'](query)
  }

  function dashboard(query: ChannelInput<'counters:dashboard'>) {
    listen()
    return useApi()['counters:dashboard'](query)
  }

  function exportKey(key: string) {
    return useApi()['counters:export']({ key })
  }

  /** A run of the operations journal: its progress and rollback are the operations store's. */
  async function bulkSet(input: ChannelInput<'counters:bulkSet'>) {
    const operations = useOperationsStore()
    operations.listen()
    const result = await useApi()['counters:bulkSet'](input)
    if (result.runID !== null) await operations.loadRun(result.runID)
    return result
  }

  return {
    groupID,
    current,
    loading,
    loadFailure,
    groupRevision,
    anyRevision,
    rate,
    rateFailure,
    keys,
    selectGroup,
    reload,
    change,
    loadKeys,
    listen,
    watchRate,
    history,
    dashboard,
    exportKey,
    bulkSet,
  }
})
