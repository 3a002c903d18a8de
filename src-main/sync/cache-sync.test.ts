import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../chat/emulator/clock'
import { createEmulator, type Emulator, type EmulatorOptions } from '../chat/emulator/emulator'
import { DEMO_SEED_DEFAULTS } from '../chat/emulator/seed'
import type { ChatSdk } from '../chat/sdk'
import { openAccountCache, type AccountCache } from '../store/cache'
import type { CacheChange } from '../shared/domain'
import { createCacheSync, type CacheSync } from './cache-sync'

const MODERATOR = DEMO_SEED_DEFAULTS.moderatorID

interface Rig {
  emulator: Emulator
  clock: ManualClock
  sdk: ChatSdk
  cache: AccountCache
  sync: CacheSync
  changes: CacheChange[]
  /** Resolves at the next cache change that satisfies `predicate`. */
  nextChange(predicate: (change: CacheChange) => boolean): Promise<CacheChange>
}

const rigs: Rig[] = []
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.sync.stop()
    rig.cache.close()
    rig.emulator.close()
  }
})

async function rig(seed: EmulatorOptions['seed'] = { groups: 24, applications: 60 }): Promise<Rig> {
  // One virtual clock for the service's rate limits and the sync's pacing: waits are exact and instant.
  const clock = new ManualClock()
  const emulator = createEmulator({ seed, clock })
  const sdk = await emulator.connect(MODERATOR)
  const cache = openAccountCache(':memory:')
  const changes: CacheChange[] = []
  const waiters = new Set<(change: CacheChange) => void>()
  const sync = createCacheSync({
    sdk,
    cache,
    clock: { now: () => clock.now(), sleep: async (ms) => clock.advance(ms) },
    onChange: (change) => {
      changes.push(change)
      for (const waiter of waiters) waiter(change)
    },
  })
  const nextChange = (predicate: (change: CacheChange) => boolean) =>
    new Promise<CacheChange>((resolve) => {
      const waiter = (change: CacheChange) => {
        if (!predicate(change)) return
        waiters.delete(waiter)
        resolve(change)
      }
      waiters.add(waiter)
    })
  const created = { emulator, clock, sdk, cache, sync, changes, nextChange }
  rigs.push(created)
  return created
}

/** What the service says the moderator sees, for comparison with the cache. */
async function serviceView(sdk: ChatSdk) {
  const { groupList } = (await sdk.getGroupList()).data
  const { applicationList } = (await sdk.getGroupApplicationList()).data
  return { groupIDs: groupList.map((group) => group.groupID).sort(), applications: applicationList.length }
}

describe('cache sync: full pull', () => {
  it('mirrors every group and every pending application of the moderator', async () => {
    const { sdk, cache, sync } = await rig()
    await sync.fullPull()
    const service = await serviceView(sdk)
    expect(cache.groups.activeIDs().sort()).toEqual(service.groupIDs)
    expect(cache.applications.pendingCount()).toBe(service.applications)
    expect(service.applications).toBeGreaterThan(0)
    expect(sync.progress()).toMatchObject({ running: false, stage: null, lastError: null })
    expect(sync.progress().lastFullPullAt).toBeInstanceOf(Date)
  })
})

describe('cache sync: the paced domains', () => {
  it('pulls members, attributes and counters of the groups the moderator administers', async () => {
    const { sdk, cache, sync } = await rig()
    await sync.fullPull()
    const administered = cache.groups.administeredIDs()
    expect(administered.length).toBeGreaterThan(0)
    for (const groupID of administered.slice(0, 5)) {
      const group = cache.groups.get(groupID)!
      expect(cache.members.countFor(groupID)).toBe(group.memberCount)
      if (group.isSupportTopic) continue
      expect(cache.attributes.get(groupID)).toEqual((await sdk.getGroupAttributes({ groupID, keyList: [] })).data.groupAttributes)
      expect(cache.counters.get(groupID)).toEqual((await sdk.getGroupCounters({ groupID, keyList: [] })).data.counters)
    }
  })
})

describe('cache sync: events without a pull', () => {
  it('a join request made by another user appears in the cache at once', async () => {
    const target = await rig()
    await target.sync.fullPull()
    target.sync.start()
    const open = target.cache.groups
      .list({ types: ['Public'], limit: 500 })
      .rows.find((group) => group.joinOption === 'NeedPermission' && (group.selfRole === 'Owner' || group.selfRole === 'Admin'))
    expect(open, 'the demo data has a Public group that needs approval').toBeDefined()
    const before = target.cache.applications.pendingCount()
    const applicant = await target.emulator.connect('newcomer-0001')
    const arrived = target.nextChange((change) => change.domains.includes('applications'))
    const joined = await applicant.joinGroup({ groupID: open!.groupID })
    expect(joined.data.status).toBe('WaitAdminApproval')
    await arrived
    expect(target.cache.applications.pendingCount()).toBe(before + 1)
    const found = target.cache.applications.query({ applicant: 'newcomer-0001' }, Date.now())
    expect(found.rows).toEqual([expect.objectContaining({ groupID: open!.groupID, applicant: 'newcomer-0001', applicationType: 'join', status: 'pending' })])
  })

  it('a group dismissed by its owner elsewhere is marked dismissed, not dropped', async () => {
    const target = await rig()
    await target.sync.fullPull()
    target.sync.start()
    const adminOnly = target.cache.groups.list({ roles: ['Admin'], types: ['Public', 'ChatRoom'], limit: 500 }).rows[0]
    expect(adminOnly, 'the demo data has a group the moderator only administers').toBeDefined()
    const owner = await target.emulator.connect(adminOnly!.ownerID)
    const marked = target.nextChange((change) => change.domains.includes('groups'))
    await owner.dismissGroup(adminOnly!.groupID)
    await marked
    expect(target.cache.groups.get(adminOnly!.groupID)).toMatchObject({ status: 'dismissed' })
    expect(target.cache.groups.list({ limit: 500 }).rows.map((group) => group.groupID)).not.toContain(adminOnly!.groupID)
    expect(target.cache.groups.list({ limit: 500, includeInactive: true }).rows.map((group) => group.groupID)).toContain(adminOnly!.groupID)
  })

  it('a counter changed by another client is recorded as an event sample', async () => {
    const target = await rig()
    await target.sync.fullPull()
    target.sync.start()
    const groupID = target.cache.groups.administeredIDs().find((id) => !target.cache.groups.get(id)!.isSupportTopic)!
    const other = await target.emulator.connect(target.cache.groups.get(groupID)!.ownerID)
    const recorded = target.nextChange((change) => change.domains.includes('counters'))
    await other.setGroupCounters({ groupID, counters: { likes: 9223372036854775807n } })
    await recorded
    expect(target.cache.counters.get(groupID).likes).toBe(9223372036854775807n)
  })
})

describe('cache sync: reconciliation', () => {
  it('marks applications handled elsewhere as gone on the next pull', async () => {
    const target = await rig({ groups: 24, applications: 30 })
    await target.sync.fullPull()
    const second = await target.emulator.connect(DEMO_SEED_DEFAULTS.secondModeratorID)
    const { applicationList } = (await second.getGroupApplicationList()).data
    expect(applicationList.length).toBeGreaterThan(0)
    await second.handleGroupApplication({ handleAction: 'Agree', application: applicationList[0]! })
    const before = target.cache.applications.pendingCount()
    await target.sync.fullPull()
    expect(target.cache.applications.pendingCount()).toBe(before - 1)
    const gone = target.cache.applications.query({ statuses: ['gone'] }, Date.now())
    expect(gone.rows.map((row) => row.applicant)).toContain(applicationList[0]!.applicant)
  })

  it('keeps applications outside the 50-item window of the service pending instead of calling them gone', async () => {
    const target = await rig({ groups: 24, applications: 80 })
    await target.sync.fullPull()
    expect(target.cache.applications.pendingCount()).toBe(50)
    const second = await target.emulator.connect(DEMO_SEED_DEFAULTS.secondModeratorID)
    const { applicationList } = (await second.getGroupApplicationList()).data
    for (const application of applicationList.slice(0, 10)) await second.handleGroupApplication({ handleAction: 'Reject', application })
    await target.sync.fullPull()
    // Ten left the window and ten newer ones entered it; none of the unseen is claimed gone.
    expect(target.cache.applications.pendingCount()).toBe(60)
    expect(target.cache.applications.query({ statuses: ['gone'] }, Date.now()).total).toBe(0)
  })
})
