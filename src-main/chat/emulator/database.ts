// The emulator's own SQLite database: the sandbox behaves like a server across restarts (ARCHITECTURE
// "Two connections"). Separate from the console's store on purpose: the console must not see it.
import Database from 'better-sqlite3'

export type EmulatorDatabase = Database.Database

/** Bumped when the schema changes; an older file is refused rather than misread. */
export const EMULATOR_SCHEMA_VERSION = 1

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  user_id TEXT PRIMARY KEY,
  nick TEXT NOT NULL DEFAULT '',
  avatar TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE IF NOT EXISTS groups (
  group_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  avatar TEXT NOT NULL,
  introduction TEXT NOT NULL,
  notification TEXT NOT NULL,
  owner_id TEXT NOT NULL,           -- '' once a Work group's owner has left
  create_time INTEGER NOT NULL,     -- seconds
  last_info_time INTEGER NOT NULL,  -- seconds
  info_sequence INTEGER NOT NULL,
  max_member_count INTEGER NOT NULL,-- 0 = unlimited (AVChatRoom)
  member_count INTEGER NOT NULL,
  join_option TEXT NOT NULL,
  invite_option TEXT NOT NULL,
  mute_all INTEGER NOT NULL,
  is_support_topic INTEGER NOT NULL,
  custom_fields TEXT NOT NULL,      -- JSON [{key, value}]
  attribute_sequence INTEGER NOT NULL DEFAULT 0,
  counter_sequence INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE IF NOT EXISTS members (
  group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  join_time INTEGER NOT NULL,       -- seconds
  name_card TEXT NOT NULL DEFAULT '',
  mute_until INTEGER NOT NULL DEFAULT 0, -- seconds
  custom_fields TEXT NOT NULL DEFAULT '[]',
  last_send_msg_time INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS members_by_user ON members (user_id, role);

CREATE TABLE IF NOT EXISTS applications (
  authentication TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
  applicant TEXT NOT NULL,
  invitee TEXT NOT NULL DEFAULT '',  -- applicationType 2 only
  application_type INTEGER NOT NULL,
  note TEXT NOT NULL,
  message_key INTEGER NOT NULL,
  created_at INTEGER NOT NULL,       -- milliseconds, for a stable order
  status TEXT NOT NULL CHECK (status IN ('pending', 'agreed', 'rejected')),
  handled_by TEXT,
  handled_at INTEGER,
  handle_message TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS applications_by_group ON applications (group_id, status, created_at);
CREATE UNIQUE INDEX IF NOT EXISTS applications_one_pending
  ON applications (group_id, applicant, invitee) WHERE status = 'pending';

CREATE TABLE IF NOT EXISTS attributes (
  group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (group_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS counters (
  group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (group_id, key)
) STRICT, WITHOUT ROWID;

-- Every state-changing call the service applied, per kind: proof that nothing was applied twice.
CREATE TABLE IF NOT EXISTS applied_calls (
  kind TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`

/** Open (and create if needed) the emulator database. `:memory:` for unit tests. */
export function openEmulatorDatabase(file: string): EmulatorDatabase {
  const db = new Database(file)
  if (file !== ':memory:') {
    db.pragma('journal_mode = WAL')
    // A server that says it applied something must still have it after a crash.
    db.pragma('synchronous = FULL')
  }
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  const version = Number(db.pragma('user_version', { simple: true }))
  if (version > EMULATOR_SCHEMA_VERSION) {
    db.close()
    throw new Error(`emulator database ${file} has schema ${version}, newer than this emulator (${EMULATOR_SCHEMA_VERSION})`)
  }
  db.exec('BEGIN')
  try {
    db.exec(SCHEMA)
    db.pragma(`user_version = ${EMULATOR_SCHEMA_VERSION}`)
    db.exec('COMMIT')
  } catch (error) {
    db.exec('ROLLBACK')
    db.close()
    throw error
  }
  return db
}
