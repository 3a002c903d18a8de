import type { Db } from '../../db'

/**
 * The inbox pages through tens of thousands of applications, newest first, filtered by group type or
 * application type. Each of those orders gets an index that ends in the same tiebreak the query uses, so
 * a page is an index range rather than a sort of every row; the group's type is copied onto the
 * application (a group's type never changes) so filtering by it needs no join.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE applications ADD COLUMN group_type TEXT NOT NULL DEFAULT '';
    UPDATE applications SET group_type = COALESCE((SELECT type FROM groups WHERE groups.group_id = applications.group_id), '');
    DROP INDEX applications_by_status_age;
    CREATE INDEX applications_by_status_age ON applications (status, first_seen_at, application_key);
    CREATE INDEX applications_by_status_type_age ON applications (status, group_type, first_seen_at, application_key);
    CREATE INDEX applications_by_status_kind_age ON applications (status, application_type, first_seen_at, application_key);
    CREATE INDEX applications_by_status_applicant ON applications (status, applicant, application_key);
  `)
}
