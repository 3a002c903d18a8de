import type { Db } from '../../db'

/** Members of the groups the account administers (the pull is paced, so not every group has them). */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE members (
      group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
      user_id TEXT NOT NULL,
      nick TEXT NOT NULL DEFAULT '',
      avatar TEXT NOT NULL DEFAULT '',
      role TEXT NOT NULL,
      name_card TEXT NOT NULL DEFAULT '',
      mute_until INTEGER NOT NULL DEFAULT 0,
      join_time INTEGER NOT NULL DEFAULT 0,
      last_send_msg_time INTEGER NOT NULL DEFAULT 0,
      custom_fields TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(custom_fields)),
      synced_at INTEGER NOT NULL,
      PRIMARY KEY (group_id, user_id)
    ) STRICT;
    CREATE INDEX members_by_role ON members (group_id, role);
  `)
}
