import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api'
import type { SyncProgress } from '../../../src-main/shared/domain'

/** The cache's full pull: whether one runs, how far it is, and asking for one. */
export const useSyncStore = defineStore('sync', () => {
  const progress = ref<SyncProgress | null>(null)
  /** Why the last "Sync now" was refused (e.g. offline), until the next attempt. */
  const runError = ref<unknown>(null)

  async function load(): Promise<void> {
    const api = useApi()
    api.on('sync:progress', (next) => (progress.value = next))
    // A pull stopped by a kick-out or a disconnect sends no last progress event: read the state again
    // whenever the session changes, so the status bar does not show a pull that is no longer running.
    api.on('session:changed', () => void api['sync:state']({}).then((next) => (progress.value = next), () => {}))
    progress.value = await api['sync:state']({})
  }

  async function runNow(): Promise<void> {
    runError.value = null
    try {
      progress.value = await useApi()['sync:run']({})
    } catch (error) {
      runError.value = error
    }
  }

  return { progress, runError, load, runNow }
})
