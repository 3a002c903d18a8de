// The rules in src-main/shared (profile, lifecycle, members) explain a refusal in English, the words main
// also uses when it refuses a call. The Chinese interface shows them through this table, keyed by the
// English text; a unit test walks every group type, role and status so no reason is left untranslated.
import type { Locale } from '../../../src-main/shared/domain'

const ZH_CN: Record<string, string> = {
  'The group has been dismissed': '该群已解散',
  'You are no longer in this group': '你已不在该群中',
  'Only the group owner or an admin can change the profile': '只有群主或管理员可以修改群资料',
  'The maximum member count can only be changed through the REST API (updateGroupProfile, note 1)': '最大成员数只能通过 REST API 修改（updateGroupProfile 说明 1）',
  'The join option of a Work group cannot be changed: Work groups are joined by invitation only': '好友工作群（Work）的加群方式不可修改：只能邀请入群',
  'The join option of a Meeting group cannot be changed: Meeting groups are joined freely': '临时会议群（Meeting）的加群方式不可修改：可自由加入',
  'The join option of an AVChatRoom group cannot be changed: AVChatRoom groups are joined freely': '直播群（AVChatRoom）的加群方式不可修改：可自由加入',
  'An AVChatRoom does not support setting the invite option': '直播群（AVChatRoom）不支持设置邀请方式',
  'The owner of a Public group cannot leave it: transfer it or dismiss it first': '群主不能退出陌生人社交群（Public）：请先转让或解散',
  'The owner of a Meeting group cannot leave it: transfer it or dismiss it first': '群主不能退出临时会议群（Meeting）：请先转让或解散',
  'The owner of an AVChatRoom group cannot leave it: transfer it or dismiss it first': '群主不能退出直播群（AVChatRoom）：请先解散',
  'The owner of a Community group cannot leave it: transfer it or dismiss it first': '群主不能退出社群（Community）：请先转让或解散',
  'A Work group cannot be dismissed': '好友工作群（Work）不能解散',
  'Only the group owner can dismiss the group': '只有群主可以解散该群',
  'An AVChatRoom cannot be transferred': '直播群（AVChatRoom）不能转让',
  'Only the group owner can transfer the group': '只有群主可以转让该群',
  'Only the group owner or an admin can manage members': '只有群主或管理员可以管理成员',
  'Only the group owner can set or cancel admins': '只有群主可以设置或取消管理员',
  'Muting is unavailable in Work groups': '好友工作群（Work）不支持禁言',
  'Members cannot be added to an AVChatRoom: they join it themselves': '直播群（AVChatRoom）不能添加成员：成员自行加入',
  'Only the app admin (through the REST API) can add members to a Public or Meeting group': '只有 App 管理员（通过 REST API）可以向陌生人社交群或临时会议群添加成员',
  'The group’s invite option forbids inviting': '该群的邀请方式禁止邀请',
}

/** A rule's reason in the interface's language (the English text where no translation exists). */
export function localizeRuleReason(reason: string, locale: Locale | string): string {
  return locale === 'zh-CN' ? (ZH_CN[reason] ?? reason) : reason
}

export const ruleReasonTranslations: Readonly<Record<string, string>> = ZH_CN
