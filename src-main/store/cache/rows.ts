import type { Statement } from 'better-sqlite3'
import type { Db } from '../db'

// Helpers shared by the cache repositories: time units and JSON columns.

/** The SDK reports times in seconds; the cache keeps milliseconds, like every other time it stores. */
export function secondsToMs(seconds: number | undefined | null): number {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.trunc(seconds * 1000) : 0
}

/** 0 means "never" or "unknown" in the cache's time columns. */
export function msToDate(ms: number): Date | null {
  return ms > 0 ? new Date(ms) : null
}

export function parseJsonArray<T>(text: string): T[] {
  try {
    const parsed: unknown = JSON.parse(text)
    return Array.isArray(parsed) ? (parsed as T[]) : []
  } catch {
    return []
  }
}

/** Escapes a user's search text for a LIKE pattern with `ESCAPE '\'`. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

/**
 * Prepared statements for SQL built from closed sets of clauses (filters, sort columns), prepared once
 * per distinct text: a query page must not pay for compiling its SQL again.
 */
export function statementCache(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>()
  return (sql: string) => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      cache.set(sql, statement)
    }
    return statement
  }
}
