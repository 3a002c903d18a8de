// `npm run bench -- bulk [--items N] [--latency-ms L] [--fail-rate P]`: N approvals against the emulator
// server with latency and transient failures, sent by the console's decision journal ("ours") and by the
// loop a chat UI uses (await handleGroupApplication one after another, no pacing or retry: "naive").
// Also the renderer's long tasks in Chromium while a job runs. Last line:
// RESULT ours_items_s=… naive_items_s=… ours_failed=… naive_failed=… dup=… longest_task_ms=…
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { connectEmulatorClient, startEmulatorServer, type EmulatorServer } from '../src-main/chat/emulator'
import { startHostProcess, type HostProcess } from '../src-main/test-support/host-process'
import { chromiumLaunchOptions } from '../e2e/chromium'
import { printTable, round, secondsSince } from './support'

interface Options {
  items: number
  latencyMs: number
  failRate: number
}

async function seededServer(options: Options, dir: string, name: string): Promise<EmulatorServer> {
  const server = await startEmulatorServer({
    dataFile: path.join(dir, `${name}.sqlite`),
    seed: { seed: 7, groups: 200, applications: options.items },
    settings: { pendingApplicationCap: null },
  })
  return server
}

async function withFaults(server: EmulatorServer, options: Options): Promise<void> {
  await server.controls.resetAppliedCalls()
  await server.controls.setFaults({ latencyMs: options.latencyMs, failRate: options.failRate, failCode: 2800 })
}

async function naive(options: Options, dir: string) {
  const server = await seededServer(options, dir, 'naive')
  const chat = await connectEmulatorClient(server.url, 'moderator')
  const { applicationList } = (await chat.getGroupApplicationList()).data
  await withFaults(server, options)
  let failed = 0
  const start = process.hrtime.bigint()
  for (const application of applicationList) {
    try {
      await chat.handleGroupApplication({ handleAction: 'Agree', application })
    } catch {
      failed += 1
    }
  }
  const seconds = secondsSince(start)
  const applied = (await server.controls.appliedCalls()).handleGroupApplication ?? 0
  await chat.destroy()
  await server.close()
  return { items: applicationList.length, seconds, failed, applied }
}

/** Renderer long tasks (PerformanceObserver 'longtask') on the Jobs view while the job runs. */
async function watchLongTasks(host: HostProcess) {
  const browser = await chromium.launch(chromiumLaunchOptions())
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript(() => {
    const tasks: Array<{ start: number; duration: number }> = []
    ;(window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push({ start: entry.startTime, duration: entry.duration }))).observe({ type: 'longtask', buffered: true })
  })
  await page.goto(host.url)
  await page.waitForSelector('[data-testid=status-phase]')
  await page.goto(page.url().replace(/#.*$/, '#/jobs'))
  await page.getByTestId('view-jobs').waitFor()
  // Only what happens during the job counts: the page's own start-up is not part of it.
  const jobStart = await page.evaluate(() => performance.now())
  return {
    async stop() {
      const tasks = await page.evaluate(() => (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks)
      await browser.close()
      return tasks.filter((task) => task.start >= jobStart).map((task) => task.duration)
    },
  }
}

async function ours(options: Options, dir: string) {
  const server = await seededServer(options, dir, 'ours')
  const host = await startHostProcess({ dataDir: path.join(dir, 'console'), sandboxUrl: server.url, built: true })
  await host.client['settings:update']({ undoWindowSeconds: 0 })
  // Applications are in the cache once the pull reaches the paced domains (members onwards).
  const pulled = host.next('sync:progress', (progress) => ['members', 'attributes', 'counters'].includes(progress.stage ?? '') || (!progress.running && progress.lastFullPullAt !== null))
  await host.client['session:connect']({ connection: 'sandbox' })
  await pulled
  const keys: string[] = []
  for (let offset = 0; ; offset += 500) {
    const page = await host.client['applications:query']({ limit: 500, offset })
    keys.push(...page.rows.map((row) => row.applicationKey))
    if (keys.length >= page.total) break
  }
  const watcher = await watchLongTasks(host)
  await withFaults(server, options)
  const start = process.hrtime.bigint()
  const { jobID } = await host.client['decisions:enqueue']({ applicationKeys: keys, action: 'approve' })
  const job = await host.next('jobs:progress', (summary) => summary.jobID === jobID && summary.finished)
  const seconds = secondsSince(start)
  const longTasks = await watcher.stop()
  const applied = (await server.controls.appliedCalls()).handleGroupApplication ?? 0
  host.close()
  await server.close()
  return { items: keys.length, seconds, failed: job.failed, applied, done: job.done, longTasks }
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { items: { type: 'string', default: '1000' }, 'latency-ms': { type: 'string', default: '30' }, 'fail-rate': { type: 'string', default: '0.01' } } })
  const options: Options = { items: Number(values.items), latencyMs: Number(values['latency-ms']), failRate: Number(values['fail-rate']) }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-'))
  try {
    const naiveRun = await naive(options, dir)
    const oursRun = await ours(options, dir)
    // Decisions are serialised (ARCHITECTURE); the best the service allows one at a time is one latency each.
    const bestItemsPerSecond = 1000 / Math.max(1, options.latencyMs)
    const rows = [
      { run: 'ours (journal, paced, retried)', items: oursRun.items, seconds: round(oursRun.seconds, 2), items_s: round(oursRun.items / oursRun.seconds, 1), failed: oursRun.failed, applied: oursRun.applied, duplicated: Math.max(0, oursRun.applied - oursRun.items), ratio_to_best: round(oursRun.items / oursRun.seconds / bestItemsPerSecond, 3) },
      { run: 'naive (await in a loop)', items: naiveRun.items, seconds: round(naiveRun.seconds, 2), items_s: round(naiveRun.items / naiveRun.seconds, 1), failed: naiveRun.failed, applied: naiveRun.applied, duplicated: Math.max(0, naiveRun.applied - naiveRun.items), ratio_to_best: round(naiveRun.items / naiveRun.seconds / bestItemsPerSecond, 3) },
    ]
    console.log(`${options.items} approvals, ${options.latencyMs} ms latency, ${options.failRate * 100}% transient failures (2800); best one at a time: ${round(bestItemsPerSecond, 1)} items/s`)
    printTable(rows)
    const longest = oursRun.longTasks.length ? Math.max(...oursRun.longTasks) : 0
    console.log(`renderer long tasks during the job: ${oursRun.longTasks.length} (longest ${round(longest, 0)} ms)`)
    console.log(
      `RESULT ours_items_s=${rows[0]!.items_s} naive_items_s=${rows[1]!.items_s} ours_failed=${oursRun.failed} naive_failed=${naiveRun.failed} dup=${rows[0]!.duplicated} longest_task_ms=${round(longest, 0)}`,
    )
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
