import type { Db } from '../../db'

/**
 * A chart of a million counter samples must not read a million rows. Each sample also lands in its minute
 * of a rollup (lowest and highest value, first and last time, how many) through a trigger, so samples
 * written any way at all are counted; charts over long ranges read the rollups instead.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE counter_rollups (
      group_id TEXT NOT NULL,
      key TEXT NOT NULL,
      minute INTEGER NOT NULL,
      lo INTEGER NOT NULL,
      hi INTEGER NOT NULL,
      first_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      samples INTEGER NOT NULL,
      PRIMARY KEY (group_id, key, minute)
    ) STRICT;
    INSERT INTO counter_rollups (group_id, key, minute, lo, hi, first_at, last_at, samples)
      SELECT group_id, key, at / 60000, MIN(value), MAX(value), MIN(at), MAX(at), COUNT(*) FROM counter_samples GROUP BY group_id, key, at / 60000;
    -- The moderator's own changes, marked on charts: found without reading the other samples.
    CREATE INDEX counter_samples_by_console ON counter_samples (group_id, key, at) WHERE source = 'console';
    CREATE TRIGGER counter_samples_roll_up AFTER INSERT ON counter_samples BEGIN
      INSERT INTO counter_rollups (group_id, key, minute, lo, hi, first_at, last_at, samples)
      VALUES (NEW.group_id, NEW.key, NEW.at / 60000, NEW.value, NEW.value, NEW.at, NEW.at, 1)
      ON CONFLICT (group_id, key, minute) DO UPDATE SET
        lo = MIN(lo, excluded.lo), hi = MAX(hi, excluded.hi),
        first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at),
        samples = samples + 1;
    END;
  `)
}
