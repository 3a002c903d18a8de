// The emulated group service: authoritative state and rules, one SQLite transaction per call, pushes to the
// sessions of the users concerned after the transaction commits. Everything here is what Tencent's servers
// decide; what the SDK decides on the client (login state, rate limits, caches) lives in sdk-session.ts.
import {
  ATTRIBUTE_LIMITS,
  ATTRIBUTE_SIZE_BASES,
  COUNTER_LIMITS,
  CUSTOM_FIELD_LIMITS,
  MEMBERSHIP_LIMITS,
  USER_GROUP_LIMITS,
  codePointLength,
  isInt64,
  profileTextLimits,
  utf8ByteLength,
  type ProfileTextField,
} from '../../shared/limits'
import {
  APPLICATION_TYPES,
  GROUP_TYPES,
  HANDLE_ACTIONS,
  JOIN_STATUS,
  MEMBER_ROLES,
  SYSTEM_NOTICE_OPERATION,
  type CustomField,
  type Group,
  type GroupApplication,
  type GroupMember,
  type GroupType,
  type KickedOutType,
  type MemberRole,
  type SystemNoticeOperation,
} from '../sdk'
import { toSeconds, type Clock } from './clock'
import { UNDOCUMENTED_REFUSAL, fail } from './emulator-error'
import type { ServiceApi, ServiceMethod, ServiceParams, ServicePush, ServiceResult } from './protocol'
import {
  assignableRoles,
  canDismiss,
  canMuteIn,
  canQuit,
  canSetNameCard,
  defaultJoinOption,
  defaultMaxMembers,
  groupIdProblem,
  inviteOptionIsChangeable,
  inviteRoute,
  isGroupType,
  isInviteOption,
  isJoinOption,
  isModerator,
  joinOptionIsChangeable,
  joinRoute,
  outranks,
  supportsAttributesAndCounters,
} from './rules'
import type { EmulatorSettings } from './settings'
import type { EmulatorStore, GroupRow, MemberRow, MemberWithUserRow } from './store'

const { GRP_AVCHATROOM, GRP_COMMUNITY } = GROUP_TYPES
const { GRP_MBR_ROLE_OWNER: OWNER, GRP_MBR_ROLE_ADMIN: ADMIN, GRP_MBR_ROLE_MEMBER: MEMBER } = MEMBER_ROLES

/** Calls that change state: counted per kind when applied (issue 3: "prove nothing was applied twice"). */
export const STATE_CHANGING_METHODS = [
  'createGroup', 'updateGroupProfile', 'joinGroup', 'quitGroup', 'dismissGroup', 'changeGroupOwner',
  'handleGroupApplication', 'addGroupMember', 'deleteGroupMember', 'setGroupMemberRole', 'setGroupMemberMuteTime',
  'setGroupMemberNameCard', 'initGroupAttributes', 'setGroupAttributes', 'deleteGroupAttributes', 'setGroupCounters',
  'increaseGroupCounter', 'decreaseGroupCounter',
] as const satisfies readonly ServiceMethod[]

export type PushListener = (push: ServicePush) => void

interface Session {
  readonly id: number
  userID: string | null
  loginAt: number
  readonly listener: PushListener
}

interface ServiceOptions {
  store: EmulatorStore
  clock: Clock
  settings: EmulatorSettings
}

type Handler<M extends ServiceMethod> = (actor: string, params: ServiceParams<M>) => ServiceResult<M>
type Handlers = { [M in Exclude<ServiceMethod, 'login' | 'logout'>]: Handler<M> }

export class GroupService {
  readonly store: EmulatorStore
  readonly clock: Clock
  readonly settings: EmulatorSettings
  private readonly sessions = new Map<number, Session>()
  private nextSessionId = 1
  /** Keys issued on joining an AVChatRoom, per `${groupID}\n${userID}`: attribute calls must present one. */
  private readonly avChatRoomKeys = new Map<string, string>()
  private outbox: Array<{ to: ReadonlySet<string>; push: ServicePush }> = []
  private noticeSequence = 0
  private readonly handlers: Handlers

  constructor(options: ServiceOptions) {
    this.store = options.store
    this.clock = options.clock
    this.settings = options.settings
    this.handlers = this.buildHandlers()
  }

  // Sessions ---------------------------------------------------------------------------------------------

  openSession(listener: PushListener): number {
    const id = this.nextSessionId++
    this.sessions.set(id, { id, userID: null, loginAt: 0, listener })
    return id
  }

  closeSession(sessionId: number): void {
    this.sessions.delete(sessionId)
  }

  login(sessionId: number, params: ServiceParams<'login'>): ServiceResult<'login'> {
    const session = this.requireSession(sessionId)
    const userID = typeof params?.userID === 'string' ? params.userID : ''
    const userSig = typeof params?.userSig === 'string' ? params.userSig : ''
    if (!userID) fail(2002)
    if (!userSig) fail(2003)
    const repeatLogin = session.userID === userID
    session.userID = userID
    session.loginAt = this.clock.now()
    this.store.ensureUser(userID)
    this.enforceInstanceLimit(userID)
    return { repeatLogin, sdkSettings: { attributeRateLimitCode: this.settings.attributeRateLimitCode, rateLimitOverrides: this.settings.rateLimitOverrides } }
  }

  logout(sessionId: number): void {
    const session = this.sessions.get(sessionId)
    if (session) session.userID = null
  }

  /** Push KICKED_OUT to every session of a user (REST_API_Kick, userSigExpired …) and log them out. */
  kickUser(userID: string, type: KickedOutType): number {
    let kicked = 0
    for (const session of this.sessions.values()) {
      if (session.userID !== userID) continue
      session.userID = null
      session.listener({ kind: 'kicked', type })
      kicked++
    }
    return kicked
  }

  /** Perform one call for a logged-in session. Throws EmulatorError with the documented code. */
  call<M extends ServiceMethod>(sessionId: number, method: M, params: ServiceParams<M>): ServiceResult<M> {
    if (method === 'login') return this.login(sessionId, params as ServiceParams<'login'>) as ServiceResult<M>
    const session = this.requireSession(sessionId)
    if (method === 'logout') {
      this.logout(sessionId)
      return {} as ServiceResult<M>
    }
    const actor = session.userID
    if (!actor) fail(2024)
    const handler = this.handlers[method as Exclude<M, 'login' | 'logout'>] as unknown as Handler<M> | undefined
    if (!handler) fail(10003, String(method))
    const safeParams = (params ?? {}) as ServiceParams<M>
    let result: ServiceResult<M>
    try {
      result = this.store.transaction(() => {
        const value = handler(actor, safeParams)
        if ((STATE_CHANGING_METHODS as readonly string[]).includes(method)) this.store.countApplied(method)
        return value
      })
    } catch (error) {
      this.outbox = []
      throw error
    }
    this.flushOutbox()
    return result
  }

  private requireSession(sessionId: number): Session {
    const session = this.sessions.get(sessionId)
    if (!session) fail(2800, 'session closed')
    return session
  }

  private enforceInstanceLimit(userID: string): void {
    const limit = this.settings.onlineInstancesPerUser
    if (limit === null) return
    const mine = [...this.sessions.values()].filter((s) => s.userID === userID).sort((a, b) => a.loginAt - b.loginAt || a.id - b.id)
    for (const session of mine.slice(0, Math.max(0, mine.length - limit))) {
      session.userID = null
      session.listener({ kind: 'kicked', type: 'multipleAccount' })
    }
  }

  // Pushes -----------------------------------------------------------------------------------------------

  private push(to: Iterable<string>, push: ServicePush): void {
    this.outbox.push({ to: new Set(to), push })
  }

  private flushOutbox(): void {
    const outbox = this.outbox
    this.outbox = []
    for (const { to, push } of outbox) {
      for (const session of this.sessions.values()) if (session.userID && to.has(session.userID)) session.listener(push)
    }
  }

  /** Users with a session now who are members of the group: the only ones a push can reach. */
  private onlineMembers(groupID: string): string[] {
    const online = new Set<string>()
    for (const session of this.sessions.values()) if (session.userID) online.add(session.userID)
    return [...online].filter((userID) => this.store.getMember(groupID, userID) !== undefined)
  }

  private notify(to: Iterable<string>, operationType: SystemNoticeOperation, group: GroupRow, operatorID: string, extra: { handleMessage?: string; authentication?: string; messageKey?: number } = {}): void {
    this.push(to, {
      kind: 'systemNotice',
      time: toSeconds(this.clock.now()),
      sequence: ++this.noticeSequence,
      notice: {
        operationType,
        groupProfile: { groupID: group.group_id, groupName: group.name, groupType: group.type as GroupType },
        operatorID,
        handleMessage: extra.handleMessage ?? '',
        authentication: extra.authentication ?? '',
        messageKey: extra.messageKey ?? 0,
        userDefinedField: '',
      },
    })
  }

  private groupListChanged(to: Iterable<string>): void {
    this.push(to, { kind: 'groupListChanged' })
  }

  // Shapes -----------------------------------------------------------------------------------------------

  private toGroup(row: GroupRow, viewer: string, customFieldFilter?: readonly string[]): Group {
    const self = this.store.getMember(row.group_id, viewer)
    let customFields = JSON.parse(row.custom_fields) as CustomField[]
    if (customFieldFilter && customFieldFilter.length > 0) customFields = customFields.filter((f) => customFieldFilter.includes(f.key))
    return {
      groupID: row.group_id,
      name: row.name,
      avatar: row.avatar,
      type: row.type as GroupType,
      introduction: row.introduction,
      notification: row.notification,
      ownerID: row.owner_id,
      createTime: row.create_time,
      infoSequence: row.info_sequence,
      lastInfoTime: row.last_info_time,
      selfInfo: { role: (self?.role as MemberRole | undefined) ?? '', joinTime: self?.join_time ?? 0, nameCard: self?.name_card ?? '', messageRemindType: 'AcceptAndNotify' },
      lastMessage: { lastTime: 0, fromAccount: '', messageForShow: '' },
      nextMessageSeq: 1,
      memberCount: row.member_count,
      maxMemberCount: row.max_member_count,
      muteAllMembers: row.mute_all === 1,
      joinOption: row.join_option as Group['joinOption'],
      inviteOption: row.invite_option as Group['inviteOption'],
      groupCustomField: customFields,
      isSupportTopic: row.is_support_topic === 1,
    }
  }

  private toMember(row: MemberWithUserRow): GroupMember {
    return {
      userID: row.user_id,
      nick: row.nick,
      avatar: row.avatar,
      role: row.role as MemberRole,
      joinTime: row.join_time,
      lastSendMsgTime: row.last_send_msg_time,
      nameCard: row.name_card,
      muteUntil: row.mute_until,
      memberCustomField: JSON.parse(row.custom_fields) as CustomField[],
    }
  }

  private memberOut(groupID: string, userID: string): GroupMember {
    const row = this.store.getMemberWithUser(groupID, userID)
    if (!row) fail(10002, 'member vanished')
    return this.toMember(row)
  }

  // Guards -----------------------------------------------------------------------------------------------

  private requireGroup(groupID: unknown): GroupRow {
    if (typeof groupID !== 'string' || groupID === '') fail(10015, 'groupID is required')
    return this.store.getGroup(groupID) ?? fail(10010, groupID)
  }

  private requireMembership(group: GroupRow, userID: string): MemberRow {
    return this.store.getMember(group.group_id, userID) ?? fail(UNDOCUMENTED_REFUSAL.notMember, `${userID} is not a member of ${group.group_id}`)
  }

  private requireModerator(group: GroupRow, userID: string): MemberRow {
    const member = this.requireMembership(group, userID)
    if (!isModerator(member.role)) fail(10007, 'owner or admin only')
    return member
  }

  private checkProfileTexts(operation: 'create' | 'update', values: Partial<Record<ProfileTextField, unknown>>): void {
    const limits = profileTextLimits(operation, this.settings.profileLimits)
    for (const field of ['name', 'introduction', 'notification', 'avatar'] as const) {
      const value = values[field]
      if (value === undefined) continue
      if (typeof value !== 'string') fail(10004, `${field} must be a string`)
      if (utf8ByteLength(value) > limits[field]) fail(UNDOCUMENTED_REFUSAL.outOfLimit, `${field} longer than ${limits[field]} bytes (${limits.source})`)
    }
  }

  private mergeCustomFields(current: CustomField[], changes: unknown, scope: 'group' | 'member'): CustomField[] {
    if (changes === undefined) return current
    if (!Array.isArray(changes)) fail(10004, 'custom fields must be an array')
    const keysMax = scope === 'group' ? CUSTOM_FIELD_LIMITS.groupKeysMax.value : CUSTOM_FIELD_LIMITS.memberKeysMax.value
    const valueMax = scope === 'group' ? CUSTOM_FIELD_LIMITS.groupValueMaxBytes.value : CUSTOM_FIELD_LIMITS.memberValueMaxBytes.value
    const merged = new Map(current.map((f) => [f.key, f.value]))
    for (const field of changes as unknown[]) {
      const { key, value } = (field ?? {}) as { key?: unknown; value?: unknown }
      if (typeof key !== 'string' || key === '' || typeof value !== 'string') fail(10004, 'custom field needs a key and a string value')
      if (utf8ByteLength(key) > CUSTOM_FIELD_LIMITS.keyMaxBytes.value) fail(UNDOCUMENTED_REFUSAL.outOfLimit, `custom field key longer than ${CUSTOM_FIELD_LIMITS.keyMaxBytes.value} bytes`)
      if (utf8ByteLength(value) > valueMax) fail(UNDOCUMENTED_REFUSAL.outOfLimit, `custom field value longer than ${valueMax} bytes`)
      merged.set(key, value)
    }
    if (merged.size > keysMax) fail(UNDOCUMENTED_REFUSAL.outOfLimit, `more than ${keysMax} custom field keys`)
    return [...merged].map(([key, value]) => ({ key, value }))
  }

  private userGroupLimit(): number {
    return USER_GROUP_LIMITS[this.settings.userGroupLimit].value
  }

  private isFull(group: GroupRow, adding = 1): boolean {
    return group.max_member_count > 0 && group.member_count + adding > group.max_member_count
  }

  private addMember(group: GroupRow, userID: string, role: MemberRole, customFields: CustomField[] = []): void {
    this.store.insertMember({
      group_id: group.group_id,
      user_id: userID,
      role,
      join_time: toSeconds(this.clock.now()),
      name_card: '',
      mute_until: 0,
      custom_fields: JSON.stringify(customFields),
      last_send_msg_time: 0,
    })
    group.member_count++
  }

  private touchGroup(group: GroupRow): void {
    group.info_sequence++
    group.last_info_time = toSeconds(this.clock.now())
  }

  private nextSerial(name: string): number {
    const next = Number(this.store.getMeta(name) ?? '0') + 1
    this.store.setMeta(name, String(next))
    return next
  }

  private newGroupID(type: GroupType): string {
    const prefix = type === GRP_COMMUNITY ? '@TGS#_' : '@TGS#'
    for (;;) {
      const id = `${prefix}${this.nextSerial('groupSerial').toString(36).toUpperCase().padStart(9, 'A')}`
      if (!this.store.getGroup(id)) return id
    }
  }

  newAuthentication(): string {
    return `auth-${this.nextSerial('applicationSerial').toString(36)}`
  }

  private requireAvChatRoomKey(group: GroupRow, userID: string, key: string | undefined): void {
    if (group.type !== GRP_AVCHATROOM) return
    const issued = this.avChatRoomKeys.get(`${group.group_id}\n${userID}`)
    if (!issued || issued !== key) fail(2687, 'join the AVChatRoom first (seeds/group-attributes.txt note 3)')
  }

  // Handlers ---------------------------------------------------------------------------------------------

  private buildHandlers(): Handlers {
    return {
      createGroup: (actor, p) => this.createGroup(actor, p),
      getGroupList: (actor) => ({
        groupList: this.store.groupsOfUser(actor).map((row) => this.toGroup(row, actor)),
        isSyncCompleted: true,
      }),
      getGroupProfile: (actor, p) => {
        const group = this.requireGroup(p.groupID)
        // Non-members read a group's profile only if it is public; a Work group is not (overview).
        if (group.type === GROUP_TYPES.GRP_WORK) this.requireMembership(group, actor)
        return { group: this.toGroup(group, actor, p.groupCustomFieldFilter) }
      },
      updateGroupProfile: (actor, p) => this.updateGroupProfile(actor, p),
      joinGroup: (actor, p) => this.joinGroup(actor, p),
      quitGroup: (actor, p) => this.quitGroup(actor, p.groupID),
      dismissGroup: (actor, p) => this.dismissGroup(actor, p.groupID),
      changeGroupOwner: (actor, p) => this.changeGroupOwner(actor, p),
      searchGroupByID: (actor, p) => {
        const group = this.requireGroup(p.groupID)
        // "Work groups (GRP_WORK) cannot be searched" (.d.ts searchGroupByID).
        if (group.type === GROUP_TYPES.GRP_WORK) fail(UNDOCUMENTED_REFUSAL.forbiddenByType, 'a Work group cannot be searched')
        return { group: this.toGroup(group, actor) }
      },
      getGroupApplicationList: (actor) => {
        const cap = this.settings.pendingApplicationCap ?? -1
        const rows = this.store.pendingApplicationsFor(actor, cap)
        return {
          applicationList: rows.map(
            (row): GroupApplication => ({
              applicant: row.applicant,
              applicantNick: row.applicant_nick,
              groupID: row.group_id,
              groupName: row.group_name,
              applicationType: row.application_type === APPLICATION_TYPES.INVITATION ? APPLICATION_TYPES.INVITATION : APPLICATION_TYPES.JOIN_REQUEST,
              userID: row.invitee,
              note: row.note,
              authentication: row.authentication,
              messageKey: row.message_key,
            }),
          ),
        }
      },
      handleGroupApplication: (actor, p) => this.handleGroupApplication(actor, p),
      getGroupMemberList: (actor, p) => {
        const group = this.requireGroup(p.groupID)
        this.requireMembership(group, actor)
        const requested = typeof p.count === 'number' && p.count > 0 ? p.count : MEMBERSHIP_LIMITS.memberListPageDefault.value
        // The runtime caps count at 100 silently (limit: 100 < count ? 100 : count).
        const count = Math.min(requested, MEMBERSHIP_LIMITS.memberListPageMax.value)
        const offset = Number(p.offset ?? 0) || 0
        const rows = this.store.listMembers(group.group_id, offset, count + 1, typeof p.role === 'string' ? p.role : null)
        const page = rows.slice(0, count)
        return { memberList: page.map((row) => this.toMember(row)), offset: rows.length > count ? offset + count : 0 }
      },
      getGroupMemberProfile: (actor, p) => {
        const group = this.requireGroup(p.groupID)
        if (group.type === GRP_AVCHATROOM) fail(2687, 'an AVChatRoom does not store member profiles (overview)')
        this.requireMembership(group, actor)
        if (!Array.isArray(p.userIDList)) fail(10004, 'userIDList must be an array')
        if (p.userIDList.length > MEMBERSHIP_LIMITS.memberProfileQueryMax.value) fail(UNDOCUMENTED_REFUSAL.outOfLimit, `more than ${MEMBERSHIP_LIMITS.memberProfileQueryMax.value} userIDs`)
        const memberList = p.userIDList.flatMap((userID) => {
          const row = this.store.getMemberWithUser(group.group_id, userID)
          return row ? [this.toMember(row)] : []
        })
        return { memberList }
      },
      addGroupMember: (actor, p) => this.addGroupMember(actor, p),
      deleteGroupMember: (actor, p) => this.deleteGroupMember(actor, p),
      setGroupMemberRole: (actor, p) => this.setGroupMemberRole(actor, p),
      setGroupMemberMuteTime: (actor, p) => this.setGroupMemberMuteTime(actor, p),
      setGroupMemberNameCard: (actor, p) => this.setGroupMemberNameCard(actor, p),
      initGroupAttributes: (actor, p) => this.writeAttributes(actor, p, 'init'),
      setGroupAttributes: (actor, p) => this.writeAttributes(actor, p, 'set'),
      deleteGroupAttributes: (actor, p) => this.deleteAttributes(actor, p),
      getGroupAttributes: (actor, p) => {
        const group = this.attributeGroup(actor, p.groupID, p.avChatRoomKey)
        return { groupAttributes: Object.fromEntries(this.store.attributesOf(group.group_id)), mainSequence: group.attribute_sequence }
      },
      setGroupCounters: (actor, p) => this.setCounters(actor, p),
      increaseGroupCounter: (actor, p) => this.changeCounter(actor, p, 1n),
      decreaseGroupCounter: (actor, p) => this.changeCounter(actor, p, -1n),
      getGroupCounters: (actor, p) => {
        const group = this.counterGroup(actor, p.groupID)
        const all = this.store.countersOf(group.group_id)
        const keys = Array.isArray(p.keyList) && p.keyList.length > 0 ? p.keyList : [...all.keys()]
        const counters: Record<string, bigint> = {}
        for (const key of keys) {
          const value = all.get(key)
          if (value !== undefined) counters[key] = value
        }
        return { counters }
      },
    }
  }

  private createGroup(actor: string, p: ServiceParams<'createGroup'>): ServiceResult<'createGroup'> {
    const type = p.type ?? GROUP_TYPES.GRP_WORK
    if (!isGroupType(type)) fail(2600, String(type))
    if (typeof p.name !== 'string' || p.name === '') fail(10004, 'name is required')
    this.checkProfileTexts('create', p)
    let groupID: string
    if (p.groupID !== undefined && p.groupID !== '') {
      const problem = groupIdProblem(type, p.groupID)
      if (problem === 'sdk-prefix') fail(2602, p.groupID)
      if (problem === 'format') fail(10015, p.groupID)
      const existing = this.store.getGroup(p.groupID)
      if (existing) fail(existing.owner_id === actor ? 10025 : 10021, p.groupID)
      groupID = p.groupID
    } else groupID = this.newGroupID(type)
    if (p.joinOption !== undefined && !isJoinOption(p.joinOption)) fail(10004, 'joinOption')
    if (p.inviteOption !== undefined && !isInviteOption(p.inviteOption)) fail(10004, 'inviteOption')
    // Members cannot be given when an AVChatRoom is created; the runtime drops the list.
    const memberList = type === GRP_AVCHATROOM ? [] : (p.memberList ?? [])
    if (!Array.isArray(memberList)) fail(10004, 'memberList must be an array')
    if (memberList.length > MEMBERSHIP_LIMITS.createMemberListMax.value) fail(UNDOCUMENTED_REFUSAL.outOfLimit, `memberList over ${MEMBERSHIP_LIMITS.createMemberListMax.value}`)
    if (this.store.countGroupsOfUser(actor) >= this.userGroupLimit()) fail(10037, actor)
    const maxMembers = typeof p.maxMemberNum === 'number' && p.maxMemberNum > 0 ? p.maxMemberNum : defaultMaxMembers(type)
    const now = toSeconds(this.clock.now())
    const group: GroupRow = {
      group_id: groupID,
      type,
      name: p.name,
      avatar: p.avatar ?? '',
      introduction: p.introduction ?? '',
      notification: p.notification ?? '',
      owner_id: actor,
      create_time: now,
      last_info_time: now,
      info_sequence: 1,
      max_member_count: maxMembers,
      member_count: 0,
      join_option: joinOptionIsChangeable(type) && p.joinOption ? p.joinOption : defaultJoinOption(type),
      invite_option: p.inviteOption ?? 'FreeAccess',
      mute_all: 0,
      is_support_topic: type === GRP_COMMUNITY && p.isSupportTopic === true ? 1 : 0,
      custom_fields: JSON.stringify(this.mergeCustomFields([], p.groupCustomField, 'group')),
      attribute_sequence: 0,
      counter_sequence: 0,
    }
    this.store.insertGroup(group)
    this.addMember(group, actor, OWNER)
    const overLimitUserIDList: string[] = []
    const added: string[] = []
    for (const entry of memberList) {
      const userID = entry?.userID
      if (typeof userID !== 'string' || userID === '') fail(10004, 'memberList entries need a userID')
      if (userID === actor || this.store.getMember(groupID, userID)) continue
      if (!this.store.getUser(userID)) fail(10019, userID)
      if (entry.role !== undefined && entry.role !== ADMIN) fail(2683, String(entry.role))
      if (this.store.countGroupsOfUser(userID) >= this.userGroupLimit()) {
        overLimitUserIDList.push(userID)
        continue
      }
      if (this.isFull(group)) fail(10014, groupID)
      this.addMember(group, userID, entry.role === ADMIN ? ADMIN : MEMBER, this.mergeCustomFields([], entry.memberCustomField, 'member'))
      added.push(userID)
    }
    this.notify([actor], SYSTEM_NOTICE_OPERATION.CREATED, group, actor)
    if (added.length > 0) this.notify(added, SYSTEM_NOTICE_OPERATION.INVITED, group, actor)
    this.groupListChanged([actor, ...added])
    return { group: this.toGroup(this.store.getGroup(groupID) ?? group, actor), overLimitUserIDList }
  }

  private updateGroupProfile(actor: string, p: ServiceParams<'updateGroupProfile'>): ServiceResult<'updateGroupProfile'> {
    const group = this.requireGroup(p.groupID)
    this.requireModerator(group, actor)
    const type = group.type as GroupType
    this.checkProfileTexts('update', p)
    if (p.joinOption !== undefined && !isJoinOption(p.joinOption)) fail(10004, 'joinOption')
    if (p.inviteOption !== undefined) {
      if (!isInviteOption(p.inviteOption)) fail(10004, 'inviteOption')
      if (!inviteOptionIsChangeable(type)) fail(UNDOCUMENTED_REFUSAL.forbiddenByType, 'AVChatRoom does not support setting inviteOption (seeds/group-profile.txt)')
    }
    if (p.name !== undefined) {
      if (p.name === '') fail(10004, 'name cannot be empty')
      group.name = p.name
    }
    if (p.avatar !== undefined) group.avatar = p.avatar
    if (p.introduction !== undefined) group.introduction = p.introduction
    if (p.notification !== undefined) group.notification = p.notification
    if (p.muteAllMembers !== undefined) group.mute_all = p.muteAllMembers ? 1 : 0
    // Work/Meeting/AVChatRoom: the runtime warns and drops joinOption; the call still succeeds.
    if (p.joinOption !== undefined && joinOptionIsChangeable(type)) group.join_option = p.joinOption
    if (p.inviteOption !== undefined) group.invite_option = p.inviteOption
    group.custom_fields = JSON.stringify(this.mergeCustomFields(JSON.parse(group.custom_fields) as CustomField[], p.groupCustomField, 'group'))
    this.touchGroup(group)
    this.store.updateGroup(group)
    this.groupListChanged(this.onlineMembers(group.group_id))
    return { group: this.toGroup(group, actor) }
  }

  private joinGroup(actor: string, p: ServiceParams<'joinGroup'>): ServiceResult<'joinGroup'> {
    const group = this.requireGroup(p.groupID)
    const type = group.type as GroupType
    const avKey = `${group.group_id}\n${actor}`
    if (this.store.getMember(group.group_id, actor)) {
      if (type === GRP_AVCHATROOM) {
        const key = this.avChatRoomKeys.get(avKey) ?? `av-${this.nextSerial('avKeySerial')}`
        this.avChatRoomKeys.set(avKey, key)
        return { status: JOIN_STATUS.JOIN_STATUS_ALREADY_IN_GROUP, group: this.toGroup(group, actor), avChatRoomKey: key }
      }
      return { status: JOIN_STATUS.JOIN_STATUS_ALREADY_IN_GROUP, group: this.toGroup(group, actor) }
    }
    const route = joinRoute(type, group.join_option as Group['joinOption'])
    if (route === 'refused') fail(UNDOCUMENTED_REFUSAL.forbiddenByType, type === GROUP_TYPES.GRP_WORK ? 'a Work group is joined by invitation only' : 'this group does not accept requests')
    if (this.isFull(group)) fail(10014, group.group_id)
    if (type !== GRP_AVCHATROOM && this.store.countGroupsOfUser(actor) >= this.userGroupLimit()) fail(10037, actor)
    const note = typeof p.applyMessage === 'string' ? p.applyMessage : ''
    if (route === 'apply') {
      const now = this.clock.now()
      const pending = this.store.pendingApplicationOf(group.group_id, actor, '')
      let authentication: string
      if (pending) {
        authentication = pending.authentication
        this.store.updateApplicationNote(authentication, note, now, toSeconds(now))
      } else {
        authentication = this.newAuthentication()
        this.store.insertApplication({
          authentication, group_id: group.group_id, applicant: actor, invitee: '', application_type: APPLICATION_TYPES.JOIN_REQUEST,
          note, message_key: toSeconds(now), created_at: now, status: 'pending', handled_by: null, handled_at: null, handle_message: null,
        })
      }
      this.notify(this.store.moderatorIDs(group.group_id), SYSTEM_NOTICE_OPERATION.JOIN_REQUEST, group, actor, { handleMessage: note, authentication, messageKey: toSeconds(now) })
      return { status: JOIN_STATUS.JOIN_STATUS_WAIT_APPROVAL }
    }
    if (type === GRP_AVCHATROOM) {
      // One AVChatRoom at a time: the SDK leaves the previous one first (seeds/group-management-api.txt).
      for (const otherID of this.store.groupIDsOfUserByType(actor, GRP_AVCHATROOM)) {
        const other = this.store.getMember(otherID, actor)
        if (other?.role !== MEMBER) continue
        this.store.deleteMember(otherID, actor)
        this.avChatRoomKeys.delete(`${otherID}\n${actor}`)
      }
    }
    this.addMember(group, actor, MEMBER)
    this.store.updateGroup(group)
    this.groupListChanged([actor])
    if (type === GRP_AVCHATROOM) {
      const key = `av-${this.nextSerial('avKeySerial')}`
      this.avChatRoomKeys.set(avKey, key)
      return { status: JOIN_STATUS.JOIN_STATUS_SUCCESS, group: this.toGroup(group, actor), avChatRoomKey: key }
    }
    return { status: JOIN_STATUS.JOIN_STATUS_SUCCESS, group: this.toGroup(group, actor) }
  }

  private quitGroup(actor: string, groupID: string): ServiceResult<'quitGroup'> {
    const group = this.requireGroup(groupID)
    const member = this.requireMembership(group, actor)
    if (!canQuit(group.type as GroupType, member.role)) fail(10009, group.group_id)
    this.store.deleteMember(group.group_id, actor)
    this.avChatRoomKeys.delete(`${group.group_id}\n${actor}`)
    if (member.role === OWNER) {
      group.owner_id = ''
      this.touchGroup(group)
      this.store.updateGroup(group)
    }
    this.notify([actor], SYSTEM_NOTICE_OPERATION.QUIT, group, actor)
    this.groupListChanged([actor])
    return { groupID: group.group_id }
  }

  private dismissGroup(actor: string, groupID: string): ServiceResult<'dismissGroup'> {
    const group = this.requireGroup(groupID)
    const member = this.requireMembership(group, actor)
    if (!canDismiss(group.type as GroupType, member.role)) {
      fail(UNDOCUMENTED_REFUSAL.forbiddenByType, group.type === GROUP_TYPES.GRP_WORK ? 'a Work group cannot be dismissed' : 'only the owner can dismiss')
    }
    const members = this.store.memberIDs(group.group_id)
    this.store.deleteGroup(group.group_id)
    for (const userID of members) this.avChatRoomKeys.delete(`${group.group_id}\n${userID}`)
    this.notify(members, SYSTEM_NOTICE_OPERATION.DISMISSED, group, actor)
    this.groupListChanged(members)
    return { groupID: group.group_id }
  }

  private changeGroupOwner(actor: string, p: ServiceParams<'changeGroupOwner'>): ServiceResult<'changeGroupOwner'> {
    const group = this.requireGroup(p.groupID)
    if (group.type === GRP_AVCHATROOM) fail(2620)
    if (p.newOwnerID === actor) fail(2621)
    const member = this.requireMembership(group, actor)
    if (member.role !== OWNER) fail(2681)
    const next = this.store.getMember(group.group_id, p.newOwnerID) ?? fail(10004, `${p.newOwnerID} is not a member`)
    this.store.updateMember({ ...member, role: MEMBER })
    this.store.updateMember({ ...next, role: OWNER })
    group.owner_id = p.newOwnerID
    this.touchGroup(group)
    this.store.updateGroup(group)
    this.groupListChanged(this.onlineMembers(group.group_id))
    return { group: this.toGroup(group, actor) }
  }

  private handleGroupApplication(actor: string, p: ServiceParams<'handleGroupApplication'>): ServiceResult<'handleGroupApplication'> {
    if (p.handleAction !== HANDLE_ACTIONS.AGREE && p.handleAction !== HANDLE_ACTIONS.REJECT) fail(10004, 'handleAction must be Agree or Reject')
    const group = this.requireGroup(p.groupID)
    this.requireModerator(group, actor)
    const application = this.store.getApplication(String(p.authentication))
    if (!application || application.group_id !== group.group_id || application.applicant !== p.applicant) {
      fail(UNDOCUMENTED_REFUSAL.unknownApplication, 'no such application')
    }
    // With several admins, the first to handle an application wins (seeds/group-management-api.txt).
    if (application.status !== 'pending') fail(10024, `already ${application.status} by ${application.handled_by ?? 'someone'}`)
    const handleMessage = typeof p.handleMessage === 'string' ? p.handleMessage : ''
    const isInvitation = application.application_type === APPLICATION_TYPES.INVITATION
    const joiner = isInvitation ? application.invitee : application.applicant
    const agree = p.handleAction === HANDLE_ACTIONS.AGREE
    if (agree && !this.store.getMember(group.group_id, joiner)) {
      if (this.isFull(group)) fail(10014, group.group_id)
      if (this.store.countGroupsOfUser(joiner) >= this.userGroupLimit()) fail(10037, joiner)
      this.addMember(group, joiner, MEMBER)
      this.store.updateGroup(group)
    }
    if (!this.store.decideApplication(application.authentication, agree ? 'agreed' : 'rejected', actor, this.clock.now(), handleMessage)) fail(10024)
    const extra = { handleMessage, authentication: application.authentication, messageKey: application.message_key }
    if (isInvitation) {
      this.notify([application.applicant], agree ? SYSTEM_NOTICE_OPERATION.INVITE_ACCEPTED : SYSTEM_NOTICE_OPERATION.INVITE_REFUSED, group, actor, extra)
      if (agree) this.notify([joiner], SYSTEM_NOTICE_OPERATION.INVITED, group, application.applicant, extra)
    } else {
      this.notify([application.applicant], agree ? SYSTEM_NOTICE_OPERATION.JOIN_APPROVED : SYSTEM_NOTICE_OPERATION.JOIN_REJECTED, group, actor, extra)
    }
    if (agree) this.groupListChanged([joiner])
    return { group: this.toGroup(group, actor) }
  }

  private addGroupMember(actor: string, p: ServiceParams<'addGroupMember'>): ServiceResult<'addGroupMember'> {
    const group = this.requireGroup(p.groupID)
    if (!Array.isArray(p.userIDList)) fail(10004, 'userIDList must be an array')
    if (p.userIDList.length > MEMBERSHIP_LIMITS.addGroupMemberMax.value) fail(UNDOCUMENTED_REFUSAL.outOfLimit, `more than ${MEMBERSHIP_LIMITS.addGroupMemberMax.value} userIDs`)
    if (group.type === GRP_AVCHATROOM) fail(2661)
    const inviter = this.requireMembership(group, actor)
    const route = inviteRoute(group.type as GroupType, group.invite_option as Group['inviteOption'], inviter.role)
    if (route === 'refused' || route === 'av-refused') fail(UNDOCUMENTED_REFUSAL.forbiddenByType, 'this group does not let you invite')
    const result = { successUserIDList: [] as string[], failureUserIDList: [] as string[], existedUserIDList: [] as string[], overLimitUserIDList: [] as string[] }
    const fresh = [...new Set(p.userIDList)].filter((userID) => {
      if (this.store.getMember(group.group_id, userID)) {
        result.existedUserIDList.push(userID)
        return false
      }
      if (typeof userID !== 'string' || !this.store.getUser(userID)) {
        result.failureUserIDList.push(String(userID))
        return false
      }
      if (this.store.countGroupsOfUser(userID) >= this.userGroupLimit()) {
        result.overLimitUserIDList.push(userID)
        return false
      }
      return true
    })
    if (route === 'needs-approval') {
      // Invitation that needs approval: an applicationType 2 application for the moderators (sdk-facts "Shapes").
      const now = this.clock.now()
      for (const invitee of fresh) {
        if (this.store.pendingApplicationOf(group.group_id, actor, invitee)) continue
        const authentication = this.newAuthentication()
        this.store.insertApplication({
          authentication, group_id: group.group_id, applicant: actor, invitee, application_type: APPLICATION_TYPES.INVITATION,
          note: '', message_key: toSeconds(now), created_at: now, status: 'pending', handled_by: null, handled_at: null, handle_message: null,
        })
        this.notify(this.store.moderatorIDs(group.group_id), SYSTEM_NOTICE_OPERATION.INVITE_REQUEST, group, actor, { authentication, messageKey: toSeconds(now) })
      }
      return { ...result, group: this.toGroup(group, actor) }
    }
    if (this.isFull(group, fresh.length)) fail(10014, group.group_id)
    for (const userID of fresh) this.addMember(group, userID, MEMBER)
    this.store.updateGroup(group)
    result.successUserIDList.push(...fresh)
    if (fresh.length > 0) {
      this.notify(fresh, SYSTEM_NOTICE_OPERATION.INVITED, group, actor)
      this.groupListChanged(fresh)
    }
    return { ...result, group: this.toGroup(group, actor) }
  }

  private deleteGroupMember(actor: string, p: ServiceParams<'deleteGroupMember'>): ServiceResult<'deleteGroupMember'> {
    const group = this.requireGroup(p.groupID)
    const remover = this.requireModerator(group, actor)
    if (!Array.isArray(p.userIDList) || p.userIDList.length === 0) fail(10004, 'userIDList must be a non-empty array')
    const targets: string[] = []
    for (const userID of new Set(p.userIDList)) {
      if (userID === actor) fail(10004, 'use quitGroup to leave')
      const target = this.store.getMember(group.group_id, userID)
      if (!target) continue
      if (!outranks(remover.role, target.role)) fail(10007, `cannot remove ${userID} (${target.role})`)
      targets.push(userID)
    }
    for (const userID of targets) {
      this.store.deleteMember(group.group_id, userID)
      this.avChatRoomKeys.delete(`${group.group_id}\n${userID}`)
      group.member_count--
    }
    if (targets.length > 0) {
      this.notify(targets, SYSTEM_NOTICE_OPERATION.KICKED, group, actor, { handleMessage: typeof p.reason === 'string' ? p.reason : '' })
      this.groupListChanged(targets)
    }
    return { group: this.toGroup(group, actor), userIDList: targets }
  }

  private setGroupMemberRole(actor: string, p: ServiceParams<'setGroupMemberRole'>): ServiceResult<'setGroupMemberRole'> {
    const group = this.requireGroup(p.groupID)
    const member = this.requireMembership(group, actor)
    if (member.role !== OWNER) fail(2681)
    if (!assignableRoles(group.type as GroupType).includes(p.role)) fail(2683, String(p.role))
    if (p.userID === actor) fail(2684)
    const target = this.store.getMember(group.group_id, p.userID) ?? fail(10004, `${p.userID} is not a member`)
    const wasAdmin = target.role === ADMIN
    this.store.updateMember({ ...target, role: p.role })
    if (p.role === ADMIN && !wasAdmin) this.notify([p.userID], SYSTEM_NOTICE_OPERATION.SET_ADMIN, group, actor)
    if (p.role !== ADMIN && wasAdmin) this.notify([p.userID], SYSTEM_NOTICE_OPERATION.ADMIN_REMOVED, group, actor)
    this.groupListChanged([p.userID])
    return { group: this.toGroup(group, actor), member: this.memberOut(group.group_id, p.userID) }
  }

  private setGroupMemberMuteTime(actor: string, p: ServiceParams<'setGroupMemberMuteTime'>): ServiceResult<'setGroupMemberMuteTime'> {
    if (p.userID === actor) fail(2685)
    const group = this.requireGroup(p.groupID)
    if (!canMuteIn(group.type as GroupType)) fail(UNDOCUMENTED_REFUSAL.forbiddenByType, 'muting is unavailable in Work groups')
    const muter = this.requireModerator(group, actor)
    if (typeof p.muteTime !== 'number' || !Number.isInteger(p.muteTime) || p.muteTime < 0) fail(10004, 'muteTime must be whole seconds ≥ 0')
    const target = this.store.getMember(group.group_id, p.userID) ?? fail(10004, `${p.userID} is not a member`)
    if (!outranks(muter.role, target.role)) fail(10007, `cannot mute ${p.userID} (${target.role})`)
    const muteUntil = p.muteTime === 0 ? 0 : toSeconds(this.clock.now()) + p.muteTime
    this.store.updateMember({ ...target, mute_until: muteUntil })
    return { group: this.toGroup(group, actor), member: this.memberOut(group.group_id, p.userID) }
  }

  private setGroupMemberNameCard(actor: string, p: ServiceParams<'setGroupMemberNameCard'>): ServiceResult<'setGroupMemberNameCard'> {
    const group = this.requireGroup(p.groupID)
    const setter = this.requireMembership(group, actor)
    const userID = p.userID ?? actor
    if (typeof p.nameCard !== 'string') fail(10004, 'nameCard must be a string')
    const target = this.store.getMember(group.group_id, userID) ?? fail(10004, `${userID} is not a member`)
    if (!canSetNameCard(setter.role, target.role, userID === actor)) fail(10007, `cannot set ${userID}'s name card`)
    this.store.updateMember({ ...target, name_card: p.nameCard })
    return { group: this.toGroup(group, actor), member: this.memberOut(group.group_id, userID) }
  }

  // Attributes -------------------------------------------------------------------------------------------

  private attributeGroup(actor: string, groupID: string, avChatRoomKey: string | undefined): GroupRow {
    const group = this.requireGroup(groupID)
    if (!supportsAttributesAndCounters(group.type as GroupType, group.is_support_topic === 1)) {
      fail(UNDOCUMENTED_REFUSAL.forbiddenByType, 'topic-enabled communities have no group attributes')
    }
    this.requireAvChatRoomKey(group, actor, avChatRoomKey)
    this.requireMembership(group, actor)
    return group
  }

  private checkAttributes(attributes: Map<string, string>): void {
    const sizes = ATTRIBUTE_SIZE_BASES[this.settings.attributeSizeBasis]
    let total = 0
    for (const [key, value] of attributes) {
      const keyBytes = utf8ByteLength(key)
      const valueBytes = utf8ByteLength(value)
      if (keyBytes > ATTRIBUTE_LIMITS.keyMaxBytes.value) fail(10045, key)
      if (valueBytes > sizes.valueMaxBytes) fail(10046, `${key}: ${valueBytes} bytes`)
      total += keyBytes + valueBytes
    }
    if (attributes.size > ATTRIBUTE_LIMITS.keysMax.value) fail(10047, `${attributes.size} keys`)
    if (total > sizes.totalMaxBytes) fail(10048, `${total} bytes`)
  }

  /** A write carries the sequence the writer last saw; anything else is stale (10056: fetch, then retry). */
  private checkSequence(group: GroupRow, mainSequence: unknown): void {
    if (mainSequence !== group.attribute_sequence) fail(10056, `sequence ${String(mainSequence)} is stale, current is ${group.attribute_sequence}`)
  }

  private commitAttributes(group: GroupRow, next: Map<string, string>): number {
    this.store.clearAttributes(group.group_id)
    for (const [key, value] of next) this.store.putAttribute(group.group_id, key, value)
    group.attribute_sequence++
    this.store.updateGroup(group)
    this.push(this.onlineMembers(group.group_id), {
      kind: 'attributesChanged',
      groupID: group.group_id,
      mainSequence: group.attribute_sequence,
      groupAttributes: Object.fromEntries(next),
    })
    return group.attribute_sequence
  }

  private writeAttributes(actor: string, p: ServiceParams<'setGroupAttributes'>, mode: 'init' | 'set'): ServiceResult<'setGroupAttributes'> {
    const group = this.attributeGroup(actor, p.groupID, p.avChatRoomKey)
    const given = p.groupAttributes
    if (given === null || typeof given !== 'object' || Array.isArray(given)) fail(10004, 'groupAttributes must be an object')
    for (const [key, value] of Object.entries(given)) {
      if (key === '' || typeof value !== 'string') fail(10004, 'attribute keys are non-empty and values strings')
    }
    this.checkSequence(group, p.mainSequence)
    const next = mode === 'init' ? new Map<string, string>() : this.store.attributesOf(group.group_id)
    for (const [key, value] of Object.entries(given)) next.set(key, value)
    this.checkAttributes(next)
    const mainSequence = this.commitAttributes(group, next)
    return { groupAttributes: { ...given }, mainSequence }
  }

  private deleteAttributes(actor: string, p: ServiceParams<'deleteGroupAttributes'>): ServiceResult<'deleteGroupAttributes'> {
    const group = this.attributeGroup(actor, p.groupID, p.avChatRoomKey)
    if (!Array.isArray(p.keyList)) fail(10004, 'keyList must be an array')
    this.checkSequence(group, p.mainSequence)
    const current = this.store.attributesOf(group.group_id)
    // An empty keyList deletes every attribute (seeds/group-attributes.txt).
    const keys = p.keyList.length === 0 ? [...current.keys()] : p.keyList
    for (const key of keys) if (!current.has(key)) fail(10050, key)
    for (const key of keys) current.delete(key)
    const mainSequence = this.commitAttributes(group, current)
    return { keyList: keys, mainSequence }
  }

  // Counters ---------------------------------------------------------------------------------------------

  private counterGroup(actor: string, groupID: string): GroupRow {
    const group = this.requireGroup(groupID)
    if (!this.settings.premiumEdition) fail(UNDOCUMENTED_REFUSAL.forbiddenByType, 'group counters need the Premium edition')
    if (!supportsAttributesAndCounters(group.type as GroupType, group.is_support_topic === 1)) {
      fail(UNDOCUMENTED_REFUSAL.forbiddenByType, 'topic-enabled communities have no group counters')
    }
    this.requireMembership(group, actor)
    return group
  }

  private checkCounterKey(key: unknown): string {
    if (typeof key !== 'string' || key === '') fail(10004, 'counter key must be a non-empty string')
    if (codePointLength(key) > COUNTER_LIMITS.keyMaxChars.value) fail(UNDOCUMENTED_REFUSAL.outOfLimit, `counter key longer than ${COUNTER_LIMITS.keyMaxChars.value} characters`)
    return key
  }

  private checkCounterValue(value: unknown): bigint {
    if (typeof value !== 'bigint' || !isInt64(value)) fail(UNDOCUMENTED_REFUSAL.outOfLimit, 'counter values are signed 64-bit integers')
    return value
  }

  private commitCounters(group: GroupRow, changes: Map<string, bigint>): Record<string, bigint> {
    const existing = this.store.countersOf(group.group_id)
    const keys = new Set([...existing.keys(), ...changes.keys()])
    if (keys.size > COUNTER_LIMITS.keysMax.value) fail(10063, `${keys.size} keys`)
    for (const [key, value] of changes) this.store.putCounter(group.group_id, key, value)
    group.counter_sequence++
    this.store.updateGroup(group)
    const recipients = this.onlineMembers(group.group_id)
    for (const [key, value] of changes) this.push(recipients, { kind: 'counterChanged', groupID: group.group_id, key, value })
    return Object.fromEntries(changes)
  }

  private setCounters(actor: string, p: ServiceParams<'setGroupCounters'>): ServiceResult<'setGroupCounters'> {
    const group = this.counterGroup(actor, p.groupID)
    if (p.counters === null || typeof p.counters !== 'object') fail(10004, 'counters must be an object')
    const changes = new Map<string, bigint>()
    for (const [key, value] of Object.entries(p.counters)) changes.set(this.checkCounterKey(key), this.checkCounterValue(value))
    if (changes.size === 0) fail(10004, 'no counters given')
    return { counters: this.commitCounters(group, changes) }
  }

  private changeCounter(actor: string, p: ServiceParams<'increaseGroupCounter'>, sign: 1n | -1n): ServiceResult<'increaseGroupCounter'> {
    const group = this.counterGroup(actor, p.groupID)
    const key = this.checkCounterKey(p.key)
    const delta = this.checkCounterValue(p.value)
    // A missing key starts from 0 (seeds/group-counters.txt).
    const current = this.store.countersOf(group.group_id).get(key) ?? 0n
    const next = current + sign * delta
    if (!isInt64(next)) fail(UNDOCUMENTED_REFUSAL.outOfLimit, `counter ${key} would overflow signed 64 bits`)
    return { counters: this.commitCounters(group, new Map([[key, next]])) }
  }

  // Admin helpers (controls, seed, tests) ------------------------------------------------------------------

  registerUsers(users: ReadonlyArray<{ userID: string; nick?: string }>): void {
    this.store.transaction(() => {
      for (const user of users) this.store.ensureUser(user.userID, user.nick ?? '')
    })
  }

  appliedCalls(): Record<string, number> {
    return this.store.appliedCalls()
  }
}

