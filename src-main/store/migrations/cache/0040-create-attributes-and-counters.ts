import type { Db } from '../../db'

/**
 * Custom group attributes and group counters as last seen. Counter values are signed 64-bit: INTEGER
 * here, read with safeIntegers as bigint. Every counter change is also a sample, with where it came from.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE attributes (
      group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      synced_at INTEGER NOT NULL,
      PRIMARY KEY (group_id, key)
    ) STRICT;
    CREATE TABLE counters (
      group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      value INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (group_id, key)
    ) STRICT;
    CREATE TABLE counter_samples (
      sample_id INTEGER PRIMARY KEY,
      group_id TEXT NOT NULL,
      key TEXT NOT NULL,
      value INTEGER NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('sync', 'event', 'console', 'sampling')),
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX counter_samples_by_key_time ON counter_samples (group_id, key, at);
  `)
}
