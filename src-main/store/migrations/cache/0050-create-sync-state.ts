import type { Db } from '../../db'

/** Per domain (groups, applications, members, attributes, counters): when it was last fully pulled, and the last event seen. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE sync_state (
      domain TEXT PRIMARY KEY NOT NULL,
      last_full_pull_at INTEGER,
      last_event_at INTEGER,
      last_error TEXT
    ) STRICT;
  `)
}
