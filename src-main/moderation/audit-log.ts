// Reading and exporting the audit log. Rows are written by the decision journal, in the same transaction
// as the decision they describe.
import type { AccountCache } from '../store/cache'
import { auditEntrySchema, auditQuerySchema, type AuditEntry, type AuditQuery, type Page } from '../shared/domain'
import { statementCache } from '../store/cache/rows'

interface AuditRow {
  audit_id: number
  at: number
  actor: string
  job_id: number | null
  group_id: string
  group_name: string
  applicant: string
  action: 'Agree' | 'Reject'
  message: string
  event: string
  outcome_code: number | null
  outcome_text: string | null
}

function toEntry(row: AuditRow): AuditEntry {
  return auditEntrySchema.parse({
    auditID: row.audit_id,
    at: new Date(row.at),
    actor: row.actor,
    jobID: row.job_id,
    groupID: row.group_id,
    groupName: row.group_name,
    applicant: row.applicant,
    action: row.action === 'Agree' ? 'approve' : 'reject',
    message: row.message,
    event: row.event,
    outcomeCode: row.outcome_code,
    outcomeText: row.outcome_text,
  })
}

export interface AuditLog {
  query(query: AuditQuery): Page<AuditEntry>
  /** Every matching entry, oldest first, as CSV or JSON Lines. */
  export(query: Omit<AuditQuery, 'offset' | 'limit'>, format: 'csv' | 'jsonl'): { content: string; rows: number }
}

const CSV_COLUMNS: Array<[string, (entry: AuditEntry) => string]> = [
  ['at', (entry) => entry.at.toISOString()],
  ['actor', (entry) => entry.actor],
  ['job', (entry) => (entry.jobID === null ? '' : String(entry.jobID))],
  ['group_id', (entry) => entry.groupID],
  ['group_name', (entry) => entry.groupName],
  ['applicant', (entry) => entry.applicant],
  ['action', (entry) => entry.action],
  ['message', (entry) => entry.message],
  ['event', (entry) => entry.event],
  ['code', (entry) => (entry.outcomeCode === null ? '' : String(entry.outcomeCode))],
  ['outcome', (entry) => entry.outcomeText ?? ''],
]

/** RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet never runs a field as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function createAuditLog(cache: AccountCache): AuditLog {
  const statement = statementCache(cache.db)

  function where(q: Omit<AuditQuery, 'offset' | 'limit'>): { sql: string; params: Record<string, unknown> } {
    const clauses: string[] = []
    const params: Record<string, unknown> = {}
    if (q.from) (clauses.push('at >= @from'), (params.from = q.from.getTime()))
    if (q.to) (clauses.push('at <= @to'), (params.to = q.to.getTime()))
    if (q.groupID) (clauses.push('group_id = @groupID'), (params.groupID = q.groupID))
    if (q.applicant) (clauses.push('applicant = @applicant'), (params.applicant = q.applicant))
    if (q.jobID) (clauses.push('job_id = @jobID'), (params.jobID = q.jobID))
    if (q.actions?.length === 1) (clauses.push('action = @action'), (params.action = q.actions[0] === 'approve' ? 'Agree' : 'Reject'))
    if (q.events?.length) (clauses.push('event IN (SELECT value FROM json_each(@events))'), (params.events = JSON.stringify(q.events)))
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
  }

  return {
    query(rawQuery) {
      const q = auditQuerySchema.parse(rawQuery)
      const { sql, params } = where(q)
      const rows = statement(`SELECT * FROM audit_log ${sql} ORDER BY at DESC, audit_id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: q.limit, offset: q.offset }) as AuditRow[]
      const total = (statement(`SELECT COUNT(*) AS n FROM audit_log ${sql}`).get(params) as { n: number }).n
      return { rows: rows.map(toEntry), total, offset: q.offset }
    },
    export(q, format) {
      const { sql, params } = where(q)
      const lines: string[] = format === 'csv' ? [CSV_COLUMNS.map(([name]) => name).join(',')] : []
      let rows = 0
      for (const row of statement(`SELECT * FROM audit_log ${sql} ORDER BY at, audit_id`).iterate(params) as Iterable<AuditRow>) {
        const entry = toEntry(row)
        lines.push(format === 'csv' ? CSV_COLUMNS.map(([, read]) => csvField(read(entry))).join(',') : JSON.stringify(entry))
        rows += 1
      }
      return { content: lines.join('\n') + '\n', rows }
    },
  }
}
