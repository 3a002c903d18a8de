import type { Db } from '../../db'

/**
 * Pending applications (join requests, and invitations that need approval), kept after they leave the
 * service's list with what became of them: handled here, handled elsewhere, or simply gone.
 * `application_key` identifies one pending application: group, applicant, type and invitee.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE applications (
      application_key TEXT PRIMARY KEY NOT NULL,
      group_id TEXT NOT NULL,
      applicant TEXT NOT NULL,
      applicant_nick TEXT NOT NULL DEFAULT '',
      application_type INTEGER NOT NULL CHECK (application_type IN (0, 2)),
      user_id TEXT NOT NULL DEFAULT '',
      note TEXT NOT NULL DEFAULT '',
      authentication TEXT NOT NULL DEFAULT '',
      message_key INTEGER NOT NULL DEFAULT 0,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'handled-here', 'handled-elsewhere', 'gone')),
      status_changed_at INTEGER
    ) STRICT;
    CREATE INDEX applications_by_status_age ON applications (status, first_seen_at);
    CREATE INDEX applications_by_group ON applications (group_id, status);
    CREATE INDEX applications_by_applicant ON applications (applicant, status);
  `)
}
