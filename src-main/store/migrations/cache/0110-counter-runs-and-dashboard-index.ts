import type { Db } from '../../db'

/**
 * Bulk counter changes are runs of the operations journal too: the run kinds' CHECK gains 'counters'
 * (SQLite cannot alter a CHECK, so the table is rebuilt with its rows). And the dashboard ranks groups by
 * one key's value: an index for that.
 */
export function up(db: Db): void {
  // Operations reference their run: checked at commit, when the rebuilt table has taken the old one's name.
  db.pragma('defer_foreign_keys = ON')
  db.exec(`
    CREATE TABLE operation_runs_new (
      run_id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('profile-edit', 'rollback', 'members', 'counters')),
      description TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'cancelled')),
      actor TEXT NOT NULL,
      rollback_of INTEGER REFERENCES operation_runs (run_id),
      created_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO operation_runs_new SELECT * FROM operation_runs;
    DROP TABLE operation_runs;
    ALTER TABLE operation_runs_new RENAME TO operation_runs;
    CREATE INDEX counters_by_key_value ON counters (key, value);
  `)
}
