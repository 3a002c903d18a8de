// Group counters below the UI: int64 edges through the router, the cache and the emulator; key limits;
// history, dashboard and export; and a 200-group bulk set paced under the documented write limit, on a
// virtual clock shared by the console and the emulator (no sleeping).
import { describe, expect, it } from 'vitest'
import { createEmulator, ManualClock } from '../chat/emulator'
import type { ChatSdk } from '../chat/sdk'
import { createEventBus } from '../ipc/events'
import { createPacer } from '../moderation/pacer'
import { openAccountCache } from '../store/cache'
import { RATE_LIMITS } from '../shared/limits'
import type { EventPayload } from '../shared/contract'
import { cleanups, consoleOn, emulatorServer, tempDir } from '../test-support/console-harness'
import { createAdminRuntime } from './admin-runtime'
import { createCacheSync } from '../sync/cache-sync'

const MAX = 9223372036854775807n
const MIN = -9223372036854775808n

const profilesCached = (progress: EventPayload<'sync:progress'>) =>
  ['members', 'attributes', 'counters'].includes(progress.stage ?? '') || (!progress.running && progress.lastFullPullAt !== null)

async function connected() {
  const server = await emulatorServer({ seed: { groups: 20, applications: 5 } })
  const console = consoleOn(tempDir(), { sandboxUrl: server.url })
  const ready = console.next('sync:progress', profilesCached)
  await console.call('session:connect', { connection: 'sandbox' })
  await ready
  const group = (await console.call('groups:list', { types: ['Public'], roles: ['Owner'], limit: 1 })).rows[0]!
  return { server, console, group }
}

describe('counters through the console', () => {
  it('the int64 edges survive the router, the cache and the service, exactly', async () => {
    const { console, group } = await connected()
    expect((await console.call('counters:change', { groupID: group.groupID, key: 'likes', op: 'set', value: MAX })).counters.likes).toBe(MAX)
    expect((await console.call('counters:change', { groupID: group.groupID, key: 'debt', op: 'set', value: MIN })).counters.debt).toBe(MIN)
    const fresh = await console.call('counters:get', { groupID: group.groupID })
    expect(fresh).toMatchObject({ source: 'service', counters: expect.objectContaining({ likes: MAX, debt: MIN }) })
    expect(String(fresh.counters.likes)).toBe('9223372036854775807')
  })

  it.each([
    ['an increase past the top', 'likes', 'increase', MAX, 1n, 'above the signed 64-bit range'],
    ['a decrease past the bottom', 'debt', 'decrease', MIN, 1n, 'below the signed 64-bit range'],
  ] as const)('%s is refused with a clear error, before any call', async (_label, key, op, start, by, message) => {
    const { server, console, group } = await connected()
    await console.call('counters:change', { groupID: group.groupID, key, op: 'set', value: start })
    const before = await server.controls.appliedCalls()
    await expect(console.call('counters:change', { groupID: group.groupID, key, op, value: by })).rejects.toMatchObject({ code: 'limit-exceeded', message: expect.stringContaining(message) })
    expect(await server.controls.appliedCalls()).toEqual(before)
  })

  it('refuses a key of 129 characters and a 21st key', async () => {
    const { console, group } = await connected()
    await expect(console.call('counters:change', { groupID: group.groupID, key: 'k'.repeat(129), op: 'set', value: 1n })).rejects.toMatchObject({ code: 'invalid-input' })
    expect((await console.call('counters:change', { groupID: group.groupID, key: '计'.repeat(128), op: 'set', value: 1n })).counters['计'.repeat(128)]).toBe(1n)
    const existing = Object.keys((await console.call('counters:get', { groupID: group.groupID })).counters).length
    for (let i = existing; i < 20; i++) await console.call('counters:change', { groupID: group.groupID, key: `k${i}`, op: 'set', value: BigInt(i) })
    await expect(console.call('counters:change', { groupID: group.groupID, key: 'one-too-many', op: 'set', value: 1n })).rejects.toMatchObject({
      code: 'limit-exceeded',
      message: expect.stringContaining('at most 20 counters'),
    })
  })

  it('a change by another client lands in the cache, the history and the dashboard without a refresh', async () => {
    const { server, console, group } = await connected()
    await console.call('counters:change', { groupID: group.groupID, key: 'viewers', op: 'set', value: 10n })
    const other = await server.emulator.connect(group.ownerID)
    cleanups.push(() => other.destroy())
    const arrived = console.next('cache:changed', (change) => change.domains.includes('counters') && (change.groupIDs ?? []).includes(group.groupID))
    await other.increaseGroupCounter({ groupID: group.groupID, key: 'viewers', value: 5 })
    await arrived
    const history = await console.call('counters:history', { groupID: group.groupID, key: 'viewers' })
    expect(history.values.at(-1)).toBe(15)
    expect(history.marks).toEqual([expect.objectContaining({ value: 10 })])
    const dashboard = await console.call('counters:dashboard', { key: 'viewers', threshold: 12n })
    expect(dashboard).toMatchObject({ groups: 1, total: 15n, aboveThreshold: 1, top: [expect.objectContaining({ groupID: group.groupID, value: 15n, aboveThreshold: true })] })
    const csv = await console.call('counters:export', { key: 'viewers' })
    expect(csv.content).toContain(`${group.groupID},`)
    expect(csv.content.trim().endsWith(',viewers,15')).toBe(true)
  })
})

/** The console's runtime and the emulator on one virtual clock: pacing and the service's window agree exactly. */
async function virtualRig(rateLimitOverrides: Parameters<typeof createEmulator>[0] extends infer O ? O extends { settings?: infer S } ? S extends { rateLimitOverrides?: infer R } ? R : never : never : never = {}, pull = true) {
  const clock = new ManualClock()
  const emulator = createEmulator({ clock, seed: { groups: 200, applications: 0 }, settings: { rateLimitOverrides } })
  const sdk = await emulator.connect('moderator')
  const cache = openAccountCache(':memory:')
  const pacerClock = { now: () => clock.now(), sleep: async (ms: number) => clock.advance(ms) }
  const pacers = {
    attributeReads: createPacer(RATE_LIMITS.attributeReads, pacerClock),
    attributeWrites: createPacer(RATE_LIMITS.attributeWrites, pacerClock),
    counterReads: createPacer(RATE_LIMITS.counterReads, pacerClock),
    counterWrites: createPacer(RATE_LIMITS.counterWrites, pacerClock),
  }
  // The cache as the sync leaves it: every group's counters read, paced on the same virtual clock.
  if (pull) await createCacheSync({ sdk, cache, clock: pacerClock, pacers }).fullPull()
  else cache.groups.upsert((await sdk.getGroupList()).data.groupList, clock.now())
  const events = createEventBus({ validate: true })
  const refusals: number[] = []
  // Count the service's 2996s as the runner meets them.
  const counting = new Proxy(sdk, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown
      if (property !== 'setGroupCounters' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
        } catch (error) {
          if ((error as { code?: number }).code === 2996) refusals.push(clock.now())
          throw error
        }
      }
    },
  }) as ChatSdk
  const admin = createAdminRuntime({ cache, actor: 'moderator', sdk: () => counting, events, profileLimits: () => ({ create: 'createPage', update: 'updatePage' }), pacers, clock: pacerClock })
  cleanups.push(async () => {
    await admin.stop()
    cache.close()
    emulator.close()
  })
  const finished = (runID: number) =>
    new Promise<EventPayload<'operations:progress'>>((resolve) => {
      events.subscribeAll((name, payload) => {
        const run = payload as EventPayload<'operations:progress'>
        if (name === 'operations:progress' && run.runID === runID && run.finished) resolve(run)
      })
    })
  return { clock, emulator, cache, admin, refusals, finished }
}

describe('bulk counter changes', () => {
  it('200 groups at the documented limit: no 2996, paced to the 50 s floor, and rolled back', async () => {
    const rig = await virtualRig()
    const groupIDs = rig.cache.groups.activeIDs().filter((id) => rig.cache.groups.get(id)!.type !== 'AVChatRoom' && !rig.cache.groups.get(id)!.isSupportTopic)
    const before = new Map(groupIDs.map((groupID) => [groupID, rig.cache.counters.get(groupID).likes ?? 0n]))
    const started = rig.clock.now()
    const { runID, queued } = rig.admin.bulkSetCounters({ groupIDs }, 'likes', 0n)
    const run = await rig.finished(runID!)
    expect(run).toMatchObject({ done: queued, failed: 0 })
    expect(rig.refusals).toEqual([])
    // 20 writes per 5 s: the last of N calls cannot start before floor((N-1)/20) windows.
    const elapsed = rig.clock.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(Math.floor((queued - 1) / 20) * 5000)
    expect(elapsed).toBeLessThanOrEqual(Math.ceil(queued / 20) * 5100 + 1000)
    for (const groupID of groupIDs) expect(rig.cache.counters.get(groupID).likes).toBe(0n)

    const rollback = rig.admin.rollback(runID!)
    expect(rollback.queued).toBe(queued)
    expect(await rig.finished(rollback.runID!)).toMatchObject({ done: queued, failed: 0 })
    for (const groupID of groupIDs) expect(rig.cache.counters.get(groupID).likes ?? 0n).toBe(before.get(groupID))
  })

  it('with the service allowing fewer writes than documented, it backs off on 2996 and still completes', async () => {
    const rig = await virtualRig({ counterWrites: { calls: 10, windowMs: 5000 } })
    const groupIDs = rig.cache.groups.activeIDs().filter((id) => rig.cache.groups.get(id)!.type !== 'AVChatRoom' && !rig.cache.groups.get(id)!.isSupportTopic).slice(0, 60)
    const { runID, queued } = rig.admin.bulkSetCounters({ groupIDs }, 'gifts', 7n)
    const run = await rig.finished(runID!)
    expect(run).toMatchObject({ done: queued, failed: 0 })
    expect(rig.refusals.length).toBeGreaterThan(0)
    expect(rig.admin.counters.rate().writes.limit).toBe(20)
  })

  it('before the sync has read counters, a bulk set keeps no snapshot, and its rollback restores nothing wrong', async () => {
    const rig = await virtualRig({}, false)
    const groupIDs = rig.cache.groups.activeIDs().filter((id) => rig.cache.groups.get(id)!.type === 'Public').slice(0, 5)
    const { runID, queued } = rig.admin.bulkSetCounters({ groupIDs }, 'likes', 0n)
    expect(await rig.finished(runID!)).toMatchObject({ done: queued, rollbackable: 0 })
    expect(rig.admin.rollback(runID!)).toEqual({ runID: null, queued: 0, refused: queued, unchanged: 0 })
  })
})
