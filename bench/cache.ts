// `npm run bench -- cache [--groups N] [--applications M]`: the session and cache figures of issue 4,
// against an emulator server seeded with N groups and M pending applications (no list cap):
// - full pull time (groups, profiles and applications: the inbox is complete; then members), with the
//   paced domains (attributes, counters: 20 reads per 5 s) given as the floor the limits set;
// - applications:query p50/p95 over the socket for 20 representative filters, page of 100;
// - the Groups view's first paint in Chromium with every group cached;
// - the console host's resident memory.
// Last line: RESULT pull_s=… query_p95_ms=… first_paint_ms=… rss_mb=…
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { startEmulatorServer } from '../src-main/chat/emulator'
import { startHostProcess } from '../src-main/test-support/host-process'
import type { ApplicationQuery } from '../src-main/shared/domain'
import { RATE_LIMITS } from '../src-main/shared/limits'
import { chromiumLaunchOptions } from '../e2e/chromium'
import { percentile, printTable, round, secondsSince } from './support'

const FILTERS: Array<[string, ApplicationQuery]> = [
  ['all pending, newest first', {}],
  ['oldest first', { direction: 'asc' }],
  ['Public groups', { groupTypes: ['Public'] }],
  ['Work groups', { groupTypes: ['Private'] }],
  ['Meeting groups', { groupTypes: ['ChatRoom'] }],
  ['AVChatRoom groups', { groupTypes: ['AVChatRoom'] }],
  ['Community groups', { groupTypes: ['Community'] }],
  ['join requests', { applicationTypes: ['join'] }],
  ['invitations', { applicationTypes: ['invite'] }],
  ['older than a day', { minAgeSeconds: 86_400 }],
  ['younger than an hour', { maxAgeSeconds: 3_600 }],
  ['applicant contains "user-001"', { applicant: 'user-001' }],
  ['note text (English)', { text: 'please' }],
  ['note text (Chinese)', { text: '你好' }],
  ['sorted by group', { sort: 'group' }],
  ['sorted by applicant', { sort: 'applicant', direction: 'asc' }],
  ['page 200 (offset 20,000)', { offset: 20_000 }],
  ['Public join requests, oldest first', { groupTypes: ['Public'], applicationTypes: ['join'], direction: 'asc' }],
  ['handled or gone (history)', { statuses: ['handled-here', 'handled-elsewhere', 'gone'] }],
  ['group + text', { groupTypes: ['Community'], text: 'join' }],
]

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { groups: { type: 'string', default: '5000' }, applications: { type: 'string', default: '50000' }, repeats: { type: 'string', default: '15' } } })
  const groups = Number(values.groups)
  const applications = Number(values.applications)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'))
  const server = await startEmulatorServer({ dataFile: path.join(dir, 'emulator.sqlite'), seed: { seed: 3, groups, applications }, settings: { pendingApplicationCap: null } })
  const host = await startHostProcess({ dataDir: path.join(dir, 'console'), sandboxUrl: server.url, built: true })
  try {
    // 1. The full pull.
    const stageStarts = new Map<string, number>()
    const start = process.hrtime.bigint()
    const unsubscribe = host.client.on('sync:progress', (progress) => {
      if (progress.stage && !stageStarts.has(progress.stage)) stageStarts.set(progress.stage, secondsSince(start))
    })
    const reachedPaced = host.next('sync:progress', (progress) => progress.stage === 'attributes' || (!progress.running && progress.lastFullPullAt !== null))
    await host.client['session:connect']({ connection: 'sandbox' })
    await reachedPaced
    const throughMembers = secondsSince(start)
    unsubscribe()
    const inboxComplete = stageStarts.get('members') ?? throughMembers
    const administered = (await host.client['groups:list']({ roles: ['Owner', 'Admin'], limit: 1 })).total
    const pacedFloor = 2 * Math.ceil(administered / RATE_LIMITS.attributeReads.calls) * (RATE_LIMITS.attributeReads.windowMs / 1000)
    const cached = await host.client['applications:query']({ limit: 1 })
    printTable([
      { stage: 'groups + profiles + applications (inbox complete)', seconds: round(inboxComplete, 2) },
      { stage: 'members of administered groups', seconds: round(throughMembers - inboxComplete, 2) },
      { stage: `attributes + counters (${administered} groups at 20 reads / 5 s each): floor set by the limits`, seconds: pacedFloor },
    ])
    console.log(`cached: ${(await host.client['groups:list']({ limit: 1 })).total} groups, ${cached.total} pending applications`)

    // 2. applications:query over the socket.
    const all: number[] = []
    const rows: Array<Record<string, string | number>> = []
    for (const [label, filter] of FILTERS) {
      const samples: number[] = []
      for (let i = 0; i < Number(values.repeats); i++) {
        const t0 = performance.now()
        const page = await host.client['applications:query']({ ...filter, limit: 100 })
        samples.push(performance.now() - t0)
        if (i === 0) rows.push({ filter: label, total: page.total, p50_ms: 0, p95_ms: 0 })
      }
      all.push(...samples)
      Object.assign(rows.at(-1)!, { p50_ms: round(percentile(samples, 50), 2), p95_ms: round(percentile(samples, 95), 2) })
    }
    printTable(rows)

    // 3. First paint of the Groups view.
    const browser = await chromium.launch(chromiumLaunchOptions())
    const paints: number[] = []
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.goto(host.url)
      await page.waitForSelector('[data-testid=status-phase]')
      const t0 = Date.now()
      await page.evaluate(() => (window.location.hash = '#/groups'))
      await page.waitForSelector('[data-testid=group-row]')
      paints.push(Date.now() - t0)
      await page.close()
    }
    await browser.close()
    const rss = host.rssMb()
    printTable([
      { figure: 'applications:query p50 (ms)', value: round(percentile(all, 50), 2), goal: '' },
      { figure: 'applications:query p95 (ms)', value: round(percentile(all, 95), 2), goal: '≤ 15' },
      { figure: 'Groups view first paint (ms, median of 3)', value: percentile(paints, 50), goal: '≤ 500' },
      { figure: 'console host RSS (MB)', value: round(rss, 0), goal: '≤ 300' },
    ])
    console.log(`RESULT pull_s=${round(inboxComplete, 2)} query_p95_ms=${round(percentile(all, 95), 2)} first_paint_ms=${percentile(paints, 50)} rss_mb=${round(rss, 0)}`)
  } finally {
    host.close()
    await server.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
