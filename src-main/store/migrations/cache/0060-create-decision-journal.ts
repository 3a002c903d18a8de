import type { Db } from '../../db'

/**
 * The decision journal (ARCHITECTURE "Durable decisions"): a moderator's decision is a row before it is a
 * network call. A job is one enqueue (one bulk approve or reject); each decision carries everything needed
 * to send it, so it can be sent after a restart without the application row. The audit log records every
 * step a moderator would ask about later.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE decision_jobs (
      job_id INTEGER PRIMARY KEY,
      action TEXT NOT NULL CHECK (action IN ('Agree', 'Reject')),
      message TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'cancelled')),
      actor TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      undo_until INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE decisions (
      decision_id INTEGER PRIMARY KEY,
      job_id INTEGER NOT NULL REFERENCES decision_jobs (job_id),
      application_key TEXT NOT NULL,
      group_id TEXT NOT NULL,
      applicant TEXT NOT NULL,
      application_type INTEGER NOT NULL,
      user_id TEXT NOT NULL DEFAULT '',
      authentication TEXT NOT NULL DEFAULT '',
      message_key INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'done', 'failed', 'cancelled')),
      send_after INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      -- Set when a send may have reached the service without its reply reaching us (crash, timeout, drop).
      maybe_applied INTEGER NOT NULL DEFAULT 0 CHECK (maybe_applied IN (0, 1)),
      outcome TEXT CHECK (outcome IN ('sent', 'decided-elsewhere', 'confirmed', 'failed', 'undone', 'cancelled')),
      outcome_code INTEGER,
      outcome_text TEXT,
      decided_by TEXT,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX decisions_by_job ON decisions (job_id, state);
    CREATE INDEX decisions_ready ON decisions (state, send_after) WHERE state IN ('queued', 'sending');
    CREATE INDEX decisions_by_application ON decisions (application_key, state);

    CREATE TABLE audit_log (
      audit_id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      job_id INTEGER,
      decision_id INTEGER,
      group_id TEXT NOT NULL,
      group_name TEXT NOT NULL DEFAULT '',
      applicant TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('Agree', 'Reject')),
      message TEXT NOT NULL DEFAULT '',
      event TEXT NOT NULL CHECK (event IN ('queued', 'undone', 'cancelled', 'sent', 'decided-elsewhere', 'confirmed', 'failed', 'skipped')),
      outcome_code INTEGER,
      outcome_text TEXT
    ) STRICT;
    CREATE INDEX audit_by_time ON audit_log (at);
    CREATE INDEX audit_by_applicant ON audit_log (applicant, at);
    CREATE INDEX audit_by_group ON audit_log (group_id, at);
  `)
}
