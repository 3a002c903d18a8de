// Group system notices (MESSAGE_RECEIVED in '@TIM#SYSTEM') as cache updates. The service has no
// application event: a join request reaches owners and admins only as a notice (sdk-facts "Constants").
import { MESSAGE_TYPES, SYSTEM_NOTICE_OPERATION, type GroupApplication, type GroupSystemNoticeMessage } from '../chat/sdk'

export type NoticeEffect =
  | { kind: 'application'; application: GroupApplication }
  | { kind: 'group-gone'; groupID: string; status: 'dismissed' | 'left' }
  | { kind: 'refresh-group'; groupID: string }
  | { kind: 'refresh-applications' }
  | { kind: 'refresh-group-list' }
  | { kind: 'none' }

export function isGroupSystemNotice(message: unknown): message is GroupSystemNoticeMessage {
  const candidate = message as Partial<GroupSystemNoticeMessage> | null
  return candidate?.type === MESSAGE_TYPES.MSG_GRP_SYS_NOTICE && typeof candidate.payload?.operationType === 'number'
}

/** What a notice means for the cache of the user who received it. */
export function noticeEffect(message: GroupSystemNoticeMessage): NoticeEffect {
  const { payload } = message
  const groupID = payload.groupProfile?.groupID ?? ''
  switch (payload.operationType) {
    case SYSTEM_NOTICE_OPERATION.JOIN_REQUEST:
      return {
        kind: 'application',
        application: {
          applicant: payload.operatorID,
          applicantNick: '',
          groupID,
          groupName: payload.groupProfile?.groupName ?? '',
          applicationType: 0,
          userID: '',
          note: payload.handleMessage ?? '',
          authentication: payload.authentication ?? '',
          messageKey: payload.messageKey ?? 0,
        },
      }
    // An invitation needing approval names its invitee only in the pending list: read the list.
    case SYSTEM_NOTICE_OPERATION.INVITE_REQUEST:
      return { kind: 'refresh-applications' }
    case SYSTEM_NOTICE_OPERATION.DISMISSED:
    case SYSTEM_NOTICE_OPERATION.RECYCLED:
      return { kind: 'group-gone', groupID, status: 'dismissed' }
    case SYSTEM_NOTICE_OPERATION.KICKED:
    case SYSTEM_NOTICE_OPERATION.QUIT:
      return { kind: 'group-gone', groupID, status: 'left' }
    case SYSTEM_NOTICE_OPERATION.SET_ADMIN:
    case SYSTEM_NOTICE_OPERATION.ADMIN_REMOVED:
      return { kind: 'refresh-group', groupID }
    case SYSTEM_NOTICE_OPERATION.INVITED:
    case SYSTEM_NOTICE_OPERATION.CREATED:
    case SYSTEM_NOTICE_OPERATION.JOIN_APPROVED:
      return { kind: 'refresh-group-list' }
    default:
      return { kind: 'none' }
  }
}
