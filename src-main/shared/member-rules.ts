// What a moderator may do to a group's members, and why not (sdk-facts "Rules by group type"; the .d.ts
// for setGroupMemberMuteTime): the same answer for the member actions in the UI and for main's refusal.
import type { GroupTypeValue, MemberRoleValue } from './domain'
import type { ActionRule } from './lifecycle-rules'

export type MemberAction = 'setRole' | 'mute' | 'remove' | 'nameCard' | 'add'

const allowed: ActionRule = { allowed: true, reason: null }
const refused = (reason: string): ActionRule => ({ allowed: false, reason })

export function memberActionRules(group: { type: GroupTypeValue; selfRole: MemberRoleValue; status?: string; inviteOption?: string }): Record<MemberAction, ActionRule> {
  if (group.status && group.status !== 'active') {
    const gone = refused(group.status === 'dismissed' ? 'The group has been dismissed' : 'You are no longer in this group')
    return { setRole: gone, mute: gone, remove: gone, nameCard: gone, add: gone }
  }
  const moderator = group.selfRole === 'Owner' || group.selfRole === 'Admin'
  const notModerator = refused('Only the group owner or an admin can manage members')
  return {
    setRole: group.selfRole === 'Owner' ? allowed : refused('Only the group owner can set or cancel admins'),
    mute: !moderator ? notModerator : group.type === 'Private' ? refused('Muting is unavailable in Work groups') : allowed,
    remove: moderator ? allowed : notModerator,
    nameCard: moderator ? allowed : notModerator,
    // "Invite: Work and Community — any member; Public/Meeting — app admin only; AVChatRoom — nobody."
    add:
      group.type === 'AVChatRoom' ? refused('Members cannot be added to an AVChatRoom: they join it themselves')
      : group.type === 'Public' || group.type === 'ChatRoom' ? refused('Only the app admin (through the REST API) can add members to a Public or Meeting group')
      : group.inviteOption === 'DisableInvite' ? refused('The group’s invite option forbids inviting')
      : allowed,
  }
}
