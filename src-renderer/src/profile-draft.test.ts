import { describe, expect, it } from 'vitest'
import { draftFromGroup, emptyBulkValues, patchFromBulk, patchFromDraft, rebaseDraft } from './profile-draft'

const group = {
  name: 'Hikers #1',
  avatar: '',
  introduction: 'Welcome',
  notification: 'Meetup on Saturday',
  muteAllMembers: false,
  joinOption: 'NeedPermission',
  inviteOption: 'FreeAccess',
  customFields: [{ key: 'region', value: 'EU' }],
}

describe('profile draft', () => {
  it('makes an empty patch when nothing was touched', () => {
    expect(patchFromDraft(group, draftFromGroup(group))).toEqual({})
  })

  it('puts only the changed fields in the patch', () => {
    const draft = { ...draftFromGroup(group), notification: '周六下午三点 🎉', muteAllMembers: true }
    expect(patchFromDraft(group, draft)).toEqual({ notification: '周六下午三点 🎉', muteAllMembers: true })
  })

  it('sends changed and new custom fields, not untouched ones or empty new keys', () => {
    const draft = draftFromGroup(group)
    draft.customFields = [{ key: 'region', value: 'EU', existing: true }, { key: 'tier', value: 'gold', existing: false }, { key: '', value: 'x', existing: false }]
    expect(patchFromDraft(group, draft)).toEqual({ customFields: [{ key: 'tier', value: 'gold' }] })
  })

  it('leaves out an option value the contract does not know', () => {
    const draft = { ...draftFromGroup(group), joinOption: 'SomethingNew' }
    expect(patchFromDraft(group, draft)).toEqual({})
  })

  it('lets untouched fields follow the group and keeps the moderator\'s edits', () => {
    const draft = { ...draftFromGroup(group), notification: 'mine' }
    const next = { ...group, notification: 'theirs', introduction: 'changed elsewhere', customFields: [{ key: 'region', value: 'APAC' }, { key: 'tier', value: 'gold' }] }
    const rebased = rebaseDraft(group, next, draft)
    expect(rebased.notification).toBe('mine')
    expect(rebased.introduction).toBe('changed elsewhere')
    expect(rebased.customFields).toEqual([{ key: 'region', value: 'APAC', existing: true }, { key: 'tier', value: 'gold', existing: true }])
    expect(patchFromDraft(next, rebased)).toEqual({ notification: 'mine' })
  })
})

describe('bulk patch', () => {
  it('holds exactly the ticked fields, even when a value is empty', () => {
    const values = { ...emptyBulkValues(), notification: '新通知 🎉', name: 'ignored' }
    expect(patchFromBulk(['notification', 'introduction', 'muteAllMembers'], values)).toEqual({ notification: '新通知 🎉', introduction: '', muteAllMembers: false })
  })

  it('leaves out custom fields without a key', () => {
    const values = { ...emptyBulkValues(), customFields: [{ key: '', value: 'x', existing: false }] }
    expect(patchFromBulk(['customFields'], values)).toEqual({})
  })
})
