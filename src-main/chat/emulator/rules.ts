// The group service's rules by group type and role, as pure functions (sdk-facts "Rules by group type";
// seeds/group-management-overview.txt; seeds/group-management-api.txt). The service applies them; the
// conformance suite tests each one.
import { DEFAULT_MAX_MEMBERS, GROUP_ID_LIMITS, utf8ByteLength } from '../../shared/limits'
import { GROUP_TYPES, INVITE_OPTIONS, JOIN_OPTIONS, MEMBER_ROLES, type GroupType, type InviteOption, type JoinOption, type MemberRole } from '../sdk'

const { GRP_WORK, GRP_PUBLIC, GRP_MEETING, GRP_AVCHATROOM, GRP_COMMUNITY } = GROUP_TYPES

export function isGroupType(value: unknown): value is GroupType {
  return typeof value === 'string' && (Object.values(GROUP_TYPES) as string[]).includes(value)
}
export function isJoinOption(value: unknown): value is JoinOption {
  return typeof value === 'string' && (Object.values(JOIN_OPTIONS) as string[]).includes(value)
}
export function isInviteOption(value: unknown): value is InviteOption {
  return typeof value === 'string' && (Object.values(INVITE_OPTIONS) as string[]).includes(value)
}

export function isModerator(role: string | undefined): boolean {
  return role === MEMBER_ROLES.GRP_MBR_ROLE_OWNER || role === MEMBER_ROLES.GRP_MBR_ROLE_ADMIN
}

/**
 * joinOption is fixed for Work (DisableApply), Meeting and AVChatRoom (FreeAccess): the SDK drops a given value
 * on create and update ("It cannot be modified for GRP_WORK, GRP_MEETING, GRP_AVCHATROOM"; runtime warns and
 * ignores it). Public defaults to NeedPermission, Community to FreeAccess.
 */
export function joinOptionIsChangeable(type: GroupType): boolean {
  return type === GRP_PUBLIC || type === GRP_COMMUNITY
}
export function defaultJoinOption(type: GroupType): JoinOption {
  if (type === GRP_WORK) return JOIN_OPTIONS.JOIN_OPTIONS_DISABLE_APPLY
  if (type === GRP_PUBLIC) return JOIN_OPTIONS.JOIN_OPTIONS_NEED_PERMISSION
  return JOIN_OPTIONS.JOIN_OPTIONS_FREE_ACCESS
}

/** "AVChatRoom does not support setting inviteOption" (seeds/group-profile.txt). */
export function inviteOptionIsChangeable(type: GroupType): boolean {
  return type !== GRP_AVCHATROOM
}

export function defaultMaxMembers(type: GroupType): number {
  return DEFAULT_MAX_MEMBERS[type].value ?? 0
}

export type JoinRoute = 'join' | 'apply' | 'refused'
/**
 * Work: invitation only. Public: by joinOption (request + approval by default). Meeting, AVChatRoom: free.
 * Community: free unless its joinOption asks for approval (overview "Apply to join a group").
 */
export function joinRoute(type: GroupType, joinOption: JoinOption): JoinRoute {
  if (type === GRP_WORK) return 'refused'
  if (type === GRP_MEETING || type === GRP_AVCHATROOM) return 'join'
  if (joinOption === JOIN_OPTIONS.JOIN_OPTIONS_DISABLE_APPLY) return 'refused'
  if (joinOption === JOIN_OPTIONS.JOIN_OPTIONS_NEED_PERMISSION) return 'apply'
  return 'join'
}

export type InviteRoute = 'add' | 'needs-approval' | 'refused' | 'av-refused'
/**
 * Work and Community: any member, no confirmation. Public/Meeting: app admin only (never an SDK user).
 * AVChatRoom: nobody (2661). inviteOption NeedPermission sends a non-moderator's invitation for approval
 * (applicationType 2); DisableInvite refuses (seeds/group-management-api.txt inviteOption).
 */
export function inviteRoute(type: GroupType, inviteOption: InviteOption, inviterRole: string): InviteRoute {
  if (type === GRP_AVCHATROOM) return 'av-refused'
  if (type === GRP_PUBLIC || type === GRP_MEETING) return 'refused'
  if (inviteOption === INVITE_OPTIONS.INVITE_OPTIONS_DISABLE_INVITE) return 'refused'
  if (inviteOption === INVITE_OPTIONS.INVITE_OPTIONS_NEED_PERMISSION && !isModerator(inviterRole)) return 'needs-approval'
  return 'add'
}

/** Owner only for Public/Meeting/AVChatRoom/Community; a Work group cannot be dismissed by anyone. */
export function canDismiss(type: GroupType, role: string): boolean {
  return type !== GRP_WORK && role === MEMBER_ROLES.GRP_MBR_ROLE_OWNER
}

/** An owner can only leave a Work group (which is then ownerless). */
export function canQuit(type: GroupType, role: string): boolean {
  return role !== MEMBER_ROLES.GRP_MBR_ROLE_OWNER || type === GRP_WORK
}

/** Muting is unavailable for Work groups (.d.ts setGroupMemberMuteTime). */
export function canMuteIn(type: GroupType): boolean {
  return type !== GRP_WORK
}

/** Roles setGroupMemberRole accepts: Admin, Member; Custom in a Community (runtime setGroupMemberRole). */
export function assignableRoles(type: GroupType): MemberRole[] {
  const roles: MemberRole[] = [MEMBER_ROLES.GRP_MBR_ROLE_ADMIN, MEMBER_ROLES.GRP_MBR_ROLE_MEMBER]
  if (type === GRP_COMMUNITY) roles.push(MEMBER_ROLES.GRP_MBR_ROLE_CUSTOM)
  return roles
}

const RANK: Record<string, number> = { Owner: 3, Admin: 2, Member: 1, Custom: 1 }
/** Owner and admins manage members ranked below them (overview "Modify a group member's profile"). */
export function outranks(actorRole: string, targetRole: string): boolean {
  return isModerator(actorRole) && (RANK[actorRole] ?? 0) > (RANK[targetRole] ?? 0)
}

/** Name cards: the owner sets anyone's; an admin its own and plain members'; a member only its own (.d.ts). */
export function canSetNameCard(actorRole: string, targetRole: string, isSelf: boolean): boolean {
  return isSelf || outranks(actorRole, targetRole)
}

/** Group attributes and counters: not for topic-enabled communities (seeds). */
export function supportsAttributesAndCounters(type: GroupType, isSupportTopic: boolean): boolean {
  return !(type === GRP_COMMUNITY && isSupportTopic)
}

export type GroupIdProblem = 'sdk-prefix' | 'format' | null
/**
 * Custom group IDs: Community IDs must start with '@TGS#_', others must not start with '@TGS#' (2602, checked
 * by the SDK); at most 48 bytes of printable ASCII (sdk-facts "Shapes: createGroup").
 */
export function groupIdProblem(type: GroupType, groupID: string): GroupIdProblem {
  const communityPrefix = GROUP_ID_LIMITS.communityIdPrefix.value
  if (type === GRP_COMMUNITY ? !groupID.startsWith(communityPrefix) : groupID.startsWith(GROUP_ID_LIMITS.autoIdPrefix.value)) return 'sdk-prefix'
  if (groupID.length === 0 || utf8ByteLength(groupID) > GROUP_ID_LIMITS.customIdMaxBytes.value) return 'format'
  if (!/^[\x20-\x7e]+$/.test(groupID)) return 'format'
  return null
}
