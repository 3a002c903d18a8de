// Opening a console database: pragmas, integrity, and migrations. Every database the console keeps
// (the app database, one cache per account) is opened here, so the rules of ARCHITECTURE.md "SQLite"
// hold for all of them.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export type Db = Database.Database

export interface Migration {
  /** Numbered in steps of ten, so a fix can slot in between. Becomes `PRAGMA user_version`. */
  version: number
  name: string
  up(db: Db): void
}

export class DatabaseTooNewError extends Error {
  constructor(file: string, found: number, supported: number) {
    super(
      `The database ${file} was written by a newer version of the console (schema ${found}; this version knows up to ${supported}). ` +
        'Update the console, or move the file aside to start from an empty cache.',
    )
    this.name = 'DatabaseTooNewError'
  }
}

export class DatabaseCorruptError extends Error {
  constructor(file: string, problems: string[]) {
    super(`The database ${file} failed its integrity check: ${problems.slice(0, 3).join('; ')}`)
    this.name = 'DatabaseCorruptError'
  }
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, migration) => Math.max(max, migration.version), 0)
}

function checkMigrationList(migrations: readonly Migration[]): void {
  let previous = 0
  for (const migration of migrations) {
    if (migration.version <= previous || migration.version % 10 !== 0) {
      throw new Error(`Migration ${migration.version} (${migration.name}) is out of order or not a multiple of ten`)
    }
    previous = migration.version
  }
}

/**
 * Brings the schema up to `target` (default: the latest). All pending migrations run in one transaction,
 * so a failure leaves the database exactly as it was.
 */
export function migrate(db: Db, migrations: readonly Migration[], file: string, target = latestVersion(migrations)): number {
  checkMigrationList(migrations)
  const current = db.pragma('user_version', { simple: true }) as number
  const supported = latestVersion(migrations)
  if (current > supported) throw new DatabaseTooNewError(file, current, supported)
  const pending = migrations.filter((migration) => migration.version > current && migration.version <= target)
  if (pending.length === 0) return current
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db)
      // user_version cannot take a bound parameter; the value is an integer we control.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`)
    }
  })()
  return db.pragma('user_version', { simple: true }) as number
}

export interface OpenOptions {
  migrations: readonly Migration[]
  /** Stop at this version: for migration tests only. */
  targetVersion?: number
}

/** Opens (creating when missing) a database file, or `:memory:` for tests. */
export function openDatabase(file: string, options: OpenOptions): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    // Set on every open: synchronous is a per-connection setting, and decisions must survive power loss.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    const problems = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((row) => row.quick_check)
    if (problems.length !== 1 || problems[0] !== 'ok') throw new DatabaseCorruptError(file, problems)
    migrate(db, options.migrations, file, options.targetVersion)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
