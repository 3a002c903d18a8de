// kill -9 of the console host in the middle of a 300-item job, then a restart on the same data folder:
// every application ends handled exactly once on the emulator server, none lost (issue 5).
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { connectEmulatorClient } from '../chat/emulator'
import { createSocketClient, type SocketLike } from '../shared/socket-client'
import { createConsoleClient } from '../shared/typed-client'
import type { ConsoleClient } from '../shared/api-types'
import type { EventName, EventPayload } from '../shared/contract'
import { cleanups, emulatorServer, tempDir } from '../test-support/console-harness'

const PROJECT_ROOT = path.resolve(__dirname, '../..')

interface HostProcess {
  child: ChildProcess
  client: ConsoleClient
  next<E extends EventName>(event: E, predicate: (payload: EventPayload<E>) => boolean): Promise<EventPayload<E>>
}

/** The console host as its own process (the one a moderator's machine runs), reached over its socket. */
async function startHost(dataDir: string, sandboxUrl: string): Promise<HostProcess> {
  // tsx as a loader inside this one process (its CLI would fork a child that a kill -9 would not reach).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src-main/host/cli.ts'), '--data', dataDir, '--sandbox-url', sandboxUrl], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)))
  })
  const url = new URL(/^console at (\S+)$/.exec(line)![1]!)
  const token = /token=([\w-]+)/.exec(url.hash)![1]!
  const socket = createSocketClient({
    url: `ws://${url.host}/ipc?token=${token}`,
    connect: (target) => new WebSocket(target, { origin: url.origin }) as unknown as SocketLike,
    reconnectDelayMs: () => 1_000_000,
  })
  cleanups.push(() => socket.close())
  await socket.ready
  const client = createConsoleClient(socket.api)
  return {
    child,
    client,
    next: (event, predicate) =>
      new Promise((resolve) => {
        const unsubscribe = client.on(event, (payload) => {
          if (predicate(payload)) {
            unsubscribe()
            resolve(payload)
          }
        })
      }),
  }
}

describe('crash recovery', () => {
  it('kill -9 mid-job, restart: every application handled exactly once, none lost', async () => {
    const server = await emulatorServer({ seed: { groups: 20, applications: 300 }, settings: { pendingApplicationCap: null } })
    // Slow enough that the kill lands mid-job.
    await server.controls.setFaults({ latencyMs: 8 })
    const dataDir = tempDir()

    const first = await startHost(dataDir, server.url)
    await first.client['settings:update']({ undoWindowSeconds: 0 })
    const pulled = first.next('sync:progress', (progress) => !progress.running && progress.lastFullPullAt !== null)
    await first.client['session:connect']({ connection: 'sandbox' })
    await pulled
    const keys = (await first.client['applications:query']({ limit: 500 })).rows.map((row) => row.applicationKey)
    expect(keys).toHaveLength(300)
    const { jobID } = await first.client['decisions:enqueue']({ applicationKeys: keys, action: 'approve' })
    await first.next('jobs:progress', (job) => job.jobID === jobID && job.done >= 80)
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))
    const appliedAtKill = (await server.controls.appliedCalls()).handleGroupApplication ?? 0
    expect(appliedAtKill).toBeGreaterThanOrEqual(80)
    expect(appliedAtKill).toBeLessThan(300)

    const second = await startHost(dataDir, server.url)
    const finished = second.next('jobs:progress', (job) => job.jobID === jobID && job.finished)
    // In case it finished before the subscription: ask once.
    const job = (await second.client['jobs:get']({ jobID })).job.finished ? (await second.client['jobs:get']({ jobID })).job : await finished
    expect(job).toMatchObject({ total: 300, done: 300, failed: 0, cancelled: 0 })

    expect((await server.controls.appliedCalls()).handleGroupApplication).toBe(300)
    const moderator = await connectEmulatorClient(server.url, 'moderator')
    cleanups.push(() => moderator.destroy())
    expect((await moderator.getGroupApplicationList()).data.applicationList).toEqual([])
  }, 90_000)
})
