// The composition root: builds every service of the console from one config. Nothing else constructs
// services, so the Electron main process, the browser host and the tests all run the same console.
import path from 'node:path'
import { openDatabase, type Db } from './store/db'
import { appMigrations } from './store/migrations'
import { createSettingsRepository } from './store/settings-repository'
import { createEventBus, type EventBus } from './ipc/events'
import { createRouter, type Handlers, type Router } from './ipc/router'
import type { SessionState } from './shared/domain'

export interface ConsoleConfig {
  /** Where the console keeps its databases: Electron's userData, or the host's --data. */
  dataDir: string
  host: 'electron' | 'browser'
  version: string
  /** Check every IPC output and event against the contract (tests, development). */
  strictContract?: boolean
  log?: (message: string, error?: unknown) => void
}

export interface ConsoleApp {
  router: Router
  events: EventBus
  close(): void
}

export const APP_DATABASE_FILE = 'console.db'

export function createConsoleApp(config: ConsoleConfig): ConsoleApp {
  const log = config.log ?? ((message, error) => console.error(message, error ?? ''))
  const strict = config.strictContract ?? false
  const db: Db = openDatabase(path.join(config.dataDir, APP_DATABASE_FILE), { migrations: appMigrations })
  const settings = createSettingsRepository(db)
  const events = createEventBus({ validate: strict })
  const startedAt = new Date()

  // No chat session exists until the session issue lands its connection; this is the honest state.
  const sessionState: SessionState = { connection: 'sandbox', phase: 'signed-out', userID: null, lastSyncAt: null, reason: null }

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
    'session:state': () => sessionState,
  }

  const router = createRouter(handlers, {
    validateOutput: strict,
    reportInternalError: (channel, error) => log(`[ipc] ${channel} failed`, error),
  })

  return {
    router,
    events,
    close() {
      db.close()
    },
  }
}
