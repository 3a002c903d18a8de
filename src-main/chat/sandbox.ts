// The sandbox connection: where its SDK-shaped sessions come from. Embedded (the default: the emulator
// in this process, its state in its own SQLite file under the data folder, demo data on first run) or
// remote (an emulator server started elsewhere, e.g. by tests that need a service outliving the console).
import fs from 'node:fs'
import path from 'node:path'
import type { ChatSdk } from './sdk'
import { createEmulator, createEmulatorClient, DEMO_SEED_DEFAULTS, SANDBOX_USER_SIG, type Emulator } from './emulator'
import { AppError, CONSOLE_ERROR_CODES } from '../shared/errors'

export interface SandboxConnector {
  /** The moderator the demo data is built around. */
  readonly defaultUserID: string
  /** The sandbox takes any non-empty userSig; this is the one the console presents. */
  readonly userSig: string
  /** A new session, not logged in (like TencentCloudChat.create()). */
  createSdk(): Promise<ChatSdk>
  /** Back to the demo data. Sessions created before are closed. */
  reset(): Promise<void>
  close(): Promise<void>
}

export function embeddedSandbox(dataDir: string): SandboxConnector {
  const file = path.join(dataDir, 'sandbox', 'emulator.db')
  let emulator: Emulator | null = null

  function open(): Emulator {
    if (!emulator) {
      fs.mkdirSync(path.dirname(file), { recursive: true })
      emulator = createEmulator({ dataFile: file, seed: 'demo' })
    }
    return emulator
  }

  return {
    defaultUserID: DEMO_SEED_DEFAULTS.moderatorID,
    userSig: SANDBOX_USER_SIG,
    createSdk: async () => open().createSession(),
    async reset() {
      emulator?.close()
      emulator = null
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
    },
    async close() {
      emulator?.close()
      emulator = null
    },
  }
}

/** An emulator server elsewhere (`npm run emulator`), reached over loopback. Its data is its own to reset. */
export function remoteSandbox(url: string, options: { requestTimeoutMs?: number } = {}): SandboxConnector {
  const sessions = new Set<ChatSdk>()
  return {
    defaultUserID: DEMO_SEED_DEFAULTS.moderatorID,
    userSig: SANDBOX_USER_SIG,
    async createSdk() {
      const sdk = createEmulatorClient(url, { requestTimeoutMs: options.requestTimeoutMs ?? 5_000 })
      sessions.add(sdk)
      return sdk
    },
    async reset() {
      throw new AppError(CONSOLE_ERROR_CODES.invalidInput, `The sandbox at ${url} is run separately: restart it with --seed demo on a fresh --data folder to reset it`)
    },
    async close() {
      await Promise.all([...sessions].map((sdk) => sdk.destroy().catch(() => {})))
      sessions.clear()
    },
  }
}
