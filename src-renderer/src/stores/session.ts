import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api'
import { HOST_CONNECTION_EVENT } from '../bridge/socket-bridge'
import type { SessionState } from '../../../src-main/shared/domain'

/** The chat session's state as main reports it, and whether this page can reach main at all. */
export const useSessionStore = defineStore('session', () => {
  const state = ref<SessionState | null>(null)
  /** False while the browser host's socket is down (always true in Electron). */
  const hostReachable = ref(true)

  async function load(): Promise<void> {
    const api = useApi()
    api.on('session:changed', (next) => (state.value = next))
    state.value = await api['session:state']({})
    window.addEventListener(HOST_CONNECTION_EVENT, (event) => {
      const connected = (event as CustomEvent<{ connected: boolean }>).detail.connected
      hostReachable.value = connected
      // Whatever changed while the link was down, read the state again.
      if (connected) void api['session:state']({}).then((next) => (state.value = next))
    })
  }

  return { state, hostReachable, load }
})
