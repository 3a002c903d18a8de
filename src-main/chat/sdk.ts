// The one boundary between the console and a chat service: the subset of @tencentcloud/chat's API the console
// uses, typed FROM the package's own index.d.ts (ARCHITECTURE "Two connections, one SDK-shaped boundary").
// Option types are the package's option interfaces with its enum fields widened to their string values (so
// plain strings from SQLite or IPC fit) and with what the .d.ts lacks added explicitly, each with its source.
// Result types are ours: the package declares every call as Promise<any>; these follow sdk-facts "Shapes" and
// the runtime. The compile-time checks at the bottom fail when the package's shapes drift from ours.
import type TencentCloudChat from '@tencentcloud/chat'
import type { ChatSDK, Group as SdkGroup, Message as SdkMessage } from '@tencentcloud/chat'

type Types = TencentCloudChat.TYPES
/** An enum member of the package, as the string it is at runtime. */
type ValueOf<E extends Types> = `${E}`

/** Replace the package's enum-typed fields by their string values, one level deep. */
type WidenEnumFields<T> = { [K in keyof T]: WidenEnum<T[K]> }
// `number` counts as assignable to the package's mixed enum, so plain numbers are kept as they are.
type WidenEnum<V> = V extends Types ? (number extends V ? V : `${V}`) : V

type OptionsOf<K extends keyof ChatSDK> = ChatSDK[K] extends (options: infer O, ...rest: never[]) => unknown ? O : never

// -------------------------------------------------------------------------------------------------------------
// Constants as runtime values. Each table is checked against the package's enum values at compile time, so a
// renamed or re-valued constant fails the type check. Importing the package itself at runtime would open a
// socket to Tencent (sdk-facts "Runtime"), hence the copies.

export const GROUP_TYPES = {
  GRP_WORK: 'Private',
  GRP_PUBLIC: 'Public',
  GRP_MEETING: 'ChatRoom',
  GRP_AVCHATROOM: 'AVChatRoom',
  GRP_COMMUNITY: 'Community',
} as const satisfies { [K in 'GRP_WORK' | 'GRP_PUBLIC' | 'GRP_MEETING' | 'GRP_AVCHATROOM' | 'GRP_COMMUNITY']: ValueOf<(typeof TencentCloudChat.TYPES)[K]> }
/** The runtime also has GRP_PRIVATE = GRP_WORK and GRP_CHATROOM = GRP_MEETING (sdk-facts "Constants"). */
export const GROUP_TYPE_ALIASES = { GRP_PRIVATE: GROUP_TYPES.GRP_WORK, GRP_CHATROOM: GROUP_TYPES.GRP_MEETING } as const
export type GroupType = (typeof GROUP_TYPES)[keyof typeof GROUP_TYPES]
export const ALL_GROUP_TYPES: readonly GroupType[] = Object.values(GROUP_TYPES)

export const MEMBER_ROLES = {
  GRP_MBR_ROLE_OWNER: 'Owner',
  GRP_MBR_ROLE_ADMIN: 'Admin',
  GRP_MBR_ROLE_MEMBER: 'Member',
  /** Community only (sdk-facts "Constants"). */
  GRP_MBR_ROLE_CUSTOM: 'Custom',
} as const satisfies { [K in 'GRP_MBR_ROLE_OWNER' | 'GRP_MBR_ROLE_ADMIN' | 'GRP_MBR_ROLE_MEMBER' | 'GRP_MBR_ROLE_CUSTOM']: ValueOf<(typeof TencentCloudChat.TYPES)[K]> }
export type MemberRole = (typeof MEMBER_ROLES)[keyof typeof MEMBER_ROLES]

export const JOIN_OPTIONS = {
  JOIN_OPTIONS_FREE_ACCESS: 'FreeAccess',
  JOIN_OPTIONS_NEED_PERMISSION: 'NeedPermission',
  JOIN_OPTIONS_DISABLE_APPLY: 'DisableApply',
} as const satisfies { [K in 'JOIN_OPTIONS_FREE_ACCESS' | 'JOIN_OPTIONS_NEED_PERMISSION' | 'JOIN_OPTIONS_DISABLE_APPLY']: ValueOf<(typeof TencentCloudChat.TYPES)[K]> }
export type JoinOption = (typeof JOIN_OPTIONS)[keyof typeof JOIN_OPTIONS]

/**
 * Present at runtime (TYPES.INVITE_OPTIONS_*), missing from the package's .d.ts (sdk-facts "Constants";
 * seeds/group-management-api.txt createGroup inviteOption). Not checkable against the .d.ts, hence no satisfies.
 */
export const INVITE_OPTIONS = {
  INVITE_OPTIONS_FREE_ACCESS: 'FreeAccess',
  INVITE_OPTIONS_NEED_PERMISSION: 'NeedPermission',
  INVITE_OPTIONS_DISABLE_INVITE: 'DisableInvite',
} as const
export type InviteOption = (typeof INVITE_OPTIONS)[keyof typeof INVITE_OPTIONS]

export const JOIN_STATUS = {
  JOIN_STATUS_SUCCESS: 'JoinedSuccess',
  JOIN_STATUS_ALREADY_IN_GROUP: 'AlreadyInGroup',
  JOIN_STATUS_WAIT_APPROVAL: 'WaitAdminApproval',
} as const satisfies { [K in 'JOIN_STATUS_SUCCESS' | 'JOIN_STATUS_ALREADY_IN_GROUP' | 'JOIN_STATUS_WAIT_APPROVAL']: ValueOf<(typeof TencentCloudChat.TYPES)[K]> }
export type JoinStatus = (typeof JOIN_STATUS)[keyof typeof JOIN_STATUS]

export const NET_STATES = {
  NET_STATE_CONNECTED: 'connected',
  NET_STATE_CONNECTING: 'connecting',
  NET_STATE_DISCONNECTED: 'disconnected',
} as const satisfies { [K in 'NET_STATE_CONNECTED' | 'NET_STATE_CONNECTING' | 'NET_STATE_DISCONNECTED']: ValueOf<(typeof TencentCloudChat.TYPES)[K]> }
export type NetState = (typeof NET_STATES)[keyof typeof NET_STATES]

export const KICKED_OUT_TYPES = {
  KICKED_OUT_MULT_ACCOUNT: 'multipleAccount',
  KICKED_OUT_MULT_DEVICE: 'multipleDevice',
  KICKED_OUT_USERSIG_EXPIRED: 'userSigExpired',
  KICKED_OUT_REST_API: 'REST_API_Kick',
} as const satisfies { [K in 'KICKED_OUT_MULT_ACCOUNT' | 'KICKED_OUT_MULT_DEVICE' | 'KICKED_OUT_USERSIG_EXPIRED' | 'KICKED_OUT_REST_API']: ValueOf<(typeof TencentCloudChat.TYPES)[K]> }
export type KickedOutType = (typeof KICKED_OUT_TYPES)[keyof typeof KICKED_OUT_TYPES]

export const MESSAGE_TYPES = {
  MSG_GRP_SYS_NOTICE: 'TIMGroupSystemNoticeElem',
  CONV_SYSTEM: '@TIM#SYSTEM',
} as const satisfies { [K in 'MSG_GRP_SYS_NOTICE' | 'CONV_SYSTEM']: ValueOf<(typeof TencentCloudChat.TYPES)[K]> }

export const EVENTS = {
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  MESSAGE_RECEIVED: 'onMessageReceived',
  GROUP_LIST_UPDATED: 'onGroupListUpdated',
  GROUP_ATTRIBUTES_UPDATED: 'groupAttributesUpdated',
  GROUP_COUNTER_UPDATED: 'onGroupCounterUpdated',
  KICKED_OUT: 'kickedOut',
  NET_STATE_CHANGE: 'netStateChange',
} as const satisfies {
  [K in 'SDK_READY' | 'SDK_NOT_READY' | 'MESSAGE_RECEIVED' | 'GROUP_LIST_UPDATED' | 'GROUP_ATTRIBUTES_UPDATED' | 'GROUP_COUNTER_UPDATED' | 'KICKED_OUT' | 'NET_STATE_CHANGE']: `${(typeof TencentCloudChat.EVENT)[K]}`
}
export type EventName = (typeof EVENTS)[keyof typeof EVENTS]

/** payload.operationType of a group system notice (sdk-facts "Constants"). */
export const SYSTEM_NOTICE_OPERATION = {
  JOIN_REQUEST: 1,
  JOIN_APPROVED: 2,
  JOIN_REJECTED: 3,
  KICKED: 4,
  DISMISSED: 5,
  CREATED: 6,
  INVITED: 7,
  QUIT: 8,
  SET_ADMIN: 9,
  ADMIN_REMOVED: 10,
  RECYCLED: 11,
  INVITE_REQUEST: 12,
  INVITE_ACCEPTED: 13,
  INVITE_REFUSED: 14,
} as const
export type SystemNoticeOperation = (typeof SYSTEM_NOTICE_OPERATION)[keyof typeof SYSTEM_NOTICE_OPERATION]

/** applicationType of a pending application (sdk-facts "Shapes"). */
export const APPLICATION_TYPES = { JOIN_REQUEST: 0, INVITATION: 2 } as const
export type ApplicationType = (typeof APPLICATION_TYPES)[keyof typeof APPLICATION_TYPES]

export const HANDLE_ACTIONS = { AGREE: 'Agree', REJECT: 'Reject' } as const
export type HandleAction = (typeof HANDLE_ACTIONS)[keyof typeof HANDLE_ACTIONS]

// -------------------------------------------------------------------------------------------------------------
// Shapes.

export interface CustomField {
  key: string
  value: string
}

export interface GroupSelfInfo {
  /** '' when the caller is not a member (searchGroupByID, getGroupProfile of a public group): runtime default. */
  role: MemberRole | ''
  joinTime: number
  nameCard: string
  messageRemindType: string
}

export interface GroupLastMessage {
  lastTime: number
  fromAccount: string
  messageForShow: string
}

/**
 * The package's Group with enums as strings, plus inviteOption (runtime field, missing from the .d.ts; sdk-facts
 * "Shapes"). createTime is a number of seconds at runtime; the .d.ts says string, so it is overridden here.
 * memberNum/maxMemberNum are runtime getters aliasing memberCount/maxMemberCount: not part of the shape.
 */
export type Group = Omit<WidenEnumFields<SdkGroup>, 'type' | 'joinOption' | 'selfInfo' | 'lastMessage' | 'groupCustomField' | 'createTime'> & {
  type: GroupType
  joinOption: JoinOption
  inviteOption: InviteOption
  createTime: number
  selfInfo: GroupSelfInfo
  lastMessage: GroupLastMessage
  groupCustomField: CustomField[]
}

/** sdk-facts "Shapes: GroupMember"; the .d.ts has no member type. muteUntil is in seconds. */
export interface GroupMember {
  userID: string
  nick: string
  avatar: string
  role: MemberRole
  joinTime: number
  lastSendMsgTime: number
  nameCard: string
  muteUntil: number
  memberCustomField: CustomField[]
}

/** One pending application (sdk-facts "Shapes: Application"; runtime _handlePendencyResult). */
export interface GroupApplication {
  applicant: string
  applicantNick: string
  groupID: string
  groupName: string
  applicationType: ApplicationType
  /** For an invitation (type 2): the invitee. Empty for a join request. */
  userID: string
  note: string
  authentication: string
  /** The runtime sets it from the pendency's time: a number. */
  messageKey: number
}

export interface GroupSystemNoticePayload {
  operationType: SystemNoticeOperation
  groupProfile: { groupID: string; groupName: string; groupType: GroupType }
  operatorID: string
  handleMessage: string
  authentication: string
  messageKey: number
  userDefinedField: string
}

/** A group system notice: conversation '@TIM#SYSTEM', type 'TIMGroupSystemNoticeElem'. */
export type GroupSystemNoticeMessage = Omit<WidenEnumFields<SdkMessage>, 'payload' | 'type' | 'conversationType' | 'revokerInfo' | 'readReceiptInfo'> & {
  type: (typeof MESSAGE_TYPES)['MSG_GRP_SYS_NOTICE']
  conversationType: (typeof MESSAGE_TYPES)['CONV_SYSTEM']
  payload: GroupSystemNoticePayload
}

// -------------------------------------------------------------------------------------------------------------
// Options: the package's, with enum fields as strings and the documented runtime additions.

export interface CreateGroupMember {
  userID: string
  /** Only 'Admin' may be given (seeds/group-management-api.txt createGroup memberList). */
  role?: 'Admin'
  memberCustomField?: CustomField[]
}

export type CreateGroupOptions = Omit<OptionsOf<'createGroup'>, 'type' | 'joinOption' | 'memberList' | 'groupCustomField'> & {
  type: GroupType
  joinOption?: JoinOption
  /** Runtime option missing from the .d.ts: seeds/group-management-api.txt createGroup. */
  inviteOption?: InviteOption
  memberList?: CreateGroupMember[]
  groupCustomField?: CustomField[]
}

export type UpdateGroupProfileOptions = Omit<OptionsOf<'updateGroupProfile'>, 'joinOption' | 'groupCustomField'> & {
  joinOption?: JoinOption
  /** Runtime option missing from the .d.ts: seeds/group-profile.txt updateGroupProfile. */
  inviteOption?: InviteOption
  groupCustomField?: CustomField[]
}

export type GetGroupProfileOptions = OptionsOf<'getGroupProfile'>
export type JoinGroupOptions = Omit<OptionsOf<'joinGroup'>, 'type'> & { type?: GroupType }
export type ChangeGroupOwnerOptions = OptionsOf<'changeGroupOwner'>

export type HandleGroupApplicationOptions = Omit<OptionsOf<'handleGroupApplication'>, 'handleAction' | 'application' | 'message'> & {
  handleAction: HandleAction
  application?: Pick<GroupApplication, 'applicant' | 'groupID' | 'authentication' | 'messageKey' | 'applicationType' | 'userID'>
  message?: GroupSystemNoticeMessage
}

export type GetGroupMemberListOptions = OptionsOf<'getGroupMemberList'>
export type GetGroupMemberProfileOptions = OptionsOf<'getGroupMemberProfile'>
export type AddGroupMemberOptions = OptionsOf<'addGroupMember'>
export type DeleteGroupMemberOptions = OptionsOf<'deleteGroupMember'>
export type SetGroupMemberRoleOptions = Omit<OptionsOf<'setGroupMemberRole'>, 'role'> & { role: MemberRole }
export type SetGroupMemberMuteTimeOptions = OptionsOf<'setGroupMemberMuteTime'>
export type SetGroupMemberNameCardOptions = OptionsOf<'setGroupMemberNameCard'>

/** Attribute maps are `any` in the .d.ts; they are string → string (seeds/group-attributes.txt). */
export type InitGroupAttributesOptions = Omit<OptionsOf<'initGroupAttributes'>, 'groupAttributes'> & { groupAttributes: Record<string, string> }
export type SetGroupAttributesOptions = Omit<OptionsOf<'setGroupAttributes'>, 'groupAttributes'> & { groupAttributes: Record<string, string> }
export type DeleteGroupAttributesOptions = OptionsOf<'deleteGroupAttributes'>
export type GetGroupAttributesOptions = OptionsOf<'getGroupAttributes'>

/**
 * Counter values: the real SDK takes and returns JavaScript numbers, which lose precision beyond 2^53 while the
 * service keeps signed 64-bit integers (seeds/group-counters.txt). The console's boundary therefore accepts
 * number | bigint and always returns bigint (ARCHITECTURE "SQLite": counters read as bigint). The cloud adapter
 * converts at its edge; the emulator stores the exact int64.
 */
export type CounterValue = bigint
export type SetGroupCountersOptions = Omit<OptionsOf<'setGroupCounters'>, 'counters'> & { counters: Record<string, number | bigint> }
export type IncreaseGroupCounterOptions = Omit<OptionsOf<'increaseGroupCounter'>, 'value'> & { value: number | bigint }
export type DecreaseGroupCounterOptions = Omit<OptionsOf<'decreaseGroupCounter'>, 'value'> & { value: number | bigint }
export type GetGroupCountersOptions = OptionsOf<'getGroupCounters'>
export type LoginOptions = OptionsOf<'login'>

// -------------------------------------------------------------------------------------------------------------
// Results: `{ code: 0, data }` on success; failures reject with ChatSdkError.

export interface ChatResponse<T> {
  code: 0
  data: T
}
export interface ChatSdkError {
  code: number
  message: string
  data?: unknown
}

export interface GroupResult { group: Group }
export interface CreateGroupResult { group: Group; overLimitUserIDList: string[] }
export interface GroupListResult { groupList: Group[]; isSyncCompleted: boolean }
export interface GroupIDResult { groupID: string }
export interface JoinGroupResult { status: JoinStatus; group?: Group }
export interface ApplicationListResult { applicationList: GroupApplication[] }
/** offset 0 means the last page was returned (sdk-facts "Shapes"). */
export interface MemberListResult { memberList: GroupMember[]; offset: number }
export interface MemberProfileResult { memberList: GroupMember[] }
export interface AddGroupMemberResult {
  successUserIDList: string[]
  failureUserIDList: string[]
  existedUserIDList: string[]
  overLimitUserIDList: string[]
  group: Group
}
export interface DeleteGroupMemberResult { group: Group; userIDList: string[] }
export interface GroupMemberResult { group: Group; member: GroupMember }
export interface GroupAttributesResult { groupAttributes: Record<string, string> }
export interface AttributeKeysResult { keyList: string[] }
/** The runtime returns `{counters}` for set/increase/decrease alike (the counters page shows `{groupID, key, value}` for increase; the runtime wins). */
export interface CountersResult { counters: Record<string, CounterValue> }
export interface LoginResult { repeatLogin: boolean }

// -------------------------------------------------------------------------------------------------------------
// Events: handlers receive `{ name, data }`.

export interface ChatEventData {
  [EVENTS.SDK_READY]: undefined
  [EVENTS.SDK_NOT_READY]: undefined
  [EVENTS.MESSAGE_RECEIVED]: GroupSystemNoticeMessage[]
  [EVENTS.GROUP_LIST_UPDATED]: Group[]
  [EVENTS.GROUP_ATTRIBUTES_UPDATED]: { groupID: string; groupAttributes: Record<string, string>; updatedKeyList: string[]; deletedKeyList: string[] }
  [EVENTS.GROUP_COUNTER_UPDATED]: { groupID: string; key: string; value: CounterValue }
  [EVENTS.KICKED_OUT]: { type: KickedOutType }
  [EVENTS.NET_STATE_CHANGE]: { state: NetState }
}
export interface ChatEvent<N extends EventName = EventName> {
  name: N
  data: ChatEventData[N]
}
export type ChatEventHandler<N extends EventName> = (event: ChatEvent<N>) => void

// -------------------------------------------------------------------------------------------------------------

type Call<O, R> = (options: O) => Promise<ChatResponse<R>>

/** What the console may call. The cloud adapter and the sandbox both provide exactly this. */
export interface ChatSdk {
  login: Call<LoginOptions, LoginResult>
  logout(): Promise<ChatResponse<Record<string, never>>>
  isReady(): boolean
  destroy(): Promise<void>
  on<N extends EventName>(eventName: N, handler: ChatEventHandler<N>): void
  off<N extends EventName>(eventName: N, handler: ChatEventHandler<N>): void

  createGroup: Call<CreateGroupOptions, CreateGroupResult>
  getGroupList(): Promise<ChatResponse<GroupListResult>>
  getGroupProfile: Call<GetGroupProfileOptions, GroupResult>
  updateGroupProfile: Call<UpdateGroupProfileOptions, GroupResult>
  joinGroup: Call<JoinGroupOptions, JoinGroupResult>
  quitGroup(groupID: string): Promise<ChatResponse<GroupIDResult>>
  dismissGroup(groupID: string): Promise<ChatResponse<GroupIDResult>>
  changeGroupOwner: Call<ChangeGroupOwnerOptions, GroupResult>
  searchGroupByID(groupID: string): Promise<ChatResponse<GroupResult>>

  getGroupApplicationList(): Promise<ChatResponse<ApplicationListResult>>
  handleGroupApplication: Call<HandleGroupApplicationOptions, GroupResult>

  getGroupMemberList: Call<GetGroupMemberListOptions, MemberListResult>
  getGroupMemberProfile: Call<GetGroupMemberProfileOptions, MemberProfileResult>
  addGroupMember: Call<AddGroupMemberOptions, AddGroupMemberResult>
  deleteGroupMember: Call<DeleteGroupMemberOptions, DeleteGroupMemberResult>
  setGroupMemberRole: Call<SetGroupMemberRoleOptions, GroupMemberResult>
  setGroupMemberMuteTime: Call<SetGroupMemberMuteTimeOptions, GroupMemberResult>
  setGroupMemberNameCard: Call<SetGroupMemberNameCardOptions, GroupMemberResult>

  initGroupAttributes: Call<InitGroupAttributesOptions, GroupAttributesResult>
  setGroupAttributes: Call<SetGroupAttributesOptions, GroupAttributesResult>
  deleteGroupAttributes: Call<DeleteGroupAttributesOptions, AttributeKeysResult>
  getGroupAttributes: Call<GetGroupAttributesOptions, GroupAttributesResult>

  setGroupCounters: Call<SetGroupCountersOptions, CountersResult>
  increaseGroupCounter: Call<IncreaseGroupCounterOptions, CountersResult>
  decreaseGroupCounter: Call<DecreaseGroupCounterOptions, CountersResult>
  getGroupCounters: Call<GetGroupCountersOptions, CountersResult>
}

/** Every ChatSdk call that goes to the service, by name. */
export type ChatSdkMethod = Exclude<keyof ChatSdk, 'on' | 'off' | 'isReady' | 'destroy'>

// -------------------------------------------------------------------------------------------------------------
// Drift checks: compile-time only. Each fails to type-check when the package's declarations change shape.

type Assert<T extends true> = T
type Extends<A, B> = [A] extends [B] ? true : false

/** Every method we use exists on the package's ChatSDK with the same arity. */
type UsedSdkMethods = Exclude<keyof ChatSdk, 'on' | 'off'> | 'on' | 'off'
export type _DriftMethodsExist = Assert<Extends<UsedSdkMethods, keyof ChatSDK>>
/** Our options still satisfy the package's (with enum fields as strings): a renamed or new required field fails. */
export type _DriftCreate = Assert<Extends<Omit<CreateGroupOptions, 'inviteOption'>, WidenEnumFields<OptionsOf<'createGroup'>>>>
export type _DriftUpdate = Assert<Extends<Omit<UpdateGroupProfileOptions, 'inviteOption'>, WidenEnumFields<OptionsOf<'updateGroupProfile'>>>>
export type _DriftJoin = Assert<Extends<JoinGroupOptions, WidenEnumFields<OptionsOf<'joinGroup'>>>>
export type _DriftRole = Assert<Extends<SetGroupMemberRoleOptions, WidenEnumFields<OptionsOf<'setGroupMemberRole'>>>>
export type _DriftHandle = Assert<Extends<Omit<HandleGroupApplicationOptions, 'message'>, OptionsOf<'handleGroupApplication'>>>
export type _DriftCounters = Assert<Extends<Omit<IncreaseGroupCounterOptions, 'value'>, Omit<OptionsOf<'increaseGroupCounter'>, 'value'>>>
export type _DriftMembers = Assert<Extends<GetGroupMemberListOptions & AddGroupMemberOptions & DeleteGroupMemberOptions, OptionsOf<'getGroupMemberList'> & OptionsOf<'addGroupMember'> & OptionsOf<'deleteGroupMember'>>>
/** The group shape: every field the package declares is present in ours. */
export type _DriftGroup = Assert<Extends<keyof SdkGroup, keyof Group>>
/** The real SDK's single-argument calls still take a groupID string. */
export type _DriftGroupIdCalls = Assert<Extends<Parameters<ChatSDK['quitGroup']> | Parameters<ChatSDK['dismissGroup']> | Parameters<ChatSDK['searchGroupByID']>, [string]>>
