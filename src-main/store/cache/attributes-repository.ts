// Cached custom group attributes.
import type { Db } from '../db'

export interface AttributesRepository {
  /** Replaces a group's attributes with a complete set from the service. */
  replaceAll(groupID: string, attributes: Readonly<Record<string, string>>, at: number): void
  /** Applies an update event: changed keys written, deleted keys removed. */
  apply(groupID: string, updated: Readonly<Record<string, string>>, deletedKeys: readonly string[], at: number): void
  get(groupID: string): Record<string, string>
}

export function createAttributesRepository(db: Db): AttributesRepository {
  const deleteAll = db.prepare<[string]>('DELETE FROM attributes WHERE group_id = ?')
  const deleteOne = db.prepare<[string, string]>('DELETE FROM attributes WHERE group_id = ? AND key = ?')
  const upsert = db.prepare<[string, string, string, number]>(
    'INSERT INTO attributes (group_id, key, value, synced_at) VALUES (?, ?, ?, ?) ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value, synced_at = excluded.synced_at',
  )
  const select = db.prepare<[string], { key: string; value: string }>('SELECT key, value FROM attributes WHERE group_id = ? ORDER BY key')

  const replaceAll = db.transaction((groupID: string, attributes: Readonly<Record<string, string>>, at: number) => {
    deleteAll.run(groupID)
    for (const [key, value] of Object.entries(attributes)) upsert.run(groupID, key, value, at)
  })
  const apply = db.transaction((groupID: string, updated: Readonly<Record<string, string>>, deletedKeys: readonly string[], at: number) => {
    // An empty delete list with no updates is how "all deleted" arrives after a clear.
    for (const key of deletedKeys) deleteOne.run(groupID, key)
    for (const [key, value] of Object.entries(updated)) upsert.run(groupID, key, value, at)
  })

  return {
    replaceAll: (groupID, attributes, at) => replaceAll(groupID, attributes, at),
    apply: (groupID, updated, deletedKeys, at) => apply(groupID, updated, deletedKeys, at),
    get: (groupID) => Object.fromEntries(select.all(groupID).map((row) => [row.key, row.value])),
  }
}
