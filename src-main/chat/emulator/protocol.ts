// What travels between the SDK layer and the service: the same calls in-process and over the loopback socket.
// The shapes follow the real SDK's requests where the runtime was read (handleGroupApplication sends
// applicant/groupID/authentication/messageKey; attribute writes carry the cached mainSequence and the
// avChatRoomKey issued on joining an AVChatRoom).
import type {
  AddGroupMemberOptions,
  AddGroupMemberResult,
  ApplicationListResult,
  ChangeGroupOwnerOptions,
  ChatSdkError,
  CountersResult,
  CreateGroupOptions,
  CreateGroupResult,
  DeleteGroupMemberOptions,
  DeleteGroupMemberResult,
  GetGroupMemberListOptions,
  GetGroupMemberProfileOptions,
  GetGroupProfileOptions,
  GroupIDResult,
  GroupListResult,
  GroupMemberResult,
  GroupResult,
  GroupSystemNoticePayload,
  HandleAction,
  JoinGroupOptions,
  JoinGroupResult,
  KickedOutType,
  LoginResult,
  MemberListResult,
  MemberProfileResult,
  SetGroupMemberMuteTimeOptions,
  SetGroupMemberNameCardOptions,
  SetGroupMemberRoleOptions,
  UpdateGroupProfileOptions,
} from '../sdk'
import type { SdkSideSettings } from './settings'

type Empty = Record<string, never>

export interface LoginRequest { userID: string; userSig: string }
export interface LoginReply extends LoginResult { sdkSettings: SdkSideSettings }
export interface JoinGroupReply extends JoinGroupResult { avChatRoomKey?: string }
export interface HandleApplicationRequest {
  handleAction: HandleAction
  handleMessage: string
  groupID: string
  applicant: string
  /** Invitee of an invitation (applicationType 2), '' for a join request. */
  invitee: string
  authentication: string
}
export interface AttributeScope { groupID: string; avChatRoomKey?: string }
export interface AttributeWriteRequest extends AttributeScope { groupAttributes: Record<string, string>; mainSequence: number }
export interface AttributeDeleteRequest extends AttributeScope { keyList: string[]; mainSequence: number }
export interface AttributeSnapshot { groupAttributes: Record<string, string>; mainSequence: number }
export interface AttributeDeleteReply { keyList: string[]; mainSequence: number }
export interface CounterScope { groupID: string; avChatRoomKey?: string }

/** Every service call: [params, result]. */
export interface ServiceApi {
  login: [LoginRequest, LoginReply]
  logout: [Empty, Empty]
  createGroup: [CreateGroupOptions, CreateGroupResult]
  getGroupList: [Empty, GroupListResult]
  getGroupProfile: [GetGroupProfileOptions, GroupResult]
  updateGroupProfile: [UpdateGroupProfileOptions, GroupResult]
  joinGroup: [JoinGroupOptions, JoinGroupReply]
  quitGroup: [{ groupID: string }, GroupIDResult]
  dismissGroup: [{ groupID: string }, GroupIDResult]
  changeGroupOwner: [ChangeGroupOwnerOptions, GroupResult]
  searchGroupByID: [{ groupID: string }, GroupResult]
  getGroupApplicationList: [Empty, ApplicationListResult]
  handleGroupApplication: [HandleApplicationRequest, GroupResult]
  getGroupMemberList: [GetGroupMemberListOptions, MemberListResult]
  getGroupMemberProfile: [GetGroupMemberProfileOptions, MemberProfileResult]
  addGroupMember: [AddGroupMemberOptions, AddGroupMemberResult]
  deleteGroupMember: [DeleteGroupMemberOptions, DeleteGroupMemberResult]
  setGroupMemberRole: [SetGroupMemberRoleOptions, GroupMemberResult]
  setGroupMemberMuteTime: [SetGroupMemberMuteTimeOptions, GroupMemberResult]
  setGroupMemberNameCard: [SetGroupMemberNameCardOptions, GroupMemberResult]
  initGroupAttributes: [AttributeWriteRequest, AttributeSnapshot]
  setGroupAttributes: [AttributeWriteRequest, AttributeSnapshot]
  deleteGroupAttributes: [AttributeDeleteRequest, AttributeDeleteReply]
  getGroupAttributes: [AttributeScope, AttributeSnapshot]
  setGroupCounters: [CounterScope & { counters: Record<string, bigint> }, CountersResult]
  increaseGroupCounter: [CounterScope & { key: string; value: bigint }, CountersResult]
  decreaseGroupCounter: [CounterScope & { key: string; value: bigint }, CountersResult]
  getGroupCounters: [CounterScope & { keyList?: string[] }, CountersResult]
}
export type ServiceMethod = keyof ServiceApi
export type ServiceParams<M extends ServiceMethod> = ServiceApi[M][0]
export type ServiceResult<M extends ServiceMethod> = ServiceApi[M][1]

export const SERVICE_METHODS = [
  'login', 'logout', 'createGroup', 'getGroupList', 'getGroupProfile', 'updateGroupProfile', 'joinGroup', 'quitGroup',
  'dismissGroup', 'changeGroupOwner', 'searchGroupByID', 'getGroupApplicationList', 'handleGroupApplication',
  'getGroupMemberList', 'getGroupMemberProfile', 'addGroupMember', 'deleteGroupMember', 'setGroupMemberRole',
  'setGroupMemberMuteTime', 'setGroupMemberNameCard', 'initGroupAttributes', 'setGroupAttributes',
  'deleteGroupAttributes', 'getGroupAttributes', 'setGroupCounters', 'increaseGroupCounter', 'decreaseGroupCounter',
  'getGroupCounters',
] as const satisfies readonly ServiceMethod[]
export type _AllMethodsListed = Exclude<ServiceMethod, (typeof SERVICE_METHODS)[number]> extends never ? true : never

export function isServiceMethod(name: unknown): name is ServiceMethod {
  return typeof name === 'string' && (SERVICE_METHODS as readonly string[]).includes(name)
}

/** What the service pushes to a logged-in session. */
export type ServicePush =
  | { kind: 'systemNotice'; notice: GroupSystemNoticePayload; time: number; sequence: number }
  | { kind: 'groupListChanged' }
  | { kind: 'attributesChanged'; groupID: string; mainSequence: number; groupAttributes: Record<string, string> }
  | { kind: 'counterChanged'; groupID: string; key: string; value: bigint }
  | { kind: 'kicked'; type: KickedOutType }

// Wire envelopes --------------------------------------------------------------------------------------------

export type ControlOp =
  | 'getFaults' | 'setFaults' | 'dropAllConnections' | 'appliedCalls' | 'resetAppliedCalls' | 'kickUser' | 'stats' | 'registerUsers'

export type ClientEnvelope =
  | { type: 'call'; id: number; method: ServiceMethod; params: unknown }
  | { type: 'control'; id: number; op: ControlOp; args: unknown }

export type ServerEnvelope =
  | { type: 'reply'; id: number; ok: true; data: unknown }
  | { type: 'reply'; id: number; ok: false; error: ChatSdkError }
  | { type: 'push'; push: ServicePush }

/** JSON that carries bigint exactly: `{"$bigint":"-9223372036854775808"}`. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? { $bigint: v.toString() } : v))
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const record = v as Record<string, unknown>
      const keys = Object.keys(record)
      if (keys.length === 1 && keys[0] === '$bigint' && typeof record.$bigint === 'string') return BigInt(record.$bigint)
    }
    return v
  })
}
