// The profile editor's working copy of a group, and the patch it makes: only the fields that differ from
// the group, so a save never re-sends (and never overwrites) a field the moderator did not touch.
// Pure functions, unit-tested under Node.
import type { CachedGroup } from '../../src-main/shared/domain'
import type { ProfileField, ProfilePatch } from '../../src-main/shared/profile-rules'
import { INVITE_OPTION_VALUES, JOIN_OPTION_VALUES } from '../../src-main/shared/profile-rules'

export interface CustomFieldDraft {
  key: string
  value: string
  existing: boolean
}

export interface ProfileDraft {
  name: string
  avatar: string
  introduction: string
  notification: string
  muteAllMembers: boolean
  joinOption: string
  inviteOption: string
  customFields: CustomFieldDraft[]
}

type ProfileSource = Pick<CachedGroup, 'name' | 'avatar' | 'introduction' | 'notification' | 'muteAllMembers' | 'joinOption' | 'inviteOption' | 'customFields'>

export function draftFromGroup(group: ProfileSource): ProfileDraft {
  return {
    name: group.name,
    avatar: group.avatar,
    introduction: group.introduction,
    notification: group.notification,
    muteAllMembers: group.muteAllMembers,
    joinOption: group.joinOption,
    inviteOption: group.inviteOption,
    customFields: group.customFields.map(({ key, value }) => ({ key, value, existing: true })),
  }
}

const SCALAR_FIELDS = ['name', 'avatar', 'introduction', 'notification', 'muteAllMembers', 'joinOption', 'inviteOption'] as const
type ScalarField = (typeof SCALAR_FIELDS)[number]

const isJoinOption = (value: string): value is (typeof JOIN_OPTION_VALUES)[number] => (JOIN_OPTION_VALUES as readonly string[]).includes(value)
const isInviteOption = (value: string): value is (typeof INVITE_OPTION_VALUES)[number] => (INVITE_OPTION_VALUES as readonly string[]).includes(value)

/** The custom fields that are new or have a new value; empty new keys are not a change yet. */
function changedCustomFields(group: ProfileSource, fields: readonly CustomFieldDraft[]): Array<{ key: string; value: string }> {
  const current = new Map(group.customFields.map(({ key, value }) => [key, value]))
  return fields.filter(({ key, value }) => key !== '' && current.get(key) !== value).map(({ key, value }) => ({ key, value }))
}

/** Only what differs from the group. */
export function patchFromDraft(group: ProfileSource, draft: ProfileDraft): ProfilePatch {
  const patch: ProfilePatch = {}
  if (draft.name !== group.name) patch.name = draft.name
  if (draft.avatar !== group.avatar) patch.avatar = draft.avatar
  if (draft.introduction !== group.introduction) patch.introduction = draft.introduction
  if (draft.notification !== group.notification) patch.notification = draft.notification
  if (draft.muteAllMembers !== group.muteAllMembers) patch.muteAllMembers = draft.muteAllMembers
  if (draft.joinOption !== group.joinOption && isJoinOption(draft.joinOption)) patch.joinOption = draft.joinOption
  if (draft.inviteOption !== group.inviteOption && isInviteOption(draft.inviteOption)) patch.inviteOption = draft.inviteOption
  const custom = changedCustomFields(group, draft.customFields)
  if (custom.length > 0) patch.customFields = custom
  return patch
}

/**
 * The group changed under the editor (a sync, or the save itself landing). Fields the moderator has not
 * touched follow the group; touched ones keep the moderator's text.
 */
export function rebaseDraft(previous: ProfileSource, next: ProfileSource, draft: ProfileDraft): ProfileDraft {
  const rebased: ProfileDraft = { ...draft }
  for (const field of SCALAR_FIELDS) {
    if (draft[field] === previous[field]) (rebased as Record<ScalarField, unknown>)[field] = next[field]
  }
  const before = new Map(previous.customFields.map(({ key, value }) => [key, value]))
  const after = new Map(next.customFields.map(({ key, value }) => [key, value]))
  const edited = draft.customFields.map((field) => (field.existing && before.get(field.key) === field.value && after.has(field.key) ? { ...field, value: after.get(field.key)! } : field))
  const known = new Set(edited.map((field) => field.key))
  const arrived = next.customFields.filter(({ key }) => !known.has(key)).map(({ key, value }) => ({ key, value, existing: true }))
  // A new key the save just created is now an existing one.
  rebased.customFields = [...edited.map((field) => (after.has(field.key) ? { ...field, existing: true } : field)), ...arrived]
  return rebased
}

/** The fields a bulk edit can set (the member limit cannot be changed through the SDK at all). */
export type BulkField = Exclude<ProfileField, 'maxMemberCount'>
export const BULK_FIELDS: readonly BulkField[] = ['notification', 'introduction', 'name', 'avatar', 'muteAllMembers', 'joinOption', 'inviteOption', 'customFields']

/** A bulk change: exactly the ticked fields, with the values given, whatever each group has now. */
export function patchFromBulk(ticked: readonly BulkField[], values: ProfileDraft): ProfilePatch {
  const patch: ProfilePatch = {}
  for (const field of ticked) {
    switch (field) {
      case 'name':
      case 'avatar':
      case 'introduction':
      case 'notification':
        patch[field] = values[field]
        break
      case 'muteAllMembers':
        patch.muteAllMembers = values.muteAllMembers
        break
      case 'joinOption':
        if (isJoinOption(values.joinOption)) patch.joinOption = values.joinOption
        break
      case 'inviteOption':
        if (isInviteOption(values.inviteOption)) patch.inviteOption = values.inviteOption
        break
      case 'customFields': {
        const fields = values.customFields.filter(({ key }) => key !== '').map(({ key, value }) => ({ key, value }))
        if (fields.length > 0) patch.customFields = fields
        break
      }
    }
  }
  return patch
}

/** A blank bulk change: what each field starts as when ticked. */
export function emptyBulkValues(): ProfileDraft {
  return { name: '', avatar: '', introduction: '', notification: '', muteAllMembers: false, joinOption: 'NeedPermission', inviteOption: 'FreeAccess', customFields: [] }
}
