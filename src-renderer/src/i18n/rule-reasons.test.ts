import { describe, expect, it } from 'vitest'
import { GROUP_TYPE_VALUES, MEMBER_ROLE_VALUES, GROUP_STATUSES } from '../../../src-main/shared/domain'
import { profileFieldRules } from '../../../src-main/shared/profile-rules'
import { lifecycleRules } from '../../../src-main/shared/lifecycle-rules'
import { memberActionRules } from '../../../src-main/shared/member-rules'
import { localizeRuleReason, ruleReasonTranslations } from './rule-reasons'

/** Every reason the shared rules can give, over every group type, role, status and invite option. */
function everyReason(): Set<string> {
  const reasons = new Set<string>()
  for (const type of GROUP_TYPE_VALUES) {
    for (const selfRole of MEMBER_ROLE_VALUES) {
      for (const status of GROUP_STATUSES) {
        for (const inviteOption of ['FreeAccess', 'NeedPermission', 'DisableInvite']) {
          const group = { type, selfRole, status, inviteOption }
          for (const rule of Object.values(profileFieldRules(group))) if (rule.reason) reasons.add(rule.reason)
          for (const rule of Object.values(lifecycleRules(group))) if (rule.reason) reasons.add(rule.reason)
          for (const rule of Object.values(memberActionRules(group))) if (rule.reason) reasons.add(rule.reason)
        }
      }
    }
  }
  return reasons
}

describe('rule reasons in Chinese', () => {
  it('translate every reason the rules can give', () => {
    const untranslated = [...everyReason()].filter((reason) => !(reason in ruleReasonTranslations))
    expect(untranslated).toEqual([])
  })

  it('keep English in the English interface', () => {
    expect(localizeRuleReason('A Work group cannot be dismissed', 'en')).toBe('A Work group cannot be dismissed')
    expect(localizeRuleReason('A Work group cannot be dismissed', 'zh-CN')).toBe('好友工作群（Work）不能解散')
  })
})
