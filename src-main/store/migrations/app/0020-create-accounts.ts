import type { Db } from '../../db'

/**
 * The accounts this installation has connected as (the sandbox user, cloud users), so the console can
 * reopen the last one and find its cache database. Credentials are never stored here.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE accounts (
      account_key TEXT PRIMARY KEY NOT NULL,
      connection TEXT NOT NULL CHECK (connection IN ('sandbox', 'cloud')),
      sdk_app_id INTEGER,
      user_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_used_at INTEGER NOT NULL
    ) STRICT;
  `)
}
