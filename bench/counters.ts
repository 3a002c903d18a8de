// `npm run bench -- counters [--samples N] [--groups G] [--keys K] [--bulk-groups B] [--repeats R]`:
// the counter figures of issue 7.
// - chart: a counter with N samples (default 1,000,000) inserted straight into a console's cache, opened
//   in the Counters view in Chromium, timed from the click on its key to the chart's first 'finished'
//   event (the view stamps both on the element, so nothing here guesses with sleeps). Goal ≤ 200 ms.
// - dashboard: G groups (default 5,000) × K keys (default 5), timed in Chromium from choosing a key to
//   its table on screen, and the channel alone over the socket. Goal ≤ 300 ms.
// - bulk: one key set in B groups (default 200) through 'counters:bulkSet' at the documented limit
//   (20 writes per 5 s), wall time against the floor that limit sets (B / 20 × 5 s). Goal within 10%.
// Last line: RESULT chart_ms=… dashboard_ms=… bulk_s=… bulk_floor_s=…
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { chromium, type Page } from 'playwright-core'
import { startEmulatorServer, type EmulatorServer } from '../src-main/chat/emulator'
import { startHostProcess, type HostProcess } from '../src-main/test-support/host-process'
import { RATE_LIMITS } from '../src-main/shared/limits'
import { chromiumLaunchOptions } from '../e2e/chromium'
import { percentile, printTable, round, secondsSince } from './support'

const KEY_NAMES = ['likes', 'viewers', 'gifts_total', 'shares', 'comments', 'stars', 'replays', 'tips']
/** The key that gets the million samples; the chart opens on another key first and then on this one. */
const CHART_KEY = 'likes'

interface Options {
  samples: number
  groups: number
  keys: number
  bulkGroups: number
  repeats: number
}

/** Deterministic values, so two runs compare: a small LCG is plenty for spreading numbers. */
function lcg(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function counterCapable(group: { type: string; is_support_topic: number }): boolean {
  return !(group.type === 'Community' && group.is_support_topic === 1)
}

/** Every counter-capable group of the sandbox gets the same K keys in the service and, later, in the cache. */
function seedKeys(server: EmulatorServer, options: Options): Map<string, Record<string, bigint>> {
  const keys = KEY_NAMES.slice(0, options.keys)
  const random = lcg(11)
  const values = new Map<string, Record<string, bigint>>()
  const store = server.emulator.store
  store.transaction(() => {
    for (const group of store.groupsOfUser('moderator')) {
      if (!counterCapable(group)) continue
      const row: Record<string, bigint> = {}
      for (const key of keys) {
        row[key] = BigInt(Math.floor(random() * 1_000_000))
        store.putCounter(group.group_id, key, row[key])
      }
      values.set(group.group_id, row)
    }
  })
  return values
}

function findCacheFile(dataDir: string): string {
  const accounts = path.join(dataDir, 'accounts')
  for (const folder of fs.readdirSync(accounts)) {
    const file = path.join(accounts, folder, 'cache.db')
    if (fs.existsSync(file)) return file
  }
  throw new Error(`No cache.db under ${accounts}`)
}

/**
 * Writes the K keys of every group into the console's cache, and N samples of one counter spread over
 * the last 30 days, a few of them marked as this console's changes. The host must be stopped.
 */
function fillCache(cacheFile: string, values: Map<string, Record<string, bigint>>, chartGroupID: string, samples: number, otherKey: string): { seconds: number } {
  const start = process.hrtime.bigint()
  const db = new Database(cacheFile)
  db.pragma('journal_mode = WAL')
  const cached = new Set(db.prepare<[], { group_id: string }>(`SELECT group_id FROM groups WHERE status = 'active'`).all().map((row) => row.group_id))
  const now = Date.now()
  const putCounter = db.prepare('INSERT OR REPLACE INTO counters (group_id, key, value, updated_at) VALUES (?, ?, ?, ?)')
  const putSample = db.prepare('INSERT INTO counter_samples (group_id, key, value, source, at) VALUES (?, ?, ?, ?, ?)')
  db.transaction(() => {
    for (const [groupID, row] of values) {
      if (!cached.has(groupID)) continue
      for (const [key, value] of Object.entries(row)) putCounter.run(groupID, key, value, now)
    }
  })()
  // A random walk: what a live viewer count looks like, with a spike now and then for the min/max buckets.
  const random = lcg(5)
  const spanMs = 30 * 86_400_000
  const markEvery = Math.max(1, Math.floor(samples / 300))
  let value = 1_000_000
  db.transaction(() => {
    for (let i = 0; i < samples; i++) {
      value = Math.max(0, value + Math.round((random() - 0.5) * 200) + (random() < 0.0005 ? 50_000 : 0))
      const at = now - spanMs + Math.floor((i / samples) * spanMs)
      putSample.run(chartGroupID, CHART_KEY, value, i % markEvery === 0 ? 'console' : 'sampling', at)
    }
    putCounter.run(chartGroupID, CHART_KEY, value, now)
    // The key the chart shows before the timed one: a short history of its own, so it draws too.
    for (let i = 0; i < 1000; i++) putSample.run(chartGroupID, otherKey, 500 + i, 'sampling', now - spanMs + i * 60_000)
  })()
  db.close()
  return { seconds: secondsSince(start) }
}

const PACED_STAGES = ['members', 'attributes', 'counters']

/** A wait that names what it waited for when it never comes, instead of hanging the benchmark. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`No ${what} within ${ms / 1000} s`)), ms)))
  try {
    return await Promise.race([promise, expired])
  } finally {
    clearTimeout(timer)
  }
}

/** Resolves once the running pull has the groups in (it is in a paced stage, or done). */
async function groupsPulled(host: HostProcess): Promise<void> {
  const reached = host.next('sync:progress', (progress) => PACED_STAGES.includes(progress.stage ?? '') || (!progress.running && progress.lastFullPullAt !== null))
  const now = await host.client['sync:state']({})
  // At start the resumed session has not begun its pull yet (5,000 groups take seconds), so a pull that is
  // not running is one still to come.
  console.log(`after the restart: ${now.running ? 'pulling' : 'not pulling'}, stage ${now.stage ?? 'none'}`)
  if (now.running && PACED_STAGES.includes(now.stage ?? '')) return
  await within(reached, 120_000, 'pull reaching its paced stages')
}

async function openConsole(page: Page, host: HostProcess, hash: string): Promise<void> {
  // tsx compiles these functions with esbuild's keepNames, which wraps inner functions in __name(): a
  // helper the page does not have.
  await page.addInitScript('globalThis.__name = (fn) => fn')
  await page.goto(host.url)
  await page.waitForSelector('[data-testid=status-phase]')
  await page.evaluate((target) => (window.location.hash = target), hash)
}

/**
 * Milliseconds from the click on a key to the first 'finished' of its chart, and of that the drawing
 * alone (from the history's arrival in the page to 'finished').
 */
async function timeChartOpen(page: Page, key: string): Promise<{ total: number; drawing: number }> {
  return page.evaluate(async (counterKey) => {
    const shown = document.querySelector<HTMLElement>('[data-testid=counter-history]')
    // Already open and drawn: clicking its key again changes nothing, so there is nothing to time.
    if (shown?.dataset.key === counterKey && shown.dataset.finishedAt) return { total: 0, drawing: 0 }
    const button = document.querySelector<HTMLButtonElement>(`[data-testid=counter-row][data-key="${counterKey}"] [data-testid=counter-key]`)
    if (!button) throw new Error(`No counter row for ${counterKey}`)
    const clickedAt = performance.now()
    button.click()
    return new Promise<{ total: number; drawing: number }>((resolve, reject) => {
      const check = () => {
        const card = document.querySelector<HTMLElement>('[data-testid=counter-history]')
        const finishedAt = Number(card?.dataset.finishedAt)
        if (card?.dataset.key === counterKey && finishedAt > clickedAt) resolve({ total: finishedAt - clickedAt, drawing: finishedAt - Number(card.dataset.receivedAt) })
        else if (performance.now() - clickedAt > 60_000) reject(new Error(`The chart of ${counterKey} did not finish drawing within 60 s`))
        else requestAnimationFrame(check)
      }
      check()
    })
  }, key)
}

/** Milliseconds from choosing a key in the dashboard to its table on screen. */
async function timeDashboard(page: Page, key: string): Promise<number> {
  return page.evaluate(async (counterKey) => {
    const select = document.querySelector<HTMLSelectElement>('[data-testid=dashboard-key]')
    if (!select) throw new Error('No dashboard key select')
    const chosenAt = performance.now()
    select.value = counterKey
    select.dispatchEvent(new Event('change'))
    return new Promise<number>((resolve, reject) => {
      const check = () => {
        const dashboard = document.querySelector<HTMLElement>('[data-testid=counter-dashboard]')
        const shownAt = Number(dashboard?.dataset.shownAt)
        if (dashboard?.dataset.key === counterKey && shownAt > chosenAt) resolve(shownAt - chosenAt)
        else if (performance.now() - chosenAt > 60_000) reject(new Error(`The dashboard of ${counterKey} did not show within 60 s`))
        else requestAnimationFrame(check)
      }
      check()
    })
  }, key)
}

async function chartAndDashboard(options: Options, dir: string) {
  const server = await startEmulatorServer({ dataFile: path.join(dir, 'emulator.sqlite'), seed: { seed: 3, groups: options.groups, applications: 100 } })
  const dataDir = path.join(dir, 'console')
  try {
    const values = seedKeys(server, options)
    // 1. Connect once, so the account and its cache exist, with every group in it.
    let host = await startHostProcess({ dataDir, sandboxUrl: server.url, built: true })
    const groupsIn = host.next('sync:progress', (progress) => ['members', 'attributes', 'counters'].includes(progress.stage ?? '') || (!progress.running && progress.lastFullPullAt !== null))
    await host.client['session:connect']({ connection: 'sandbox' })
    await groupsIn
    const owned = await host.client['groups:list']({ roles: ['Owner'], types: ['Public'], limit: 1 })
    const chartGroupID = owned.rows[0]?.groupID
    if (!chartGroupID) throw new Error('No Public group owned by the moderator')
    // close() ends the socket client first, then the process (SIGKILL, as bench/bulk.ts does): a plain
    // SIGTERM would drop the socket under the client, whose reconnect timer (1,000 s) keeps this process
    // alive. The cache is SQLite in WAL mode, committed per transaction: what the pull wrote is there.
    host.close()
    await new Promise<void>((resolve) => (host.child.exitCode !== null || host.child.signalCode !== null ? resolve() : host.child.once('exit', () => resolve())))

    // 2. Fill its cache directly, with the host stopped.
    const otherKey = KEY_NAMES.slice(0, options.keys).filter((key) => key !== CHART_KEY).sort()[0]!
    const fill = fillCache(findCacheFile(dataDir), values, chartGroupID, options.samples, otherKey)
    console.log(`cache filled in ${round(fill.seconds, 1)} s: ${values.size} groups × ${options.keys} keys, ${options.samples.toLocaleString('en')} samples of ${chartGroupID}/${CHART_KEY}`)

    // 3. Start again (it reconnects and pulls again) and, once the groups are in and only the paced
    // stages run on (a few reads a second), measure in Chromium.
    host = await startHostProcess({ dataDir, sandboxUrl: server.url, built: true })
    await groupsPulled(host)
    const browser = await chromium.launch(chromiumLaunchOptions())
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      await openConsole(page, host, `#/counters?group=${encodeURIComponent(chartGroupID)}&range=all`)
      await page.waitForSelector(`[data-testid=counter-row][data-key="${CHART_KEY}"]`, { timeout: 30_000 })
      const chart: number[] = []
      const drawing: number[] = []
      for (let i = 0; i < options.repeats; i++) {
        await timeChartOpen(page, otherKey)
        const opened = await timeChartOpen(page, CHART_KEY)
        chart.push(opened.total)
        drawing.push(opened.drawing)
      }
      const history = await page.locator('[data-testid=counter-history]').evaluate((card) => ({ samples: card.dataset.samples, points: card.dataset.points, received: card.dataset.receivedPoints, marks: card.dataset.marks }))
      const historyChannel: number[] = []
      let channelPoints = 0
      for (let i = 0; i < options.repeats; i++) {
        const t0 = performance.now()
        channelPoints = (await host.client['counters:history']({ groupID: chartGroupID, key: CHART_KEY, maxPoints: 2000 })).times.length
        historyChannel.push(performance.now() - t0)
      }
      console.log(`counters:history with maxPoints 2000 answered ${channelPoints.toLocaleString('en')} points`)

      await page.evaluate(() => (window.location.hash = '#/counters?tab=dashboard'))
      await page.waitForSelector('[data-testid=dashboard-row]', { timeout: 30_000 })
      const keys = KEY_NAMES.slice(0, options.keys)
      const dashboard: number[] = []
      for (let i = 0; i < options.repeats; i++) dashboard.push(await timeDashboard(page, keys[(i + 1) % keys.length]!))
      const groupsWithKey = await page.getByTestId('dashboard-groups').textContent()
      const dashboardChannel: number[] = []
      for (let i = 0; i < options.repeats; i++) {
        const t0 = performance.now()
        await host.client['counters:dashboard']({ key: keys[i % keys.length]!, top: 20, sparklinePoints: 30 })
        dashboardChannel.push(performance.now() - t0)
      }
      return { chart, drawing, history, historyChannel, dashboard, dashboardChannel, groupsWithKey: groupsWithKey ?? '' }
    } finally {
      await browser.close()
      host.close()
    }
  } finally {
    await server.close()
  }
}

async function bulk(options: Options, dir: string) {
  const server = await startEmulatorServer({ dataFile: path.join(dir, 'bulk-emulator.sqlite'), seed: { seed: 5, groups: Math.ceil(options.bulkGroups * 1.6), applications: 50 } })
  const host = await startHostProcess({ dataDir: path.join(dir, 'bulk-console'), sandboxUrl: server.url, built: true })
  try {
    const groupsIn = host.next('sync:progress', (progress) => ['members', 'attributes', 'counters'].includes(progress.stage ?? '') || (!progress.running && progress.lastFullPullAt !== null))
    await host.client['session:connect']({ connection: 'sandbox' })
    await groupsIn
    const page = await host.client['groups:list']({ roles: ['Owner', 'Admin'], limit: 500 })
    // AVChatRooms and topic communities are refused by main (no counters there): only groups that take one.
    const groupIDs = page.rows.filter((group) => group.type !== 'AVChatRoom' && !group.isSupportTopic).map((group) => group.groupID).slice(0, options.bulkGroups)
    if (groupIDs.length < options.bulkGroups) throw new Error(`Only ${groupIDs.length} groups take counters`)
    await server.controls.resetAppliedCalls()
    const start = process.hrtime.bigint()
    const result = await host.client['counters:bulkSet']({ selection: { groupIDs }, key: 'likes', value: 0n })
    if (result.runID === null) throw new Error('Nothing was queued')
    const finished = await host.next('operations:progress', (run) => run.runID === result.runID && run.finished)
    const seconds = secondsSince(start)
    const applied = (await server.controls.appliedCalls()).setGroupCounters ?? 0
    const rate = await host.client['counters:rate']({})
    return { groups: groupIDs.length, seconds, done: finished.done, failed: finished.failed, applied, backingOff: rate.backingOffUntil !== null }
  } finally {
    host.close()
    await server.close()
  }
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      samples: { type: 'string', default: '1000000' },
      groups: { type: 'string', default: '5000' },
      keys: { type: 'string', default: '5' },
      'bulk-groups': { type: 'string', default: '200' },
      repeats: { type: 'string', default: '5' },
      skip: { type: 'string', default: '' },
    },
  })
  const options: Options = { samples: Number(values.samples), groups: Number(values.groups), keys: Number(values.keys), bulkGroups: Number(values['bulk-groups']), repeats: Number(values.repeats) }
  if (options.keys > KEY_NAMES.length) throw new Error(`At most ${KEY_NAMES.length} keys`)
  const skip = new Set(values.skip.split(',').filter(Boolean))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-counters-'))
  try {
    const views = skip.has('views') ? null : await chartAndDashboard(options, dir)
    const bulkRun = skip.has('bulk') ? null : await bulk(options, dir)
    const floor = (options.bulkGroups / RATE_LIMITS.counterWrites.calls) * (RATE_LIMITS.counterWrites.windowMs / 1000)
    const rows: Array<Record<string, string | number>> = []
    if (views) {
      rows.push(
        { figure: `chart open, ${options.samples.toLocaleString('en')} samples (ms, median of ${options.repeats})`, value: round(percentile(views.chart, 50), 0), worst: round(Math.max(...views.chart), 0), goal: '≤ 200' },
        { figure: `  of which drawing, from the history's arrival to 'finished' (ms, median)`, value: round(percentile(views.drawing, 50), 0), worst: round(Math.max(...views.drawing), 0), goal: '' },
        { figure: `  counters:history alone over the socket (ms, median)`, value: round(percentile(views.historyChannel, 50), 0), worst: round(Math.max(...views.historyChannel), 0), goal: '' },
        { figure: `dashboard, ${options.groups.toLocaleString('en')} groups × ${options.keys} keys (ms, median of ${options.repeats})`, value: round(percentile(views.dashboard, 50), 0), worst: round(Math.max(...views.dashboard), 0), goal: '≤ 300' },
        { figure: `  of which counters:dashboard over the socket (ms, median)`, value: round(percentile(views.dashboardChannel, 50), 0), worst: round(Math.max(...views.dashboardChannel), 0), goal: '' },
      )
      console.log(`chart received ${views.history.received} points and drew ${views.history.points} for ${views.history.samples} samples, ${views.history.marks} console marks; dashboard: ${views.groupsWithKey} groups with the key`)
    }
    if (bulkRun) {
      rows.push({ figure: `bulk set in ${bulkRun.groups} groups (s): ${bulkRun.done} done, ${bulkRun.failed} failed, ${bulkRun.applied} applied`, value: round(bulkRun.seconds, 1), worst: '', goal: `≤ ${round(floor * 1.1, 1)} (floor ${floor} s + 10%)` })
      // The floor counts every window; the first 20 go at once, so the last window opens at (B/20 − 1) × 5 s.
      console.log(`strict floor (first window free): ${(Math.ceil(options.bulkGroups / RATE_LIMITS.counterWrites.calls) - 1) * (RATE_LIMITS.counterWrites.windowMs / 1000)} s`)
      if (bulkRun.backingOff) console.log('the console was backing off after a 2996 at the end of the bulk run')
    }
    printTable(rows)
    const chartMs = views ? round(percentile(views.chart, 50), 0) : 'skipped'
    const dashboardMs = views ? round(percentile(views.dashboard, 50), 0) : 'skipped'
    console.log(`RESULT chart_ms=${chartMs} dashboard_ms=${dashboardMs} bulk_s=${bulkRun ? round(bulkRun.seconds, 1) : 'skipped'} bulk_floor_s=${floor}`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
