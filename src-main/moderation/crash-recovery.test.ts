// kill -9 of the console host in the middle of a 300-item job, then a restart on the same data folder:
// every application ends handled exactly once on the emulator server, none lost (issue 5).
import { describe, expect, it } from 'vitest'
import { connectEmulatorClient } from '../chat/emulator'
import { cleanups, emulatorServer, tempDir } from '../test-support/console-harness'
import { startHostProcess } from '../test-support/host-process'

async function startHost(dataDir: string, sandboxUrl: string) {
  const host = await startHostProcess({ dataDir, sandboxUrl })
  cleanups.push(() => host.close())
  return host
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
    await first.kill('SIGKILL')
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
