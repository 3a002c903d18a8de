import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../api'
import { HOST_CONNECTION_EVENT } from '../bridge/socket-bridge'
import type { ConnectInput, Profiles, SessionPhase, SessionState } from '../../../src-main/shared/domain'

/** Phases in which nothing reaches the service and the views show the cache "as of" the last sync. */
const DISCONNECTED_PHASES: readonly SessionPhase[] = ['offline', 'kicked-out', 'usersig-expired']

/**
 * The chat session as main reports it, the saved connection profiles, and whether this page can reach
 * main at all. Connecting, switching and forgetting accounts go through here.
 */
export const useSessionStore = defineStore('session', () => {
  const state = ref<SessionState | null>(null)
  const profiles = ref<Profiles | null>(null)
  /** False while the browser host's socket is down (always true in Electron). */
  const hostReachable = ref(true)
  /** True from a connect request until main answers it. */
  const connecting = ref(false)

  const hasAccount = computed(() => state.value !== null && state.value.accountKey !== null)
  const online = computed(() => hostReachable.value && state.value?.phase === 'ready')
  const disconnected = computed(() => state.value !== null && DISCONNECTED_PHASES.includes(state.value.phase))
  const activeProfile = computed(() => profiles.value?.profiles.find((profile) => profile.active) ?? null)

  async function refreshProfiles(): Promise<void> {
    profiles.value = await useApi()['session:profiles']({})
  }

  function applyState(next: SessionState): void {
    const accountChanged = next.accountKey !== state.value?.accountKey
    state.value = next
    // The active flag and "last used" of the profiles follow the session.
    if (accountChanged) void refreshProfiles().catch(() => {})
  }

  async function load(): Promise<void> {
    const api = useApi()
    api.on('session:changed', applyState)
    const [current] = await Promise.all([api['session:state']({}), refreshProfiles()])
    state.value = current
    window.addEventListener(HOST_CONNECTION_EVENT, (event) => {
      const connected = (event as CustomEvent<{ connected: boolean }>).detail.connected
      hostReachable.value = connected
      // Whatever changed while the link was down, read the state again.
      if (connected) void api['session:state']({}).then(applyState)
    })
  }

  /** Resolves once main has connected (or refused: the ApiError is thrown to the caller). */
  async function connect(input: ConnectInput): Promise<SessionState> {
    connecting.value = true
    try {
      const next = await useApi()['session:connect'](input)
      applyState(next)
      await refreshProfiles()
      return next
    } finally {
      connecting.value = false
    }
  }

  const connectSandbox = () => connect({ connection: 'sandbox' })

  /** Connects the active account again with what main has saved for it (after a kick-out, say). */
  async function reconnect(): Promise<SessionState> {
    const profile = activeProfile.value
    if (!profile || profile.connection === 'sandbox') return connect({ connection: 'sandbox', ...(profile ? { userID: profile.userID } : {}) })
    return connect({ connection: 'cloud', sdkAppID: profile.sdkAppID ?? 0, userID: profile.userID })
  }

  async function disconnect(): Promise<void> {
    applyState(await useApi()['session:disconnect']({}))
  }

  async function forget(accountKey: string): Promise<void> {
    profiles.value = await useApi()['session:forget']({ accountKey })
  }

  async function resetSandbox(): Promise<void> {
    connecting.value = true
    try {
      applyState(await useApi()['session:resetSandbox']({ confirm: true }))
      await refreshProfiles()
    } finally {
      connecting.value = false
    }
  }

  return {
    state,
    profiles,
    hostReachable,
    connecting,
    hasAccount,
    online,
    disconnected,
    activeProfile,
    load,
    refreshProfiles,
    connect,
    connectSandbox,
    reconnect,
    disconnect,
    forget,
    resetSandbox,
  }
})
