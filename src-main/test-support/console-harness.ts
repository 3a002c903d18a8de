// Test support: the console app (app.ts) over its real router, with an emulator server as its sandbox,
// each on a fresh data folder, all cleaned up after each test.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { createConsoleApp, type ConsoleApp } from '../app'
import { remoteSandbox } from '../chat/sandbox'
import { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from '../chat/emulator'
import type { ChatSdk } from '../chat/sdk'
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../shared/contract'

export const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-test-'))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

export async function emulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const started = await startEmulatorServer(options)
  cleanups.push(() => started.close())
  return started
}

export interface TestConsole {
  app: ConsoleApp
  /** A contract call; a failure rejects with the typed error's fields. */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** Resolves at the next event of this name whose payload satisfies `predicate`. */
  next<E extends EventName>(event: E, predicate?: (payload: EventPayload<E>) => boolean): Promise<EventPayload<E>>
}

export function consoleOn(
  dataDir: string,
  options: { sandboxUrl?: string; createCloudSdk?: (sdkAppID: number) => ChatSdk; resume?: boolean } = {},
): TestConsole {
  const app = createConsoleApp({
    dataDir,
    host: 'browser',
    version: 'test',
    strictContract: true,
    resumeLastAccount: options.resume ?? false,
    ...(options.sandboxUrl ? { sandbox: remoteSandbox(options.sandboxUrl, { requestTimeoutMs: 400 }) } : {}),
    ...(options.createCloudSdk ? { createCloudSdk: options.createCloudSdk } : {}),
    log: () => {},
  })
  cleanups.push(() => app.close())
  const console: TestConsole = {
    app,
    async call(channel, input) {
      const result = await app.router.dispatch(channel, input, { transport: 'direct' })
      if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
      return result.value as never
    },
    next(event, predicate = () => true) {
      return new Promise((resolve) => {
        const unsubscribe = app.events.subscribeAll((name, payload) => {
          if (name === event && predicate(payload as never)) {
            unsubscribe()
            resolve(payload as never)
          }
        })
      })
    },
  }
  return console
}

export const pullFinished = (progress: EventPayload<'sync:progress'>) => !progress.running && progress.lastFullPullAt !== null && progress.stage === null
