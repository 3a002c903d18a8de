// Which group profile fields a moderator may change, and why not when they may not: the same answer for
// the editor (a disabled control with its reason) and for main (the refusal of an IPC call). Sources:
// seeds/group-profile.txt (updateGroupProfile), sdk-facts.md "Rules by group type", limits.ts.
// The emulator keeps its own copy of these rules on purpose: it stands for the service, and a console
// pre-check that drifted from the service must show up as a disagreement in tests, not agree with itself.
import { z } from 'zod'
import {
  CUSTOM_FIELD_LIMITS,
  profileTextLimits,
  utf8ByteLength,
  type ProfileLimitProfile,
  type ProfileTextField,
} from './limits'
import type { GroupTypeValue, MemberRoleValue } from './domain'

export const PROFILE_FIELDS = ['name', 'avatar', 'introduction', 'notification', 'maxMemberCount', 'muteAllMembers', 'joinOption', 'inviteOption', 'customFields'] as const
export type ProfileField = (typeof PROFILE_FIELDS)[number]

export const JOIN_OPTION_VALUES = ['FreeAccess', 'NeedPermission', 'DisableApply'] as const
export const INVITE_OPTION_VALUES = ['FreeAccess', 'NeedPermission', 'DisableInvite'] as const

/** A change to a group's profile: only the fields to change. */
export const profilePatchSchema = z
  .object({
    name: z.string().min(1, 'A group name cannot be empty').max(2000),
    avatar: z.string().max(4000),
    introduction: z.string().max(4000),
    notification: z.string().max(4000),
    muteAllMembers: z.boolean(),
    joinOption: z.enum(JOIN_OPTION_VALUES),
    inviteOption: z.enum(INVITE_OPTION_VALUES),
    /** Set or replace these keys; other keys stay as they are (the service merges). */
    customFields: z.array(z.object({ key: z.string().min(1).max(200), value: z.string().max(4000) }).strict()).max(50),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'The change is empty: choose at least one field')
export type ProfilePatch = z.infer<typeof profilePatchSchema>

export interface FieldRule {
  editable: boolean
  /** Why not, in words a moderator can act on; null when editable. */
  reason: string | null
}

const TYPE_NAMES: Record<GroupTypeValue, string> = { Private: 'Work', Public: 'Public', ChatRoom: 'Meeting', AVChatRoom: 'AVChatRoom', Community: 'Community' }

export function friendlyTypeName(type: GroupTypeValue): string {
  return TYPE_NAMES[type]
}

/** "a Work group", "an AVChatRoom group". */
export function aGroupOfType(type: GroupTypeValue): string {
  return `${/^[AEIOU]/.test(TYPE_NAMES[type]) ? 'an' : 'a'} ${TYPE_NAMES[type]} group`
}

/** What this moderator may change in this group, field by field. */
export function profileFieldRules(group: { type: GroupTypeValue; selfRole: MemberRoleValue; status?: string }): Record<ProfileField, FieldRule> {
  const allowed: FieldRule = { editable: true, reason: null }
  const rules = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, allowed])) as Record<ProfileField, FieldRule>
  if (group.status && group.status !== 'active') {
    const reason = group.status === 'dismissed' ? 'The group has been dismissed' : 'You are no longer in this group'
    return Object.fromEntries(PROFILE_FIELDS.map((field) => [field, { editable: false, reason }])) as Record<ProfileField, FieldRule>
  }
  if (group.selfRole !== 'Owner' && group.selfRole !== 'Admin') {
    const reason = 'Only the group owner or an admin can change the profile'
    return Object.fromEntries(PROFILE_FIELDS.map((field) => [field, { editable: false, reason }])) as Record<ProfileField, FieldRule>
  }
  // updateGroupProfile note 1: the SDK cannot change it; the REST API can.
  rules.maxMemberCount = { editable: false, reason: 'The maximum member count can only be changed through the REST API (updateGroupProfile, note 1)' }
  if (group.type === 'Private' || group.type === 'ChatRoom' || group.type === 'AVChatRoom') {
    const why = group.type === 'Private' ? 'are joined by invitation only' : 'are joined freely'
    rules.joinOption = { editable: false, reason: `The join option of ${aGroupOfType(group.type)} cannot be changed: ${TYPE_NAMES[group.type]} groups ${why}` }
  }
  if (group.type === 'AVChatRoom') rules.inviteOption = { editable: false, reason: 'An AVChatRoom does not support setting the invite option' }
  return rules
}

export interface PatchProblem {
  field: ProfileField
  /** 'rule': the type or role forbids it; 'limit': over a documented limit. */
  kind: 'rule' | 'limit'
  message: string
  limit?: number
  actual?: number
}

const TEXT_FIELDS: ReadonlyArray<ProfileField & ProfileTextField> = ['name', 'avatar', 'introduction', 'notification']
const TEXT_LABELS: Record<ProfileTextField, string> = { name: 'Name', avatar: 'Avatar URL', introduction: 'Introduction', notification: 'Notification' }

/** Every reason this change cannot be applied to this group; empty when it can. */
export function checkProfilePatch(
  group: { type: GroupTypeValue; selfRole: MemberRoleValue; status?: string; customFields?: ReadonlyArray<{ key: string }> },
  patch: ProfilePatch,
  limitsProfile?: ProfileLimitProfile,
): PatchProblem[] {
  const problems: PatchProblem[] = []
  const rules = profileFieldRules(group)
  for (const field of PROFILE_FIELDS) {
    if (patch[field as keyof ProfilePatch] !== undefined && !rules[field].editable) problems.push({ field, kind: 'rule', message: rules[field].reason! })
  }
  const limits = profileTextLimits('update', limitsProfile)
  for (const field of TEXT_FIELDS) {
    const value = patch[field as keyof ProfilePatch]
    if (typeof value !== 'string') continue
    const bytes = utf8ByteLength(value)
    const limit = limits[field]
    if (bytes > limit) problems.push({ field, kind: 'limit', message: `${TEXT_LABELS[field]} is ${bytes} bytes; the limit is ${limit} bytes (UTF-8)`, limit, actual: bytes })
  }
  if (patch.customFields) {
    const keys = new Set((group.customFields ?? []).map((field) => field.key))
    for (const { key, value } of patch.customFields) {
      keys.add(key)
      const keyBytes = utf8ByteLength(key)
      if (keyBytes > CUSTOM_FIELD_LIMITS.keyMaxBytes.value) problems.push({ field: 'customFields', kind: 'limit', message: `Custom field key "${key}" is ${keyBytes} bytes; the limit is ${CUSTOM_FIELD_LIMITS.keyMaxBytes.value}`, limit: CUSTOM_FIELD_LIMITS.keyMaxBytes.value, actual: keyBytes })
      const valueBytes = utf8ByteLength(value)
      if (valueBytes > CUSTOM_FIELD_LIMITS.groupValueMaxBytes.value) problems.push({ field: 'customFields', kind: 'limit', message: `Custom field "${key}" is ${valueBytes} bytes; the limit is ${CUSTOM_FIELD_LIMITS.groupValueMaxBytes.value}`, limit: CUSTOM_FIELD_LIMITS.groupValueMaxBytes.value, actual: valueBytes })
    }
    if (keys.size > CUSTOM_FIELD_LIMITS.groupKeysMax.value) problems.push({ field: 'customFields', kind: 'limit', message: `At most ${CUSTOM_FIELD_LIMITS.groupKeysMax.value} custom fields per group; this change makes ${keys.size}`, limit: CUSTOM_FIELD_LIMITS.groupKeysMax.value, actual: keys.size })
  }
  return problems
}
