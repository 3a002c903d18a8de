import type { Db } from '../../db'

/**
 * Groups as the service last described them, plus what the console learnt about them: the account's own
 * role, and whether the group is still there. Dismissed or left groups are marked, never dropped, so a
 * moderator can still see what happened to them.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE groups (
      group_id TEXT PRIMARY KEY NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community')),
      name TEXT NOT NULL,
      avatar TEXT NOT NULL DEFAULT '',
      introduction TEXT NOT NULL DEFAULT '',
      notification TEXT NOT NULL DEFAULT '',
      owner_id TEXT NOT NULL DEFAULT '',
      create_time INTEGER NOT NULL DEFAULT 0,
      last_info_time INTEGER NOT NULL DEFAULT 0,
      member_count INTEGER NOT NULL DEFAULT 0,
      max_member_count INTEGER NOT NULL DEFAULT 0,
      join_option TEXT NOT NULL DEFAULT '',
      invite_option TEXT NOT NULL DEFAULT '',
      mute_all_members INTEGER NOT NULL DEFAULT 0 CHECK (mute_all_members IN (0, 1)),
      is_support_topic INTEGER NOT NULL DEFAULT 0 CHECK (is_support_topic IN (0, 1)),
      custom_fields TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(custom_fields)),
      self_role TEXT NOT NULL DEFAULT 'Member',
      self_join_time INTEGER NOT NULL DEFAULT 0,
      last_message_time INTEGER NOT NULL DEFAULT 0,
      last_message_text TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dismissed', 'left')),
      status_changed_at INTEGER,
      synced_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX groups_by_name ON groups (name COLLATE NOCASE);
    CREATE INDEX groups_by_type_role ON groups (type, self_role);
  `)
}
