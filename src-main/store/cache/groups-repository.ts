// Cached groups: written by sync, read by the Groups view and by every cross-group query.
import type { Group } from '../../chat/sdk'
import { cachedGroupSchema, groupListQuerySchema, type CachedGroup, type GroupListQuery, type Page } from '../../shared/domain'
import type { Db } from '../db'
import { likePattern, msToDate, parseJsonArray, secondsToMs } from './rows'

interface GroupRow {
  group_id: string
  type: string
  name: string
  avatar: string
  introduction: string
  notification: string
  owner_id: string
  create_time: number
  member_count: number
  max_member_count: number
  join_option: string
  invite_option: string
  mute_all_members: number
  is_support_topic: number
  custom_fields: string
  self_role: string
  last_message_time: number
  last_message_text: string
  last_info_time: number
  status: string
  status_changed_at: number | null
  synced_at: number
  pending_applications: number
}

const SORT_COLUMNS = {
  name: 'g.name COLLATE NOCASE',
  type: 'g.type',
  memberCount: 'g.member_count',
  lastActivity: 'MAX(g.last_message_time, g.last_info_time)',
  pendingApplications: 'pending_applications',
} as const

const PENDING_COUNT = `(SELECT COUNT(*) FROM applications a WHERE a.group_id = g.group_id AND a.status = 'pending')`

function toCachedGroup(row: GroupRow): CachedGroup {
  return cachedGroupSchema.parse({
    groupID: row.group_id,
    type: row.type,
    name: row.name,
    avatar: row.avatar,
    introduction: row.introduction,
    notification: row.notification,
    ownerID: row.owner_id,
    createTime: msToDate(row.create_time),
    memberCount: row.member_count,
    maxMemberCount: row.max_member_count,
    joinOption: row.join_option,
    inviteOption: row.invite_option,
    muteAllMembers: row.mute_all_members === 1,
    isSupportTopic: row.is_support_topic === 1,
    customFields: parseJsonArray(row.custom_fields),
    selfRole: row.self_role,
    lastActivityAt: msToDate(Math.max(row.last_message_time, row.last_info_time)),
    lastMessageText: row.last_message_text,
    status: row.status,
    statusChangedAt: row.status_changed_at === null ? null : new Date(row.status_changed_at),
    pendingApplications: row.pending_applications,
    syncedAt: new Date(row.synced_at),
  })
}

export interface GroupsRepository {
  /** Writes the groups as the service describes them now; they are active again if they were not. */
  upsert(groups: readonly Group[], at: number): void
  /** Marks every active group not in `presentIDs` as left (or dismissed, when known). Returns the IDs marked. */
  markAbsent(presentIDs: ReadonlySet<string>, at: number): string[]
  markStatus(groupID: string, status: 'dismissed' | 'left', at: number): boolean
  /** A group already marked inactive turned out to be dismissed rather than left. */
  markDismissed(groupID: string): boolean
  list(query: GroupListQuery): Page<CachedGroup>
  get(groupID: string): CachedGroup | null
  activeIDs(): string[]
  /** Active groups where the account is owner or admin: the ones whose members and applications matter. */
  administeredIDs(): string[]
  typeOf(groupID: string): string | null
  count(): number
}

export function createGroupsRepository(db: Db): GroupsRepository {
  const upsertRow = db.prepare(`
    INSERT INTO groups (group_id, type, name, avatar, introduction, notification, owner_id, create_time, last_info_time,
      member_count, max_member_count, join_option, invite_option, mute_all_members, is_support_topic, custom_fields,
      self_role, self_join_time, last_message_time, last_message_text, status, status_changed_at, synced_at)
    VALUES (@group_id, @type, @name, @avatar, @introduction, @notification, @owner_id, @create_time, @last_info_time,
      @member_count, @max_member_count, @join_option, @invite_option, @mute_all_members, @is_support_topic, @custom_fields,
      @self_role, @self_join_time, @last_message_time, @last_message_text, 'active', NULL, @synced_at)
    ON CONFLICT (group_id) DO UPDATE SET
      type = excluded.type, name = excluded.name, avatar = excluded.avatar, introduction = excluded.introduction,
      notification = excluded.notification, owner_id = excluded.owner_id, create_time = excluded.create_time,
      last_info_time = excluded.last_info_time, member_count = excluded.member_count, max_member_count = excluded.max_member_count,
      join_option = excluded.join_option, invite_option = excluded.invite_option, mute_all_members = excluded.mute_all_members,
      is_support_topic = excluded.is_support_topic, custom_fields = excluded.custom_fields, self_role = excluded.self_role,
      self_join_time = excluded.self_join_time,
      last_message_time = MAX(groups.last_message_time, excluded.last_message_time),
      last_message_text = CASE WHEN excluded.last_message_time >= groups.last_message_time THEN excluded.last_message_text ELSE groups.last_message_text END,
      status = 'active',
      status_changed_at = CASE WHEN groups.status = 'active' THEN groups.status_changed_at ELSE excluded.synced_at END,
      synced_at = excluded.synced_at
  `)
  // Applications carry a copy of their group's name and type (for the inbox's indexes): kept in step here.
  const syncApplications = db.prepare<[string, string, string, string, string]>(
    `UPDATE applications SET group_name = ?, group_type = ? WHERE group_id = ? AND (group_name != ? OR group_type != ?)`,
  )
  const activeIdsQuery = db.prepare<[], { group_id: string }>(`SELECT group_id FROM groups WHERE status = 'active'`)
  const administeredQuery = db.prepare<[], { group_id: string }>(
    `SELECT group_id FROM groups WHERE status = 'active' AND self_role IN ('Owner', 'Admin') ORDER BY group_id`,
  )
  const setStatus = db.prepare<[string, number, string]>(
    `UPDATE groups SET status = ?, status_changed_at = ? WHERE group_id = ? AND status = 'active'`,
  )
  const setDismissed = db.prepare<[string]>(`UPDATE groups SET status = 'dismissed' WHERE group_id = ? AND status = 'left'`)
  const getOne = db.prepare<[string], GroupRow>(`SELECT g.*, ${PENDING_COUNT} AS pending_applications FROM groups g WHERE g.group_id = ?`)
  const typeQuery = db.prepare<[string], { type: string }>('SELECT type FROM groups WHERE group_id = ?')
  const countQuery = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM groups WHERE status = 'active'`)

  const upsertMany = db.transaction((groups: readonly Group[], at: number) => {
    for (const group of groups) {
      upsertRow.run({
        group_id: group.groupID,
        type: group.type,
        name: group.name ?? '',
        avatar: group.avatar ?? '',
        introduction: group.introduction ?? '',
        notification: group.notification ?? '',
        owner_id: group.ownerID ?? '',
        create_time: secondsToMs(group.createTime),
        last_info_time: secondsToMs(Number(group.lastInfoTime ?? 0)),
        member_count: Math.max(0, Math.trunc(Number(group.memberCount ?? 0))),
        max_member_count: Math.max(0, Math.trunc(Number(group.maxMemberCount ?? 0))),
        join_option: group.joinOption ?? '',
        invite_option: group.inviteOption ?? '',
        mute_all_members: group.muteAllMembers ? 1 : 0,
        is_support_topic: group.isSupportTopic ? 1 : 0,
        custom_fields: JSON.stringify(group.groupCustomField ?? []),
        self_role: group.selfInfo?.role ?? 'Member',
        self_join_time: secondsToMs(group.selfInfo?.joinTime),
        last_message_time: secondsToMs(group.lastMessage?.lastTime),
        last_message_text: group.lastMessage?.messageForShow ?? '',
        synced_at: at,
      })
      syncApplications.run(group.name ?? '', group.type, group.groupID, group.name ?? '', group.type)
    }
  })

  const markAbsentMany = db.transaction((presentIDs: ReadonlySet<string>, at: number) => {
    const marked: string[] = []
    for (const { group_id } of activeIdsQuery.all()) {
      if (!presentIDs.has(group_id) && setStatus.run('left', at, group_id).changes > 0) marked.push(group_id)
    }
    return marked
  })

  function list(rawQuery: GroupListQuery): Page<CachedGroup> {
    const query = groupListQuerySchema.parse(rawQuery)
    const where: string[] = []
    const params: Record<string, unknown> = {}
    if (!query.includeInactive) where.push(`g.status = 'active'`)
    if (query.search) {
      where.push(`(g.name LIKE @search ESCAPE '\\' OR g.group_id LIKE @search ESCAPE '\\')`)
      params.search = likePattern(query.search)
    }
    if (query.types?.length) {
      where.push(`g.type IN (SELECT value FROM json_each(@types))`)
      params.types = JSON.stringify(query.types)
    }
    if (query.roles?.length) {
      where.push(`g.self_role IN (SELECT value FROM json_each(@roles))`)
      params.roles = JSON.stringify(query.roles)
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const direction = query.direction === 'desc' ? 'DESC' : 'ASC'
    // Sort columns and direction come from closed enums, never from the caller's text.
    const rows = db
      .prepare<Record<string, unknown>, GroupRow>(
        `SELECT g.*, ${PENDING_COUNT} AS pending_applications FROM groups g ${whereSql}
         ORDER BY ${SORT_COLUMNS[query.sort]} ${direction}, g.group_id ASC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: query.limit, offset: query.offset })
    const total = db.prepare<Record<string, unknown>, { n: number }>(`SELECT COUNT(*) AS n FROM groups g ${whereSql}`).get(params)!.n
    return { rows: rows.map(toCachedGroup), total, offset: query.offset }
  }

  return {
    upsert: (groups, at) => upsertMany(groups, at),
    markAbsent: (presentIDs, at) => markAbsentMany(presentIDs, at),
    markStatus: (groupID, status, at) => setStatus.run(status, at, groupID).changes > 0,
    markDismissed: (groupID) => setDismissed.run(groupID).changes > 0,
    list,
    get: (groupID) => {
      const row = getOne.get(groupID)
      return row ? toCachedGroup(row) : null
    },
    activeIDs: () => activeIdsQuery.all().map((row) => row.group_id),
    administeredIDs: () => administeredQuery.all().map((row) => row.group_id),
    typeOf: (groupID) => typeQuery.get(groupID)?.type ?? null,
    count: () => countQuery.get()!.n,
  }
}
