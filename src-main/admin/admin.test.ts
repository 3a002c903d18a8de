// Group administration end to end below the UI: the console app over its router, an emulator server as
// the service. Refusals by rule are checked in main before any call; bulk edits go through the
// operations journal; rollback restores what changed; conflicts are shown, never overwritten.
import { describe, expect, it } from 'vitest'
import type { EmulatorServer } from '../chat/emulator'
import type { ChatSdk } from '../chat/sdk'
import type { EventPayload } from '../shared/contract'
import { cleanups, consoleOn, emulatorServer, tempDir, type TestConsole } from '../test-support/console-harness'

/** The cache holds groups and their profiles once the pull reaches the paced domains. */
const profilesCached = (progress: EventPayload<'sync:progress'>) =>
  ['members', 'attributes', 'counters'].includes(progress.stage ?? '') || (!progress.running && progress.lastFullPullAt !== null)

/** Members too: the pull has gone past its members stage. */
const membersCached = (progress: EventPayload<'sync:progress'>) =>
  ['attributes', 'counters'].includes(progress.stage ?? '') || (!progress.running && progress.lastFullPullAt !== null)

async function connected(groups = 40, server?: EmulatorServer, until = profilesCached) {
  const service = server ?? (await emulatorServer({ seed: { groups, applications: 10 } }))
  const console = consoleOn(tempDir(), { sandboxUrl: service.url })
  const ready = console.next('sync:progress', until)
  await console.call('session:connect', { connection: 'sandbox' })
  await ready
  return { server: service, console }
}

async function sdkAs(server: EmulatorServer, userID: string): Promise<ChatSdk> {
  const sdk = await server.emulator.connect(userID)
  cleanups.push(() => sdk.destroy())
  return sdk
}

function runFinished(console: TestConsole, runID: number) {
  return console.next('operations:progress', (run) => run.runID === runID && run.finished)
}

async function groupOf(console: TestConsole, types: Array<'Private' | 'Public' | 'ChatRoom' | 'AVChatRoom' | 'Community'>, roles: Array<'Owner' | 'Admin' | 'Member'> = ['Owner']) {
  const group = (await console.call('groups:list', { types, roles, limit: 1 })).rows[0]
  expect(group, `the demo data has a ${types.join('/')} group where the moderator is ${roles.join('/')}`).toBeDefined()
  return group!
}

describe('refused in main, with the reason, before any call', () => {
  it.each([
    ['join option of a Work group', ['Private'], { joinOption: 'FreeAccess' }, 'cannot be changed'],
    ['join option of a Meeting group', ['ChatRoom'], { joinOption: 'NeedPermission' }, 'cannot be changed'],
    ['join option of an AVChatRoom', ['AVChatRoom'], { joinOption: 'NeedPermission' }, 'cannot be changed'],
    ['invite option of an AVChatRoom', ['AVChatRoom'], { inviteOption: 'DisableInvite' }, 'does not support'],
  ] as const)('%s', async (_label, types, patch, reason) => {
    const { server, console } = await connected()
    const group = await groupOf(console, [...types])
    const before = (await server.controls.appliedCalls()).updateGroupProfile ?? 0
    await expect(console.call('profile:apply', { selection: { groupIDs: [group.groupID] }, patch })).rejects.toMatchObject({
      code: 'rule-refused',
      kind: 'permission',
      message: expect.stringContaining(reason),
      details: { problems: [expect.objectContaining({ kind: 'rule' })] },
    })
    expect((await server.controls.appliedCalls()).updateGroupProfile ?? 0).toBe(before)
  })

  it('a moderator who is neither owner nor admin cannot edit the profile', async () => {
    const { server, console } = await connected()
    // The demo data makes the moderator owner or admin everywhere: their owner demotes them in one group.
    const group = await groupOf(console, ['Public'], ['Admin'])
    const demoted = console.next('cache:changed', (change) => (change.groupIDs ?? []).includes(group.groupID))
    await (await sdkAs(server, group.ownerID)).setGroupMemberRole({ groupID: group.groupID, userID: 'moderator', role: 'Member' })
    await demoted
    expect(await console.call('groups:get', { groupID: group.groupID })).toMatchObject({ selfRole: 'Member' })
    await expect(console.call('profile:apply', { selection: { groupIDs: [group.groupID] }, patch: { name: 'x' } })).rejects.toMatchObject({
      code: 'rule-refused',
      message: 'Only the group owner or an admin can change the profile',
    })
  })

  it.each([
    ['dismiss a Work group', 'groups:dismiss', ['Private'], 'A Work group cannot be dismissed'],
    ['transfer an AVChatRoom', 'groups:transfer', ['AVChatRoom'], 'An AVChatRoom cannot be transferred'],
    ['leave a Public group as its owner', 'groups:quit', ['Public'], 'cannot leave it'],
  ] as const)('%s', async (_label, channel, types, reason) => {
    const { server, console } = await connected()
    const group = await groupOf(console, [...types])
    const input = channel === 'groups:transfer' ? { groupID: group.groupID, confirmName: group.name, newOwnerID: 'user-00001' } : { groupID: group.groupID, confirmName: group.name }
    await expect(console.call(channel, input as never)).rejects.toMatchObject({ code: 'rule-refused', message: expect.stringContaining(reason) })
    const rules = await console.call('groups:lifecycleRules', { groupID: group.groupID })
    expect(Object.values(rules).some((rule) => rule.reason?.includes(reason))).toBe(true)
    expect((await server.controls.appliedCalls()).dismissGroup ?? 0).toBe(0)
  })

  it.each([
    ['mute in a Work group', ['Private'], { kind: 'mute', seconds: 60 }, 'Muting is unavailable in Work groups'],
    ['make an admin as an admin', ['Public'], { kind: 'setRole', role: 'Admin' }, 'Only the group owner can set or cancel admins'],
  ] as const)('member action: %s', async (_label, types, action, reason) => {
    const { console } = await connected()
    const group = await groupOf(console, [...types], action.kind === 'setRole' ? ['Admin'] : ['Owner'])
    await expect(console.call('members:apply', { groupID: group.groupID, userIDs: ['user-00001'], action })).rejects.toMatchObject({ code: 'rule-refused', message: reason })
    expect((await console.call('members:rules', { groupID: group.groupID }))[action.kind]).toEqual({ allowed: false, reason })
  })

  it('adding members to a Public group is for the app admin only', async () => {
    const { server, console } = await connected()
    const group = await groupOf(console, ['Public'])
    await expect(console.call('members:add', { groupID: group.groupID, userIDs: ['user-00001'] })).rejects.toMatchObject({ code: 'rule-refused', message: expect.stringContaining('app admin') })
    expect((await server.controls.appliedCalls()).addGroupMember ?? 0).toBe(0)
  })

  it('a destructive action needs the group name typed exactly', async () => {
    const { console } = await connected()
    const group = await groupOf(console, ['Public'])
    await expect(console.call('groups:dismiss', { groupID: group.groupID, confirmName: 'not the name' })).rejects.toMatchObject({ code: 'invalid-input', details: { field: 'confirmName' } })
    await expect(console.call('groups:dismiss', { groupID: group.groupID, confirmName: group.name })).resolves.toEqual({ groupID: group.groupID })
    expect(await console.call('groups:get', { groupID: group.groupID })).toMatchObject({ status: 'dismissed' })
  })
})

describe('byte limits at the edge, in Chinese and emoji', () => {
  // The updateGroupProfile page: notification ≤ 400 bytes. 😀 is 4 bytes, 群 is 3.
  const underLimit = '😀'.repeat(99) + '群' // 396 + 3 = 399 bytes
  it.each([
    ['one byte under passes', `${underLimit}`, true],
    ['at the limit passes', `${underLimit}a`, true],
    ['one byte over is refused, naming the limit', `${underLimit}ab`, false],
  ])('%s', async (_label, notification, passes) => {
    const { console } = await connected()
    const group = await groupOf(console, ['Public'])
    const attempt = console.call('profile:apply', { selection: { groupIDs: [group.groupID] }, patch: { notification } })
    if (passes) {
      const { runID } = await attempt
      expect(await runFinished(console, runID!)).toMatchObject({ done: 1, failed: 0 })
      expect((await console.call('groups:get', { groupID: group.groupID }))!.notification).toBe(notification)
    } else {
      await expect(attempt).rejects.toMatchObject({ code: 'limit-exceeded', message: 'Notification is 401 bytes; the limit is 400 bytes (UTF-8)' })
    }
  })
})

describe('bulk profile edits', () => {
  it('200 groups with 5% injected failures: per-item results are right, and rollback restores every group that changed', async () => {
    const { server, console } = await connected(200)
    const moderator = await sdkAs(server, 'moderator')
    const notifications = async () =>
      new Map((await moderator.getGroupList()).data.groupList.map((group) => [group.groupID, group.notification]))
    const targets = (await console.call('groups:list', { roles: ['Owner', 'Admin'], limit: 500 })).rows.slice(0, 200)
    expect(targets).toHaveLength(200)
    const before = await notifications()

    const preview = await console.call('profile:preview', { selection: { groupIDs: targets.map((group) => group.groupID) }, patch: { notification: 'Weekly event on Friday 周五活动' } })
    expect(preview.willChange + preview.willRefuse + preview.unchanged).toBe(200)
    expect(preview.rows[0]!.changes).toEqual([{ field: 'notification', from: before.get(preview.rows[0]!.groupID), to: 'Weekly event on Friday 周五活动' }])

    await server.controls.setFaults({ failRate: 0.05, failCode: 10016 })
    const { runID, queued } = await console.call('profile:apply', { selection: { groupIDs: targets.map((group) => group.groupID) }, patch: { notification: 'Weekly event on Friday 周五活动' } })
    const run = await runFinished(console, runID!)
    await server.controls.setFaults({ failRate: 0 })
    expect(run.done + run.failed).toBe(queued)
    expect(run.failed).toBeGreaterThan(0)

    const after = await notifications()
    const failed = (await console.call('operations:get', { runID: runID!, only: 'failed', limit: 500 })).items.rows
    expect(failed).toHaveLength(run.failed)
    for (const item of failed) {
      expect(item).toMatchObject({ outcomeCode: 10016, outcomeText: 'Refused by the app backend callback' })
      expect(after.get(item.groupID)).toBe(before.get(item.groupID))
    }
    const done = (await console.call('operations:get', { runID: runID!, only: 'done', limit: 500 })).items.rows
    for (const item of done) expect(after.get(item.groupID)).toBe('Weekly event on Friday 周五活动')

    const rollback = await console.call('operations:rollback', { runID: runID! })
    expect(rollback.queued).toBe(run.done)
    expect(await runFinished(console, rollback.runID!)).toMatchObject({ done: run.done, failed: 0, conflict: 0 })
    expect(await notifications()).toEqual(before)
  }, 60_000)

  it('an edit queued offline that meets someone else’s change is a conflict, resolved by the moderator', async () => {
    const { server, console } = await connected()
    const group = await groupOf(console, ['Public'])
    await server.controls.setFaults({ acceptingConnections: false })
    const offline = console.next('session:changed', (state) => state.phase === 'offline')
    await server.controls.dropAllConnections()
    await offline
    const { runID } = await console.call('profile:apply', { selection: { groupIDs: [group.groupID] }, patch: { notification: 'mine' } })
    expect((await console.call('operations:get', { runID: runID! })).run).toMatchObject({ queued: 1, waitingFor: 'offline' })
    // Meanwhile the owner, elsewhere, changes the same field.
    const owner = await sdkAs(server, group.ownerID)
    await owner.updateGroupProfile({ groupID: group.groupID, notification: 'theirs' })
    const settled = runFinished(console, runID!)
    await server.controls.setFaults({ acceptingConnections: true })
    expect(await settled).toMatchObject({ conflict: 1, done: 0 })
    const [item] = (await console.call('operations:get', { runID: runID! })).items.rows
    expect(item).toMatchObject({ state: 'conflict', payload: { notification: 'mine' }, base: { notification: group.notification }, theirs: { notification: 'theirs' } })
    expect((await owner.getGroupProfile({ groupID: group.groupID })).data.group.notification).toBe('theirs')

    const resent = runFinished(console, runID!)
    await console.call('operations:resolveConflict', { operationID: item!.operationID, resolution: 'apply-mine' })
    expect(await resent).toMatchObject({ done: 1, conflict: 0 })
    expect((await owner.getGroupProfile({ groupID: group.groupID })).data.group.notification).toBe('mine')
  })
})

describe('attributes', () => {
  it('two writers: the second sees yours, theirs and the base; merged and retried, nothing is lost', async () => {
    const { server, console } = await connected()
    const group = (await console.call('groups:list', { types: ['Public', 'Community', 'Private'], roles: ['Owner'], limit: 50 })).rows.find((candidate) => !candidate.isSupportTopic)!
    const base = (await console.call('attributes:get', { groupID: group.groupID })).attributes
    // Another moderator writes first.
    const other = await sdkAs(server, group.ownerID)
    await other.getGroupAttributes({ groupID: group.groupID, keyList: [] })
    await other.setGroupAttributes({ groupID: group.groupID, groupAttributes: { theme: 'dark', topic: 'theirs' } })
    const result = await console.call('attributes:write', { groupID: group.groupID, set: { topic: 'mine', pinned: 'rules' }, remove: [], base })
    expect(result).toMatchObject({ outcome: 'conflict', code: 10056, theirs: expect.objectContaining({ theme: 'dark', topic: 'theirs' }), yours: expect.objectContaining({ topic: 'mine', pinned: 'rules' }), base })
    if (result.outcome !== 'conflict') return
    // The moderator keeps their topic and the other's theme, and retries from theirs.
    const merged = await console.call('attributes:write', { groupID: group.groupID, set: { topic: 'mine', pinned: 'rules' }, remove: [], base: result.theirs })
    expect(merged).toMatchObject({ outcome: 'written', attributes: expect.objectContaining({ theme: 'dark', topic: 'mine', pinned: 'rules' }) })
  })

  it('over the limits is refused before any call, naming the limit', async () => {
    const { console } = await connected()
    const group = (await console.call('groups:list', { types: ['Public'], roles: ['Owner'], limit: 50 })).rows.find((candidate) => !candidate.isSupportTopic)!
    const base = (await console.call('attributes:get', { groupID: group.groupID })).attributes
    await expect(console.call('attributes:write', { groupID: group.groupID, set: { big: '群'.repeat(1334) }, remove: [], base })).rejects.toMatchObject({
      code: 'limit-exceeded',
      message: expect.stringContaining('the limit is 4000'),
    })
  })

  it('an AVChatRoom explains why its attributes are not available', async () => {
    const { console } = await connected()
    const group = await groupOf(console, ['AVChatRoom'])
    expect(await console.call('attributes:get', { groupID: group.groupID })).toMatchObject({ unavailable: expect.stringContaining('AVChatRoom') })
  })
})

describe('members and lifecycle', () => {
  it('bulk mute with per-item results, reflected in the cache', async () => {
    const { console } = await connected(40, undefined, membersCached)
    const group = await groupOf(console, ['Public'])
    const members = (await console.call('members:list', { groupID: group.groupID, limit: 100 })).rows.filter((member) => member.role === 'Member').slice(0, 3)
    expect(members.length).toBeGreaterThan(0)
    const refreshed = console.next('cache:changed', (change) => change.domains.includes('members') && (change.groupIDs ?? []).includes(group.groupID))
    const { runID } = await console.call('members:apply', { groupID: group.groupID, userIDs: members.map((member) => member.userID), action: { kind: 'mute', seconds: 3600 } })
    expect(await runFinished(console, runID!)).toMatchObject({ done: members.length, failed: 0 })
    await refreshed
    const after = (await console.call('members:list', { groupID: group.groupID, limit: 100 })).rows
    for (const member of members) expect(after.find((row) => row.userID === member.userID)!.muteUntil).toBeInstanceOf(Date)
  })

  it('creates a group with a custom ID, refusing a Community ID without its prefix first', async () => {
    const { console } = await connected()
    await expect(console.call('groups:create', { type: 'Community', name: 'Readers', groupID: 'readers-1' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('@TGS#_'),
    })
    const created = await console.call('groups:create', { type: 'Public', name: 'Readers 读者', groupID: 'readers-1', memberUserIDs: ['user-00001'] })
    expect(created).toEqual({ groupID: 'readers-1', overLimitUserIDs: [] })
    expect(await console.call('groups:get', { groupID: 'readers-1' })).toMatchObject({ name: 'Readers 读者', selfRole: 'Owner', status: 'active' })
  })
})
