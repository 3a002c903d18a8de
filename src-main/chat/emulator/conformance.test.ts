// The conformance suite: every documented rule and limit of sdk-facts.md and seeds/ as a table row (at the
// limit passes, one byte/key over fails with the documented code), the races, the rate limits with the
// injectable clock, int64 counters, events and faults — run in-process and over the loopback server.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { COUNTER_LIMITS } from '../../shared/limits'
import { EVENTS, GROUP_TYPES, JOIN_STATUS, SYSTEM_NOTICE_OPERATION, type GroupType } from '../sdk'
import type { EmulatedChat } from './sdk-session'
import { bytesOf, createGroupOf, expectCode, nextEvent, observedCodes, openHarness, recordEvents, settle, type Harness, type HarnessKind } from './test-harness'

const { GRP_WORK: WORK, GRP_PUBLIC: PUBLIC, GRP_MEETING: MEETING, GRP_AVCHATROOM: AV, GRP_COMMUNITY: COMMUNITY } = GROUP_TYPES

/** Every code the emulator can produce through the SDK surface; the suite must see each one. */
const PRODUCIBLE_CODES = [
  2002, 2003, 2024, 2025, 2600, 2602, 2620, 2621, 2661, 2681, 2683, 2684, 2685, 2687, 2800, 2801, 2996, 2999, 3000,
  10002, 10004, 10007, 10009, 10010, 10014, 10015, 10019, 10021, 10024, 10025, 10037, 10045, 10046, 10047, 10048,
  10049, 10050, 10056, 10063,
]

const KINDS: HarnessKind[] = ['in-process', 'loopback']

describe.each(KINDS)('conformance (%s)', (kind) => {
  let h: Harness
  let owner: EmulatedChat
  const open = async (settings = {}): Promise<void> => {
    await h.close()
    h = await openHarness(kind, settings)
    owner = await h.connect('owner')
  }
  beforeEach(async () => {
    h = await openHarness(kind)
    owner = await h.connect('owner')
  })
  afterEach(async () => {
    await h.close()
  })

  describe('profile byte limits (UTF-8), active profile a setting', () => {
    const createRows: Array<[field: 'name' | 'introduction' | 'notification' | 'avatar', limit: number, unit: string]> = [
      ['name', 30, 'x'], ['name', 30, '群'], ['introduction', 240, '介'], ['notification', 300, 'x'], ['avatar', 100, 'x'],
    ]
    it.each(createRows)('createGroup %s: %i bytes (%s) pass, one more byte fails with 10004 (createGroup page)', async (field, limit, unit) => {
      const base = { type: PUBLIC, name: 'ok' }
      await expect(owner.createGroup({ ...base, [field]: bytesOf(limit, unit) })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.createGroup({ ...base, [field]: bytesOf(limit + 1, unit) }), 10004)
    })
    const updateRows: Array<[field: 'name' | 'introduction' | 'notification' | 'avatar', limit: number]> = [
      ['name', 100], ['introduction', 400], ['notification', 400], ['avatar', 500],
    ]
    it.each(updateRows)('updateGroupProfile %s: %i bytes pass, one more fails with 10004 (updateGroupProfile page)', async (field, limit) => {
      const groupID = await createGroupOf(owner, PUBLIC)
      await expect(owner.updateGroupProfile({ groupID, [field]: bytesOf(limit, '字') })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.updateGroupProfile({ groupID, [field]: bytesOf(limit + 1, '字') }), 10004)
    })
    it('the .d.ts profile (introduction 120, notification 150) is selectable as a setting', async () => {
      await open({ profileLimits: { create: 'typeDeclarations', update: 'typeDeclarations' } })
      await expect(owner.createGroup({ type: PUBLIC, name: 'n', introduction: bytesOf(120) })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.createGroup({ type: PUBLIC, name: 'n', introduction: bytesOf(121) }), 10004)
      const groupID = await createGroupOf(owner, PUBLIC)
      await expectCode(owner.updateGroupProfile({ groupID, notification: bytesOf(151) }), 10004)
    })
  })

  describe('group IDs and types', () => {
    it('a custom ID of 48 bytes passes, 49 fails with 10015', async () => {
      await expect(owner.createGroup({ type: PUBLIC, name: 'n', groupID: bytesOf(48, 'g') })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.createGroup({ type: PUBLIC, name: 'n', groupID: bytesOf(49, 'h') }), 10015)
      await expectCode(owner.createGroup({ type: PUBLIC, name: 'n', groupID: 'tab\there' }), 10015)
    })
    it('@TGS# prefixes: Community must start with @TGS#_, others must not start with @TGS# (2602)', async () => {
      await expectCode(owner.createGroup({ type: PUBLIC, name: 'n', groupID: '@TGS#mine' }), 2602)
      await expectCode(owner.createGroup({ type: COMMUNITY, name: 'n', groupID: 'community-1' }), 2602)
      const { data } = await owner.createGroup({ type: COMMUNITY, name: 'n', groupID: '@TGS#_community-1' })
      expect(data.group.groupID).toBe('@TGS#_community-1')
      const auto = await owner.createGroup({ type: COMMUNITY, name: 'n' })
      expect(auto.data.group.groupID.startsWith('@TGS#_')).toBe(true)
    })
    it('an ID in use fails with 10021, or 10025 when you own it', async () => {
      await owner.createGroup({ type: PUBLIC, name: 'n', groupID: 'taken' })
      await expectCode(owner.createGroup({ type: PUBLIC, name: 'n', groupID: 'taken' }), 10025)
      const other = await h.connect('other')
      await expectCode(other.createGroup({ type: PUBLIC, name: 'n', groupID: 'taken' }), 10021)
    })
    it('an unknown group type fails with 2600', async () => {
      await expectCode(owner.createGroup({ type: 'Secret' as GroupType, name: 'n' }), 2600)
    })
    it('memberList: 500 entries pass, 501 fail with 10004; unknown users fail with 10019', async () => {
      const users = Array.from({ length: 501 }, (_, i) => ({ userID: `m${i}` }))
      await h.controls.registerUsers(users)
      const { data } = await owner.createGroup({ type: WORK, name: 'n', memberList: users.slice(0, 500), maxMemberNum: 1000 })
      expect(data.group.memberCount).toBe(501)
      await expectCode(owner.createGroup({ type: WORK, name: 'n', memberList: users }), 10004)
      await expectCode(owner.createGroup({ type: WORK, name: 'n', memberList: [{ userID: 'nobody' }] }), 10019)
    })
    it('default maxMemberNum per type: Work 200, Public 2000, Meeting 10000, AVChatRoom unlimited (0)', async () => {
      const max = async (type: GroupType): Promise<number> => (await owner.createGroup({ type, name: 'n' })).data.group.maxMemberCount
      expect([await max(WORK), await max(PUBLIC), await max(MEETING), await max(AV)]).toEqual([200, 2000, 10000, 0])
    })
  })

  describe('custom fields', () => {
    it('10 group keys pass, 11 fail; key 16 bytes passes, 17 fails; value 512 bytes passes, 513 fails (10004)', async () => {
      const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }))
      const groupID = await createGroupOf(owner, PUBLIC, { groupCustomField: fields(10) })
      await expectCode(owner.updateGroupProfile({ groupID, groupCustomField: [{ key: 'eleventh', value: 'v' }] }), 10004)
      await expect(owner.updateGroupProfile({ groupID, groupCustomField: [{ key: 'k0', value: bytesOf(512) }] })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.updateGroupProfile({ groupID, groupCustomField: [{ key: 'k0', value: bytesOf(513) }] }), 10004)
      await expectCode(owner.createGroup({ type: PUBLIC, name: 'n', groupCustomField: [{ key: bytesOf(17), value: 'v' }] }), 10004)
      await expect(owner.createGroup({ type: PUBLIC, name: 'n', groupCustomField: [{ key: bytesOf(16), value: 'v' }] })).resolves.toMatchObject({ code: 0 })
      const filtered = await owner.getGroupProfile({ groupID, groupCustomFieldFilter: ['k1'] })
      expect(filtered.data.group.groupCustomField).toEqual([{ key: 'k1', value: 'v' }])
    })
    it('5 member keys pass, 6 fail; member value 64 bytes passes, 65 fails (10004)', async () => {
      await h.controls.registerUsers([{ userID: 'a' }, { userID: 'b' }, { userID: 'c' }])
      const five = Array.from({ length: 5 }, (_, i) => ({ key: `m${i}`, value: bytesOf(64) }))
      await expect(owner.createGroup({ type: WORK, name: 'n', memberList: [{ userID: 'a', memberCustomField: five }] })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.createGroup({ type: WORK, name: 'n', memberList: [{ userID: 'b', memberCustomField: [...five, { key: 'm5', value: 'v' }] }] }), 10004)
      await expectCode(owner.createGroup({ type: WORK, name: 'n', memberList: [{ userID: 'c', memberCustomField: [{ key: 'm', value: bytesOf(65) }] }] }), 10004)
    })
  })

  describe('joining by type (sdk-facts "Rules by group type")', () => {
    const rows: Array<[type: GroupType, joinOption: string | undefined, outcome: string | number]> = [
      [WORK, undefined, 10007],
      [PUBLIC, undefined, JOIN_STATUS.JOIN_STATUS_WAIT_APPROVAL],
      [PUBLIC, 'FreeAccess', JOIN_STATUS.JOIN_STATUS_SUCCESS],
      [PUBLIC, 'DisableApply', 10007],
      [MEETING, 'DisableApply', JOIN_STATUS.JOIN_STATUS_SUCCESS],
      [AV, 'NeedPermission', JOIN_STATUS.JOIN_STATUS_SUCCESS],
      [COMMUNITY, undefined, JOIN_STATUS.JOIN_STATUS_SUCCESS],
      [COMMUNITY, 'NeedPermission', JOIN_STATUS.JOIN_STATUS_WAIT_APPROVAL],
    ]
    it.each(rows)('%s with joinOption %s → %s', async (type, joinOption, outcome) => {
      const groupID = await createGroupOf(owner, type, joinOption ? { joinOption } : {})
      const user = await h.connect('joiner')
      if (typeof outcome === 'number') {
        await expectCode(user.joinGroup({ groupID }), outcome)
        return
      }
      const { data } = await user.joinGroup({ groupID, applyMessage: '想加入' })
      expect(data.status).toBe(outcome)
      if (outcome === JOIN_STATUS.JOIN_STATUS_SUCCESS) expect((await user.joinGroup({ groupID })).data.status).toBe(JOIN_STATUS.JOIN_STATUS_ALREADY_IN_GROUP)
    })
    it('a join request reaches the owner and admins as a system notice (operationType 1), and lists as pending', async () => {
      const admin = await h.connect('admin')
      const groupID = await createGroupOf(owner, PUBLIC, { memberList: [{ userID: 'admin', role: 'Admin' }] })
      const ownerNotice = nextEvent(owner, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operationType === SYSTEM_NOTICE_OPERATION.JOIN_REQUEST)
      const adminNotice = nextEvent(admin, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operationType === SYSTEM_NOTICE_OPERATION.JOIN_REQUEST)
      const applicant = await h.connect('applicant')
      await applicant.joinGroup({ groupID, applyMessage: 'hello 你好' })
      const [ownerEvent, adminEvent] = await Promise.all([ownerNotice, adminNotice])
      expect(ownerEvent.data[0]).toMatchObject({ type: 'TIMGroupSystemNoticeElem', conversationID: '@TIM#SYSTEM', payload: { operatorID: 'applicant', groupProfile: { groupID } } })
      expect(adminEvent.data[0]?.payload.authentication).toBe(ownerEvent.data[0]?.payload.authentication)
      const list = await admin.getGroupApplicationList()
      expect(list.data.applicationList).toEqual([expect.objectContaining({ applicant: 'applicant', groupID, applicationType: 0, note: 'hello 你好', userID: '' })])
    })
    it('a full group refuses with 10014', async () => {
      const groupID = await createGroupOf(owner, MEETING, { maxMemberNum: 2 })
      await (await h.connect('first')).joinGroup({ groupID })
      await expectCode((await h.connect('second')).joinGroup({ groupID }), 10014)
    })
    it('one AVChatRoom at a time: joining B leaves A', async () => {
      const a = await createGroupOf(owner, AV)
      const b = await createGroupOf(owner, AV)
      const viewer = await h.connect('viewer')
      await viewer.joinGroup({ groupID: a, type: AV })
      await viewer.joinGroup({ groupID: b, type: AV })
      const ids = (await viewer.getGroupList()).data.groupList.map((g) => g.groupID)
      expect(ids).toEqual([b])
    })
    it("a user's group limit (trial: 50) refuses the 51st with 10037", async () => {
      await open({ userGroupLimit: 'trial' })
      for (let i = 0; i < 50; i++) await owner.createGroup({ type: MEETING, name: `g${i}` })
      await expectCode(owner.createGroup({ type: MEETING, name: 'one too many' }), 10037)
      const other = await h.connect('other')
      const groupID = await createGroupOf(other, MEETING)
      await expectCode(owner.joinGroup({ groupID }), 10037)
    })
    it('searchGroupByID finds a Public group for a non-member, not a Work group (10007); a missing group is 10010', async () => {
      const publicID = await createGroupOf(owner, PUBLIC)
      const workID = await createGroupOf(owner, WORK)
      const stranger = await h.connect('stranger')
      expect((await stranger.searchGroupByID(publicID)).data.group.selfInfo.role).toBe('')
      await expectCode(stranger.searchGroupByID(workID), 10007)
      await expectCode(stranger.searchGroupByID('gone'), 10010)
      await expectCode(stranger.getGroupProfile({ groupID: workID }), 10007)
    })
  })

  describe('options each type may change', () => {
    it.each([WORK, MEETING, AV])('%s: joinOption is fixed (the SDK drops the change, the call succeeds)', async (type) => {
      const groupID = await createGroupOf(owner, type)
      const before = (await owner.getGroupProfile({ groupID })).data.group.joinOption
      await owner.updateGroupProfile({ groupID, joinOption: 'NeedPermission', name: 'renamed' })
      const after = (await owner.getGroupProfile({ groupID })).data.group
      expect(after.joinOption).toBe(before)
      expect(after.name).toBe('renamed')
    })
    it.each([PUBLIC, COMMUNITY])('%s: joinOption changes', async (type) => {
      const groupID = await createGroupOf(owner, type)
      await owner.updateGroupProfile({ groupID, joinOption: 'DisableApply' })
      expect((await owner.getGroupProfile({ groupID })).data.group.joinOption).toBe('DisableApply')
    })
    it('inviteOption: changeable except for AVChatRoom (10007)', async () => {
      const publicID = await createGroupOf(owner, PUBLIC)
      await owner.updateGroupProfile({ groupID: publicID, inviteOption: 'DisableInvite' })
      expect((await owner.getGroupProfile({ groupID: publicID })).data.group.inviteOption).toBe('DisableInvite')
      await expectCode(owner.updateGroupProfile({ groupID: await createGroupOf(owner, AV), inviteOption: 'NeedPermission' }), 10007)
    })
    it('profile edits: owner and admins only (a member gets 10007); muteAllMembers round-trips', async () => {
      const member = await h.connect('member')
      const groupID = await createGroupOf(owner, WORK, { memberList: [{ userID: 'member' }] })
      await expectCode(member.updateGroupProfile({ groupID, name: 'mine' }), 10007)
      await owner.updateGroupProfile({ groupID, muteAllMembers: true })
      expect((await member.getGroupProfile({ groupID })).data.group.muteAllMembers).toBe(true)
    })
  })

  describe('inviting by type', () => {
    it('Work and Community: any member adds without confirmation; lists split success/existed/failure', async () => {
      await h.controls.registerUsers([{ userID: 'new1' }, { userID: 'new2' }])
      const member = await h.connect('member')
      for (const type of [WORK, COMMUNITY]) {
        const groupID = await createGroupOf(owner, type, { memberList: [{ userID: 'member' }] })
        const { data } = await member.addGroupMember({ groupID, userIDList: ['new1', 'owner', 'ghost'] })
        expect(data).toMatchObject({ successUserIDList: ['new1'], existedUserIDList: ['owner'], failureUserIDList: ['ghost'], overLimitUserIDList: [] })
      }
    })
    it('Public and Meeting: app admin only (10007); AVChatRoom: nobody (2661); DisableInvite refuses (10007)', async () => {
      await h.controls.registerUsers([{ userID: 'new1' }])
      await expectCode(owner.addGroupMember({ groupID: await createGroupOf(owner, PUBLIC), userIDList: ['new1'] }), 10007)
      await expectCode(owner.addGroupMember({ groupID: await createGroupOf(owner, MEETING), userIDList: ['new1'] }), 10007)
      await expectCode(owner.addGroupMember({ groupID: await createGroupOf(owner, AV), userIDList: ['new1'] }), 2661)
      await expectCode(owner.addGroupMember({ groupID: await createGroupOf(owner, WORK, { inviteOption: 'DisableInvite' }), userIDList: ['new1'] }), 10007)
    })
    it('500 userIDs per call pass the count check, 501 fail with 10004', async () => {
      const groupID = await createGroupOf(owner, WORK)
      const ids = Array.from({ length: 501 }, (_, i) => `u${i}`)
      const { data } = await owner.addGroupMember({ groupID, userIDList: ids.slice(0, 500) })
      expect(data.failureUserIDList).toHaveLength(500)
      await expectCode(owner.addGroupMember({ groupID, userIDList: ids }), 10004)
    })
    it('Community with inviteOption NeedPermission: a member invitation becomes an applicationType 2 for the moderators', async () => {
      await h.controls.registerUsers([{ userID: 'invitee' }])
      const member = await h.connect('member')
      const groupID = await createGroupOf(owner, COMMUNITY, { inviteOption: 'NeedPermission', memberList: [{ userID: 'member' }] })
      const notice = nextEvent(owner, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operationType === SYSTEM_NOTICE_OPERATION.INVITE_REQUEST)
      const { data } = await member.addGroupMember({ groupID, userIDList: ['invitee'] })
      expect(data.successUserIDList).toEqual([])
      await notice
      const [application] = (await owner.getGroupApplicationList()).data.applicationList
      expect(application).toMatchObject({ applicationType: 2, applicant: 'member', userID: 'invitee', groupID })
      const accepted = nextEvent(member, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operationType === SYSTEM_NOTICE_OPERATION.INVITE_ACCEPTED)
      await owner.handleGroupApplication({ handleAction: 'Agree', application: application! })
      await accepted
      expect((await owner.getGroupMemberProfile({ groupID, userIDList: ['invitee'] })).data.memberList).toHaveLength(1)
    })
  })

  describe('dismiss, quit, transfer', () => {
    it('dismiss: a Work group by nobody (10007); others by the owner only; members get operationType 5; then 10010', async () => {
      await expectCode(owner.dismissGroup(await createGroupOf(owner, WORK)), 10007)
      const admin = await h.connect('admin')
      const groupID = await createGroupOf(owner, COMMUNITY, { memberList: [{ userID: 'admin', role: 'Admin' }] })
      await expectCode(admin.dismissGroup(groupID), 10007)
      const notice = nextEvent(admin, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operationType === SYSTEM_NOTICE_OPERATION.DISMISSED)
      await expect(owner.dismissGroup(groupID)).resolves.toEqual({ code: 0, data: { groupID } })
      await notice
      await expectCode(owner.getGroupProfile({ groupID }), 10010)
    })
    it('quit: an owner leaves only a Work group (10009 otherwise), which is then ownerless', async () => {
      await expectCode(owner.quitGroup(await createGroupOf(owner, PUBLIC)), 10009)
      const member = await h.connect('member')
      const workID = await createGroupOf(owner, WORK, { memberList: [{ userID: 'member' }] })
      await owner.quitGroup(workID)
      expect((await member.getGroupProfile({ groupID: workID })).data.group.ownerID).toBe('')
      await member.quitGroup(workID)
      await expectCode(member.quitGroup(workID), 10007)
    })
    it('transfer: AVChatRoom 2620, to yourself 2621, by a non-owner 2681, to a non-member 10004; roles swap', async () => {
      const admin = await h.connect('admin')
      await expectCode(owner.changeGroupOwner({ groupID: await createGroupOf(owner, AV), newOwnerID: 'admin' }), 2620)
      const groupID = await createGroupOf(owner, PUBLIC, { memberList: [{ userID: 'admin', role: 'Admin' }] })
      await expectCode(owner.changeGroupOwner({ groupID, newOwnerID: 'owner' }), 2621)
      await expectCode(admin.changeGroupOwner({ groupID, newOwnerID: 'owner' }), 2681)
      await expectCode(owner.changeGroupOwner({ groupID, newOwnerID: 'stranger' }), 10004)
      const { data } = await owner.changeGroupOwner({ groupID, newOwnerID: 'admin' })
      expect(data.group).toMatchObject({ ownerID: 'admin', selfInfo: { role: 'Member' } })
    })
  })

  describe('member management and roles', () => {
    let groupID: string
    let admin: EmulatedChat
    let member: EmulatedChat
    beforeEach(async () => {
      admin = await h.connect('admin')
      member = await h.connect('member')
      await h.controls.registerUsers([{ userID: 'admin2' }])
      groupID = await createGroupOf(owner, PUBLIC, { memberList: [{ userID: 'admin', role: 'Admin' }, { userID: 'admin2', role: 'Admin' }, { userID: 'member' }] })
    })
    it('setGroupMemberRole: owner only (2681), Admin/Member only (2683; Custom is for Community), not yourself (2684)', async () => {
      await expectCode(admin.setGroupMemberRole({ groupID, userID: 'member', role: 'Admin' }), 2681)
      await expectCode(owner.setGroupMemberRole({ groupID, userID: 'member', role: 'Custom' }), 2683)
      await expectCode(owner.setGroupMemberRole({ groupID, userID: 'owner', role: 'Admin' }), 2684)
      const notice = nextEvent(member, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operationType === SYSTEM_NOTICE_OPERATION.SET_ADMIN)
      expect((await owner.setGroupMemberRole({ groupID, userID: 'member', role: 'Admin' })).data.member.role).toBe('Admin')
      await notice
      const community = await createGroupOf(owner, COMMUNITY, { memberList: [{ userID: 'member' }] })
      expect((await owner.setGroupMemberRole({ groupID: community, userID: 'member', role: 'Custom' })).data.member.role).toBe('Custom')
    })
    it('muting: not yourself (2685), not in Work (10007), not a peer admin (10007); muteUntil = now + seconds, 0 unmutes', async () => {
      await expectCode(admin.setGroupMemberMuteTime({ groupID, userID: 'admin', muteTime: 60 }), 2685)
      await expectCode(admin.setGroupMemberMuteTime({ groupID, userID: 'admin2', muteTime: 60 }), 10007)
      const work = await createGroupOf(owner, WORK, { memberList: [{ userID: 'member' }] })
      await expectCode(owner.setGroupMemberMuteTime({ groupID: work, userID: 'member', muteTime: 60 }), 10007)
      const now = Math.floor(h.clock.now() / 1000)
      expect((await admin.setGroupMemberMuteTime({ groupID, userID: 'member', muteTime: 60 })).data.member.muteUntil).toBe(now + 60)
      expect((await admin.setGroupMemberMuteTime({ groupID, userID: 'member', muteTime: 0 })).data.member.muteUntil).toBe(0)
    })
    it("name cards: a member sets only its own, an admin its own and members', the owner anyone's (10007 otherwise)", async () => {
      await expectCode(member.setGroupMemberNameCard({ groupID, userID: 'admin', nameCard: 'x' }), 10007)
      await expectCode(admin.setGroupMemberNameCard({ groupID, userID: 'owner', nameCard: 'x' }), 10007)
      expect((await member.setGroupMemberNameCard({ groupID, nameCard: '小明' })).data.member.nameCard).toBe('小明')
      expect((await admin.setGroupMemberNameCard({ groupID, userID: 'member', nameCard: 'Ming' })).data.member.nameCard).toBe('Ming')
      expect((await owner.setGroupMemberNameCard({ groupID, userID: 'admin', nameCard: 'Boss' })).data.member.nameCard).toBe('Boss')
    })
    it('removing members: owner and admins, below their own rank (10007); the removed get operationType 4', async () => {
      await expectCode(member.deleteGroupMember({ groupID, userIDList: ['admin'] }), 10007)
      await expectCode(admin.deleteGroupMember({ groupID, userIDList: ['admin2'] }), 10007)
      const kicked = nextEvent(member, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operationType === SYSTEM_NOTICE_OPERATION.KICKED)
      const { data } = await admin.deleteGroupMember({ groupID, userIDList: ['member'], reason: 'spam' })
      expect(data.userIDList).toEqual(['member'])
      expect(data.group.memberCount).toBe(3)
      expect((await kicked).data[0]?.payload.handleMessage).toBe('spam')
    })
    it('member paging: count capped at 100 (default 15), offset 0 when done; profiles: 50 IDs pass, 51 fail (10004)', async () => {
      const ids = Array.from({ length: 150 }, (_, i) => `p${String(i).padStart(3, '0')}`)
      await h.controls.registerUsers(ids.map((userID) => ({ userID })))
      await owner.updateGroupProfile({ groupID, joinOption: 'FreeAccess' })
      const work = await createGroupOf(owner, WORK, { memberList: ids.map((userID) => ({ userID })) })
      const page1 = await owner.getGroupMemberList({ groupID: work, count: 150 })
      expect(page1.data.memberList).toHaveLength(100)
      expect(page1.data.offset).toBe(100)
      const page2 = await owner.getGroupMemberList({ groupID: work, count: 100, offset: page1.data.offset })
      expect(page2.data.memberList).toHaveLength(51)
      expect(page2.data.offset).toBe(0)
      expect((await owner.getGroupMemberList({ groupID: work })).data.memberList).toHaveLength(15)
      expect((await owner.getGroupMemberProfile({ groupID: work, userIDList: ids.slice(0, 50) })).data.memberList).toHaveLength(50)
      await expectCode(owner.getGroupMemberProfile({ groupID: work, userIDList: ids.slice(0, 51) }), 10004)
      await expectCode(owner.getGroupMemberProfile({ groupID: await createGroupOf(owner, AV), userIDList: ['owner'] }), 2687)
    })
  })

  describe('applications', () => {
    let groupID: string
    let admin1: EmulatedChat
    let admin2: EmulatedChat
    let applicant: EmulatedChat
    beforeEach(async () => {
      admin1 = await h.connect('admin1')
      admin2 = await h.connect('admin2')
      applicant = await h.connect('applicant')
      groupID = await createGroupOf(owner, PUBLIC, { memberList: [{ userID: 'admin1', role: 'Admin' }, { userID: 'admin2', role: 'Admin' }] })
      await applicant.joinGroup({ groupID, applyMessage: 'please' })
    })
    it('the race: two admins at once, exactly one wins, the other gets 10024; applied once', async () => {
      const [application] = (await admin1.getGroupApplicationList()).data.applicationList
      await h.controls.resetAppliedCalls()
      const results = await Promise.allSettled([
        admin1.handleGroupApplication({ handleAction: 'Agree', application: application! }),
        admin2.handleGroupApplication({ handleAction: 'Reject', application: application! }),
      ])
      const winners = results.filter((r) => r.status === 'fulfilled')
      const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(winners).toHaveLength(1)
      expect(losers.map((r) => (r.reason as { code: number }).code)).toEqual([10024])
      observedCodes.add(10024)
      expect(await h.controls.appliedCalls()).toEqual({ handleGroupApplication: 1 })
      expect((await admin2.getGroupApplicationList()).data.applicationList).toEqual([])
    })
    it('approving adds the applicant and tells them (operationType 2); rejecting tells them (3)', async () => {
      const approved = nextEvent(applicant, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operationType === SYSTEM_NOTICE_OPERATION.JOIN_APPROVED)
      const [application] = (await admin1.getGroupApplicationList()).data.applicationList
      await admin1.handleGroupApplication({ handleAction: 'Agree', handleMessage: 'welcome', application: application! })
      expect((await approved).data[0]?.payload.handleMessage).toBe('welcome')
      expect((await applicant.getGroupList()).data.groupList.map((g) => g.groupID)).toEqual([groupID])
      const second = await h.connect('second')
      await second.joinGroup({ groupID })
      const rejected = nextEvent(second, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operationType === SYSTEM_NOTICE_OPERATION.JOIN_REJECTED)
      const [next] = (await admin2.getGroupApplicationList()).data.applicationList
      await admin2.handleGroupApplication({ handleAction: 'Reject', application: next! })
      await rejected
      await expectCode(second.getGroupMemberList({ groupID }), 10007)
    })
    it('handled from the system notice message itself, as the SDK allows', async () => {
      const third = await h.connect('third')
      const notice = nextEvent(admin1, EVENTS.MESSAGE_RECEIVED, (e) => e.data[0]?.payload.operatorID === 'third')
      await third.joinGroup({ groupID })
      const message = (await notice).data[0]!
      await admin1.handleGroupApplication({ handleAction: 'Agree', message })
      expect((await third.getGroupList()).data.groupList).toHaveLength(1)
    })
    it('guards: a member cannot handle (10007); unknown application 10004; bad action 10004; dismissed group 10010', async () => {
      const [application] = (await admin1.getGroupApplicationList()).data.applicationList
      await expectCode(applicant.handleGroupApplication({ handleAction: 'Agree', application: application! }), 10007)
      await expectCode(admin1.handleGroupApplication({ handleAction: 'Agree', application: { ...application!, authentication: 'forged' } }), 10004)
      await expectCode(admin1.handleGroupApplication({ handleAction: 'Maybe' as 'Agree', application: application! }), 10004)
      await owner.dismissGroup(groupID)
      await expectCode(admin1.handleGroupApplication({ handleAction: 'Agree', application: application! }), 10010)
    })
    it('the pending list a user sees is capped at 50 (overview)', async () => {
      const ids = Array.from({ length: 60 }, (_, i) => `applicant${i}`)
      for (const id of ids) await (await h.connect(id)).joinGroup({ groupID })
      expect((await admin1.getGroupApplicationList()).data.applicationList).toHaveLength(50)
    })
  })

  describe('attributes', () => {
    let groupID: string
    beforeEach(async () => {
      groupID = await createGroupOf(owner, PUBLIC, { joinOption: 'FreeAccess' })
    })
    const attrs = (n: number, valueBytes = 1) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, bytesOf(valueBytes)]))
    it('16 keys pass, 17 fail with 10047', async () => {
      await expect(owner.initGroupAttributes({ groupID, groupAttributes: attrs(16) })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.setGroupAttributes({ groupID, groupAttributes: { extra: 'v' } }), 10047)
    })
    it('key 32 bytes passes, 33 fails with 10045', async () => {
      await expect(owner.setGroupAttributes({ groupID, groupAttributes: { [bytesOf(32)]: 'v' } })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.setGroupAttributes({ groupID, groupAttributes: { [bytesOf(33)]: 'v' } }), 10045)
    })
    it('value 4000 bytes passes, 4001 fails with 10046 (decimal basis, the default)', async () => {
      await expect(owner.setGroupAttributes({ groupID, groupAttributes: { k: bytesOf(4000, '座') } })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.setGroupAttributes({ groupID, groupAttributes: { k: bytesOf(4001, '座') } }), 10046)
    })
    it('total 16000 bytes passes, 16001 fails with 10048', async () => {
      await expect(owner.initGroupAttributes({ groupID, groupAttributes: attrs(4, 3998) })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.setGroupAttributes({ groupID, groupAttributes: { k0: bytesOf(3999) } }), 10048)
    })
    it('the binary basis (4 KB / 16 KB, attributes page) is a setting', async () => {
      await open({ attributeSizeBasis: 'binary' })
      groupID = await createGroupOf(owner, PUBLIC)
      await expect(owner.setGroupAttributes({ groupID, groupAttributes: { k: bytesOf(4096) } })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.setGroupAttributes({ groupID, groupAttributes: { k: bytesOf(4097) } }), 10046)
    })
    it('the race: two writers from the same sequence, one gets 10056; after a get it succeeds', async () => {
      const other = await h.connect('other')
      await other.joinGroup({ groupID })
      await owner.getGroupAttributes({ groupID, keyList: [] })
      await other.getGroupAttributes({ groupID, keyList: [] })
      const results = await Promise.allSettled([
        owner.setGroupAttributes({ groupID, groupAttributes: { seat1: 'owner' } }),
        other.setGroupAttributes({ groupID, groupAttributes: { seat1: 'other' } }),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect((rejected?.reason as { code: number }).code).toBe(10056)
      observedCodes.add(10056)
    })
    it('the first write after login must follow a get (10056 otherwise)', async () => {
      await owner.setGroupAttributes({ groupID, groupAttributes: { a: '1' } })
      const again = await h.connect('owner')
      await expectCode(again.setGroupAttributes({ groupID, groupAttributes: { a: '2' } }), 10056)
      expect((await again.getGroupAttributes({ groupID, keyList: ['a'] })).data.groupAttributes).toEqual({ a: '1' })
      await expect(again.setGroupAttributes({ groupID, groupAttributes: { a: '2' } })).resolves.toMatchObject({ code: 0 })
    })
    it('other members get GROUP_ATTRIBUTES_UPDATED with updated and deleted keys; delete [] clears; unknown key 10050', async () => {
      const other = await h.connect('other')
      await other.joinGroup({ groupID })
      const updated = nextEvent(other, EVENTS.GROUP_ATTRIBUTES_UPDATED, (e) => e.data.updatedKeyList.includes('b'))
      await owner.setGroupAttributes({ groupID, groupAttributes: { a: '1', b: '2' } })
      expect((await updated).data).toMatchObject({ groupID, groupAttributes: { a: '1', b: '2' } })
      await expectCode(owner.deleteGroupAttributes({ groupID, keyList: ['nope'] }), 10050)
      const deleted = nextEvent(other, EVENTS.GROUP_ATTRIBUTES_UPDATED, (e) => e.data.deletedKeyList.length === 2)
      expect((await owner.deleteGroupAttributes({ groupID, keyList: [] })).data.keyList.sort()).toEqual(['a', 'b'])
      expect((await deleted).data.groupAttributes).toEqual({})
    })
    it('AVChatRoom: join first (2687); topic-enabled community: none (10007); non-member: 10007', async () => {
      const av = await createGroupOf(owner, AV)
      const viewer = await h.connect('viewer')
      await expectCode(viewer.getGroupAttributes({ groupID: av, keyList: [] }), 2687)
      await viewer.joinGroup({ groupID: av, type: AV })
      await expect(viewer.setGroupAttributes({ groupID: av, groupAttributes: { seat: 'viewer' } })).resolves.toMatchObject({ code: 0 })
      const topics = await createGroupOf(owner, COMMUNITY, { isSupportTopic: true })
      await expectCode(owner.getGroupAttributes({ groupID: topics, keyList: [] }), 10007)
      await expectCode(viewer.getGroupAttributes({ groupID, keyList: [] }), 10007)
    })
  })

  describe('counters', () => {
    let groupID: string
    beforeEach(async () => {
      groupID = await createGroupOf(owner, PUBLIC)
    })
    it('20 keys pass, 21 fail with 10063', async () => {
      const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`c${i}`, i]))
      await expect(owner.setGroupCounters({ groupID, counters: twenty })).resolves.toMatchObject({ code: 0 })
      h.clock.advance(5_000)
      await expectCode(owner.increaseGroupCounter({ groupID, key: 'c20', value: 1 }), 10063)
    })
    it('key 128 characters passes, 129 fail with 10004 (characters, not bytes)', async () => {
      await expect(owner.setGroupCounters({ groupID, counters: { ['计'.repeat(128)]: 1 } })).resolves.toMatchObject({ code: 0 })
      await expectCode(owner.setGroupCounters({ groupID, counters: { ['计'.repeat(129)]: 1 } }), 10004)
    })
    it('int64 edges as bigint: max and min store exactly, one beyond is refused, overflow by increase/decrease refused', async () => {
      const { max, min } = { max: COUNTER_LIMITS.max.value, min: COUNTER_LIMITS.min.value }
      const set = await owner.setGroupCounters({ groupID, counters: { top: max, bottom: min } })
      expect(set.data.counters).toEqual({ top: max, bottom: min })
      expect((await owner.getGroupCounters({ groupID, keyList: ['top'] })).data.counters.top).toBe(max)
      await expectCode(owner.setGroupCounters({ groupID, counters: { beyond: max + 1n } }), 10004)
      await expectCode(owner.increaseGroupCounter({ groupID, key: 'top', value: 1 }), 10004)
      await expectCode(owner.decreaseGroupCounter({ groupID, key: 'bottom', value: 1n }), 10004)
      await expectCode(owner.increaseGroupCounter({ groupID, key: 'x', value: 2 ** 53 + 2 }), 10004)
      await expectCode(owner.increaseGroupCounter({ groupID, key: 'x', value: 1.5 }), 10004)
      expect((await owner.decreaseGroupCounter({ groupID, key: 'top', value: 1n })).data.counters).toEqual({ top: max - 1n })
    })
    it('a missing key starts from 0; members get GROUP_COUNTER_UPDATED with bigint values', async () => {
      const member = await h.connect('member')
      await owner.updateGroupProfile({ groupID, joinOption: 'FreeAccess' })
      await member.joinGroup({ groupID })
      const event = nextEvent(member, EVENTS.GROUP_COUNTER_UPDATED)
      expect((await owner.decreaseGroupCounter({ groupID, key: 'fresh', value: 3 })).data.counters).toEqual({ fresh: -3n })
      expect((await event).data).toEqual({ groupID, key: 'fresh', value: -3n })
    })
    it('topic-enabled community (10007), non-premium edition (10007)', async () => {
      await expectCode(owner.getGroupCounters({ groupID: await createGroupOf(owner, COMMUNITY, { isSupportTopic: true }) }), 10007)
      await open({ premiumEdition: false })
      await expectCode(owner.getGroupCounters({ groupID: await createGroupOf(owner, PUBLIC) }), 10007)
    })
  })

  describe('rate limits per user, injectable clock (no sleeping)', () => {
    let groupID: string
    beforeEach(async () => {
      groupID = await createGroupOf(owner, PUBLIC)
    })
    it('counter writes: 20 in 5 s pass, the 21st gets 2996, the next window succeeds', async () => {
      for (let i = 0; i < 20; i++) {
        const write = i % 3 === 0 ? owner.setGroupCounters({ groupID, counters: { c: i } }) : i % 3 === 1 ? owner.increaseGroupCounter({ groupID, key: 'c', value: 1 }) : owner.decreaseGroupCounter({ groupID, key: 'c', value: 1 })
        await write
        h.clock.advance(100)
      }
      await expectCode(owner.increaseGroupCounter({ groupID, key: 'c', value: 1 }), 2996)
      h.clock.advance(5_000)
      await expect(owner.increaseGroupCounter({ groupID, key: 'c', value: 1 })).resolves.toMatchObject({ code: 0 })
    })
    it('counter reads: 20 pass, the 21st gets 2996', async () => {
      for (let i = 0; i < 20; i++) await owner.getGroupCounters({ groupID })
      await expectCode(owner.getGroupCounters({ groupID }), 2996)
      h.clock.advance(5_000)
      await expect(owner.getGroupCounters({ groupID })).resolves.toMatchObject({ code: 0 })
    })
    it('attribute writes: 10 pass, the 11th gets 10049 by default', async () => {
      for (let i = 0; i < 10; i++) await owner.setGroupAttributes({ groupID, groupAttributes: { k: String(i) } })
      await expectCode(owner.setGroupAttributes({ groupID, groupAttributes: { k: 'x' } }), 10049)
      h.clock.advance(5_000)
      await expect(owner.setGroupAttributes({ groupID, groupAttributes: { k: 'x' } })).resolves.toMatchObject({ code: 0 })
    })
    it('attribute writes get 2996 under the sdkCode setting; attribute reads: 20 pass, the 21st gets 2996', async () => {
      await open({ attributeRateLimitCode: 'sdkCode' })
      groupID = await createGroupOf(owner, PUBLIC)
      for (let i = 0; i < 10; i++) await owner.setGroupAttributes({ groupID, groupAttributes: { k: String(i) } })
      await expectCode(owner.setGroupAttributes({ groupID, groupAttributes: { k: 'x' } }), 2996)
      for (let i = 0; i < 20; i++) await owner.getGroupAttributes({ groupID, keyList: [] })
      await expectCode(owner.getGroupAttributes({ groupID, keyList: [] }), 2996)
    })
    it('limits are per user: another user is unaffected', async () => {
      for (let i = 0; i < 20; i++) await owner.getGroupCounters({ groupID })
      const member = await h.connect('member')
      await owner.updateGroupProfile({ groupID, joinOption: 'FreeAccess' })
      await member.joinGroup({ groupID })
      await expect(member.getGroupCounters({ groupID })).resolves.toMatchObject({ code: 0 })
    })
  })

  describe('login state and events', () => {
    it('calls before login 2024, while logging in 3000, before SDK_READY 2999; missing userID 2002, userSig 2003', async () => {
      const chat = h.createSession()
      await expectCode(chat.getGroupList(), 2024)
      await expectCode(chat.login({ userID: '', userSig: 's' }), 2002)
      await expectCode(chat.login({ userID: 'u', userSig: '' }), 2003)
      const ready = nextEvent(chat, EVENTS.SDK_READY)
      const login = chat.login({ userID: 'u', userSig: 's' })
      await expectCode(chat.getGroupList(), 3000)
      await expectCode(chat.login({ userID: 'u', userSig: 's' }), 2025)
      await login
      await expectCode(chat.getGroupList(), 2999)
      await ready
      expect(chat.isReady()).toBe(true)
      expect((await chat.login({ userID: 'u', userSig: 's' })).data.repeatLogin).toBe(true)
      const notReady = nextEvent(chat, EVENTS.SDK_NOT_READY)
      await chat.logout()
      await notReady
      await expectCode(chat.getGroupList(), 2024)
    })
    it('KICKED_OUT: by the service (REST_API_Kick) and by a second instance when one is allowed (multipleAccount)', async () => {
      const kicked = nextEvent(owner, EVENTS.KICKED_OUT)
      expect(await h.controls.kickUser('owner')).toBe(1)
      expect((await kicked).data.type).toBe('REST_API_Kick')
      await expectCode(owner.getGroupList(), 2024)
      await open({ onlineInstancesPerUser: 1 })
      const first = owner
      const displaced = nextEvent(first, EVENTS.KICKED_OUT)
      await h.connect('owner')
      expect((await displaced).data.type).toBe('multipleAccount')
    })
    it('GROUP_LIST_UPDATED: the full list after a change, at most once a second', async () => {
      const member = await h.connect('member')
      const events = recordEvents(member, EVENTS.GROUP_LIST_UPDATED)
      const first = nextEvent(member, EVENTS.GROUP_LIST_UPDATED)
      const a = await createGroupOf(owner, MEETING)
      await member.joinGroup({ groupID: a })
      expect((await first).data.map((g) => g.groupID)).toEqual([a])
      const b = await createGroupOf(owner, MEETING)
      await member.joinGroup({ groupID: b })
      await settle()
      await settle()
      expect(events).toHaveLength(1)
      const second = nextEvent(member, EVENTS.GROUP_LIST_UPDATED)
      h.clock.advance(1_000)
      expect((await second).data.map((g) => g.groupID).sort()).toEqual([a, b].sort())
    })
  })

  describe('faults', () => {
    it('a drop: NET_STATE_CHANGE disconnected → connecting → connected, then calls work again without logging in', async () => {
      const states: string[] = []
      owner.on(EVENTS.NET_STATE_CHANGE, (e) => states.push(e.data.state))
      const connected = nextEvent(owner, EVENTS.NET_STATE_CHANGE, (e) => e.data.state === 'connected')
      await h.controls.dropAllConnections()
      await connected
      expect(states).toEqual(['disconnected', 'connecting', 'connected'])
      await expect(owner.getGroupList()).resolves.toMatchObject({ code: 0 })
    })
    it('while connections are refused a dropped client stays offline (2800), and comes back when allowed', async () => {
      await h.controls.setFaults({ acceptingConnections: false })
      const down = nextEvent(owner, EVENTS.NET_STATE_CHANGE, (e) => e.data.state === 'disconnected')
      await h.controls.dropAllConnections()
      await down
      await expectCode(owner.getGroupList(), 2800)
      const up = nextEvent(owner, EVENTS.NET_STATE_CHANGE, (e) => e.data.state === 'connected')
      await h.controls.setFaults({ acceptingConnections: true })
      await up
      await expect(owner.getGroupList()).resolves.toMatchObject({ code: 0 })
    })
    it('fail rate 1 with a code: the call fails with it and nothing is applied', async () => {
      await h.controls.setFaults({ failRate: 1, failCode: 10002 })
      await expectCode(owner.createGroup({ type: MEETING, name: 'n' }), 10002)
      expect(await h.controls.appliedCalls()).toEqual({})
      await h.controls.setFaults({ failRate: 0 })
      await owner.createGroup({ type: MEETING, name: 'n' })
      expect(await h.controls.appliedCalls()).toEqual({ createGroup: 1 })
    })
    it('a lost reply: applied, the caller sees 2801, a retry of a decision gets 10024 and is not applied twice', async () => {
      const admin = await h.connect('admin')
      const groupID = await createGroupOf(owner, PUBLIC, { memberList: [{ userID: 'admin', role: 'Admin' }] })
      await (await h.connect('applicant')).joinGroup({ groupID })
      const [application] = (await admin.getGroupApplicationList()).data.applicationList
      await h.controls.setFaults({ loseReplyRate: 1 })
      await expectCode(admin.handleGroupApplication({ handleAction: 'Agree', application: application! }), 2801)
      await h.controls.setFaults({ loseReplyRate: 0 })
      await expectCode(admin.handleGroupApplication({ handleAction: 'Agree', application: application! }), 10024)
      expect((await h.controls.appliedCalls()).handleGroupApplication).toBe(1)
    })
    it('pause holds calls unapplied until resume', async () => {
      await h.controls.pause()
      let settled = false
      const call = owner.createGroup({ type: MEETING, name: 'held' }).finally(() => (settled = true))
      await settle()
      await settle()
      expect(settled).toBe(false)
      expect((await h.controls.stats()).groups).toBe(0)
      await h.controls.resume()
      await expect(call).resolves.toMatchObject({ code: 0 })
      expect((await h.controls.stats()).groups).toBe(1)
    })
  })
})

afterAll(() => {
  // Each producible code was seen by at least one row (in either mode).
  expect(PRODUCIBLE_CODES.filter((code) => !observedCodes.has(code))).toEqual([])
})
