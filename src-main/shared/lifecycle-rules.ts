// Lifecycle actions a moderator may take on a group, and why not (sdk-facts "Rules by group type"):
// the same answer for the buttons and for main's refusal.
import type { GroupTypeValue, MemberRoleValue } from './domain'
import { GROUP_ID_LIMITS, utf8ByteLength } from './limits'
import { aGroupOfType } from './profile-rules'

export interface ActionRule {
  allowed: boolean
  reason: string | null
}

const allowed: ActionRule = { allowed: true, reason: null }
const refused = (reason: string): ActionRule => ({ allowed: false, reason })

export function lifecycleRules(group: { type: GroupTypeValue; selfRole: MemberRoleValue; status?: string }): { quit: ActionRule; dismiss: ActionRule; transfer: ActionRule } {
  if (group.status && group.status !== 'active') {
    const gone = refused(group.status === 'dismissed' ? 'The group has been dismissed' : 'You are no longer in this group')
    return { quit: gone, dismiss: gone, transfer: gone }
  }
  const owner = group.selfRole === 'Owner'
  return {
    // "Quit: an owner can only leave a Work group (which is then ownerless)."
    quit: owner && group.type !== 'Private' ? refused(`The owner of ${aGroupOfType(group.type)} cannot leave it: transfer it or dismiss it first`) : allowed,
    // "Dismiss: owner only for Public/Meeting/AVChatRoom/Community; a Work group cannot be dismissed."
    dismiss: group.type === 'Private' ? refused('A Work group cannot be dismissed') : owner ? allowed : refused('Only the group owner can dismiss the group'),
    // "Transfer: owner only; AVChatRoom cannot be transferred."
    transfer: group.type === 'AVChatRoom' ? refused('An AVChatRoom cannot be transferred') : owner ? allowed : refused('Only the group owner can transfer the group'),
  }
}

/** Why a custom group ID cannot be used for this type, or null (sdk-facts "Shapes": createGroup, 2602). */
export function customGroupIdProblem(type: GroupTypeValue, groupID: string): string | null {
  if (groupID === '') return null
  const communityPrefix = GROUP_ID_LIMITS.communityIdPrefix.value
  const autoPrefix = GROUP_ID_LIMITS.autoIdPrefix.value
  if (!/^[\x20-\x7e]+$/.test(groupID)) return 'A custom group ID is printable ASCII only'
  if (utf8ByteLength(groupID) > GROUP_ID_LIMITS.customIdMaxBytes.value) return `A custom group ID is at most ${GROUP_ID_LIMITS.customIdMaxBytes.value} bytes`
  if (type === 'Community' && !groupID.startsWith(communityPrefix)) return `A Community's group ID must start with ${communityPrefix}`
  if (type !== 'Community' && groupID.startsWith(autoPrefix)) return `Only service-assigned IDs start with ${autoPrefix}`
  return null
}
