import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { DatabaseCorruptError, DatabaseTooNewError, latestVersion, openDatabase, type Migration } from './db'
import { appMigrations, cacheMigrations } from './migrations'

const tempDirs: string[] = []
function tempFile(name = 'console.db'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-db-'))
  tempDirs.push(dir)
  return path.join(dir, name)
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function schemaText(db: Database.Database): string {
  return db.prepare<[], { sql: string | null }>('SELECT sql FROM sqlite_schema ORDER BY name').all().map((row) => row.sql ?? '').join('\n')
}

function tableNames(db: Database.Database): string[] {
  return db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all().map((row) => row.name)
}

describe('opening a database', () => {
  it('sets the durability pragmas on every open', () => {
    const file = tempFile()
    openDatabase(file, { migrations: appMigrations }).close()
    const db = openDatabase(file, { migrations: appMigrations })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    db.close()
  })

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const file = tempFile()
    const raw = new Database(file)
    raw.pragma(`user_version = ${latestVersion(appMigrations) + 10}`)
    raw.close()
    expect(() => openDatabase(file, { migrations: appMigrations })).toThrow(DatabaseTooNewError)
    expect(() => openDatabase(file, { migrations: appMigrations })).toThrow(/newer version of the console/)
    const after = new Database(file)
    expect(after.pragma('user_version', { simple: true })).toBe(latestVersion(appMigrations) + 10)
    expect(tableNames(after)).toEqual([])
    after.close()
  })

  it('refuses a file that is not a database with a clear error', () => {
    const file = tempFile()
    fs.writeFileSync(file, 'this is not sqlite'.repeat(400))
    expect(() => openDatabase(file, { migrations: appMigrations })).toThrow()
  })

  it('reports corruption found by quick_check', () => {
    const file = tempFile()
    const db = openDatabase(file, { migrations: appMigrations })
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT) STRICT; CREATE INDEX filler_text ON filler(text);')
    const insert = db.prepare('INSERT INTO filler (text) VALUES (?)')
    for (let i = 0; i < 2000; i += 1) insert.run(`row ${i} ${'x'.repeat(50)}`)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const indexPage = db.prepare<[], { rootpage: number }>("SELECT rootpage FROM sqlite_schema WHERE name = 'filler_text'").get()!.rootpage
    const pageSize = db.pragma('page_size', { simple: true }) as number
    db.close()
    // Overwrite the index's root page with garbage: the file still opens, but the check must fail.
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (indexPage - 1) * pageSize)
    fs.closeSync(fd)
    expect(() => openDatabase(file, { migrations: appMigrations })).toThrow(DatabaseCorruptError)
  })
})

describe.each([
  ['app', appMigrations],
  ['cache', cacheMigrations],
] as const)('%s database migrations', (_kind, migrations) => {
  it('migrate an empty database to the latest version, with STRICT tables only', () => {
    const db = openDatabase(tempFile(), { migrations })
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations))
    // Full-text tables are virtual, with shadow tables SQLite creates itself: STRICT does not apply to them.
    const virtual = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").all().map((row) => row.name)
    const sql = db
      .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")
      .all()
      .filter((row) => !virtual.some((name) => row.name.startsWith(`${name}_`)))
    expect(sql.length).toBeGreaterThan(0)
    for (const row of sql) expect(row.sql, row.name).toMatch(/\)\s*STRICT\s*$/)
    db.close()
  })

  it('are numbered in steps of ten, in order', () => {
    migrations.forEach((migration, index) => expect(migration.version).toBe((index + 1) * 10))
  })

  it.each(migrations.map((migration, index) => [migration.name, index] as const))('%s applies on top of the version before it', (_name, index) => {
    const file = tempFile()
    const previous = index === 0 ? 0 : migrations[index - 1]!.version
    const target = migrations[index]!
    const before = openDatabase(file, { migrations, targetVersion: previous })
    expect(before.pragma('user_version', { simple: true })).toBe(previous)
    const schemaBefore = schemaText(before)
    before.close()
    const after = openDatabase(file, { migrations, targetVersion: target.version })
    expect(after.pragma('user_version', { simple: true })).toBe(target.version)
    // Every migration changes the schema (tables, columns or indexes).
    expect(schemaText(after)).not.toBe(schemaBefore)
    after.close()
  })

  it('roll back entirely when one fails, leaving the version where it was', () => {
    const broken: Migration[] = [
      ...migrations,
      { version: latestVersion(migrations) + 10, name: 'creates-then-fails', up: (db) => { db.exec('CREATE TABLE half (id INTEGER) STRICT'); throw new Error('boom') } },
    ]
    const file = tempFile()
    expect(() => openDatabase(file, { migrations: broken })).toThrow('boom')
    const db = new Database(file)
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(tableNames(db)).toEqual([])
    db.close()
  })

  it('refuse a list that is out of order', () => {
    const shuffled: Migration[] = [migrations[1]!, migrations[0]!]
    expect(() => openDatabase(':memory:', { migrations: shuffled })).toThrow(/out of order/)
  })
})
