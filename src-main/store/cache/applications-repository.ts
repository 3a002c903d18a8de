// Cached pending applications and what became of them. Written by sync (full list, system notices) and
// by the decision journal; read by the inbox.
import type { GroupApplication } from '../../chat/sdk'
import {
  applicationQuerySchema,
  type ApplicationQuery,
  type CachedApplication,
  type Page,
} from '../../shared/domain'
import type { Db } from '../db'
import { likePattern, statementCache } from './rows'
import { indexText, matchExpression } from './text-search'
import { DECISION_LIMITS } from '../../shared/limits'
import type { z } from 'zod'

export type ApplicationStatus = CachedApplication['status']

/** One pending application: group, applicant, type and (for an invitation) the invitee. */
export function applicationKey(application: Pick<GroupApplication, 'groupID' | 'applicant' | 'applicationType' | 'userID'>): string {
  return [application.groupID, application.applicant, application.applicationType, application.userID ?? ''].join('\u001f')
}

interface ApplicationRow {
  application_key: string
  group_id: string
  group_name: string | null
  /** Copied from the group when the application was written; '' when the group was not cached yet. */
  group_type: string
  applicant: string
  applicant_nick: string
  application_type: number
  user_id: string
  note: string
  message_key: number
  first_seen_at: number
  last_seen_at: number
  status: string
  applicant_pending: number
  applicant_approvals: number
  applicant_rejections: number
}

/**
 * messageKey carries the pendency's time in seconds (sdk-facts "Shapes"; the runtime). Trusted only when it
 * reads as a time no later than the console first saw the application.
 */
function appliedAtFrom(messageKey: number, firstSeenAt: number): Date | null {
  const ms = messageKey * 1000
  return ms > Date.UTC(2000, 0, 1) && ms <= firstSeenAt + 60_000 ? new Date(ms) : null
}

// Rows are mapped, not parsed: the schema checks them at the IPC boundary in development, and a page
// of the inbox should not pay for validating what the cache itself wrote.
function toCachedApplication(row: ApplicationRow): CachedApplication {
  return {
    applicationKey: row.application_key,
    groupID: row.group_id,
    groupName: row.group_name ?? row.group_id,
    groupType: row.group_type === '' ? null : (row.group_type as CachedApplication['groupType']),
    applicant: row.applicant,
    applicantNick: row.applicant_nick,
    applicationType: row.application_type === 2 ? 'invite' : 'join',
    userID: row.user_id,
    note: row.note,
    appliedAt: appliedAtFrom(row.message_key, row.first_seen_at),
    firstSeenAt: new Date(row.first_seen_at),
    lastSeenAt: new Date(row.last_seen_at),
    status: row.status as CachedApplication['status'],
    applicantPendingCount: row.applicant_pending,
    applicantApprovals: row.applicant_approvals,
    applicantRejections: row.applicant_rejections,
  }
}

/** Context columns: how many groups the applicant is pending in, and this console's earlier decisions on them. */
const CONTEXT_COLUMNS = `
  (SELECT COUNT(*) FROM applications p WHERE p.applicant = a.applicant AND p.status = 'pending') AS applicant_pending,
  (SELECT COUNT(*) FROM audit_log l WHERE l.applicant = a.applicant AND l.event IN ('sent', 'confirmed') AND l.action = 'Agree') AS applicant_approvals,
  (SELECT COUNT(*) FROM audit_log l WHERE l.applicant = a.applicant AND l.event IN ('sent', 'confirmed') AND l.action = 'Reject') AS applicant_rejections`

const SORTS = {
  age: 'a.first_seen_at',
  group: 'a.group_name COLLATE NOCASE',
  applicant: 'a.applicant',
} as const

export interface ApplicationsRepository {
  /**
   * The service's pending list, as of `at`: each one is (still) pending. When the list is `complete`, a
   * pending row missing from it was handled by someone or withdrawn, so it is marked `gone`. A capped
   * list (the service shows a moderator at most 50: limits.ts APPLICATION_LIST_LIMITS) is only a window:
   * rows outside it stay pending until a decision or a later, complete list settles them.
   */
  reconcilePending(list: readonly GroupApplication[], at: number, complete: boolean): { added: number; gone: number }
  /** One new application learnt from a system notice, without a pull. */
  addPending(application: GroupApplication, at: number): boolean
  markStatus(key: string, status: ApplicationStatus, at: number): boolean
  query(query: ApplicationQuery, now: number): Page<CachedApplication>
  /** Every key matching a filter, in its order, at most DECISION_LIMITS.applicationsPerEnqueue. */
  keys(query: ApplicationQuery, now: number): { keys: string[]; total: number }
  pendingCount(): number
  get(key: string): CachedApplication | null
}

export function createApplicationsRepository(db: Db): ApplicationsRepository {
  const statement = statementCache(db)
  const upsertPending = db.prepare(`
    INSERT INTO applications (application_key, group_id, applicant, applicant_nick, application_type, user_id, note,
      authentication, message_key, first_seen_at, last_seen_at, status, status_changed_at, group_type, group_name)
    VALUES (@key, @group_id, @applicant, @applicant_nick, @application_type, @user_id, @note, @authentication, @message_key,
      @at, @at, 'pending', @at, COALESCE((SELECT type FROM groups WHERE group_id = @group_id), ''),
      COALESCE((SELECT name FROM groups WHERE group_id = @group_id), @group_name))
    ON CONFLICT (application_key) DO UPDATE SET
      applicant_nick = excluded.applicant_nick, note = excluded.note, authentication = excluded.authentication,
      message_key = excluded.message_key, last_seen_at = excluded.last_seen_at,
      group_type = CASE WHEN excluded.group_type != '' THEN excluded.group_type ELSE applications.group_type END,
      group_name = excluded.group_name,
      -- A key that was settled and shows up again is a new application from the same person.
      first_seen_at = CASE WHEN applications.status = 'pending' THEN applications.first_seen_at ELSE excluded.first_seen_at END,
      status_changed_at = CASE WHEN applications.status = 'pending' THEN applications.status_changed_at ELSE excluded.status_changed_at END,
      status = 'pending'
    RETURNING rowid, (first_seen_at = @at) AS is_new
  `)
  const indexRow = db.prepare<[number, string, string]>('INSERT OR REPLACE INTO applications_fts (rowid, note, who) VALUES (?, ?, ?)')
  const pendingKeys = db.prepare<[], { application_key: string }>(`SELECT application_key FROM applications WHERE status = 'pending'`)
  const setStatus = db.prepare<[string, number, string]>(`UPDATE applications SET status = ?, status_changed_at = ? WHERE application_key = ?`)
  const countPending = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM applications WHERE status = 'pending'`)

  function writePending(application: GroupApplication, at: number): boolean {
    const row = upsertPending.get({
      key: applicationKey(application),
      group_id: application.groupID,
      applicant: application.applicant,
      applicant_nick: application.applicantNick ?? '',
      application_type: application.applicationType,
      user_id: application.userID ?? '',
      note: application.note ?? '',
      authentication: application.authentication ?? '',
      message_key: Math.trunc(Number(application.messageKey) || 0),
      group_name: application.groupName ?? '',
      at,
    }) as { rowid: number; is_new: number }
    indexRow.run(row.rowid, indexText(application.note ?? ''), indexText(application.applicant, application.applicantNick ?? ''))
    return row.is_new === 1
  }

  const reconcile = db.transaction((list: readonly GroupApplication[], at: number, complete: boolean) => {
    const seen = new Set<string>()
    let added = 0
    for (const application of list) {
      seen.add(applicationKey(application))
      if (writePending(application, at)) added += 1
    }
    let gone = 0
    if (!complete) return { added, gone }
    for (const { application_key } of pendingKeys.all()) {
      if (!seen.has(application_key)) gone += setStatus.run('gone', at, application_key).changes
    }
    return { added, gone }
  })

  /**
   * The WHERE of a filter, shared by a page of rows, its count and "every matching key". No filter needs the
   * groups table (the type is on the application; group names are matched in a subquery), so counts run on
   * the applications' indexes alone — SQLite does not drop an unused LEFT JOIN from a COUNT by itself.
   */
  function filterClause(q: z.output<typeof applicationQuerySchema>, now: number): { where: string; params: Record<string, unknown> } {
    const where: string[] = []
    const params: Record<string, unknown> = {}
    // One status (the inbox's usual case) as an equality, so the ordered indexes apply.
    if (q.statuses.length === 1) {
      where.push('a.status = @status')
      params.status = q.statuses[0]
    } else {
      where.push(`a.status IN (SELECT value FROM json_each(@statuses))`)
      params.statuses = JSON.stringify(q.statuses)
    }
    if (q.groupIDs?.length) {
      where.push(`a.group_id IN (SELECT value FROM json_each(@groupIDs))`)
      params.groupIDs = JSON.stringify(q.groupIDs)
    }
    if (q.groupTypes?.length === 1) {
      where.push('a.group_type = @groupType')
      params.groupType = q.groupTypes[0]
    } else if (q.groupTypes?.length) {
      where.push(`a.group_type IN (SELECT value FROM json_each(@groupTypes))`)
      params.groupTypes = JSON.stringify(q.groupTypes)
    }
    if (q.applicationTypes?.length === 1) {
      where.push(`a.application_type = @applicationType`)
      params.applicationType = q.applicationTypes[0] === 'invite' ? 2 : 0
    }
    if (q.minAgeSeconds !== undefined) {
      where.push(`a.first_seen_at <= @olderThan`)
      params.olderThan = now - q.minAgeSeconds * 1000
    }
    if (q.maxAgeSeconds !== undefined) {
      where.push(`a.first_seen_at >= @youngerThan`)
      params.youngerThan = now - q.maxAgeSeconds * 1000
    }
    const who = q.applicant ? matchExpression(q.applicant, 'who') : null
    if (q.applicant && who) {
      // An exact userID, or words of the ID or nick (prefix match: "user-001" finds user-00123).
      where.push(
        `a.rowid IN (SELECT rowid FROM applications_fts WHERE applications_fts MATCH @who UNION SELECT m.rowid FROM applications m WHERE m.applicant = @applicant)`,
      )
      params.applicant = q.applicant
      params.who = who
    }
    const fts = q.text ? matchExpression(q.text) : null
    if (q.text && fts) {
      // Notes, applicants and nicks through the full-text index; group names by substring over the (few)
      // groups. One set of rowids from both: the matches drive the query instead of a scan of every row.
      where.push(
        `a.rowid IN (SELECT rowid FROM applications_fts WHERE applications_fts MATCH @fts
          UNION SELECT m.rowid FROM applications m WHERE m.group_id IN (SELECT group_id FROM groups WHERE name LIKE @groupName ESCAPE '\\'))`,
      )
      params.fts = fts
      params.groupName = likePattern(q.text)
    }
    return { where: `WHERE ${where.join(' AND ')}`, params }
  }


  /** The tiebreak runs the same way as the sort, so one index scan (forwards or backwards) yields the page. */
  function orderBy(q: z.output<typeof applicationQuerySchema>): string {
    const direction = q.direction === 'asc' ? 'ASC' : 'DESC'
    return `ORDER BY ${SORTS[q.sort]} ${direction}, a.application_key ${direction}`
  }

  function query(rawQuery: ApplicationQuery, now: number): Page<CachedApplication> {
    const q = applicationQuerySchema.parse(rawQuery)
    const { where, params } = filterClause(q, now)
    // A deferred join: the page's rowids come from the (covering) index alone, however deep the offset; only
    // those rows are read in full, with their context columns.
    const rows = statement(`
      SELECT a.*, g.name AS group_name, ${CONTEXT_COLUMNS}
      FROM applications a LEFT JOIN groups g ON g.group_id = a.group_id
      WHERE a.rowid IN (SELECT a.rowid FROM applications a ${where} ${orderBy(q)} LIMIT @limit OFFSET @offset)
      ${orderBy(q)}`).all({
      ...params,
      limit: q.limit,
      offset: q.offset,
    }) as ApplicationRow[]
    const total = (statement(`SELECT COUNT(*) AS n FROM applications a ${where}`).get(params) as { n: number }).n
    return { rows: rows.map(toCachedApplication), total, offset: q.offset }
  }

  function keys(rawQuery: ApplicationQuery, now: number): { keys: string[]; total: number } {
    const q = applicationQuerySchema.parse(rawQuery)
    const { where, params } = filterClause(q, now)
    const total = (statement(`SELECT COUNT(*) AS n FROM applications a ${where}`).get(params) as { n: number }).n
    const rows = statement(`SELECT a.application_key AS k FROM applications a ${where} ${orderBy(q)} LIMIT @max`).all({ ...params, max: DECISION_LIMITS.applicationsPerEnqueue.value }) as Array<{ k: string }>
    return { keys: rows.map((row) => row.k), total }
  }

  const getOne = db.prepare<[string], ApplicationRow>(`
    SELECT a.*, g.name AS group_name, ${CONTEXT_COLUMNS}
    FROM applications a LEFT JOIN groups g ON g.group_id = a.group_id WHERE a.application_key = ?`)

  return {
    reconcilePending: (list, at, complete) => reconcile(list, at, complete),
    addPending: (application, at) => db.transaction(() => writePending(application, at))(),
    markStatus: (key, status, at) => setStatus.run(status, at, key).changes > 0,
    query,
    keys,
    pendingCount: () => countPending.get()!.n,
    get: (key) => {
      const row = getOne.get(key)
      return row ? toCachedApplication(row) : null
    },
  }
}
