// The composition root: builds every service of the console from one config. Nothing else constructs
// services, so the Electron main process, the browser host and the tests all run the same console.
import path from 'node:path'
import { openDatabase, type Db } from './store/db'
import { lockDataDir } from './store/data-dir-lock'
import { appMigrations } from './store/migrations'
import { createSettingsRepository } from './store/settings-repository'
import { createAccountsRepository } from './store/accounts-repository'
import { createSavedFiltersRepository } from './store/saved-filters-repository'
import { createCredentialVault, fileOnlyCipher, type SecretCipher } from './store/credential-vault'
import { accountFolderName } from './store/cache'
import { createEventBus, type EventBus } from './ipc/events'
import { createRouter, type Handlers, type Router } from './ipc/router'
import { embeddedSandbox, type SandboxConnector } from './chat/sandbox'
import { createTencentSdk } from './chat/tencent'
import type { ChatSdk } from './chat/sdk'
import { createAccountService, type AccountService } from './sync/account-service'
import type { Page } from './shared/domain'

export interface ConsoleConfig {
  /** Where the console keeps its databases: Electron's userData, or the host's --data. */
  dataDir: string
  host: 'electron' | 'browser'
  version: string
  /** Check every IPC output and event against the contract (tests, development). */
  strictContract?: boolean
  /** How saved credentials are encrypted: Electron's safeStorage, or nothing but file permissions. */
  secretCipher?: SecretCipher
  /** The sandbox: embedded in this process by default. */
  sandbox?: SandboxConnector
  createCloudSdk?: (sdkAppID: number) => ChatSdk
  /** Reopen the last account and reconnect at start (off in unit tests that drive connections). */
  resumeLastAccount?: boolean
  log?: (message: string, error?: unknown) => void
}

export interface ConsoleApp {
  router: Router
  events: EventBus
  accounts: AccountService
  close(): Promise<void>
}

export const APP_DATABASE_FILE = 'console.db'

function emptyPage<T>(offset = 0): Page<T> {
  return { rows: [], total: 0, offset }
}

export function createConsoleApp(config: ConsoleConfig): ConsoleApp {
  const log = config.log ?? ((message, error) => console.error(message, error ?? ''))
  const strict = config.strictContract ?? false
  const releaseLock = lockDataDir(config.dataDir)
  let db: Db
  try {
    db = openDatabase(path.join(config.dataDir, APP_DATABASE_FILE), { migrations: appMigrations })
  } catch (error) {
    releaseLock()
    throw error
  }
  const settings = createSettingsRepository(db)
  const savedFilters = createSavedFiltersRepository(db)
  const events = createEventBus({ validate: strict })
  const startedAt = new Date()

  const accounts = createAccountService({
    dataDir: config.dataDir,
    accounts: createAccountsRepository(db),
    vault: createCredentialVault(path.join(config.dataDir, 'credentials'), config.secretCipher ?? fileOnlyCipher, accountFolderName),
    events,
    sandbox: config.sandbox ?? embeddedSandbox(config.dataDir),
    createCloudSdk: config.createCloudSdk ?? ((sdkAppID) => createTencentSdk({ SDKAppID: sdkAppID })),
    settings: () => settings.read(),
    log,
  })

  const handlers: Handlers = {
    'app:info': () => ({
      name: 'Group Moderation Console',
      version: config.version,
      host: config.host,
      dataDir: config.dataDir,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      startedAt,
    }),
    'settings:get': () => settings.read(),
    'settings:update': (patch) => {
      const next = settings.update(patch)
      events.emit('settings:changed', next)
      return next
    },
    'session:state': () => accounts.state(),
    'session:profiles': () => accounts.profiles(),
    'session:connect': (input) => accounts.connect(input),
    'session:disconnect': () => accounts.disconnect(),
    'session:forget': ({ accountKey }) => accounts.forget(accountKey),
    'session:resetSandbox': () => accounts.resetSandbox(),
    'sync:state': () => accounts.syncProgress(),
    'sync:run': () => accounts.runSync(),
    'groups:list': (query) => accounts.cache()?.groups.list(query) ?? emptyPage(query.offset),
    'groups:get': ({ groupID }) => accounts.cache()?.groups.get(groupID) ?? null,
    'members:list': (query) => accounts.cache()?.members.list(query) ?? emptyPage(query.offset),
    'applications:query': (query) => accounts.cache()?.applications.query(query, Date.now()) ?? emptyPage(query.offset),
    'applications:keys': (query) => accounts.cache()?.applications.keys(query, Date.now()) ?? { keys: [], total: 0 },
    'inbox:savedFilters': () => savedFilters.list(),
    'inbox:saveFilter': (filter) => savedFilters.save(filter),
    'inbox:deleteFilter': ({ name }) => savedFilters.remove(name),
    'decisions:enqueue': (input) => accounts.moderation().enqueue(input),
    'decisions:undo': ({ jobID, decisionIDs }) => accounts.moderation().undo(jobID, decisionIDs),
    'jobs:list': ({ offset, limit }) => (accounts.cache() ? accounts.moderation().jobs(offset, limit) : emptyPage(offset)),
    'jobs:get': (query) => accounts.moderation().job(query),
    'jobs:pause': ({ jobID }) => accounts.moderation().setJobState(jobID, 'paused'),
    'jobs:resume': ({ jobID }) => accounts.moderation().setJobState(jobID, 'active'),
    'jobs:cancel': ({ jobID }) => accounts.moderation().setJobState(jobID, 'cancelled'),
    'jobs:retryFailed': ({ jobID }) => accounts.moderation().retryFailed(jobID),
    'audit:query': (query) => (accounts.cache() ? accounts.moderation().audit(query) : emptyPage(query.offset)),
    'audit:export': (input) => accounts.moderation().exportAudit(input),
    'profile:preview': ({ selection, patch }) => accounts.admin().preview(selection, patch),
    'profile:apply': ({ selection, patch }) => accounts.admin().apply(selection, patch),
    'operations:list': ({ offset, limit }) => (accounts.cache() ? accounts.admin().runs(offset, limit) : emptyPage(offset)),
    'operations:get': ({ runID, only, offset, limit }) => accounts.admin().run(runID, only, offset, limit),
    'operations:rollback': ({ runID }) => accounts.admin().rollback(runID),
    'operations:cancel': ({ runID }) => accounts.admin().cancel(runID),
    'operations:resolveConflict': ({ operationID, resolution }) => accounts.admin().resolveConflict(operationID, resolution),
    'groups:lifecycleRules': ({ groupID }) => accounts.admin().lifecycleRules(groupID),
    'groups:create': (input) => accounts.admin().create(input),
    'groups:join': ({ groupID, applyMessage }) => accounts.admin().join(groupID, applyMessage),
    'groups:quit': ({ groupID, confirmName }) => accounts.admin().quit(groupID, confirmName),
    'groups:dismiss': ({ groupID, confirmName }) => accounts.admin().dismiss(groupID, confirmName),
    'groups:transfer': ({ groupID, newOwnerID, confirmName }) => accounts.admin().transfer(groupID, newOwnerID, confirmName),
    'members:rules': ({ groupID }) => accounts.admin().memberRules(groupID),
    'members:apply': (input) => accounts.admin().applyMembers(input),
    'members:add': ({ groupID, userIDs }) => accounts.admin().addMembers(groupID, userIDs),
    'attributes:get': ({ groupID }) => accounts.admin().attributes(groupID),
    'attributes:write': (input) => accounts.admin().writeAttributes(input),
    'counters:get': ({ groupID }) => accounts.admin().counters.get(groupID),
    'counters:change': (input) => accounts.admin().counters.change(input),
    'counters:rate': () => accounts.admin().counters.rate(),
    'counters:history': (query) => accounts.admin().counters.history(query),
    'counters:keys': () => (accounts.cache() ? accounts.admin().counters.keys() : []),
    'counters:dashboard': (query) => accounts.admin().counters.dashboard(query),
    'counters:export': ({ key }) => accounts.admin().counters.export(key),
    'counters:bulkSet': ({ selection, key, value }) => accounts.admin().bulkSetCounters(selection, key, value),
  }

  const contractRouter = createRouter(handlers, {
    validateOutput: strict,
    reportInternalError: (channel, error) => log(`[ipc] ${channel} failed`, error),
  })
  // Calls wait for the last account's cache to be reopened, so the first read already sees it.
  const resumed = (config.resumeLastAccount ?? true) ? accounts.resume().catch((error: unknown) => log('[app] could not reopen the last account', error)) : Promise.resolve()
  const router: Router = {
    dispatch: async (channel, input, context) => {
      await resumed
      return contractRouter.dispatch(channel, input, context)
    },
  }

  let closed = false
  return {
    router,
    events,
    accounts,
    async close() {
      if (closed) return
      closed = true
      await accounts.close()
      db.close()
      releaseLock()
    },
  }
}

