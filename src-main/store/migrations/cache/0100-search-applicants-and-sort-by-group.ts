import type { Db } from '../../db'
import { indexText } from '../../cache/text-search'

/**
 * Two more inbox orders and filters without full scans:
 * - the group's name is copied onto the application (kept in step when a group is renamed) and indexed,
 *   so sorting by group reads an index instead of sorting every row;
 * - the full-text index gets a column of its own for who applied (applicant and nick), so the applicant
 *   filter is a token search instead of a substring scan, and the note search no longer matches people;
 * - the type indexes carry the other type at their end, so counting "Public join requests" needs no
 *   table lookups.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE applications ADD COLUMN group_name TEXT NOT NULL DEFAULT '';
    UPDATE applications SET group_name = COALESCE((SELECT name FROM groups WHERE groups.group_id = applications.group_id), '');
    CREATE INDEX applications_by_status_group_name ON applications (status, group_name COLLATE NOCASE, application_key);
    DROP INDEX applications_by_status_type_age;
    DROP INDEX applications_by_status_kind_age;
    CREATE INDEX applications_by_status_type_age ON applications (status, group_type, first_seen_at, application_key, application_type);
    CREATE INDEX applications_by_status_kind_age ON applications (status, application_type, first_seen_at, application_key, group_type);
    DROP TABLE applications_fts;
    CREATE VIRTUAL TABLE applications_fts USING fts5(note, who, tokenize = 'unicode61 remove_diacritics 2');
  `)
  const insert = db.prepare<[number, string, string]>('INSERT INTO applications_fts (rowid, note, who) VALUES (?, ?, ?)')
  for (const row of db.prepare<[], { rowid: number; note: string; applicant: string; applicant_nick: string }>('SELECT rowid, note, applicant, applicant_nick FROM applications').iterate()) {
    insert.run(row.rowid, indexText(row.note), indexText(row.applicant, row.applicant_nick))
  }
}
