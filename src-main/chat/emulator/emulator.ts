// Composition of the in-process sandbox: database, service, faults, controls, and SDK-shaped sessions.
import { EVENTS } from '../sdk'
import { systemClock, type Clock } from './clock'
import { controlsOver, localControlExecutor, type EmulatorControls } from './controls'
import { openEmulatorDatabase, type EmulatorDatabase } from './database'
import { FaultInjector, type FaultSettings } from './faults'
import { EmulatedChat } from './sdk-session'
import { applyDemoSeed, type DemoSeedOptions } from './seed'
import { GroupService } from './service'
import { resolveSettings, type EmulatorSettings } from './settings'
import { EmulatorStore } from './store'
import { InProcessTransport } from './transport'

/** The sandbox accepts any non-empty userSig; this one reads as what it is. */
export const SANDBOX_USER_SIG = 'sandbox-user-sig'

export interface EmulatorOptions {
  /** An open database (the caller closes it), or a file to open (':memory:' by default). */
  db?: EmulatorDatabase
  dataFile?: string
  clock?: Clock
  settings?: Partial<EmulatorSettings>
  faults?: Partial<FaultSettings>
  /** Seed of the fault injector's random draws (fail rate, jitter). */
  faultSeed?: number
  /** Demo data on first start: 'demo' (defaults), options, or 'none'. Applied only to an empty database. */
  seed?: 'demo' | 'none' | DemoSeedOptions
}

export interface Emulator {
  readonly service: GroupService
  readonly store: EmulatorStore
  readonly faults: FaultInjector
  readonly clock: Clock
  readonly controls: EmulatorControls
  /** A new SDK-shaped session, not logged in (like TencentCloudChat.create()). */
  createSession(options?: { clock?: Clock }): EmulatedChat
  /** A session logged in as `userID`, resolved once SDK_READY has fired. */
  connect(userID: string, options?: { clock?: Clock }): Promise<EmulatedChat>
  close(): void
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const ownsDatabase = !options.db
  const db = options.db ?? openEmulatorDatabase(options.dataFile ?? ':memory:')
  const store = new EmulatorStore(db)
  const clock = options.clock ?? systemClock
  const settings = resolveSettings(options.settings)
  const service = new GroupService({ store, clock, settings })
  const faults = new FaultInjector(options.faults, options.faultSeed)
  const seed = options.seed ?? 'none'
  if (seed !== 'none') applyDemoSeed(store, seed === 'demo' ? {} : seed)
  const sessions = new Set<EmulatedChat>()

  const createSession = (sessionOptions: { clock?: Clock } = {}): EmulatedChat => {
    const session = new EmulatedChat(new InProcessTransport(service, faults), { clock: sessionOptions.clock ?? clock })
    sessions.add(session)
    return session
  }

  return {
    service,
    store,
    faults,
    clock,
    controls: controlsOver(localControlExecutor(service, faults)),
    createSession,
    connect: (userID, sessionOptions) => loginAndWaitReady(createSession(sessionOptions), userID),
    close() {
      for (const session of sessions) void session.destroy()
      sessions.clear()
      if (ownsDatabase) db.close()
    },
  }
}

/** Log in and resolve once SDK_READY has fired (calls before it fail with 2999). */
export async function loginAndWaitReady<T extends EmulatedChat>(chat: T, userID: string, userSig = SANDBOX_USER_SIG): Promise<T> {
  const ready = new Promise<void>((resolve) => {
    const onReady = (): void => {
      chat.off(EVENTS.SDK_READY, onReady)
      resolve()
    }
    chat.on(EVENTS.SDK_READY, onReady)
  })
  await chat.login({ userID, userSig })
  await ready
  return chat
}
