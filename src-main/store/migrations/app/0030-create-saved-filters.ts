import type { Db } from '../../db'

/** The inbox's named filters. Per installation, since a moderator's habits outlive an account switch. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE saved_filters (
      name TEXT PRIMARY KEY NOT NULL,
      query TEXT NOT NULL CHECK (json_valid(query)),
      updated_at INTEGER NOT NULL
    ) STRICT;
  `)
}
