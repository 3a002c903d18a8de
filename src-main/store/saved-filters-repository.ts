// The inbox's saved filters. A stored query that no longer parses (an older version's) is skipped, not fatal.
import { savedFilterSchema, type SavedFilter } from '../shared/domain'
import type { Db } from './db'

export interface SavedFiltersRepository {
  list(): SavedFilter[]
  save(filter: SavedFilter): SavedFilter[]
  remove(name: string): SavedFilter[]
}

export function createSavedFiltersRepository(db: Db, now: () => number = Date.now): SavedFiltersRepository {
  const selectAll = db.prepare<[], { name: string; query: string }>('SELECT name, query FROM saved_filters ORDER BY name COLLATE NOCASE')
  const upsert = db.prepare<[string, string, number]>(
    'INSERT INTO saved_filters (name, query, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET query = excluded.query, updated_at = excluded.updated_at',
  )
  const deleteOne = db.prepare<[string]>('DELETE FROM saved_filters WHERE name = ?')

  function list(): SavedFilter[] {
    return selectAll.all().flatMap((row) => {
      const parsed = savedFilterSchema.safeParse({ name: row.name, query: JSON.parse(row.query) })
      return parsed.success ? [parsed.data] : []
    })
  }

  return {
    list,
    save(filter) {
      const parsed = savedFilterSchema.parse(filter)
      upsert.run(parsed.name, JSON.stringify(parsed.query), now())
      return list()
    },
    remove(name) {
      deleteOne.run(name)
      return list()
    },
  }
}
