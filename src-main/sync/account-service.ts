// The account the console works as: its connection (session), its cache, and the sync between them.
// Reads always come from the cache, so every view works offline; the session only decides whether
// anything can reach the service. Switching accounts switches caches: one database per account.
import fs from 'node:fs'
import path from 'node:path'
import { createChatSession, type ChatSession, type SessionTarget } from '../chat/session'
import type { ChatSdk } from '../chat/sdk'
import type { SandboxConnector } from '../chat/sandbox'
import { readUserSig, signUserSig } from '../chat/user-sig'
import type { EventBus } from '../ipc/events'
import { accountKeyFor, type AccountRecord, type AccountsRepository } from '../store/accounts-repository'
import { accountFolderName, cacheFileFor, openAccountCache, type AccountCache } from '../store/cache'
import type { Credential, CredentialVault } from '../store/credential-vault'
import {
  connectInputSchema,
  type ConnectInput,
  type Profiles,
  type SessionState,
  type Settings,
  type SyncProgress,
} from '../shared/domain'
import { AppError, CONSOLE_ERROR_CODES, isRetryable, isSdkError } from '../shared/errors'
import { createCacheSync, type CacheSync } from './cache-sync'
import { createModerationRuntime, type ModerationRuntime } from '../moderation/moderation-runtime'
import { createAdminRuntime, type AdminRuntime } from '../admin/admin-runtime'
import { DEFAULT_PROFILE_LIMIT_PROFILE, RATE_LIMITS, STRICTEST_PROFILE_LIMIT_PROFILE } from '../shared/limits'
import { createPacer, type Pacer } from '../moderation/pacer'

interface AccountPacers {
  attributeReads: Pacer
  attributeWrites: Pacer
  counterReads: Pacer
  counterWrites: Pacer
}

function createAccountPacers(): AccountPacers {
  return {
    attributeReads: createPacer(RATE_LIMITS.attributeReads),
    attributeWrites: createPacer(RATE_LIMITS.attributeWrites),
    counterReads: createPacer(RATE_LIMITS.counterReads),
    counterWrites: createPacer(RATE_LIMITS.counterWrites),
  }
}

export interface AccountServiceOptions {
  dataDir: string
  accounts: AccountsRepository
  vault: CredentialVault
  events: EventBus
  sandbox: SandboxConnector
  createCloudSdk: (sdkAppID: number) => ChatSdk
  settings: () => Settings
  now?: () => number
  log?: (message: string, error?: unknown) => void
}

interface OpenAccount {
  record: AccountRecord
  cache: AccountCache
  /** One set per account: the service limits a user's calls however many parts of the console make them. */
  pacers: AccountPacers
  sync: CacheSync | null
  moderation: ModerationRuntime
  admin: AdminRuntime
}

const IDLE_PROGRESS: SyncProgress = { running: false, stage: null, done: 0, total: 0, startedAt: null, lastFullPullAt: null, lastEventAt: null, lastError: null }
const RECONNECT_DELAY_MS = 15_000

export interface AccountService {
  /** At start: reopen the last account's cache (readable offline at once) and reconnect in the background. */
  resume(): Promise<void>
  connect(input: ConnectInput): Promise<SessionState>
  disconnect(): Promise<SessionState>
  forget(accountKey: string): Promise<Profiles>
  resetSandbox(): Promise<SessionState>
  profiles(): Profiles
  state(): SessionState
  syncProgress(): SyncProgress
  runSync(): SyncProgress
  /** The current account's cache, connected or not; null before any account was used. */
  cache(): AccountCache | null
  /** The SDK while connected; null when signed out, kicked out or expired. */
  sdk(): ChatSdk | null
  /** The current account's decisions, jobs and audit log; refused before any account was used. */
  moderation(): ModerationRuntime
  /** The current account's group administration; refused before any account was used. */
  admin(): AdminRuntime
  close(): Promise<void>
}

export function createAccountService(options: AccountServiceOptions): AccountService {
  const now = options.now ?? Date.now
  const log = options.log ?? (() => {})
  let open: OpenAccount | null = null
  let reconnectTimer: NodeJS.Timeout | null = null
  let lastTarget: SessionTarget | null = null
  let reconcileTimer: NodeJS.Timeout | null = null

  const session: ChatSession = createChatSession({
    createSdk: async (target) => (target.connection === 'sandbox' ? options.sandbox.createSdk() : options.createCloudSdk(target.sdkAppID!)),
    onChange: (snapshot) => {
      if (snapshot.phase === 'ready') onReady()
      open?.moderation.sessionChanged()
      if (snapshot.phase === 'kicked-out' || snapshot.phase === 'usersig-expired' || snapshot.phase === 'signed-out') void stopSync()
      emitState()
    },
    now,
  })

  function state(): SessionState {
    const snapshot = session.snapshot()
    const lastPull = open?.cache.syncState.get('groups').lastFullPullAt ?? null
    return {
      accountKey: open?.record.accountKey ?? null,
      connection: open?.record.connection ?? snapshot.connection,
      phase: snapshot.phase,
      userID: open?.record.userID ?? snapshot.userID,
      lastSyncAt: lastPull === null ? null : new Date(lastPull),
      reason: snapshot.reason,
    }
  }

  function emitState(): void {
    options.events.emit('session:changed', state())
  }

  function syncProgress(): SyncProgress {
    if (open?.sync) return open.sync.progress()
    const lastPull = open?.cache.syncState.get('groups').lastFullPullAt ?? null
    return { ...IDLE_PROGRESS, lastFullPullAt: lastPull === null ? null : new Date(lastPull) }
  }

  function onReady(): void {
    const sdk = session.sdk()
    if (!open || !sdk) return
    if (!open.sync) {
      open.sync = createCacheSync({
        sdk,
        cache: open.cache,
        pacers: open.pacers,
        onProgress: (progress) => options.events.emit('sync:progress', progress),
        onChange: (change) => options.events.emit('cache:changed', change),
        log,
      })
      open.sync.start()
    }
    // After every (re)connection: events may have been missed while away, and decisions may have waited.
    pull()
    scheduleReconcile()
    open.moderation.connected()
    open.admin.connected()
  }

  function pull(): void {
    const sync = open?.sync
    if (!sync) return
    sync
      .fullPull()
      .then(() => emitState())
      .catch((error: unknown) => log('[sync] full pull failed', error))
  }

  function scheduleReconcile(): void {
    if (reconcileTimer) clearInterval(reconcileTimer)
    const minutes = options.settings().syncIntervalMinutes
    if (minutes <= 0) return
    reconcileTimer = setInterval(() => {
      if (session.snapshot().phase === 'ready') pull()
    }, minutes * 60_000)
    reconcileTimer.unref()
  }

  /** Every stop still in progress: closing the cache waits for all of them, however they were started. */
  let syncStopping: Promise<void> = Promise.resolve()

  function stopSync(): Promise<void> {
    const sync = open?.sync
    if (open) open.sync = null
    if (reconcileTimer) clearInterval(reconcileTimer)
    reconcileTimer = null
    if (sync) syncStopping = Promise.all([syncStopping, sync.stop()]).then(() => undefined)
    return syncStopping
  }

  /** Journals send only while the session is ready; offline their items wait. */
  function readySdk(): ChatSdk | null {
    return session.snapshot().phase === 'ready' ? session.sdk() : null
  }

  async function openAccount(record: AccountRecord): Promise<void> {
    if (open?.record.accountKey === record.accountKey) {
      open.record = record
      return
    }
    await closeAccount()
    const cache = openAccountCache(cacheFileFor(options.dataDir, record.accountKey))
    const pacers = createAccountPacers()
    const moderation = createModerationRuntime({
      cache,
      actor: record.userID,
      sdk: readySdk,
      events: options.events,
      undoWindowMs: () => options.settings().undoWindowSeconds * 1000,
      log,
    })
    const admin = createAdminRuntime({
      cache,
      actor: record.userID,
      sdk: readySdk,
      events: options.events,
      profileLimits: () => (options.settings().profileLimits === 'strictest' ? STRICTEST_PROFILE_LIMIT_PROFILE : DEFAULT_PROFILE_LIMIT_PROFILE),
      pacers,
      log,
    })
    open = { record, cache, pacers, sync: null, moderation, admin }
  }

  async function closeAccount(): Promise<void> {
    const closing = open
    // The pull and the runner finish (or abandon) their calls before the database they record into closes.
    await stopSync()
    open = null
    if (!closing) return
    await Promise.all([closing.moderation.stop(), closing.admin.stop()])
    closing.cache.close()
  }

  function clearReconnect(): void {
    if (reconnectTimer) clearTimeout(reconnectTimer)
    reconnectTimer = null
  }

  /** Network trouble while connecting: stay on the cache, show offline, try again later. */
  function scheduleReconnect(): void {
    clearReconnect()
    reconnectTimer = setTimeout(() => {
      if (lastTarget && (session.snapshot().phase === 'offline' || session.snapshot().phase === 'signed-out')) void startSession(lastTarget).catch(() => {})
    }, RECONNECT_DELAY_MS)
    reconnectTimer.unref()
  }

  async function startSession(target: SessionTarget): Promise<void> {
    lastTarget = target
    try {
      await session.connect(target)
      clearReconnect()
    } catch (error) {
      if (isSdkError(error) && isRetryable(error.code)) scheduleReconnect()
      if (error instanceof AppError && error.kind === 'retryable') scheduleReconnect()
      throw error
    }
  }

  function cloudTarget(record: AccountRecord, credential: Credential): SessionTarget {
    const userSig = credential.kind === 'userSig' ? credential.userSig : signUserSig(credential.secretKey, record.sdkAppID!, record.userID, credential.expireSeconds)
    const info = readUserSig(userSig)
    if (info && (info.userID !== record.userID || info.sdkAppID !== record.sdkAppID)) {
      throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `This userSig was issued for user "${info.userID}" of app ${info.sdkAppID}, not "${record.userID}" of app ${record.sdkAppID}`)
    }
    return { connection: 'cloud', sdkAppID: record.sdkAppID!, userID: record.userID, userSig, userSigExpiresAt: info?.expiresAt ?? null }
  }

  async function connect(rawInput: ConnectInput): Promise<SessionState> {
    const input = connectInputSchema.parse(rawInput)
    clearReconnect()
    let target: SessionTarget
    let record: AccountRecord
    if (input.connection === 'sandbox') {
      const userID = input.userID ?? options.sandbox.defaultUserID
      record = options.accounts.upsert({ accountKey: accountKeyFor('sandbox', userID, null), connection: 'sandbox', sdkAppID: null, userID }, now())
      target = { connection: 'sandbox', userID, userSig: options.sandbox.userSig }
    } else {
      const accountKey = accountKeyFor('cloud', input.userID, input.sdkAppID)
      const credential = input.credential ?? options.vault.load(accountKey)
      if (!credential) throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `No userSig is saved for ${input.userID}: paste one to connect`)
      record = { accountKey, connection: 'cloud', sdkAppID: input.sdkAppID, userID: input.userID, createdAt: now(), lastUsedAt: now() }
      // Checked before anything is saved: a userSig for another user must not replace a good one.
      target = cloudTarget(record, credential)
      if (input.credential) options.vault.save(accountKey, credential)
      record = options.accounts.upsert(record, now())
    }
    await openAccount(record)
    // No state event here: the session's own 'connecting' announces the new account, never with the old phase.
    await startSession(target)
    return state()
  }

  function current(): OpenAccount {
    if (!open) throw new AppError(CONSOLE_ERROR_CODES.notReady, 'No account yet: connect once so the console has a cache to work from')
    return open
  }

  function profiles(): Profiles {
    return {
      profiles: options.accounts.list().map((record) => {
        const credential = record.connection === 'cloud' ? options.vault.load(record.accountKey) : null
        const expiresAt = credential?.kind === 'userSig' ? (readUserSig(credential.userSig)?.expiresAt ?? null) : null
        return {
          accountKey: record.accountKey,
          connection: record.connection,
          sdkAppID: record.sdkAppID,
          userID: record.userID,
          credential: credential?.kind ?? 'none',
          userSigExpiresAt: expiresAt,
          lastUsedAt: new Date(record.lastUsedAt),
          active: open?.record.accountKey === record.accountKey,
        }
      }),
      credentialProtection: options.vault.protection,
      cacheDir: path.join(options.dataDir, 'accounts'),
      sandboxUserID: options.sandbox.defaultUserID,
    }
  }

  function removeCacheFolder(accountKey: string): void {
    fs.rmSync(path.join(options.dataDir, 'accounts', accountFolderName(accountKey)), { recursive: true, force: true })
  }

  async function resume(): Promise<void> {
      const last = options.accounts.lastUsed()
      if (!last) return
      await openAccount(last)
      emitState()
      const credential = last.connection === 'cloud' ? options.vault.load(last.accountKey) : null
      if (last.connection === 'cloud' && !credential) return
      let target: SessionTarget
      try {
        target = last.connection === 'sandbox' ? { connection: 'sandbox', userID: last.userID, userSig: options.sandbox.userSig } : cloudTarget(last, credential!)
      } catch (error) {
        log('[session] saved credential unusable', error)
        return
      }
      void startSession(target).catch((error: unknown) => log('[session] reconnect at start failed', error))
  }

  return {
    resume,
    connect,
    async disconnect() {
      clearReconnect()
      lastTarget = null
      await session.disconnect()
      return state()
    },
    async forget(accountKey) {
      if (open?.record.accountKey === accountKey) {
        clearReconnect()
        lastTarget = null
        await session.disconnect()
        await closeAccount()
        emitState()
      }
      options.vault.remove(accountKey)
      options.accounts.remove(accountKey)
      removeCacheFolder(accountKey)
      return profiles()
    },
    async resetSandbox() {
      const wasSandbox = !open || open.record.connection === 'sandbox'
      if (open?.record.connection === 'sandbox') {
        await session.disconnect()
        await closeAccount()
      }
      await options.sandbox.reset()
      for (const record of options.accounts.list()) if (record.connection === 'sandbox') removeCacheFolder(record.accountKey)
      if (wasSandbox) return connect({ connection: 'sandbox' })
      return state()
    },
    profiles,
    state,
    syncProgress,
    runSync() {
      if (!open?.sync || session.snapshot().phase !== 'ready') {
        throw new AppError(CONSOLE_ERROR_CODES.offline, 'Not connected: the cache cannot be refreshed until the console is online')
      }
      pull()
      return open.sync.progress()
    },
    cache: () => open?.cache ?? null,
    sdk: () => session.sdk(),
    moderation: () => current().moderation,
    admin: () => current().admin,
    async close() {
      clearReconnect()
      lastTarget = null
      await session.disconnect().catch(() => {})
      await closeAccount()
      await options.sandbox.close()
    },
  }
}
