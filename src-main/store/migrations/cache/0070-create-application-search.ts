import type { Db } from '../../db'
import { indexText } from '../../cache/text-search'

/**
 * Full-text search over applications (note, applicant, nick), rows keyed by the application's rowid. The
 * text is tokenised in JavaScript before it is stored (cache/text-search.ts: Chinese by character), which
 * is why this is not a trigger. Existing rows are indexed here.
 */
export function up(db: Db): void {
  db.exec(`CREATE VIRTUAL TABLE applications_fts USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 2')`)
  const insert = db.prepare<[number, string]>('INSERT INTO applications_fts (rowid, tokens) VALUES (?, ?)')
  for (const row of db.prepare<[], { rowid: number; note: string; applicant: string; applicant_nick: string }>('SELECT rowid, note, applicant, applicant_nick FROM applications').iterate()) {
    insert.run(row.rowid, indexText(row.note, row.applicant, row.applicant_nick))
  }
}
