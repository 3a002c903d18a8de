import type { Db } from '../../db'

/**
 * The operations journal: group administration that waits, is paced or is bulk (profile edits, member
 * changes, rollbacks). Like decisions, an operation is a row before it is a call. `base` keeps the values
 * the operation replaces, so a conflict with someone else's change is noticed and a run can be rolled back.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE operation_runs (
      run_id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('profile-edit', 'rollback', 'members')),
      description TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'cancelled')),
      actor TEXT NOT NULL,
      rollback_of INTEGER REFERENCES operation_runs (run_id),
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE operations (
      operation_id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES operation_runs (run_id),
      group_id TEXT NOT NULL,
      command TEXT NOT NULL,
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      base TEXT NOT NULL CHECK (json_valid(base)),
      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'done', 'failed', 'conflict', 'cancelled')),
      -- Send even if the service's values no longer match the base (the moderator chose "apply mine").
      force INTEGER NOT NULL DEFAULT 0 CHECK (force IN (0, 1)),
      attempts INTEGER NOT NULL DEFAULT 0,
      send_after INTEGER NOT NULL,
      outcome_code INTEGER,
      outcome_text TEXT,
      theirs TEXT CHECK (theirs IS NULL OR json_valid(theirs)),
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX operations_by_run ON operations (run_id, state);
    CREATE INDEX operations_ready ON operations (state, send_after) WHERE state IN ('queued', 'sending');
  `)
}
