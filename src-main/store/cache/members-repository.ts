// Cached members of administered groups.
import type { GroupMember } from '../../chat/sdk'
import { cachedMemberSchema, memberListQuerySchema, type CachedMember, type MemberListQuery, type Page } from '../../shared/domain'
import type { Db } from '../db'
import { likePattern, msToDate, secondsToMs, statementCache } from './rows'

interface MemberRow {
  group_id: string
  user_id: string
  nick: string
  avatar: string
  role: string
  name_card: string
  mute_until: number
  join_time: number
  last_send_msg_time: number
}

function toCachedMember(row: MemberRow): CachedMember {
  return cachedMemberSchema.parse({
    groupID: row.group_id,
    userID: row.user_id,
    nick: row.nick,
    avatar: row.avatar,
    role: row.role,
    nameCard: row.name_card,
    muteUntil: msToDate(row.mute_until),
    joinTime: msToDate(row.join_time),
    lastSendMsgTime: msToDate(row.last_send_msg_time),
  })
}

export interface MembersRepository {
  /** Replaces a group's member list with a complete one from the service. */
  replaceGroupMembers(groupID: string, members: readonly GroupMember[], at: number): void
  list(query: MemberListQuery): Page<CachedMember>
  countFor(groupID: string): number
}

export function createMembersRepository(db: Db): MembersRepository {
  const statement = statementCache(db)
  const deleteGroup = db.prepare<[string]>('DELETE FROM members WHERE group_id = ?')
  const insert = db.prepare(`
    INSERT INTO members (group_id, user_id, nick, avatar, role, name_card, mute_until, join_time, last_send_msg_time, custom_fields, synced_at)
    VALUES (@group_id, @user_id, @nick, @avatar, @role, @name_card, @mute_until, @join_time, @last_send_msg_time, @custom_fields, @synced_at)
    ON CONFLICT (group_id, user_id) DO NOTHING`)
  const count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM members WHERE group_id = ?')

  const replace = db.transaction((groupID: string, members: readonly GroupMember[], at: number) => {
    deleteGroup.run(groupID)
    for (const member of members) {
      insert.run({
        group_id: groupID,
        user_id: member.userID,
        nick: member.nick ?? '',
        avatar: member.avatar ?? '',
        role: member.role,
        name_card: member.nameCard ?? '',
        mute_until: secondsToMs(member.muteUntil),
        join_time: secondsToMs(member.joinTime),
        last_send_msg_time: secondsToMs(member.lastSendMsgTime),
        custom_fields: JSON.stringify(member.memberCustomField ?? []),
        synced_at: at,
      })
    }
  })

  return {
    replaceGroupMembers: (groupID, members, at) => replace(groupID, members, at),
    list(rawQuery) {
      const q = memberListQuerySchema.parse(rawQuery)
      const params: Record<string, unknown> = { groupID: q.groupID }
      let where = 'WHERE group_id = @groupID'
      if (q.search) {
        where += ` AND (user_id LIKE @search ESCAPE '\\' OR nick LIKE @search ESCAPE '\\' OR name_card LIKE @search ESCAPE '\\')`
        params.search = likePattern(q.search)
      }
      // Owner first, then admins, then by join time: the order a moderator scans a member list in.
      const rows = statement(`SELECT * FROM members ${where}
        ORDER BY CASE role WHEN 'Owner' THEN 0 WHEN 'Admin' THEN 1 ELSE 2 END, join_time, user_id LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit: q.limit,
        offset: q.offset,
      }) as MemberRow[]
      const total = (statement(`SELECT COUNT(*) AS n FROM members ${where}`).get(params) as { n: number }).n
      return { rows: rows.map(toCachedMember), total, offset: q.offset }
    },
    countFor: (groupID) => count.get(groupID)!.n,
  }
}
