// Typed access to the emulator database: every query a prepared statement, prepared once.
import type { Statement } from 'better-sqlite3'
import type { EmulatorDatabase } from './database'

export interface GroupRow {
  group_id: string
  type: string
  name: string
  avatar: string
  introduction: string
  notification: string
  owner_id: string
  create_time: number
  last_info_time: number
  info_sequence: number
  max_member_count: number
  member_count: number
  join_option: string
  invite_option: string
  mute_all: number
  is_support_topic: number
  custom_fields: string
  attribute_sequence: number
  counter_sequence: number
}

export interface MemberRow {
  group_id: string
  user_id: string
  role: string
  join_time: number
  name_card: string
  mute_until: number
  custom_fields: string
  last_send_msg_time: number
}

export interface MemberWithUserRow extends MemberRow {
  nick: string
  avatar: string
}

export interface ApplicationRow {
  authentication: string
  group_id: string
  applicant: string
  invitee: string
  application_type: number
  note: string
  message_key: number
  created_at: number
  status: 'pending' | 'agreed' | 'rejected'
  handled_by: string | null
  handled_at: number | null
  handle_message: string | null
}

export interface PendingApplicationRow extends ApplicationRow {
  applicant_nick: string
  group_name: string
}

export interface GroupWithSelfRow extends GroupRow {
  self_role: string
  self_join_time: number
  self_name_card: string
}

export interface UserRow {
  user_id: string
  nick: string
  avatar: string
}

export class EmulatorStore {
  readonly db: EmulatorDatabase
  private readonly s: ReturnType<typeof prepare>

  constructor(db: EmulatorDatabase) {
    this.db = db
    this.s = prepare(db)
  }

  /** Run `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)()
  }

  // Users --------------------------------------------------------------------------------------------------
  ensureUser(userID: string, nick = ''): void {
    this.s.insertUser.run(userID, nick, '')
  }
  getUser(userID: string): UserRow | undefined {
    return this.s.getUser.get(userID) as UserRow | undefined
  }

  // Groups -------------------------------------------------------------------------------------------------
  getGroup(groupID: string): GroupRow | undefined {
    return this.s.getGroup.get(groupID) as GroupRow | undefined
  }
  insertGroup(row: GroupRow): void {
    this.s.insertGroup.run(row)
  }
  updateGroup(row: GroupRow): void {
    this.s.updateGroup.run(row)
  }
  deleteGroup(groupID: string): void {
    this.s.deleteGroup.run(groupID)
  }
  groupsOfUser(userID: string): GroupWithSelfRow[] {
    return this.s.groupsOfUser.all(userID) as GroupWithSelfRow[]
  }
  countGroupsOfUser(userID: string): number {
    return (this.s.countGroupsOfUser.get(userID) as { n: number }).n
  }
  groupIDsOfUserByType(userID: string, type: string): string[] {
    return (this.s.groupIDsOfUserByType.all(userID, type) as { group_id: string }[]).map((r) => r.group_id)
  }

  // Members ------------------------------------------------------------------------------------------------
  getMember(groupID: string, userID: string): MemberRow | undefined {
    return this.s.getMember.get(groupID, userID) as MemberRow | undefined
  }
  getMemberWithUser(groupID: string, userID: string): MemberWithUserRow | undefined {
    return this.s.getMemberWithUser.get(groupID, userID) as MemberWithUserRow | undefined
  }
  insertMember(row: MemberRow): void {
    this.s.insertMember.run(row)
    this.s.adjustMemberCount.run(1, row.group_id)
  }
  deleteMember(groupID: string, userID: string): boolean {
    const removed = this.s.deleteMember.run(groupID, userID).changes > 0
    if (removed) this.s.adjustMemberCount.run(-1, groupID)
    return removed
  }
  updateMember(row: MemberRow): void {
    this.s.updateMember.run(row)
  }
  listMembers(groupID: string, offset: number, limit: number, role: string | null): MemberWithUserRow[] {
    return this.s.listMembers.all({ groupID, offset, limit, role }) as MemberWithUserRow[]
  }
  memberIDs(groupID: string): string[] {
    return (this.s.memberIDs.all(groupID) as { user_id: string }[]).map((r) => r.user_id)
  }
  moderatorIDs(groupID: string): string[] {
    return (this.s.moderatorIDs.all(groupID) as { user_id: string }[]).map((r) => r.user_id)
  }

  // Applications -------------------------------------------------------------------------------------------
  insertApplication(row: ApplicationRow): void {
    this.s.insertApplication.run(row)
  }
  getApplication(authentication: string): ApplicationRow | undefined {
    return this.s.getApplication.get(authentication) as ApplicationRow | undefined
  }
  pendingApplicationOf(groupID: string, applicant: string, invitee: string): ApplicationRow | undefined {
    return this.s.pendingApplicationOf.get(groupID, applicant, invitee) as ApplicationRow | undefined
  }
  updateApplicationNote(authentication: string, note: string, createdAt: number, messageKey: number): void {
    this.s.updateApplicationNote.run(note, createdAt, messageKey, authentication)
  }
  /** Decide a pending application. False when it was no longer pending: someone else decided first. */
  decideApplication(authentication: string, status: 'agreed' | 'rejected', by: string, at: number, message: string): boolean {
    return this.s.decideApplication.run(status, by, at, message, authentication).changes === 1
  }
  pendingApplicationsFor(moderatorID: string, limit: number): PendingApplicationRow[] {
    return this.s.pendingApplicationsFor.all(moderatorID, limit) as PendingApplicationRow[]
  }

  // Attributes ---------------------------------------------------------------------------------------------
  attributesOf(groupID: string): Map<string, string> {
    const rows = this.s.attributesOf.all(groupID) as { key: string; value: string }[]
    return new Map(rows.map((r) => [r.key, r.value]))
  }
  putAttribute(groupID: string, key: string, value: string): void {
    this.s.putAttribute.run(groupID, key, value)
  }
  deleteAttribute(groupID: string, key: string): void {
    this.s.deleteAttribute.run(groupID, key)
  }
  clearAttributes(groupID: string): void {
    this.s.clearAttributes.run(groupID)
  }

  // Counters (INTEGER read as bigint: signed 64-bit values) -------------------------------------------------
  countersOf(groupID: string): Map<string, bigint> {
    const rows = this.s.countersOf.all(groupID) as { key: string; value: bigint }[]
    return new Map(rows.map((r) => [r.key, r.value]))
  }
  putCounter(groupID: string, key: string, value: bigint): void {
    this.s.putCounter.run(groupID, key, value)
  }

  // Applied-call counts ------------------------------------------------------------------------------------
  countApplied(kind: string): void {
    this.s.countApplied.run(kind)
  }
  appliedCalls(): Record<string, number> {
    const rows = this.s.appliedCalls.all() as { kind: string; count: number }[]
    return Object.fromEntries(rows.map((r) => [r.kind, r.count]))
  }
  resetAppliedCalls(): void {
    this.s.resetAppliedCalls.run()
  }

  // Meta ---------------------------------------------------------------------------------------------------
  getMeta(key: string): string | undefined {
    return (this.s.getMeta.get(key) as { value: string } | undefined)?.value
  }
  setMeta(key: string, value: string): void {
    this.s.setMeta.run(key, value)
  }

  stats(): { groups: number; members: number; pendingApplications: number; users: number } {
    return this.s.stats.get() as { groups: number; members: number; pendingApplications: number; users: number }
  }
}

function prepare(db: EmulatorDatabase) {
  const q = (sql: string): Statement => db.prepare(sql)
  const groupColumns =
    'group_id, type, name, avatar, introduction, notification, owner_id, create_time, last_info_time, info_sequence, ' +
    'max_member_count, member_count, join_option, invite_option, mute_all, is_support_topic, custom_fields, attribute_sequence, counter_sequence'
  const groupValues = groupColumns
    .split(', ')
    .map((c) => `@${c}`)
    .join(', ')
  return {
    insertUser: q('INSERT INTO users (user_id, nick, avatar) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING'),
    getUser: q('SELECT user_id, nick, avatar FROM users WHERE user_id = ?'),

    getGroup: q(`SELECT ${groupColumns} FROM groups WHERE group_id = ?`),
    insertGroup: q(`INSERT INTO groups (${groupColumns}) VALUES (${groupValues})`),
    updateGroup: q(
      `UPDATE groups SET name = @name, avatar = @avatar, introduction = @introduction, notification = @notification,
         owner_id = @owner_id, last_info_time = @last_info_time, info_sequence = @info_sequence,
         max_member_count = @max_member_count, join_option = @join_option, invite_option = @invite_option,
         mute_all = @mute_all, custom_fields = @custom_fields, attribute_sequence = @attribute_sequence,
         counter_sequence = @counter_sequence
       WHERE group_id = @group_id`,
    ),
    deleteGroup: q('DELETE FROM groups WHERE group_id = ?'),
    groupsOfUser: q(
      `SELECT ${groupColumns
        .split(', ')
        .map((c) => `g.${c}`)
        .join(', ')}, m.role AS self_role, m.join_time AS self_join_time, m.name_card AS self_name_card
       FROM members m JOIN groups g ON g.group_id = m.group_id WHERE m.user_id = ? ORDER BY g.group_id`,
    ),
    countGroupsOfUser: q('SELECT COUNT(*) AS n FROM members WHERE user_id = ?'),
    groupIDsOfUserByType: q('SELECT m.group_id FROM members m JOIN groups g ON g.group_id = m.group_id WHERE m.user_id = ? AND g.type = ?'),

    getMember: q('SELECT * FROM members WHERE group_id = ? AND user_id = ?'),
    getMemberWithUser: q(
      `SELECT m.*, COALESCE(u.nick, '') AS nick, COALESCE(u.avatar, '') AS avatar
       FROM members m LEFT JOIN users u ON u.user_id = m.user_id WHERE m.group_id = ? AND m.user_id = ?`,
    ),
    insertMember: q(
      `INSERT INTO members (group_id, user_id, role, join_time, name_card, mute_until, custom_fields, last_send_msg_time)
       VALUES (@group_id, @user_id, @role, @join_time, @name_card, @mute_until, @custom_fields, @last_send_msg_time)`,
    ),
    deleteMember: q('DELETE FROM members WHERE group_id = ? AND user_id = ?'),
    adjustMemberCount: q('UPDATE groups SET member_count = member_count + ? WHERE group_id = ?'),
    updateMember: q(
      `UPDATE members SET role = @role, name_card = @name_card, mute_until = @mute_until, custom_fields = @custom_fields
       WHERE group_id = @group_id AND user_id = @user_id`,
    ),
    listMembers: q(
      `SELECT m.*, COALESCE(u.nick, '') AS nick, COALESCE(u.avatar, '') AS avatar
       FROM members m LEFT JOIN users u ON u.user_id = m.user_id
       WHERE m.group_id = @groupID AND (@role IS NULL OR m.role = @role)
       ORDER BY m.join_time, m.user_id LIMIT @limit OFFSET @offset`,
    ),
    memberIDs: q('SELECT user_id FROM members WHERE group_id = ?'),
    moderatorIDs: q("SELECT user_id FROM members WHERE group_id = ? AND role IN ('Owner', 'Admin')"),

    insertApplication: q(
      `INSERT INTO applications (authentication, group_id, applicant, invitee, application_type, note, message_key, created_at, status)
       VALUES (@authentication, @group_id, @applicant, @invitee, @application_type, @note, @message_key, @created_at, @status)`,
    ),
    getApplication: q('SELECT * FROM applications WHERE authentication = ?'),
    pendingApplicationOf: q("SELECT * FROM applications WHERE group_id = ? AND applicant = ? AND invitee = ? AND status = 'pending'"),
    updateApplicationNote: q('UPDATE applications SET note = ?, created_at = ?, message_key = ? WHERE authentication = ?'),
    decideApplication: q(
      "UPDATE applications SET status = ?, handled_by = ?, handled_at = ?, handle_message = ? WHERE authentication = ? AND status = 'pending'",
    ),
    pendingApplicationsFor: q(
      `SELECT a.*, COALESCE(u.nick, '') AS applicant_nick, g.name AS group_name
       FROM members m
       JOIN applications a ON a.group_id = m.group_id AND a.status = 'pending'
       JOIN groups g ON g.group_id = a.group_id
       LEFT JOIN users u ON u.user_id = a.applicant
       WHERE m.user_id = ? AND m.role IN ('Owner', 'Admin')
       ORDER BY a.created_at, a.authentication LIMIT ?`,
    ),

    attributesOf: q('SELECT key, value FROM attributes WHERE group_id = ? ORDER BY key'),
    putAttribute: q('INSERT INTO attributes (group_id, key, value) VALUES (?, ?, ?) ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value'),
    deleteAttribute: q('DELETE FROM attributes WHERE group_id = ? AND key = ?'),
    clearAttributes: q('DELETE FROM attributes WHERE group_id = ?'),

    countersOf: q('SELECT key, value FROM counters WHERE group_id = ? ORDER BY key').safeIntegers(true),
    putCounter: q('INSERT INTO counters (group_id, key, value) VALUES (?, ?, ?) ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value'),

    countApplied: q('INSERT INTO applied_calls (kind, count) VALUES (?, 1) ON CONFLICT (kind) DO UPDATE SET count = count + 1'),
    appliedCalls: q('SELECT kind, count FROM applied_calls ORDER BY kind'),
    resetAppliedCalls: q('DELETE FROM applied_calls'),

    getMeta: q('SELECT value FROM meta WHERE key = ?'),
    setMeta: q('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),

    stats: q(
      `SELECT (SELECT COUNT(*) FROM groups) AS groups, (SELECT COUNT(*) FROM members) AS members,
              (SELECT COUNT(*) FROM applications WHERE status = 'pending') AS pendingApplications,
              (SELECT COUNT(*) FROM users) AS users`,
    ),
  }
}
