// A group's profile in the vocabulary of a ProfilePatch, from the cache or from the service, and a patch
// as updateGroupProfile options. Used to preview, to detect conflicts, and to roll back.
import type { Group, UpdateGroupProfileOptions } from '../chat/sdk'
import type { CachedGroup } from '../shared/domain'
import type { ProfilePatch } from '../shared/profile-rules'

export type ProfileValues = Partial<{ [K in keyof ProfilePatch]: ProfilePatch[K] }>

interface ProfileSource {
  name: string
  avatar: string
  introduction: string
  notification: string
  muteAllMembers: boolean
  joinOption: string
  inviteOption: string
  customFields: ReadonlyArray<{ key: string; value: string }>
}

function fromCached(group: CachedGroup): ProfileSource {
  return { ...group, customFields: group.customFields }
}

function fromService(group: Group): ProfileSource {
  return {
    name: group.name ?? '',
    avatar: group.avatar ?? '',
    introduction: group.introduction ?? '',
    notification: group.notification ?? '',
    muteAllMembers: Boolean(group.muteAllMembers),
    joinOption: group.joinOption ?? '',
    inviteOption: group.inviteOption ?? '',
    customFields: group.groupCustomField ?? [],
  }
}

/** The values a patch would replace, read from a group (only the patch's fields; custom fields by key). */
export function valuesFor(patch: ProfilePatch, group: { cached: CachedGroup } | { service: Group }): ProfileValues {
  const source = 'cached' in group ? fromCached(group.cached) : fromService(group.service)
  const values: Record<string, unknown> = {}
  for (const field of Object.keys(patch) as Array<keyof ProfilePatch>) {
    if (field === 'customFields') {
      const current = new Map(source.customFields.map((entry) => [entry.key, entry.value]))
      values.customFields = (patch.customFields ?? []).map(({ key }) => ({ key, value: current.get(key) ?? '' }))
    } else {
      values[field] = source[field]
    }
  }
  return values as ProfileValues
}

/** Same values, field by field (custom fields compared by key, order ignored). */
export function sameValues(a: ProfileValues, b: ProfileValues): boolean {
  const normalise = (values: ProfileValues) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(values)
          .map(([key, value]) => [key, key === 'customFields' ? [...(value as Array<{ key: string; value: string }>)].sort((x, y) => x.key.localeCompare(y.key)) : value])
          .sort(([x], [y]) => String(x).localeCompare(String(y))),
      ),
    )
  return normalise(a) === normalise(b)
}

export function toUpdateOptions(groupID: string, patch: ProfileValues): UpdateGroupProfileOptions {
  const options: Record<string, unknown> = { groupID }
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue
    if (field === 'customFields') options.groupCustomField = value
    else options[field] = value
  }
  return options as UpdateGroupProfileOptions
}
