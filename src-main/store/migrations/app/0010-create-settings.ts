import type { Db } from '../../db'

/** Preferences of this installation, one row per key; values are JSON. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL CHECK (json_valid(value)),
      updated_at INTEGER NOT NULL
    ) STRICT;
  `)
}
