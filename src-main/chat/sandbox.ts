// The sandbox connection: where its SDK-shaped sessions come from. Embedded (the default: the emulator
// in this process, its state in its own SQLite file under the data folder, demo data on first run) or
// remote (an emulator server started elsewhere, e.g. by tests that need a service outliving the console).
import fs from 'node:fs'
import path from 'node:path'
import type { ChatSdk } from './sdk'
import { createEmulator, type Emulator } from './emulator/emulator'
import { DEMO_SEED_DEFAULTS } from './emulator/seed'

export interface SandboxConnector {
  /** The moderator the demo data is built around. */
  readonly defaultUserID: string
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
